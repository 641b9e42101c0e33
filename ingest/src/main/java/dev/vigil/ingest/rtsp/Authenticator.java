package dev.vigil.ingest.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers a {@code 401} challenge: HTTP Basic (RFC 7617) or Digest with MD5 (RFC 2617, with or
 * without {@code qop=auth}), as RTSP borrows them (RFC 2326 section 12.5). Pure apart from the
 * injected client-nonce source; never logs and never shows the password in {@link #toString()}.
 *
 * <p>Not thread-safe: the nonce count belongs to one session.
 */
public final class Authenticator {
    private final Credentials credentials;
    private final String scheme;
    private final Map<String, String> params;
    private final Supplier<String> cnonce;
    private int nonceCount;

    private Authenticator(Credentials credentials, String scheme, Map<String, String> params,
            Supplier<String> cnonce) {
        this.credentials = credentials;
        this.scheme = scheme;
        this.params = params;
        this.cnonce = cnonce;
    }

    /**
     * Picks the strongest challenge we support among {@code WWW-Authenticate} values: Digest with
     * MD5 (or no algorithm) before Basic. Empty if none is supported.
     */
    public static Optional<Authenticator> forChallenges(List<String> challenges, Credentials credentials,
            Supplier<String> cnonce) {
        Objects.requireNonNull(credentials, "credentials");
        Authenticator basic = null;
        for (String c : challenges) {
            String trimmed = c.strip();
            int space = trimmed.indexOf(' ');
            String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
            Map<String, String> p = parseParams(space < 0 ? "" : trimmed.substring(space + 1));
            if (scheme.equals("digest") && p.containsKey("nonce")
                    && p.getOrDefault("algorithm", "MD5").equalsIgnoreCase("MD5")) {
                return Optional.of(new Authenticator(credentials, "digest", p, cnonce));
            }
            if (scheme.equals("basic") && basic == null) {
                basic = new Authenticator(credentials, "basic", p, cnonce);
            }
        }
        return Optional.ofNullable(basic);
    }

    /** The {@code Authorization} header value for one request. */
    public String authorization(String method, String uri) {
        if (scheme.equals("basic")) {
            String up = credentials.user() + ":" + credentials.password();
            return "Basic " + Base64.getEncoder().encodeToString(up.getBytes(StandardCharsets.UTF_8));
        }
        String realm = params.getOrDefault("realm", "");
        String nonce = params.get("nonce");
        String ha1 = md5(credentials.user() + ":" + realm + ":" + credentials.password());
        String ha2 = md5(method + ":" + uri);
        StringBuilder sb = new StringBuilder("Digest username=\"").append(credentials.user())
                .append("\", realm=\"").append(realm).append("\", nonce=\"").append(nonce)
                .append("\", uri=\"").append(uri).append('"');
        String qop = params.get("qop");
        boolean auth = qop != null && List.of(qop.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("auth");
        if (auth) {
            String nc = String.format(Locale.ROOT, "%08x", ++nonceCount);
            String cn = cnonce.get();
            sb.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + nc + ":" + cn + ":auth:" + ha2))
                    .append("\", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cn).append('"');
        } else {
            sb.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + ha2)).append('"');
        }
        if (params.containsKey("opaque")) {
            sb.append(", opaque=\"").append(params.get("opaque")).append('"');
        }
        if (params.containsKey("algorithm")) {
            sb.append(", algorithm=MD5");
        }
        return sb.toString();
    }

    /** {@code name=value} or {@code name="quoted, value"} pairs separated by commas; names lower-cased. */
    /** The parameters of a Digest challenge or answer (after the scheme), keys in lower case. */
    public static Map<String, String> parseDigestParams(String s) {
        return parseParams(s);
    }

    static Map<String, String> parseParams(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < n && s.charAt(i) != ',') {
                    value.append(s.charAt(i++));
                }
            }
            out.put(name, value.toString().strip());
        }
        return out;
    }

    private static String md5(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "Authenticator[" + scheme + ", user=" + credentials.user() + "]";
    }
}
