package dev.vigil.api.routes;

import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.SiteRule;
import dev.vigil.api.http.ApiRequest;
import dev.vigil.api.http.ApiResponse;
import dev.vigil.api.http.FieldError;
import dev.vigil.api.http.Route;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.api.http.SizedResource;
import dev.vigil.core.access.AuditAction;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.Codec;
import dev.vigil.core.model.TimeRange;
import dev.vigil.core.playback.PlaybackMovie;
import dev.vigil.core.playback.PlaybackPart;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.RecordingPlayback;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * Playback of one camera's recordings:
 * <ul>
 *   <li>{@code GET /api/v1/cameras/{id}/playback?from=T1&to=T2}: the continuous parts of the range
 *       (a gap over a second, or a change of codec or parameter sets, starts a new part), each
 *       with its span and the URL of its MP4;
 *   <li>{@code GET /api/v1/cameras/{id}/playback.mp4?from=T1&to=T2}: the first part as one MP4
 *       (moov first) stitched from the recorded segments on the fly, with range requests, so a
 *       browser's {@code <video>} seeks in it. Headers: {@code X-Vigil-Start} (wall-clock time of
 *       media time 0), {@code X-Vigil-End}, and when the recordings go on after a gap
 *       {@code X-Vigil-Next-Part} and {@code Link: <...>; rel="next"}. The token may come as
 *       {@code ?access_token=} and the reason as {@code ?reason=}, for URLs a browser loads itself.
 * </ul>
 * Ranges span at most two hours. Roles: admin, police (with a stated reason), operator; the
 * camera must be at one of a site-limited token's sites. Each viewing (a token's requests for one
 * movie within 15 minutes) is audited once as {@code playback}; a parts listing as {@code search}.
 */
public final class PlaybackRoutes implements RouteGroup {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final RecordingPlayback playback;
    private final AuditLog audit;
    private final ViewingAudit viewings;

    public PlaybackRoutes(RecordingPlayback playback, AuditLog audit) {
        this.playback = Objects.requireNonNull(playback, "playback");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.viewings = new ViewingAudit(audit);
    }

    @Override
    public List<Route> routes() {
        Access access = RecordingSearchRoutes.viewers().sites(new SiteRule.CameraParam("id"));
        return List.of(
                Route.get("/api/v1/cameras/{id}/playback", access, this::parts),
                Route.get("/api/v1/cameras/{id}/playback.mp4", access.allowQueryToken(), this::movie));
    }

    /** The URL of the parts listing of a camera's range. */
    static String partsUrl(CameraId camera, Instant from, Instant to) {
        return "/api/v1/cameras/" + camera.value() + "/playback?" + range(from, to);
    }

    /** The URL of the movie of a camera's range. */
    static String movieUrl(CameraId camera, Instant from, Instant to) {
        return "/api/v1/cameras/" + camera.value() + "/playback.mp4?" + range(from, to);
    }

    private static String range(Instant from, Instant to) {
        return "from=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8) + "&to="
                + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8);
    }

    record Part(Instant from, Instant to, Codec codec, int width, int height, String startsBecause, String url) {}

    record Parts(String camera, Instant from, Instant to, List<Part> parts) {}

    private ApiResponse parts(ApiRequest request) {
        CameraId camera = request.cameraParam("id");
        TimeRange range = range(request);
        audit.append(request.auditEvent(AuditAction.SEARCH, camera, range.start(), range.end(), "playback parts"));
        List<Part> parts = playback.parts(camera, range).stream().map(p -> new Part(p.span().start(), p.span().end(),
                p.codec(), p.width(), p.height(), p.startsBecause().wireName(),
                movieUrl(camera, p.span().start(), p.span().end()))).toList();
        return ApiResponse.json(new Parts(camera.value(), range.start(), range.end(), parts));
    }

    private ApiResponse movie(ApiRequest request) {
        CameraId camera = request.cameraParam("id");
        TimeRange range = range(request);
        PlaybackMovie movie = playback.movie(camera, range);
        viewings.record(request, AuditAction.PLAYBACK, camera, range.start(), range.end(), null);
        ApiResponse response = ApiResponse.resource(new MovieResource(movie))
                .withHeader("X-Vigil-Start", movie.start().toString())
                .withHeader("X-Vigil-End", movie.end().toString())
                .withHeader("Content-Disposition", "inline; filename=\"" + camera.value() + "_"
                        + FILE_TIME.format(movie.start()) + ".mp4\"");
        if (movie.nextPart() != null) {
            response = response.withHeader("X-Vigil-Next-Part", movie.nextPart().toString())
                    .withHeader("Link", "<" + movieUrl(camera, movie.nextPart(), range.end()) + ">; rel=\"next\"");
        }
        return response;
    }

    private static TimeRange range(ApiRequest request) {
        Instant from = request.queryInstant("from").orElseThrow(() -> new FieldError("from",
                "query parameter 'from' is required"));
        Instant to = request.queryInstant("to").orElseThrow(() -> new FieldError("to",
                "query parameter 'to' is required"));
        if (!to.isAfter(from)) {
            throw new FieldError("to", "to (" + to + ") must be after from (" + from + ")");
        }
        if (TimeRange.of(from, to).duration().compareTo(RecordingPlayback.MAX_RANGE) > 0) {
            throw new FieldError("to", "a playback range may span at most " + RecordingPlayback.MAX_RANGE.toHours()
                    + " h; list the parts and play them one after the other");
        }
        return TimeRange.of(from, to);
    }

    /** A movie as the framework serves sized resources. */
    private record MovieResource(PlaybackMovie movie) implements SizedResource {
        @Override
        public long size() {
            return movie.size();
        }

        @Override
        public String contentType() {
            return movie.contentType();
        }

        @Override
        public String etag() {
            return "\"" + movie.etag() + "\"";
        }

        @Override
        public InputStream open(long offset, long length) {
            return movie.open(offset, length);
        }
    }
}
