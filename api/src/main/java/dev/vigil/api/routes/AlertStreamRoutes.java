package dev.vigil.api.routes;

import dev.vigil.api.http.ApiRequest;
import dev.vigil.api.http.ApiResponse;
import dev.vigil.api.http.FieldError;
import dev.vigil.api.http.JsonCodec;
import dev.vigil.api.http.Route;
import dev.vigil.api.http.RouteGroup;
import dev.vigil.core.access.SiteScope;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.port.AlertReview;
import dev.vigil.core.review.AlertChange;
import dev.vigil.core.review.AlertFilter;
import dev.vigil.core.review.FeedPosition;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /api/v1/alerts/stream}: new alert messages and actions as Server-Sent Events, with the
 * listing's filters ({@link AlertParams#FILTERS}) and the token's site scope. Events:
 * <pre>
 * id: 120-7
 * event: alert            (a message: OPENED, UPDATED, CLOSED; or "action" for an operator's action)
 * data: {"type":"alert","alert":{...summary...},"action":null}
 * </pre>
 * A comment line ({@code : heartbeat}) every {@value #HEARTBEAT_SECONDS} s keeps proxies from
 * closing an idle stream. A client that reconnects sends the last id as {@code Last-Event-ID}; it
 * gets what it missed from the catalog (at most {@value #BACKLOG} changes of each kind), then the
 * live feed. A malformed {@code Last-Event-ID} is a 400 naming it. The stream ends when the node
 * stops or the client falls more than {@value AlertFeed#QUEUE} changes behind (reconnect to
 * resume). Roles: those of the listing.
 */
public final class AlertStreamRoutes implements RouteGroup {
    static final int HEARTBEAT_SECONDS = 15;
    static final int BACKLOG = 1000;
    private static final Duration WAIT = Duration.ofSeconds(1);

    private final AlertReview review;
    private final AlertFeed feed;
    private final JsonCodec json = new JsonCodec();

    public AlertStreamRoutes(AlertReview review, AlertFeed feed) {
        this.review = Objects.requireNonNull(review, "review");
        this.feed = Objects.requireNonNull(feed, "feed");
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/api/v1/alerts/stream", AlertRoutes.readers(), this::stream));
    }

    private ApiResponse stream(ApiRequest request) {
        AlertFilter filter = AlertParams.filter(AlertParams.of(request), AlertParams.FILTERS);
        FeedPosition resume = request.header("Last-Event-ID").map(v -> {
            try {
                return FeedPosition.parse(v.strip());
            } catch (VigilException e) {
                throw new FieldError("Last-Event-ID", e.getMessage());
            }
        }).orElse(null);
        SiteScope scope = request.requirePrincipal().scope();
        if (request.method().name().equals("HEAD")) {
            return ApiResponse.stream(200, "text/event-stream; charset=utf-8", out -> { });
        }
        AlertFeed.Subscription subscription = feed.subscribe(filter, scope);
        return ApiResponse.stream(200, "text/event-stream; charset=utf-8", out -> {
            try (subscription) {
                write(out, subscription, resume);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).withHeader("X-Accel-Buffering", "no");
    }

    private void write(OutputStream out, AlertFeed.Subscription subscription, FeedPosition resume)
            throws IOException, InterruptedException {
        // Without Last-Event-ID the ids start from the feed's end now, so that a resume asks only for what follows.
        FeedPosition position = resume != null ? resume : review.head();
        send(out, "retry: 3000\n: connected\n\n");
        Set<String> replayed = new HashSet<>();
        if (resume != null) {
            for (AlertChange c : review.changesAfter(resume, BACKLOG)) {
                if (subscription.admits(c)) {
                    position = advance(position, c);
                    event(out, c, position);
                    replayed.add(c.key());
                }
            }
        }
        out.flush();
        long lastWrite = System.nanoTime();
        while (!subscription.ended()) {
            AlertChange c = subscription.next(WAIT);
            if (c != null) {
                if (replayed.remove(c.key())) {
                    continue;
                }
                position = advance(position, c);
                event(out, c, position);
                out.flush();
                lastWrite = System.nanoTime();
            } else if (System.nanoTime() - lastWrite > Duration.ofSeconds(HEARTBEAT_SECONDS).toNanos()) {
                send(out, ": heartbeat\n\n");
                lastWrite = System.nanoTime();
            } else {
                out.flush(); // fails once the client has gone, freeing this worker within a second
            }
        }
    }

    private static FeedPosition advance(FeedPosition p, AlertChange c) {
        return c.kind() == AlertChange.Kind.MESSAGE ? p.max(new FeedPosition(c.rowId(), 0))
                : p.max(new FeedPosition(0, c.rowId()));
    }

    private void event(OutputStream out, AlertChange c, FeedPosition position) throws IOException {
        String data = new String(json.write(AlertViews.Change.of(c)), StandardCharsets.UTF_8);
        out.write(("id: " + position.text() + "\nevent: " + (c.kind() == AlertChange.Kind.MESSAGE ? "alert" : "action")
                + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
