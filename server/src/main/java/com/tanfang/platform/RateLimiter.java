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
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Fixed-window request limits kept in PostgreSQL, so every instance counts the same hits. Coarse on purpose:
 * it stops floods, while the fraud signals judge individual responses.
 */
@Singleton
public class RateLimiter {
    private final Windows windows;

    public RateLimiter(Windows windows) {
        this.windows = windows;
    }

    /** Counts a hit against {@code key}; over {@code limit} in the current window it throws a 429 problem. */
    public void hit(String key, int limit, Duration window, String field) {
        long windowMillis = window.toMillis();
        Instant start = Instant.ofEpochMilli(System.currentTimeMillis() / windowMillis * windowMillis);
        int hits = windows.increment(key, start);
        if (hits > limit) {
            long retry = Math.max(1, Duration.between(Instant.now(), start.plus(window)).toSeconds());
            throw new TooManyRequestsException(Message.of("problem.rate_limited", retry), retry,
                    List.of(FieldProblem.of(field, "rate", limit, window.toSeconds())));
        }
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

        @Query("delete from rate_window where window_start < now() - interval '1 day'")
        void prune();
    }
}
