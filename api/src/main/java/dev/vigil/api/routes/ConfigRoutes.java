package dev.vigil.api.routes;

import dev.vigil.api.auth.Principal;
import dev.vigil.api.http.ApiRequest;
import dev.vigil.api.http.FieldError;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.core.access.Role;
import dev.vigil.core.directory.ConfigAuthor;
import dev.vigil.core.directory.ConfigVersion;
import dev.vigil.core.port.CameraDirectory;
import dev.vigil.core.port.CameraProbe;
import dev.vigil.core.port.NodeStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The integrators' routes over a {@link CameraDirectory}: {@link SiteRoutes} and
 * {@link CameraConfigRoutes}, and what they share: who may write ({@link #WRITERS}), the author of
 * a change, {@code If-Match} versions and paged history.
 */
public final class ConfigRoutes {
    /** The roles that change sites and cameras. */
    static final Role[] WRITERS = {Role.ADMIN, Role.INTEGRATOR};
    /** The roles that see a camera's credentials (user name and password variable; never a password). */
    static final Set<Role> SEE_CREDENTIALS = Set.of(Role.ADMIN, Role.INTEGRATOR);
    static final int DEFAULT_HISTORY = 20;
    static final int MAX_HISTORY = 100;
    private static final Pattern ETAG = Pattern.compile("(?:W/)?\"?(\\d{1,9})\"?");

    private ConfigRoutes() {}

    /** The site and camera routes. */
    public static List<RouteGroup> of(CameraDirectory directory, NodeStatus status, CameraProbe probe) {
        return List.of(new SiteRoutes(directory), new CameraConfigRoutes(directory, status, probe));
    }

    /** The author of a change: the request's token. */
    static ConfigAuthor author(ApiRequest request) {
        Principal who = request.requirePrincipal();
        return new ConfigAuthor(who.tokenId(), who.name());
    }

    /**
     * The version the caller read, from {@code If-Match: "3"} (as {@code ETag} gave it), or
     * {@code null} when the header is absent: the write then replaces whatever is there.
     */
    static Integer ifMatch(ApiRequest request) {
        return request.header("If-Match").map(v -> {
            Matcher m = ETAG.matcher(v.strip());
            if (!m.matches()) {
                throw new FieldError("If-Match", "If-Match must be a version as ETag gives it, e.g. \"3\"");
            }
            return Integer.parseInt(m.group(1));
        }).orElse(null);
    }

    /** An {@code ETag} value for a version. */
    static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** A page of versions, newest first; {@code next} is the {@code before} of the next page, or {@code null}. */
    record History(List<ConfigVersion> versions, Integer next) {
        static History of(List<ConfigVersion> versions, int limit) {
            Integer next = versions.size() < limit ? null : versions.get(versions.size() - 1).version();
            return new History(versions, next);
        }
    }

    /** {@code ?before=N&limit=M}: before defaults to the newest, limit to {@value #DEFAULT_HISTORY}. */
    static int[] page(ApiRequest request) {
        int before = request.queryLong("before", 2, Integer.MAX_VALUE).map(Long::intValue).orElse(Integer.MAX_VALUE);
        int limit = request.queryLong("limit", 1, MAX_HISTORY).map(Long::intValue).orElse(DEFAULT_HISTORY);
        return new int[] {before, limit};
    }

    /** What a write answers besides the entry: the version written, what restarted, what failed. */
    record Applied(ConfigVersion version, boolean changed, Map<String, List<String>> restarted, List<String> problems) {}
}
