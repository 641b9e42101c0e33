package dev.vigil.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.AlertAck;
import dev.vigil.core.alert.AlertAction;
import dev.vigil.core.alert.AlertCamera;
import dev.vigil.core.alert.AlertJson;
import dev.vigil.core.alert.AlertLifecycle;
import dev.vigil.core.alert.AlertRule;
import dev.vigil.core.alert.AlertSeverity;
import dev.vigil.core.alert.AlertSite;
import dev.vigil.core.alert.AlertSource;
import dev.vigil.core.alert.ObjectLink;
import dev.vigil.core.alert.TimeOrderedUuid;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.CameraKind;
import dev.vigil.core.model.GeoPoint;
import dev.vigil.core.model.NormalizedBox;
import dev.vigil.core.model.SiteId;
import dev.vigil.storage.catalog.AlertRepository.ActionOutcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Alerts, their outbox and the IOC's actions (V4) on H2 and PostgreSQL. */
@Timeout(180)
class AlertRepositoryIT {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    @RegisterExtension
    static final TestCatalogs catalogs = new TestCatalogs();

    static Alert opened(String camera, String node, Instant at) {
        return new Alert(TimeOrderedUuid.at(at), AlertLifecycle.OPENED, AlertSeverity.WARNING,
                new AlertSite(SiteId.of("yard"), "North yard"), new AlertCamera(CameraId.of(camera), camera,
                        CameraKind.SECURITY), new GeoPoint(21.5, 105.8, null), new AlertRule("gate-zone", "zone_intrusion"),
                "person", 1, 0.8, List.of(new NormalizedBox(0.1, 0.1, 0.2, 0.2)), at, null, at, at.plusMillis(5),
                new ObjectLink("snapshots/yard/" + camera + "/s.jpg", "/api/v1/alerts/x/snapshot"), null, node);
    }

    @ParameterizedTest
    @MethodSource("dev.vigil.storage.catalog.TestCatalogs#databases")
    void messagesAreCommittedWithTheirAlertAndDrainedInOrder(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            AlertRepository alerts = new AlertRepository(catalog.dataSource());
            AlertOutbox outbox = new AlertOutbox(catalog.dataSource());
            Alert a = opened("gate-1", "vigil-1", T0);
            AlertEntry entry = new AlertEntry(a, AlertSource.ANALYTICS, "ev-1", ClipState.REQUESTED, null,
                    T0.plusSeconds(120));
            long first = alerts.publish(entry, T0);
            long other = alerts.publish(new AlertEntry(opened("gate-2", "vigil-2", T0), AlertSource.HEALTH, null,
                    ClipState.NONE, null, null), T0);
            // END seen: saved without a message while CLOSED waits for the clip.
            Alert ended = a.withEventEnd(T0.plusSeconds(9));
            alerts.save(entry.withAlert(ended).withClip(ClipState.SPOOLED, "clips/yard/gate-1/c.mp4", T0.plusSeconds(60)),
                    T0.plusSeconds(10));
            AlertRow waiting = alerts.findBySource(AlertSource.ANALYTICS, "ev-1").orElseThrow();
            assertEquals(T0.plusSeconds(9), waiting.entry().alert().eventEnd());
            assertEquals(ClipState.SPOOLED, waiting.entry().clipState());
            assertEquals("clips/yard/gate-1/c.mp4", waiting.entry().clipKey());
            assertEquals(List.of(a.alertId()), alerts.findUnclosed("vigil-1").stream()
                    .map(r -> r.entry().alert().alertId()).toList());

            Alert withClip = ended.withClip(new ObjectLink("clips/yard/gate-1/c.mp4", "/api/v1/alerts/x/clip"))
                    .next(AlertLifecycle.UPDATED, T0.plusSeconds(30), T0.plusSeconds(30));
            long second = alerts.publish(entry.withAlert(withClip).withClip(ClipState.READY, "clips/yard/gate-1/c.mp4",
                    null), T0.plusSeconds(30));
            Alert closed = withClip.next(AlertLifecycle.CLOSED, T0.plusSeconds(30), T0.plusSeconds(30).plusMillis(1));
            long third = alerts.publish(entry.withAlert(closed).withClip(ClipState.READY, "clips/yard/gate-1/c.mp4",
                    null), T0.plusSeconds(30));
            assertTrue(first < second && second < third);

            List<OutboxMessage> pending = outbox.pending("vigil-1", 100);
            assertEquals(List.of(first, second, third), pending.stream().map(OutboxMessage::id).toList());
            assertEquals(List.of("OPENED", "UPDATED", "CLOSED"), pending.stream().map(OutboxMessage::lifecycle).toList());
            assertEquals(closed, AlertJson.decode(pending.get(2).payload()));
            assertEquals("gate-1", pending.get(0).camera());
            assertEquals(List.of(other), outbox.pending("vigil-2", 100).stream().map(OutboxMessage::id).toList());
            assertEquals(2, outbox.pending("vigil-1", 2).size());

            AlertRow row = alerts.find(a.alertId()).orElseThrow();
            assertEquals(closed, row.entry().alert());
            assertEquals(AlertJson.encode(closed), row.message());
            assertEquals(AlertHandling.OPEN, row.handling());
            assertTrue(alerts.findUnclosed("vigil-1").isEmpty());

            assertEquals(3, outbox.backlog("vigil-1").count());
            assertEquals(a.publishedAt(), outbox.backlog("vigil-1").oldest().orElseThrow());
            outbox.markSent(List.of(new AlertOutbox.Sent(first, 2, 40), new AlertOutbox.Sent(second, 2, 41)),
                    T0.plusSeconds(31));
            outbox.markDeadLettered(third, "too_large: 2000000 bytes", T0.plusSeconds(31));
            assertTrue(outbox.pending("vigil-1", 100).isEmpty());
            assertEquals(0, outbox.backlog("vigil-1").count());
            assertTrue(outbox.backlog("vigil-1").oldest().isEmpty());
            assertEquals(3, outbox.deleteDone(T0.plusSeconds(32)));
            assertEquals(1, outbox.backlog("vigil-2").count(), "unsent rows are never deleted");

            VigilException e = assertThrows(VigilException.class, () -> alerts.save(new AlertEntry(
                    opened("gate-9", "vigil-1", T0), AlertSource.ANALYTICS, null, ClipState.NONE, null, null), T0));
            assertEquals(ErrorKind.NOT_FOUND, e.kind());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.vigil.storage.catalog.TestCatalogs#databases")
    void theStateIsTheLatestActionAndEveryMessageIsRecordedOnce(String database) {
        try (Catalog catalog = catalogs.open(database)) {
            AlertRepository alerts = new AlertRepository(catalog.dataSource());
            Alert a = opened("gate-1", "vigil-1", T0);
            alerts.publish(new AlertEntry(a, AlertSource.ANALYTICS, "ev-2", ClipState.NONE, null, null), T0);
            AlertAck ack = new AlertAck(a.alertId(), AlertAction.ACKNOWLEDGE, "op.17", "patrol sent", T0.plusSeconds(60));
            AlertAck escalate = new AlertAck(a.alertId(), AlertAction.ESCALATE, "sup.2", null, T0.plusSeconds(120));
            Instant now = T0.plusSeconds(200);
            assertEquals(ActionOutcome.APPLIED, alerts.applyAction(escalate, "kafka:acks/0/7", now));
            assertEquals(ActionOutcome.RECORDED_OLDER, alerts.applyAction(ack, "kafka:acks/0/6", now),
                    "an older action arriving late does not override the state");
            assertEquals(ActionOutcome.DUPLICATE, alerts.applyAction(ack, "kafka:acks/0/6", now));
            assertEquals(ActionOutcome.UNKNOWN_ALERT, alerts.applyAction(new AlertAck(UUID.randomUUID(),
                    AlertAction.DISMISS, "op", null, now), "kafka:acks/1/1", now));
            AlertHandling h = alerts.find(a.alertId()).orElseThrow().handling();
            assertEquals(new AlertHandling("escalated", "sup.2", null, T0.plusSeconds(120)), h);
            List<AlertRepository.RecordedAction> history = alerts.actions(a.alertId());
            assertEquals(List.of("acknowledge", "escalate"), history.stream().map(AlertRepository.RecordedAction::action)
                    .toList());
            assertEquals("patrol sent", history.get(0).note());
            assertEquals(ActionOutcome.APPLIED, alerts.applyAction(new AlertAck(a.alertId(), AlertAction.DISMISS, "op.17",
                    "false alarm", T0.plusSeconds(300)), "kafka:acks/0/9", now));
            assertEquals("dismissed", alerts.find(a.alertId()).orElseThrow().handling().state());
            assertFalse(alerts.find(UUID.randomUUID()).isPresent());
        }
    }
}
