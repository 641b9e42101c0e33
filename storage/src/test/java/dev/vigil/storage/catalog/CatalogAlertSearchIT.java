package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.access.SiteScope;
import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.AlertAck;
import dev.vigil.core.alert.AlertAction;
import dev.vigil.core.alert.AlertCamera;
import dev.vigil.core.alert.AlertLifecycle;
import dev.vigil.core.alert.AlertRule;
import dev.vigil.core.alert.AlertSeverity;
import dev.vigil.core.alert.AlertSite;
import dev.vigil.core.alert.AlertSource;
import dev.vigil.core.alert.TimeOrderedUuid;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.review.ActionResult;
import dev.vigil.core.review.AlertChange;
import dev.vigil.core.review.AlertCursor;
import dev.vigil.core.review.AlertFilter;
import dev.vigil.core.review.AlertPage;
import dev.vigil.core.review.AlertQuery;
import dev.vigil.core.review.AlertState;
import dev.vigil.core.review.AlertSummary;
import dev.vigil.core.review.FeedPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The operators' alert listing, actions and feed (V4 + V9) on H2 and PostgreSQL. */
@Timeout(180)
class CatalogAlertSearchIT {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    @RegisterExtension
    static final TestCatalogs catalogs = new TestCatalogs();

    private static UUID publish(AlertRepository repo, String site, String camera, String type, AlertSeverity severity,
            Instant start) {
        Alert a = new Alert(TimeOrderedUuid.at(start), AlertLifecycle.OPENED, severity, new AlertSite(SiteId.of(site),
                site), new AlertCamera(CameraId.of(camera), camera, CameraKind.SECURITY), null,
                new AlertRule(type + "-1", type), "person", 1, 0.9, List.of(), start, null, start, start, null, null,
                "vigil-1");
        repo.publish(new AlertEntry(a, AlertSource.ANALYTICS, a.alertId().toString(), ClipState.NONE, null, null),
                start);
        return a.alertId();
    }

    private static AlertFilter filter(Set<SiteId> sites, Set<String> kinds, Set<AlertState> states) {
        return new AlertFilter(null, null, sites, Set.of(), kinds, Set.of(), Set.of(), states);
    }

    @ParameterizedTest
    @MethodSource("dev.vigil.storage.catalog.TestCatalogs#databases")
    void pagesAreNewestFirstStableUnderInsertsAndFiltered(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            AlertRepository repo = new AlertRepository(catalog.dataSource());
            CatalogAlertSearch search = new CatalogAlertSearch(catalog.dataSource());
            Set<UUID> yard = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                Instant start = T0.plusSeconds(i / 3); // three alerts per second: the id breaks the tie
                yard.add(publish(repo, "yard", "cam-" + (i % 2), "zone_intrusion", AlertSeverity.WARNING, start));
                publish(repo, "dock", "cam-9", "loitering", AlertSeverity.CRITICAL, start);
            }
            SiteScope yardOnly = SiteScope.of(List.of(SiteId.of("yard")));
            List<AlertSummary> seen = new ArrayList<>();
            AlertCursor cursor = null;
            do {
                AlertPage page = search.list(new AlertQuery(AlertFilter.ALL, yardOnly, cursor, 7));
                seen.addAll(page.items());
                if (seen.size() == 7) {
                    publish(repo, "yard", "cam-1", "zone_intrusion", AlertSeverity.INFO, T0.plusSeconds(3600));
                    publish(repo, "yard", "cam-1", "zone_intrusion", AlertSeverity.INFO, T0.minusSeconds(3600));
                }
                cursor = page.next() == null ? null : AlertCursor.parse(page.next().encode());
            } while (cursor != null);
            assertEquals(31, seen.size(), "30, and the older one inserted while paging; the newer one not");
            assertEquals(T0.minusSeconds(3600), seen.get(30).eventStart());
            assertTrue(seen.subList(0, 30).stream().allMatch(a -> yard.contains(a.alertId())));
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(!seen.get(i).eventStart().isAfter(seen.get(i - 1).eventStart()), "newest first");
            }
            assertEquals(31, new HashSet<>(seen.stream().map(AlertSummary::alertId).toList()).size(), "each once");

            assertEquals(0, search.list(new AlertQuery(filter(Set.of(SiteId.of("dock")), Set.of(), Set.of()),
                    yardOnly, null, 500)).items().size(), "another site's alerts even when asked for");
            assertEquals(30, search.list(new AlertQuery(filter(Set.of(), Set.of("loitering"), Set.of()), SiteScope.ALL,
                    null, 500)).items().size());
            AlertFilter window = new AlertFilter(T0.plusSeconds(2), T0.plusSeconds(4), Set.of(), Set.of(
                    CameraId.of("cam-9")), Set.of(), Set.of("loitering-1"), Set.of(AlertSeverity.CRITICAL),
                    Set.of(AlertState.OPEN));
            List<AlertSummary> w = search.list(new AlertQuery(window, SiteScope.ALL, null, 500)).items();
            assertEquals(6, w.size(), "from inclusive, to exclusive");
            assertTrue(w.stream().allMatch(window::matches));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.vigil.storage.catalog.TestCatalogs#databases")
    void actionsThroughTheApiShareTheKafkaStateAndItsRules(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            AlertRepository repo = new AlertRepository(catalog.dataSource());
            CatalogAlertSearch search = new CatalogAlertSearch(catalog.dataSource());
            UUID id = publish(repo, "yard", "cam-1", "zone_intrusion", AlertSeverity.CRITICAL, T0);
            FeedPosition head = search.head();
            ActionResult ack = search.act(id, AlertAction.ACKNOWLEDGE, "op one", "seen", "api:t1/1", T0.plusSeconds(5));
            assertEquals(ActionResult.Outcome.APPLIED, ack.outcome());
            assertEquals("acknowledged", repo.find(id).orElseThrow().handling().state(), "the Kafka path's state");
            ActionResult again = search.act(id, AlertAction.ACKNOWLEDGE, "op two", null, "api:t2/2", T0.plusSeconds(6));
            assertEquals(ActionResult.Outcome.CONFLICT, again.outcome());
            assertTrue(again.why().contains("acknowledged (by op one"), again.why());
            // The IOC escalates over Kafka at a later time; an API action timed before it is refused.
            repo.applyAction(new AlertAck(id, AlertAction.ESCALATE, "ioc.7", null, T0.plusSeconds(60)), "kafka:a/0/1",
                    T0.plusSeconds(61));
            ActionResult late = search.act(id, AlertAction.DISMISS, "op one", null, "api:t1/3", T0.plusSeconds(30));
            assertEquals(ActionResult.Outcome.CONFLICT, late.outcome());
            assertTrue(late.why().contains("a later action"), late.why());
            assertEquals(ActionResult.Outcome.APPLIED, search.act(id, AlertAction.DISMISS, "op one", null, "api:t1/4",
                    T0.plusSeconds(90)).outcome());
            assertEquals(ActionResult.Outcome.UNKNOWN_ALERT, search.act(UUID.randomUUID(), AlertAction.DISMISS, "x",
                    null, "api:t1/5", T0).outcome());

            var detail = search.find(id).orElseThrow();
            assertEquals(AlertState.DISMISSED, detail.summary().state());
            assertEquals(List.of("acknowledge", "escalate", "dismiss"), detail.actions().stream()
                    .map(a -> a.action()).toList(), "refused actions are not recorded");
            assertEquals("kafka:a/0/1", detail.actions().get(1).origin());
            assertNull(detail.clipKey());

            List<AlertChange> changes = search.changesAfter(head, 100);
            assertEquals(3, changes.size(), changes.toString());
            assertTrue(changes.stream().allMatch(c -> c.kind() == AlertChange.Kind.ACTION));
            UUID next = publish(repo, "yard", "cam-1", "zone_intrusion", AlertSeverity.INFO, T0.plusSeconds(100));
            List<AlertChange> after = search.changesAfter(search.head().max(new FeedPosition(head.message(), 0)), 100);
            assertTrue(after.isEmpty(), after.toString());
            List<AlertChange> message = search.changesAfter(new FeedPosition(head.message(), search.head().action()),
                    100);
            assertEquals(1, message.size());
            assertEquals(next, message.get(0).alert().alertId());
            assertEquals(AlertChange.Kind.MESSAGE, message.get(0).kind());
        }
    }
}
