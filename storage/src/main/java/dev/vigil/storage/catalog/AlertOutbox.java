package dev.vigil.storage.catalog;

import static dev.vigil.storage.catalog.CatalogSql.failure;
import static dev.vigil.storage.catalog.CatalogSql.getInstant;
import static dev.vigil.storage.catalog.CatalogSql.setInstant;

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
 * The publisher's side of the alert outbox (migration V4; rows are added by
 * {@link AlertRepository#publish}): a node's unsent rows in id order, marked sent once the broker
 * acknowledged them or dead-lettered when they can never be sent. Thread-safe; failures are
 * {@link dev.vigil.core.error.VigilException}s, UNAVAILABLE when the database cannot be reached.
 */
public final class AlertOutbox {
    /** Where the broker put a message. */
    public record Sent(long id, int partition, long offset) { }

    private final DataSource dataSource;

    public AlertOutbox(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Up to {@code limit} of the node's rows neither sent nor dead-lettered, in id order. */
    public List<OutboxMessage> pending(String node, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT id, alert_id, camera_id, lifecycle, payload, created_at"
                        + " FROM alert_outbox WHERE node_id = ? AND sent_at IS NULL AND dlq_at IS NULL ORDER BY id")) {
            p.setString(1, node);
            p.setMaxRows(limit);
            p.setFetchSize(Math.min(limit, 500));
            List<OutboxMessage> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxMessage(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), getInstant(rs, "created_at")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("catalog: pending alert messages of node " + node, e);
        }
    }

    /** Marks rows sent, in one transaction. */
    public void markSent(List<Sent> sent, Instant at) {
        if (sent.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("UPDATE alert_outbox SET sent_at = ?, kafka_partition = ?,"
                    + " kafka_offset = ? WHERE id = ? AND dlq_at IS NULL")) {
                for (Sent s : sent) {
                    setInstant(p, 1, at);
                    p.setInt(2, s.partition());
                    p.setLong(3, s.offset());
                    p.setLong(4, s.id());
                    p.addBatch();
                }
                p.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("catalog: mark " + sent.size() + " alert messages sent", e);
        }
    }

    /** Marks a row as never sendable, with the reason (at most 1000 characters kept). */
    public void markDeadLettered(long id, String reason, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("UPDATE alert_outbox SET dlq_at = ?, dlq_reason = ?"
                        + " WHERE id = ? AND sent_at IS NULL")) {
            setInstant(p, 1, at);
            p.setString(2, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            p.setLong(3, id);
            p.executeUpdate();
        } catch (SQLException e) {
            throw failure("catalog: dead-letter alert message " + id, e);
        }
    }

    /** The node's unsent rows: how many, and when the oldest was committed. */
    public record Backlog(long count, Optional<Instant> oldest) { }

    public Backlog backlog(String node) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*), MIN(created_at) AS oldest FROM alert_outbox"
                        + " WHERE node_id = ? AND sent_at IS NULL AND dlq_at IS NULL")) {
            p.setString(1, node);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new Backlog(rs.getLong(1), Optional.ofNullable(getInstant(rs, "oldest")));
            }
        } catch (SQLException e) {
            throw failure("catalog: alert outbox backlog of node " + node, e);
        }
    }

    /** Deletes rows sent or dead-lettered before {@code before}; returns how many. */
    public int deleteDone(Instant before) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("DELETE FROM alert_outbox WHERE sent_at < ? OR dlq_at < ?")) {
            setInstant(p, 1, before);
            setInstant(p, 2, before);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw failure("catalog: delete sent alert messages", e);
        }
    }
}
