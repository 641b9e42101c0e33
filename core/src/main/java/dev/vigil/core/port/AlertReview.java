package dev.vigil.core.port;

import dev.vigil.core.alert.AlertAction;
import dev.vigil.core.review.ActionResult;
import dev.vigil.core.review.AlertChange;
import dev.vigil.core.review.AlertDetail;
import dev.vigil.core.review.AlertPage;
import dev.vigil.core.review.AlertQuery;
import dev.vigil.core.review.FeedPosition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The alerts as operators review them (the catalog implements it; the API's alert routes call it).
 * Thread-safe. Failures are {@link dev.vigil.core.error.VigilException}s: UNAVAILABLE when the
 * catalog cannot be reached.
 */
public interface AlertReview {
    /** One page of alerts, newest first, only of the query's scope. */
    AlertPage list(AlertQuery query);

    /** One alert with its message and actions, if it exists. */
    Optional<AlertDetail> find(UUID alertId);

    /**
     * Takes an operator's action, if {@link dev.vigil.core.review.AlertState#allows} it from the
     * alert's current state and no later action holds; the check and the change are one
     * transaction. Recorded like an acknowledgement from Kafka, with {@code origin}.
     *
     * @param by who acts (1-200 characters)
     * @param note 0-2000 characters, or {@code null}
     * @param origin unique per request, e.g. {@code api:<token id>/<request id>}
     * @param at when the operator acted
     */
    ActionResult act(UUID alertId, AlertAction action, String by, String note, String origin, Instant at);

    /** Where the feed ends now: changes after it are new. */
    FeedPosition head();

    /**
     * Changes after {@code after} (each kind by its own row id), oldest first, at most {@code limit}
     * of each kind. Rows committed late under a lower id than one already read are not returned by
     * a later call with a later position; the caller re-reads a window to catch them.
     */
    List<AlertChange> changesAfter(FeedPosition after, int limit);
}
