package com.tanfang.platform;

import com.tanfang.MutableClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limiter's windows on the injected clock, and the pruning that keeps its table from growing forever. */
@MicronautTest(transactional = false)
class RateLimiterTest {
    @Inject
    RateLimiter limiter;
    @Inject
    MutableClock clock;
    @Inject
    DataSource dataSource;
    @Inject
    io.micronaut.transaction.TransactionOperations<Connection> tx;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long rows(String keyPrefix) throws Exception {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var st = c.prepareStatement("select count(*) from rate_window where key like ?")) {
            st.setString(1, keyPrefix + "%");
            var rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void windowsThatCanNoLongerCountArePrunedAndCurrentOnesStay() throws Exception {
        String prefix = "prune-test-" + System.nanoTime() + ":";
        clock.freeze(Instant.parse("2030-01-01T09:00:00Z"));
        for (int i = 0; i < 12; i++) {
            limiter.hit(prefix + "old-" + i, 10, Duration.ofMinutes(1), "token");
        }
        clock.advance(Duration.ofMinutes(59));
        limiter.hit(prefix + "recent", 10, Duration.ofMinutes(1), "token");
        assertEquals(13, rows(prefix));

        // 61 minutes after the first hits: those windows started more than MAX_WINDOW (an hour) ago.
        clock.advance(Duration.ofMinutes(2));
        limiter.prune();
        assertEquals(0, rows(prefix + "old-"), "expired windows are deleted");
        assertEquals(1, rows(prefix + "recent"), "a window that may still count stays");
        assertEquals(0, limiter.prune(), "nothing left to prune");
    }

    @Test
    void aPruneWorksOffABacklogInBoundedStatements() throws Exception {
        String prefix = "backlog-test-" + System.nanoTime() + ":";
        clock.freeze(Instant.parse("2026-11-01T09:00:00Z"));
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var st = c.prepareStatement("insert into rate_window (key, window_start, hits)"
                     + " select ? || g, timestamptz '2026-11-01 07:00:00+00', 1 from generate_series(1, ?) g")) {
            st.setString(1, prefix);
            st.setInt(2, RateLimiter.PRUNE_BATCH * 2 + 7);
            st.executeUpdate();
        }
        // Three statements of at most PRUNE_BATCH rows each (other classes' stale windows may go too).
        assertTrue(limiter.prune() >= RateLimiter.PRUNE_BATCH * 2 + 7);
        assertEquals(0, rows(prefix));
    }

    /**
     * Survey submissions count on sharded counters (V24): both limits in one statement, the hits summed over the
     * shards exactly, the first limit exceeded named, and the shards pruned with the windows.
     */
    @Test
    void shardedHitsCountEveryLimitTogetherAndExactly() throws Exception {
        String prefix = "shard-test-" + System.nanoTime() + ":";
        clock.freeze(Instant.parse("2030-02-01T09:00:10Z"));
        java.util.List<RateLimiter.Limit> limits = java.util.List.of(
                new RateLimiter.Limit(prefix + "ip", 40, Duration.ofMinutes(1)),
                new RateLimiter.Limit(prefix + "point", 45, Duration.ofMinutes(1)));
        for (int i = 0; i < 40; i++) {
            limiter.hitAll(limits, "token");
        }
        assertEquals(40, shardHits(prefix + "ip"), "40 hits over the shards");
        var refused = assertThrows(com.tanfang.message.TooManyRequestsException.class,
                () -> limiter.hitAll(limits, "token"));
        assertEquals(50, refused.retryAfterSeconds(), "until the minute's window ends");
        assertEquals("token", refused.problems().get(0).field());
        assertEquals(41, shardHits(prefix + "point"), "a refused hit stays counted, on both keys");
        // the point's own limit (45) while the address limit is raised: the second limit is named by its numbers
        java.util.List<RateLimiter.Limit> pointFirst = java.util.List.of(
                new RateLimiter.Limit(prefix + "ip", 1000, Duration.ofMinutes(1)),
                new RateLimiter.Limit(prefix + "point", 45, Duration.ofMinutes(1)));
        for (int i = 0; i < 4; i++) {
            limiter.hitAll(pointFirst, "token");
        }
        var overPoint = assertThrows(com.tanfang.message.TooManyRequestsException.class,
                () -> limiter.hitAll(pointFirst, "token"));
        assertTrue(overPoint.problems().get(0).message().args().contains("45"), overPoint.problems().toString());
        // the next window starts afresh; after the horizon the shards are pruned
        clock.advance(Duration.ofMinutes(1));
        limiter.hitAll(limits, "token");
        clock.advance(Duration.ofMinutes(62));
        limiter.prune();
        assertEquals(0, shardRows(prefix), "pruned after the horizon");
    }

    /**
     * Transactions that hit one key at the same time (submissions behind one address, each holding its hit until it
     * commits) do not wait for each other: each connection counts on its own shard. With a shard chosen at random
     * (before 2026-12-02) 12 concurrent holders of 16 shards collided in 99 % of runs, and a collision waits here
     * for the other transaction's commit.
     */
    @Test
    void concurrentTransactionsOnOneKeyDoNotWaitForEachOther() throws Exception {
        String key = "concurrent-shard-" + System.nanoTime();
        clock.freeze(Instant.parse("2030-02-01T09:00:10Z"));
        java.util.List<RateLimiter.Limit> limits = java.util.List.of(new RateLimiter.Limit(key, 1000, Duration.ofMinutes(1)));
        int holders = 12;   // of the pool's 16 connections
        var counted = new java.util.concurrent.CountDownLatch(holders);
        var release = new java.util.concurrent.CountDownLatch(1);
        var threads = java.util.concurrent.Executors.newFixedThreadPool(holders);
        try {
            var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < holders; i++) {
                done.add(threads.submit(() -> tx.executeWrite(status -> {
                    limiter.hitAll(limits, "token");
                    counted.countDown();
                    release.await(30, java.util.concurrent.TimeUnit.SECONDS);   // hold the hit, as a submission does
                    return null;
                })));
            }
            boolean allCounted = counted.await(10, java.util.concurrent.TimeUnit.SECONDS);
            long waiting = counted.getCount();
            release.countDown();
            for (var f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertTrue(allCounted, waiting + " of " + holders + " transactions waited for another's hit on the same key");
            assertEquals(holders, shardHits(key), "every hit counted");
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private long shardHits(String key) throws Exception {
        return query("select coalesce(sum(hits), 0) from rate_shard where key = ? and window_start = timestamptz '2030-02-01 09:00:00+00'", key);
    }

    private long shardRows(String keyPrefix) throws Exception {
        return query("select count(*) from rate_shard where key like ?", keyPrefix + "%");
    }

    private long query(String sql, String arg) throws Exception {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var st = c.prepareStatement(sql)) {
            st.setString(1, arg);
            var rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aWindowLongerThanThePruneHorizonIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class,
                () -> limiter.hit("too-long", 1, RateLimiter.MAX_WINDOW.plusSeconds(1), "token"));
    }
}
