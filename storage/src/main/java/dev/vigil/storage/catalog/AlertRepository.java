package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.CatalogSql.failure;
import static dev.vigil.storage.catalog.CatalogSql.getInstant;
import static dev.vigil.storage.catalog.CatalogSql.setInstant;

import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.AlertAck;
import dev.vigil.core.alert.AlertJson;
import dev.vigil.core.alert.AlertSource;
import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The alerts table and, written in the same transaction, the alert outbox (migration V4): an
 * alert's message is committed before anything sends it. Also the IOC's actions on alerts.
 *
 * <p>Thread-safe; each call borrows a pooled connection. The caller keeps the messages of one
 * camera in order by calling from one thread per camera (the outbox id is the send order).
 * Failures are {@link VigilException}s: UNAVAILABLE when the database cannot be reached (retry),
 * NOT_FOUND for an update of an unknown alert.
 */
public final class AlertRepository {
    /** What became of an action of the IOC. */
    public enum ActionOutcome {
        /** Recorded, and the alert's state is now this action. */
        APPLIED,
        /** Recorded in the history; the state keeps a later action. */
        RECORDED_OLDER,
        /** This message (origin) was recorded before: nothing changed. */
        DUPLICATE,
        /** No alert has this id: nothing recorded. */
        UNKNOWN_ALERT,
        /** Refused by the condition of {@link #applyActionIf}: nothing recorded. */
        REFUSED
    }

    private static final String COLUMNS = "alert_id, source, source_ref, lifecycle, event_end, clip_state, clip_key,"
            + " clip_wait_until, message, state, state_by, state_note, state_at";

    private final DataSource dataSource;

    public AlertRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Commits the alert's new message: the alert row (created by an OPENED message, updated by the
     * others) and an outbox row with the message, in one transaction.
     *
     * @return the outbox row's id
     */
    public long publish(AlertEntry entry, Instant now) {
        Objects.requireNonNull(entry, "entry");
        Alert a = entry.alert();
        String payload = AlertJson.encode(a);
        String what = "catalog: publish " + a.lifecycle() + " of alert " + a.alertId();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement p = c.prepareStatement("UPDATE alerts SET lifecycle = ?, severity = ?,"
                        + " event_end = ?, updated_at = ?, snapshot_key = ?, clip_state = ?, clip_key = ?,"
                        + " clip_wait_until = ?, message = ? WHERE alert_id = ?")) {
                    p.setString(1, a.lifecycle().name());
                    p.setString(2, a.severity().wireName());
                    setInstant(p, 3, a.eventEnd());
                    setInstant(p, 4, now);
                    p.setString(5, a.snapshot() == null ? null : a.snapshot().key());
                    p.setString(6, entry.clipState().dbName());
                    p.setString(7, entry.clipKey());
                    setInstant(p, 8, entry.clipWaitUntil());
                    p.setString(9, payload);
                    p.setObject(10, a.alertId());
                    updated = p.executeUpdate();
                }
                if (updated == 0) {
                    insert(c, entry, payload, now);
                }
                long id;
                try (PreparedStatement p = c.prepareStatement("INSERT INTO alert_outbox (alert_id, node_id, camera_id,"
                        + " lifecycle, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                    p.setObject(1, a.alertId());
                    p.setString(2, a.node());
                    p.setString(3, a.camera().id().value());
                    p.setString(4, a.lifecycle().name());
                    p.setString(5, payload);
                    setInstant(p, 6, a.publishedAt());
                    p.executeUpdate();
                    try (ResultSet keys = p.getGeneratedKeys()) {
                        if (!keys.next()) {
                            throw new VigilException(ErrorKind.INTERNAL, what + ": no outbox id generated");
                        }
                        id = keys.getLong(1);
                    }
                }
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static void insert(Connection c, AlertEntry entry, String payload, Instant now) throws SQLException {
        Alert a = entry.alert();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO alerts (alert_id, node_id, camera_id, site_id, source,"
                + " source_ref, rule_id, rule_type, severity, lifecycle, event_start, event_end, detected_at, updated_at,"
                + " snapshot_key, clip_state, clip_key, clip_wait_until, message, state)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')")) {
            p.setObject(1, a.alertId());
            p.setString(2, a.node());
            p.setString(3, a.camera().id().value());
            p.setString(4, a.site().id().value());
            p.setString(5, entry.source().dbName());
            p.setString(6, entry.sourceRef());
            p.setString(7, a.rule().id());
            p.setString(8, a.rule().type());
            p.setString(9, a.severity().wireName());
            p.setString(10, a.lifecycle().name());
            setInstant(p, 11, a.eventStart());
            setInstant(p, 12, a.eventEnd());
            setInstant(p, 13, a.detectedAt());
            setInstant(p, 14, now);
            p.setString(15, a.snapshot() == null ? null : a.snapshot().key());
            p.setString(16, entry.clipState().dbName());
            p.setString(17, entry.clipKey());
            setInstant(p, 18, entry.clipWaitUntil());
            p.setString(19, payload);
            p.executeUpdate();
        }
    }

    /**
     * Saves what changed without a message: the event's end while CLOSED waits for the clip, and
     * the clip's progress.
     *
     * @throws VigilException NOT_FOUND if the alert was never published
     */
    public void save(AlertEntry entry, Instant now) {
        Objects.requireNonNull(entry, "entry");
        UUID id = entry.alert().alertId();
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("UPDATE alerts SET event_end = ?, clip_state = ?,"
                        + " clip_key = ?, clip_wait_until = ?, updated_at = ? WHERE alert_id = ?")) {
            setInstant(p, 1, entry.alert().eventEnd());
            p.setString(2, entry.clipState().dbName());
            p.setString(3, entry.clipKey());
            setInstant(p, 4, entry.clipWaitUntil());
            setInstant(p, 5, now);
            p.setObject(6, id);
            if (p.executeUpdate() == 0) {
                throw new VigilException(ErrorKind.NOT_FOUND, "catalog: no alert " + id + " to save");
            }
        } catch (SQLException e) {
            throw failure("catalog: save alert " + id, e);
        }
    }

    /** The alert with this id. */
    public Optional<AlertRow> find(UUID alertId) {
        List<AlertRow> rows = query("SELECT " + COLUMNS + " FROM alerts WHERE alert_id = ?", "alert " + alertId,
                p -> p.setObject(1, alertId));
        return rows.stream().findFirst();
    }

    /** The alert raised by the event {@code sourceRef} of {@code source}. */
    public Optional<AlertRow> findBySource(AlertSource source, String sourceRef) {
        List<AlertRow> rows = query("SELECT " + COLUMNS + " FROM alerts WHERE source = ? AND source_ref = ?",
                "alert of " + source.dbName() + " " + sourceRef, p -> {
                    p.setString(1, source.dbName());
                    p.setString(2, sourceRef);
                });
        return rows.stream().findFirst();
    }

    /** A node's alerts whose CLOSED message is not committed yet, oldest first: what a restart picks up. */
    public List<AlertRow> findUnclosed(String node) {
        return query("SELECT " + COLUMNS + " FROM alerts WHERE node_id = ? AND lifecycle <> 'CLOSED'"
                + " ORDER BY event_start, alert_id", "unclosed alerts of node " + node, p -> p.setString(1, node));
    }

    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private List<AlertRow> query(String sql, String what, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            binder.bind(p);
            p.setMaxRows(RecordingRepository.MAX_ROWS);
            List<AlertRow> rows = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failure("catalog: find " + what, e);
        }
    }

    private static AlertRow read(ResultSet rs) throws SQLException {
        String message = rs.getString("message");
        Alert alert = AlertJson.decode(message);
        Instant end = getInstant(rs, "event_end");
        if (end != null && alert.eventEnd() == null) {
            alert = alert.withEventEnd(end);
        }
        String stateBy = rs.getString("state_by");
        AlertEntry entry = new AlertEntry(alert, AlertSource.ofDbName(rs.getString("source")),
                rs.getString("source_ref"), ClipState.ofDbName(rs.getString("clip_state")), rs.getString("clip_key"),
                getInstant(rs, "clip_wait_until"));
        AlertHandling handling = new AlertHandling(rs.getString("state"), stateBy, rs.getString("state_note"),
                getInstant(rs, "state_at"));
        return new AlertRow(entry, message, handling);
    }

    /**
     * Records an action of the IOC and, if it is the latest by its time, makes it the alert's state.
     *
     * @param origin where the action came from, unique per message (e.g. {@code kafka:vigil.alert-acks.v1/0/42})
     */
    public ActionOutcome applyAction(AlertAck ack, String origin, Instant receivedAt) {
        return apply(ack, origin, receivedAt, null);
    }

    /**
     * Like {@link #applyAction}, for an operator acting through the API: only if {@code allowedFrom}
     * accepts the alert's current state and no later action holds the state (its time is not after
     * {@code ack.time()}); otherwise {@link ActionOutcome#REFUSED} and nothing is recorded. The check
     * and the change are one transaction (the alert's row is locked).
     */
    public ActionOutcome applyActionIf(AlertAck ack, String origin, Instant receivedAt,
            java.util.function.Predicate<String> allowedFrom) {
        return apply(ack, origin, receivedAt, Objects.requireNonNull(allowedFrom, "allowedFrom"));
    }

    private ActionOutcome apply(AlertAck ack, String origin, Instant receivedAt,
            java.util.function.Predicate<String> allowedFrom) {
        Objects.requireNonNull(ack, "ack");
        Objects.requireNonNull(origin, "origin");
        String what = "catalog: " + ack.action().wireName() + " of alert " + ack.alertId() + " from " + origin;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Instant stateAt;
                try (PreparedStatement p = c.prepareStatement("SELECT state, state_at FROM alerts WHERE alert_id = ?"
                        + " FOR UPDATE")) {
                    p.setObject(1, ack.alertId());
                    try (ResultSet rs = p.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return ActionOutcome.UNKNOWN_ALERT;
                        }
                        stateAt = getInstant(rs, "state_at");
                        if (allowedFrom != null && (!allowedFrom.test(rs.getString("state"))
                                || stateAt != null && stateAt.isAfter(ack.time()))) {
                            c.rollback();
                            return ActionOutcome.REFUSED;
                        }
                    }
                }
                try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM alert_actions WHERE origin = ?")) {
                    p.setString(1, origin);
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            c.rollback();
                            return ActionOutcome.DUPLICATE;
                        }
                    }
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO alert_actions (alert_id, action, actor, note,"
                        + " action_at, received_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    p.setObject(1, ack.alertId());
                    p.setString(2, ack.action().wireName());
                    p.setString(3, ack.by());
                    p.setString(4, ack.note());
                    setInstant(p, 5, ack.time());
                    setInstant(p, 6, receivedAt);
                    p.setString(7, origin);
                    p.executeUpdate();
                }
                ActionOutcome outcome = ActionOutcome.RECORDED_OLDER;
                if (stateAt == null || !ack.time().isBefore(stateAt)) {
                    try (PreparedStatement p = c.prepareStatement("UPDATE alerts SET state = ?, state_by = ?,"
                            + " state_note = ?, state_at = ? WHERE alert_id = ?")) {
                        p.setString(1, ack.action().stateName());
                        p.setString(2, ack.by());
                        p.setString(3, ack.note());
                        setInstant(p, 4, ack.time());
                        p.setObject(5, ack.alertId());
                        p.executeUpdate();
                    }
                    outcome = ActionOutcome.APPLIED;
                }
                c.commit();
                return outcome;
            } catch (SQLException e) {
                c.rollback();
                if (CatalogSql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return ActionOutcome.DUPLICATE; // the same message applied by another node meanwhile
                }
                throw e;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** One recorded action of the IOC. */
    public record RecordedAction(UUID alertId, String action, String by, String note, Instant at, Instant receivedAt,
            String origin) { }

    /** The actions recorded on an alert, by their time. */
    public List<RecordedAction> actions(UUID alertId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT action, actor, note, action_at, received_at, origin"
                        + " FROM alert_actions WHERE alert_id = ? ORDER BY action_at, id")) {
            p.setObject(1, alertId);
            List<RecordedAction> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new RecordedAction(alertId, rs.getString(1), rs.getString(2), rs.getString(3),
                            getInstant(rs, "action_at"), getInstant(rs, "received_at"), rs.getString(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("catalog: actions of alert " + alertId, e);
        }
    }
}
