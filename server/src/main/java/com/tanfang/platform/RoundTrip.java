package com.tanfang.platform;

import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Several SQL statements sent to PostgreSQL in one network round trip, run one after another on one connection, in
 * the order added, each with its own snapshot (read committed): a statement after an advisory lock sees what the lock
 * holder committed. PgJDBC sends a prepared statement holding several statements (separated by {@code ;}) as one
 * message batch with one Sync and reads all their results back in one go.
 *
 * <p>Why: a survey submission made about ten round trips, each a write and a read on the socket and a wake-up of
 * both processes, which on two shared cores cost more than the statements themselves (async-profiler: a fifth of
 * the server's CPU in PgJDBC, half of it in socket calls). If one statement fails, PostgreSQL skips the rest and
 * the error reaches the caller as the {@link SQLException} of the batch.
 *
 * <p>Every statement must return rows (a {@code select}, or a data-modifying statement with {@code returning} or
 * inside a {@code with} whose last part selects), so that results and statements pair up in order.
 */
public final class RoundTrip {
    /** Binds a statement's parameters from {@code first}; returns the index after its last one. */
    @FunctionalInterface
    public interface Binder {
        int bind(PreparedStatement ps, Connection c, int first) throws SQLException;
    }

    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** One statement of the trip; its result is there once the trip has run. */
    public static final class Part<T> {
        private final String sql;
        private final Binder binder;
        private final Reader<T> reader;
        private T result;
        private boolean done;

        private Part(String sql, Binder binder, Reader<T> reader) {
            if (sql.indexOf(';') >= 0) {
                throw new IllegalArgumentException("one statement per part: " + sql);
            }
            this.sql = sql;
            this.binder = binder;
            this.reader = reader;
        }

        public T result() {
            if (!done) {
                throw new IllegalStateException("the round trip has not run");
            }
            return result;
        }
    }

    private final List<Part<?>> parts = new ArrayList<>();

    public <T> Part<T> add(String sql, Binder binder, Reader<T> reader) {
        Part<T> part = new Part<>(sql, binder, reader);
        parts.add(part);
        return part;
    }

    /** Sends every statement added, in one round trip, and reads each one's result into its part. */
    public void run(Connection c) throws SQLException {
        if (parts.isEmpty()) {
            return;
        }
        String sql = parts.stream().map(p -> p.sql).collect(Collectors.joining(";\n"));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int next = 1;
            for (Part<?> p : parts) {
                next = p.binder.bind(ps, c, next);
            }
            boolean rows = ps.execute();
            for (Part<?> p : parts) {
                read(p, rows ? ps.getResultSet() : null);
                rows = ps.getMoreResults();
            }
        }
    }

    /** {@link #run(Connection)} on the connection of the current transaction (or a new one). */
    public void run(JdbcOperations jdbc) {
        jdbc.execute(c -> {
            run(c);
            return null;
        });
    }

    private static <T> void read(Part<T> p, ResultSet rs) throws SQLException {
        if (rs == null) {
            throw new IllegalStateException("a statement of the round trip returned no rows: " + p.sql);
        }
        try (rs) {
            p.result = p.reader.read(rs);
            p.done = true;
        }
    }

    /** A reader of the first column of the first row as a long, or null without a row (or for a SQL null). */
    public static Long firstLong(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            return null;
        }
        long v = rs.getLong(1);
        return rs.wasNull() ? null : v;
    }

    /**
     * A reader of rows (place, value) into an array by place (1-based, as {@code with ordinality} numbers them): a
     * long or null per place, null also for a place without a row.
     */
    public static Reader<Long[]> longsByPlace(int size) {
        return rs -> {
            Long[] out = new Long[size];
            while (rs.next()) {
                int place = rs.getInt(1);
                long v = rs.getLong(2); // read before wasNull, which answers for the last column read
                out[place - 1] = rs.wasNull() ? null : v;
            }
            return out;
        };
    }

    /** A statement that locks {@code key} until the transaction ends (an advisory lock, on every instance). */
    public static final String ADVISORY_LOCK = "select pg_advisory_xact_lock(hashtextextended(?, 0))";

    /** Adds {@link #ADVISORY_LOCK} on {@code key}. */
    public Part<Void> lock(String key) {
        return add(ADVISORY_LOCK, (ps, c, i) -> {
            ps.setString(i, key);
            return i + 1;
        }, rs -> null);
    }

    /*
     * The keys' locks in ascending order of their hashes, one row each: every caller that takes several locks takes
     * them in the same order, so two such callers never wait for each other in a cycle. The sort is in the subquery;
     * PostgreSQL evaluates the outer function row by row in that order.
     */
    private static final String ADVISORY_LOCKS = """
            select pg_advisory_xact_lock(h) from (
              select distinct hashtextextended(k, 0) as h from unnest(?::text[]) as k order by 1) as ordered""";

    /** Adds one statement locking every key in {@code keys} until the transaction ends (see {@link #lock}). */
    public Part<Void> lockAll(java.util.Collection<String> keys) {
        String[] all = keys.toArray(new String[0]);
        return add(ADVISORY_LOCKS, (ps, c, i) -> {
            ps.setArray(i, c.createArrayOf("text", all));
            return i + 1;
        }, rs -> {
            while (rs.next()) {
                // every row is one lock taken
            }
            return null;
        });
    }
}
