package dev.vigil.core.review;

import java.util.Objects;

/**
 * What became of an operator's action taken through the API.
 *
 * @param outcome applied, refused or unknown alert
 * @param state the alert's state after it ({@code null} for an unknown alert)
 * @param why for a refusal, one sentence for the operator; else {@code null}
 */
public record ActionResult(Outcome outcome, AlertState state, String why) {
    public enum Outcome {
        /** Recorded, and the alert's state is now the action's. */
        APPLIED,
        /** Not allowed from the alert's state ({@link AlertState#allows}), or a later action holds: nothing recorded. */
        CONFLICT,
        /** No such alert: nothing recorded. */
        UNKNOWN_ALERT
    }

    public ActionResult {
        Objects.requireNonNull(outcome, "outcome");
    }
}
