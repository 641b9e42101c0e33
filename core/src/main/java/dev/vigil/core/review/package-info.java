/**
 * The operators' review of alerts, as the API offers it and the catalog answers it: the filter and
 * cursor of an alert listing ({@link dev.vigil.core.review.AlertFilter},
 * {@link dev.vigil.core.review.AlertCursor}, {@link dev.vigil.core.review.AlertQuery}), what a
 * listing and a detail show ({@link dev.vigil.core.review.AlertSummary},
 * {@link dev.vigil.core.review.AlertDetail}), an operator's action and its outcome, and the feed of
 * changes behind the live stream ({@link dev.vigil.core.review.AlertChange},
 * {@link dev.vigil.core.review.FeedPosition}). Ports: {@link dev.vigil.core.port.AlertReview},
 * {@link dev.vigil.core.port.AlertMedia}.
 */
package dev.vigil.core.review;
