package dev.vigil.ingest.rtsp;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The request side of one RTSP connection: numbers requests (CSeq), adds the session and
 * authorization headers, keeps at most one request outstanding with a timeout, matches answers to
 * it, and answers a 401 challenge once per request with the configured credentials.
 *
 * <p>Threading: every method runs on the connection's event loop.
 */
final class RtspRequester {
    private static final String USER_AGENT = "vigil/0.1";
    private static final List<String> OWN_HEADERS = List.of("cseq", "user-agent", "session", "authorization");

    /** What became of a 401. */
    enum Challenge {
        /** The request was sent again with credentials. */
        RETRIED,
        /** No credentials are configured. */
        NO_CREDENTIALS,
        /** The credentials were already tried for this request, or no challenge could be answered. */
        REFUSED
    }

    private final ChannelHandlerContext ctx;
    private final Credentials credentials;
    private final Duration timeout;
    /** Called with the method and a reason when a request times out or cannot be written. */
    private final BiConsumer<String, Throwable> onFailure;
    private final SecureRandom random = new SecureRandom();

    private int cseq;
    private RtspRequest outstanding;
    private ScheduledFuture<?> timer;
    private Authenticator authenticator;
    private boolean challengeAnswered;
    private SessionHeader session;

    /**
     * @param credentials {@code null} for none
     * @param onFailure gets the method and the cause ({@code null} for a timeout)
     */
    RtspRequester(ChannelHandlerContext ctx, Credentials credentials, Duration timeout,
            BiConsumer<String, Throwable> onFailure) {
        this.ctx = ctx;
        this.credentials = credentials;
        this.timeout = timeout;
        this.onFailure = onFailure;
    }

    /** Sends a request with {@code headers} (name, value, name, value, ...). */
    void send(String method, String uri, String... headers) {
        outstanding = new RtspRequest(method, uri, headers(method, uri, headers), null);
        timer = ctx.executor().schedule(() -> onFailure.accept(method, null), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(outstanding.encode())).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                onFailure.accept(method, f.cause());
            }
        });
    }

    /**
     * Sends a request nobody waits for, then closes the connection once it is written: the last
     * word before a failure close (quirk 11, so that the camera frees the session at once).
     */
    void sendAndClose(String method, String uri) {
        cancel();
        RtspRequest last = new RtspRequest(method, uri, headers(method, uri), null);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(last.encode())).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * The outstanding request {@code response} answers, or empty for a late or unsolicited answer.
     * A camera without CSeq is matched to what was sent.
     */
    Optional<RtspRequest> match(RtspResponse response) {
        int seq = response.headers().cseq();
        if (outstanding == null || (seq >= 0 && seq != cseq)) {
            return Optional.empty();
        }
        RtspRequest request = outstanding;
        outstanding = null;
        timer.cancel(false);
        return Optional.of(request);
    }

    /** Any other answer than a 401: a later 401 (a stale nonce on a keepalive) may be answered again. */
    void answered() {
        challengeAnswered = false;
    }

    /** Answers a 401 to {@code request} by sending it again with credentials, once. */
    Challenge challenge(RtspRequest request, RtspResponse response) {
        if (credentials == null) {
            return Challenge.NO_CREDENTIALS;
        }
        Optional<Authenticator> auth = challengeAnswered ? Optional.empty()
                : Authenticator.forChallenges(response.headers().getAll("WWW-Authenticate"), credentials,
                        () -> HexFormat.of().formatHex(random.generateSeed(8)));
        if (auth.isEmpty()) {
            return Challenge.REFUSED;
        }
        authenticator = auth.get();
        challengeAnswered = true;
        send(request.method(), request.uri(), extraHeaders(request));
        return Challenge.RETRIED;
    }

    /** Sent with every later request. */
    void useSession(SessionHeader value) {
        session = value;
    }

    SessionHeader session() {
        return session;
    }

    boolean idle() {
        return outstanding == null;
    }

    /** The outstanding request may take as long as it likes; its answer is still matched. */
    void disarmTimeout() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Stops waiting for the outstanding request. */
    void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
        outstanding = null;
    }

    private RtspHeaders headers(String method, String uri, String... extra) {
        RtspHeaders h = RtspHeaders.of("CSeq", Integer.toString(++cseq), "User-Agent", USER_AGENT);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            h = h.with(extra[i], extra[i + 1]);
        }
        if (session != null) {
            h = h.with("Session", session.id());
        }
        if (authenticator != null) {
            h = h.with("Authorization", authenticator.authorization(method, uri));
        }
        return h;
    }

    private static String[] extraHeaders(RtspRequest request) {
        List<RtspHeaders.Field> fields = request.headers().fields().stream()
                .filter(f -> !OWN_HEADERS.contains(f.name().toLowerCase(Locale.ROOT)))
                .toList();
        String[] out = new String[fields.size() * 2];
        for (int i = 0; i < fields.size(); i++) {
            out[2 * i] = fields.get(i).name();
            out[2 * i + 1] = fields.get(i).value();
        }
        return out;
    }
}
