package dev.vigil.core.review;

import java.util.List;

/**
 * A page of alerts, newest first.
 *
 * @param items the alerts
 * @param next where the next page starts, or {@code null} when this page is the last
 */
public record AlertPage(List<AlertSummary> items, AlertCursor next) {
    public AlertPage {
        items = List.copyOf(items);
    }
}
