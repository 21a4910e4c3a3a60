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

    @Test
    void aWindowLongerThanThePruneHorizonIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class,
                () -> limiter.hit("too-long", 1, RateLimiter.MAX_WINDOW.plusSeconds(1), "token"));
    }
}
