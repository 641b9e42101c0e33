package dev.vigil.api.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.auth.Access;
import dev.vigil.api.auth.Principal;
import dev.vigil.api.auth.SiteRule;
import dev.vigil.api.http.ApiRequest;
import dev.vigil.api.http.ApiResponse;
import dev.vigil.api.http.FieldError;
import dev.vigil.api.http.Route;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.api.http.SizedResource;
import dev.vigil.core.access.AuditAction;
import dev.vigil.core.access.Role;
import dev.vigil.core.alert.AlertAck;
import dev.vigil.core.alert.AlertAction;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.port.AlertMedia;
import dev.vigil.core.port.AlertReview;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.review.ActionResult;
import dev.vigil.core.review.AlertDetail;
import dev.vigil.core.review.AlertPage;
import dev.vigil.core.review.AlertQuery;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The operators' alert routes:
 * <ul>
 *   <li>{@code GET /api/v1/alerts}: a page of alerts, newest first, filtered (see
 *       {@link AlertParams}); {@code {items, nextCursor}};
 *   <li>{@code GET /api/v1/alerts/{id}}: the alert's last message as sent to the IOC, its state,
 *       every action and its snapshot and clip links ({@code null} when absent);
 *   <li>{@code POST /api/v1/alerts/{id}/acknowledge}, {@code /escalate}, {@code /dismiss} with an
 *       optional body {@code {"note"}}: the same state the IOC's Kafka acknowledgements set, by the
 *       token's name, origin {@code api:<token id>/<request id>}; 409 when the alert's state does
 *       not allow it ({@link dev.vigil.core.review.AlertState#allows});
 *   <li>{@code GET /api/v1/alerts/{id}/snapshot} (JPEG) and {@code /clip} (MP4, range requests,
 *       each viewing audited as {@code download}); the token may come as {@code ?access_token=} for
 *       {@code <img>}/{@code <video>}.
 * </ul>
 * The live stream is {@link AlertStreamRoutes}. Roles: admin, operator and viewer read; admin and
 * operator act. A site-limited token sees only its sites' alerts: others are 404, as if absent.
 */
public final class AlertRoutes implements RouteGroup {
    private final AlertReview review;
    private final AlertMedia media;
    private final ViewingAudit downloads;
    private final ObjectMapper json = new ObjectMapper();

    public AlertRoutes(AlertReview review, AlertMedia media, AuditLog audit) {
        this.review = Objects.requireNonNull(review, "review");
        this.media = Objects.requireNonNull(media, "media");
        this.downloads = new ViewingAudit(Objects.requireNonNull(audit, "audit"));
    }

    /** Who reads alerts. */
    static Access readers() {
        return Access.roles(Role.ADMIN, Role.OPERATOR, Role.VIEWER).sites(new SiteRule.Filtered());
    }

    @Override
    public List<Route> routes() {
        Access read = readers();
        Access act = Access.roles(Role.ADMIN, Role.OPERATOR).sites(new SiteRule.Filtered());
        List<Route> routes = new ArrayList<>(List.of(
                Route.get("/api/v1/alerts", read, this::list),
                Route.get("/api/v1/alerts/{id}", read, this::detail),
                Route.get("/api/v1/alerts/{id}/snapshot", read.allowQueryToken(), this::snapshot),
                Route.get("/api/v1/alerts/{id}/clip", read.allowQueryToken(), this::clip)));
        for (AlertAction a : AlertAction.values()) {
            routes.add(Route.post("/api/v1/alerts/{id}/" + a.wireName(), act, r -> act(r, a)));
        }
        return routes;
    }

    private ApiResponse list(ApiRequest request) {
        AlertParams.Listing p = AlertParams.listing(AlertParams.of(request));
        AlertPage page = review.list(new AlertQuery(p.filter(), request.requirePrincipal().scope(), p.cursor(),
                p.limit()));
        return ApiResponse.json(new AlertViews.Page(page.items().stream().map(AlertViews.Summary::of).toList(),
                page.next() == null ? null : page.next().encode()));
    }

    private ApiResponse detail(ApiRequest request) {
        AlertDetail d = visible(request);
        JsonNode message;
        try {
            message = json.readTree(d.message());
        } catch (IOException e) {
            throw new VigilException(ErrorKind.DATA_LOSS, "alert " + d.summary().alertId()
                    + ": the stored message is not JSON");
        }
        return ApiResponse.json(AlertViews.Detail.of(d, message));
    }

    /** The body of an action. */
    record ActionBody(String note) {
        ActionBody {
            if (note != null) {
                if (note.length() > AlertAck.MAX_NOTE) {
                    throw new FieldError("note", "note must be at most " + AlertAck.MAX_NOTE + " characters, was "
                            + note.length());
                }
                if (note.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t'
                        && c != '\r')) {
                    throw new FieldError("note", "note must not hold control characters other than line breaks and tabs");
                }
                if (note.isBlank()) {
                    note = null;
                }
            }
        }
    }

    private ApiResponse act(ApiRequest request, AlertAction action) {
        UUID id = id(request);
        ActionBody body = request.bodyBytes().length == 0 ? new ActionBody(null) : request.body(ActionBody.class);
        visible(request);
        Principal who = request.requirePrincipal();
        String by = who.name().length() > AlertAck.MAX_BY ? who.name().substring(0, AlertAck.MAX_BY) : who.name();
        String origin = "api:" + who.tokenId() + "/" + request.receivedAt().toEpochMilli() + "-" + request.requestId();
        Instant at = request.receivedAt();
        ActionResult result = review.act(id, action, by, body.note(), origin, at);
        return switch (result.outcome()) {
            case APPLIED -> ApiResponse.json(new AlertViews.Acted(id.toString(), action.wireName(),
                    result.state().label(), by, at, AlertViews.url(id)));
            case CONFLICT -> throw new VigilException(ErrorKind.FAILED_PRECONDITION, "alert " + id + ": "
                    + result.why());
            case UNKNOWN_ALERT -> throw notFound(id);
        };
    }

    private ApiResponse snapshot(ApiRequest request) {
        AlertDetail d = visible(request);
        UUID id = d.summary().alertId();
        if (d.snapshotKey() == null) {
            throw new VigilException(ErrorKind.NOT_FOUND, "alert " + id + " has no snapshot");
        }
        AlertMedia.StoredObject o = media.snapshot(d.snapshotKey()).orElseThrow(() -> new VigilException(
                ErrorKind.NOT_FOUND, "alert " + id + ": its snapshot is no longer stored"));
        return ApiResponse.resource(resource(o, "image/jpeg")).withHeader("Content-Disposition",
                "inline; filename=\"alert-" + id + ".jpg\"");
    }

    private ApiResponse clip(ApiRequest request) {
        AlertDetail d = visible(request);
        UUID id = d.summary().alertId();
        if (d.clipKey() == null) {
            throw new VigilException(ErrorKind.NOT_FOUND, "alert " + id + " has no clip (yet)");
        }
        AlertMedia.StoredObject o = media.clip(d.clipKey()).orElseThrow(() -> new VigilException(
                ErrorKind.NOT_FOUND, "alert " + id + ": its clip is no longer stored"));
        downloads.record(request, AuditAction.DOWNLOAD, d.summary().camera(), d.summary().eventStart(),
                d.summary().eventEnd(), "alert " + id + " clip " + d.clipKey());
        return ApiResponse.resource(resource(o, "video/mp4")).withHeader("Content-Disposition",
                "inline; filename=\"alert-" + id + ".mp4\"");
    }

    private static SizedResource resource(AlertMedia.StoredObject o, String defaultType) {
        return new SizedResource() {
            @Override
            public long size() {
                return o.size();
            }

            @Override
            public String contentType() {
                String t = o.contentType();
                return t == null || t.equals("application/octet-stream") ? defaultType : t;
            }

            @Override
            public String etag() {
                return o.etag() == null ? null : "\"" + o.etag() + "\"";
            }

            @Override
            public Instant lastModified() {
                return o.lastModified();
            }

            @Override
            public InputStream open(long offset, long length) {
                return o.open(offset, length);
            }
        };
    }

    /** The path's alert, if the token may see its site; else NOT_FOUND, as if it did not exist. */
    private AlertDetail visible(ApiRequest request) {
        UUID id = id(request);
        AlertDetail d = review.find(id).orElseThrow(() -> notFound(id));
        if (!request.requirePrincipal().permits(d.summary().site())) {
            throw notFound(id);
        }
        return d;
    }

    private static VigilException notFound(UUID id) {
        return new VigilException(ErrorKind.NOT_FOUND, "no alert " + id);
    }

    static UUID id(ApiRequest request) {
        String v = request.pathParam("id");
        try {
            UUID id = UUID.fromString(v);
            if (id.toString().equals(v.toLowerCase(java.util.Locale.ROOT))) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new FieldError("id", "path parameter 'id' must be an alert id (a UUID), was '"
                + AlertParams.printable(v) + "'");
    }
}
