package com.tanfang.platform;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The counters of {@link RateLimiter#hitAll}: {@value #SHARDS} shard rows per (key, window) in {@code rate_shard}
 * (V24). Plain JDBC because the statement takes arrays (every limit of a request in one round trip), which
 * Micronaut Data's {@code @Query} does not bind.
 *
 * <p>Each physical database connection hits its own shard, numbered in the order this instance first used the
 * connection. A hit's row lock lasts until its transaction commits (a survey submission's whole transaction), and
 * one connection runs one transaction at a time, so with a pool of at most {@value #SHARDS} connections no two
 * transactions of one instance ever wait for each other here. A random shard (before 2026-12-02) made 64
 * concurrent submissions behind one address collide often: 41 s of lock waits in a 20 s benchmark run. Other
 * instances' connections can share a shard number; they wait only for one commit.
 */
@Singleton
class RateShards {
    static final int SHARDS = 16;
    /** Physical connection to its shard; weak keys, so a connection the pool retires is forgotten. */
    private final Cache<Object, Integer> shardOfConnection = Caffeine.newBuilder().weakKeys().build();
    private final AtomicInteger nextShard = new AtomicInteger();
    /*
     * The upsert locks one shard row per key (in the order given, the same for every caller, so two callers never
     * wait for each other in a cycle) and returns that row's new count; the other shards are read from the
     * statement's snapshot. A concurrent hit on another shard that commits meanwhile may be missed by this count:
     * the limiter is coarse on purpose (it stops floods; the fraud signals judge responses).
     */
    private static final String COUNT = """
            with wanted as (
              select * from unnest(?::text[], ?::timestamptz[], ?::int[]) with ordinality as w(key, start, hits, n)),
            mine as (
              insert into rate_shard (key, window_start, shard, hits)
              select key, start, ?, hits from wanted order by n
              on conflict (key, window_start, shard) do update set hits = rate_shard.hits + excluded.hits
              returning key, window_start, hits)
            select w.n,
                   (select m.hits from mine m where m.key = w.key and m.window_start = w.start)
                   + (select coalesce(sum(s.hits), 0) from rate_shard s
                       where s.key = w.key and s.window_start = w.start and s.shard <> ?)
              from wanted w
             order by w.n""";
    private static final String DELETE = """
            delete from rate_shard where ctid in (select ctid from rate_shard where window_start < ? limit ?)""";

    private final JdbcOperations jdbc;

    RateShards(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs a round trip holding {@link #count} statements in a transaction of its own (or the caller's). */
    @Transactional
    void run(RoundTrip trip) {
        trip.run(jdbc);
    }

    /**
     * Adds {@code hits[i]} hits to key i's window on this connection's shard; the part's result is each key's hits
     * over all shards. The (key, start) pairs must be distinct. The shard rows stay locked until the caller's
     * transaction ends.
     */
    RoundTrip.Part<int[]> count(RoundTrip trip, String[] keys, Instant[] starts, Integer[] hits) {
        Timestamp[] at = new Timestamp[starts.length];
        for (int i = 0; i < starts.length; i++) {
            at[i] = Timestamp.from(starts[i]);
        }
        return trip.add(COUNT, (ps, c, i) -> {
            int shard = shardOf(c);
            ps.setArray(i, c.createArrayOf("text", keys));
            ps.setArray(i + 1, c.createArrayOf("timestamptz", at));
            ps.setArray(i + 2, c.createArrayOf("int4", hits));
            ps.setInt(i + 3, shard);
            ps.setInt(i + 4, shard);
            return i + 5;
        }, rs -> {
            int[] out = new int[keys.length];
            while (rs.next()) {
                out[rs.getInt(1) - 1] = rs.getInt(2);
            }
            return out;
        });
    }

    /** The shard of the physical connection under the pool's proxy (the proxy differs per borrowing). */
    int shardOf(Connection c) throws SQLException {
        Object physical = c.isWrapperFor(PGConnection.class) ? c.unwrap(PGConnection.class) : c;
        return shardOfConnection.get(physical, k -> Math.floorMod(nextShard.getAndIncrement(), SHARDS));
    }

    @Transactional
    int deleteStartedBefore(Instant before, int limit) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(DELETE)) {
                ps.setTimestamp(1, Timestamp.from(before));
                ps.setInt(2, limit);
                return ps.executeUpdate();
            }
        });
    }
}
