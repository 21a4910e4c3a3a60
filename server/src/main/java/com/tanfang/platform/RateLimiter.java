package com.tanfang.platform;

import com.tanfang.message.FieldProblem;
import com.tanfang.message.Message;
import com.tanfang.message.TooManyRequestsException;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Fixed-window request limits kept in PostgreSQL, so every instance counts the same hits. Coarse on purpose:
 * it stops floods, while the fraud signals judge individual responses. Windows are aligned to the epoch
 * ({@code now / window * window}) on the injected clock.
 */
@Singleton
public class RateLimiter {
    /** The longest window a limit may use; windows that started longer ago than this can no longer count. */
    public static final Duration MAX_WINDOW = Duration.ofHours(1);
    /** Rows deleted per statement when pruning, so a prune never holds a long lock on a large backlog. */
    static final int PRUNE_BATCH = 5_000;
    /** Statements per prune run; what is left waits for the next run. */
    static final int PRUNE_BATCHES = 20;

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    private final Windows windows;
    private final Clock clock;

    public RateLimiter(Windows windows, Clock clock) {
        this.windows = windows;
        this.clock = clock;
    }

    /** Counts a hit against {@code key}; over {@code limit} in the current window it throws a 429 problem. */
    public void hit(String key, int limit, Duration window, String field) {
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("rate windows run from 1 ms to " + MAX_WINDOW + ": " + window);
        }
        long windowMillis = window.toMillis();
        Instant now = clock.instant();
        Instant start = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
        int hits = windows.increment(key, start);
        if (hits > limit) {
            long retry = Math.max(1, Duration.between(now, start.plus(window)).toSeconds());
            throw new TooManyRequestsException(Message.of("problem.rate_limited", retry), retry,
                    List.of(FieldProblem.of(field, "rate", limit, window.toSeconds())));
        }
    }

    /**
     * Deletes windows that can no longer count (started more than {@link #MAX_WINDOW} ago), in bounded batches.
     * Idempotent, so every instance may run it. Returns how many rows were deleted.
     */
    @Scheduled(fixedDelay = "5m", initialDelay = "1m")
    public int prune() {
        Instant before = clock.instant().minus(MAX_WINDOW);
        int total = 0;
        for (int i = 0; i < PRUNE_BATCHES; i++) {
            int deleted = windows.deleteStartedBefore(before, PRUNE_BATCH);
            total += deleted;
            if (deleted < PRUNE_BATCH) {
                break;
            }
        }
        if (total > 0) {
            LOG.debug("Pruned {} expired rate-limit windows", total);
        }
        return total;
    }

    @MappedEntity("rate_window")
    public record Window(@Id String key, Instant windowStart, int hits) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Windows extends GenericRepository<Window, String> {
        @Query("""
                insert into rate_window (key, window_start, hits) values (:key, :start, 1)
                on conflict (key, window_start) do update set hits = rate_window.hits + 1
                returning hits""")
        int increment(String key, Instant start);

        /** At most {@code limit} rows per call: a backlog is worked off over several statements, not one. */
        @Query("""
                delete from rate_window where ctid in (
                  select ctid from rate_window where window_start < :before limit :limit)""")
        int deleteStartedBefore(Instant before, int limit);
    }
}
