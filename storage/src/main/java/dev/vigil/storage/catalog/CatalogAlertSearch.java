package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.CatalogSql.failure;
import static dev.vigil.storage.catalog.CatalogSql.getInstant;
import static dev.vigil.storage.catalog.CatalogSql.setInstant;

import dev.vigil.core.alert.AlertAck;
import dev.vigil.core.alert.AlertAction;
import dev.vigil.core.alert.AlertLifecycle;
import dev.vigil.core.alert.AlertSeverity;
import dev.vigil.core.model.CameraId;
import dev.vigil.core.model.SiteId;
import dev.vigil.core.port.AlertReview;
import dev.vigil.core.review.ActionResult;
import dev.vigil.core.review.AlertChange;
import dev.vigil.core.review.AlertCursor;
import dev.vigil.core.review.AlertDetail;
import dev.vigil.core.review.AlertFilter;
import dev.vigil.core.review.AlertPage;
import dev.vigil.core.review.AlertQuery;
import dev.vigil.core.review.AlertState;
import dev.vigil.core.review.AlertSummary;
import dev.vigil.core.review.FeedPosition;
import dev.vigil.core.review.RecordedAlertAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The operators' view of the catalog's alerts ({@link AlertReview}): listings by keyset paging on
 * {@code (event_start, alert_id)} descending (indexes of migrations V4 and V9), an alert with its
 * actions ({@link AlertRepository}), operators' actions through
 * {@link AlertRepository#applyActionIf} (the same rows the Kafka acknowledgements write), and the
 * feed of changes read from the outbox and the actions table by row id.
 *
 * <p>Implementation note: a listing is one statement with every filter as an {@code IN} list or a
 * range and the token's sites intersected with the {@code site} filter up front (an empty
 * intersection answers without a query); it fetches {@code limit + 1} rows to know whether a next
 * page exists, and reads no message text. Thread-safe; each call borrows a pooled connection.
 */
public final class CatalogAlertSearch implements AlertReview {
    private static final String SUMMARY = "a.alert_id, a.lifecycle, a.severity, a.site_id, a.camera_id, a.rule_type,"
            + " a.rule_id, a.event_start, a.event_end, a.state, a.state_by, a.state_at, a.snapshot_key, a.clip_state";

    private final DataSource dataSource;
    private final AlertRepository alerts;

    public CatalogAlertSearch(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.alerts = new AlertRepository(dataSource);
    }

    @Override
    public AlertPage list(AlertQuery query) {
        AlertFilter f = query.filter();
        Set<SiteId> sites = new TreeSet<>(f.sites());
        if (!query.scope().unlimited()) {
            if (sites.isEmpty()) {
                sites.addAll(query.scope().sites());
            } else {
                sites.retainAll(query.scope().sites());
                if (sites.isEmpty()) {
                    return new AlertPage(List.of(), null);
                }
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(SUMMARY).append(" FROM alerts a WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.from() != null) {
            sql.append(" AND a.event_start >= ?");
            args.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND a.event_start < ?");
            args.add(f.to());
        }
        in(sql, args, "a.site_id", sites, SiteId::value);
        in(sql, args, "a.camera_id", f.cameras(), CameraId::value);
        in(sql, args, "a.rule_type", f.kinds(), Function.identity());
        in(sql, args, "a.rule_id", f.rules(), Function.identity());
        in(sql, args, "a.severity", f.severities(), AlertSeverity::wireName);
        in(sql, args, "a.state", f.states(), AlertState::label);
        AlertCursor after = query.after();
        if (after != null) {
            sql.append(" AND (a.event_start < ? OR (a.event_start = ? AND a.alert_id < ?))");
            args.add(after.eventStart());
            args.add(after.eventStart());
            args.add(after.alertId());
        }
        sql.append(" ORDER BY a.event_start DESC, a.alert_id DESC LIMIT ?");
        args.add(query.limit() + 1);
        List<AlertSummary> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                Object v = args.get(i);
                if (v instanceof Instant t) {
                    setInstant(p, i + 1, t);
                } else {
                    p.setObject(i + 1, v);
                }
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(summary(rs, null));
                }
            }
        } catch (SQLException e) {
            throw failure("catalog: list alerts", e);
        }
        if (rows.size() <= query.limit()) {
            return new AlertPage(rows, null);
        }
        List<AlertSummary> page = rows.subList(0, query.limit());
        return new AlertPage(page, AlertCursor.after(page.get(page.size() - 1)));
    }

    private static <T> void in(StringBuilder sql, List<Object> args, String column, Collection<T> values,
            Function<T, String> name) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (");
        int i = 0;
        for (T v : values) {
            sql.append(i++ == 0 ? "?" : ", ?");
            args.add(name.apply(v));
        }
        sql.append(')');
    }

    @Override
    public Optional<AlertDetail> find(UUID alertId) {
        Optional<AlertRow> found = alerts.find(alertId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AlertRow row = found.get();
        var a = row.entry().alert();
        AlertHandling h = row.handling();
        boolean clip = row.entry().clipState() == ClipState.READY && row.entry().clipKey() != null;
        AlertSummary summary = new AlertSummary(a.alertId(), a.lifecycle(), a.severity(), a.site().id(), a.camera().id(),
                a.rule().type(), a.rule().id(), a.eventStart(), a.eventEnd(), state(h.state()), h.by(), h.at(),
                a.snapshot() != null, clip);
        List<RecordedAlertAction> actions = alerts.actions(alertId).stream().map(x -> new RecordedAlertAction(
                x.action(), x.by(), x.note(), x.at(), x.origin())).toList();
        return Optional.of(new AlertDetail(summary, row.message(), h.note(), actions,
                a.snapshot() == null ? null : a.snapshot().key(), clip ? row.entry().clipKey() : null));
    }

    @Override
    public ActionResult act(UUID alertId, AlertAction action, String by, String note, String origin, Instant at) {
        AlertAck ack = new AlertAck(alertId, action, by, note, at);
        AlertRepository.ActionOutcome outcome = alerts.applyActionIf(ack, origin, at,
                state -> state(state).allows(action));
        return switch (outcome) {
            case APPLIED -> new ActionResult(ActionResult.Outcome.APPLIED, AlertState.after(action), null);
            case UNKNOWN_ALERT -> new ActionResult(ActionResult.Outcome.UNKNOWN_ALERT, null, null);
            case REFUSED, RECORDED_OLDER, DUPLICATE -> refused(alertId, action);
        };
    }

    private ActionResult refused(UUID alertId, AlertAction action) {
        Optional<AlertRow> row = alerts.find(alertId);
        if (row.isEmpty()) {
            return new ActionResult(ActionResult.Outcome.UNKNOWN_ALERT, null, null);
        }
        AlertHandling h = row.get().handling();
        AlertState state = state(h.state());
        String why = !state.allows(action)
                ? "cannot " + action.wireName() + " an alert that is " + state.label()
                        + (h.by() == null ? "" : " (by " + h.by() + " at " + h.at() + ")")
                : "a later action holds the alert's state (" + state.label() + " by " + h.by() + " at " + h.at() + ")";
        return new ActionResult(ActionResult.Outcome.CONFLICT, state, why);
    }

    @Override
    public FeedPosition head() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT (SELECT MAX(id) FROM alert_outbox),"
                        + " (SELECT MAX(id) FROM alert_actions)");
                ResultSet rs = p.executeQuery()) {
            rs.next();
            return new FeedPosition(rs.getLong(1), rs.getLong(2));
        } catch (SQLException e) {
            throw failure("catalog: alert feed head", e);
        }
    }

    @Override
    public List<AlertChange> changesAfter(FeedPosition after, int limit) {
        List<AlertChange> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("SELECT o.id AS row_id, o.lifecycle AS message_lifecycle, "
                    + SUMMARY + " FROM alert_outbox o JOIN alerts a ON a.alert_id = o.alert_id WHERE o.id > ?"
                    + " ORDER BY o.id LIMIT ?")) {
                p.setLong(1, after.message());
                p.setInt(2, limit);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AlertChange(AlertChange.Kind.MESSAGE, rs.getLong("row_id"),
                                summary(rs, AlertLifecycle.valueOf(rs.getString("message_lifecycle"))), null));
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT x.id AS row_id, x.action, x.actor, x.note,"
                    + " x.action_at, x.origin, " + SUMMARY + " FROM alert_actions x JOIN alerts a"
                    + " ON a.alert_id = x.alert_id WHERE x.id > ? ORDER BY x.id LIMIT ?")) {
                p.setLong(1, after.action());
                p.setInt(2, limit);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AlertChange(AlertChange.Kind.ACTION, rs.getLong("row_id"), summary(rs, null),
                                new RecordedAlertAction(rs.getString("action"), rs.getString("actor"),
                                        rs.getString("note"), getInstant(rs, "action_at"), rs.getString("origin"))));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("catalog: alert changes after " + after.text(), e);
        }
    }

    private static AlertSummary summary(ResultSet rs, AlertLifecycle lifecycle) throws SQLException {
        return new AlertSummary(rs.getObject("alert_id", UUID.class),
                lifecycle != null ? lifecycle : AlertLifecycle.valueOf(rs.getString("lifecycle")),
                AlertSeverity.ofWireName(rs.getString("severity")), SiteId.of(rs.getString("site_id")),
                CameraId.of(rs.getString("camera_id")), rs.getString("rule_type"), rs.getString("rule_id"),
                getInstant(rs, "event_start"), getInstant(rs, "event_end"), state(rs.getString("state")),
                rs.getString("state_by"), getInstant(rs, "state_at"), rs.getString("snapshot_key") != null,
                ClipState.READY.dbName().equals(rs.getString("clip_state")));
    }

    private static AlertState state(String label) {
        AlertState s = AlertState.ofLabel(label);
        if (s == null) {
            throw new IllegalStateException("catalog: unknown alert state '" + label + "'");
        }
        return s;
    }
}
