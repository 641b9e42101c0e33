package dev.vigil.storage.catalog;

import dev.vigil.core.error.ErrorKind;
import dev.vigil.core.error.VigilException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** What the repositories share: time columns in UTC, and SQL failures as {@link VigilException}. */
final class CatalogSql {
    /** The SQL state of a unique-key violation, the same on PostgreSQL and H2. */
    static final String UNIQUE_VIOLATION = "23505";

    private CatalogSql() {}

    static void setInstant(PreparedStatement p, int index, Instant value) throws SQLException {
        p.setObject(index, value == null ? null : value.atOffset(ZoneOffset.UTC));
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Double getDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    static Integer getInteger(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /**
     * {@code e} as a Vigil error: the database unreachable or its pool exhausted is UNAVAILABLE
     * (retry later), a broken constraint INVALID_ARGUMENT, anything else INTERNAL.
     *
     * @param what what was being done, e.g. {@code "catalog: insert recording gate-3/..."}
     */
    static VigilException failure(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        ErrorKind kind;
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")
                || e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            kind = ErrorKind.UNAVAILABLE;
        } else if (state.startsWith("23")) {
            kind = ErrorKind.INVALID_ARGUMENT;
        } else if (state.equals("57014")) {
            kind = ErrorKind.DEADLINE_EXCEEDED;
        } else {
            kind = ErrorKind.INTERNAL;
        }
        return new VigilException(kind, what + ": " + e.getMessage() + " (SQL state " + state + ")", e);
    }
}
