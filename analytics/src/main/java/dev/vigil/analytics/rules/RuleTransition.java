package dev.vigil.analytics.rules;

import dev.vigil.core.model.AnalyticsEvent;

/**
 * One event step a rule produced on a frame, before its snapshot is attached.
 *
 * @param event the step; its {@code snapshotJpeg} is empty
 * @param bestImproved whether this frame is the event's best so far (always on START): the caller
 *     keeps this frame's picture as the event's best frame, in place of the previous one
 * @param publish whether the step goes to the sink; {@code false} for a better frame that is not
 *     worth an UPDATE (only the kept best frame changes)
 */
public record RuleTransition(AnalyticsEvent event, boolean bestImproved, boolean publish) { }
