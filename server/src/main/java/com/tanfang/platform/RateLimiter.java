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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
    private final RateShards shards;
    private final Clock clock;

    public RateLimiter(Windows windows, RateShards shards, Clock clock) {
        this.windows = windows;
        this.shards = shards;
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

    /** One limit of {@link #hitAll}: at most {@code limit} hits on {@code key} per {@code window}. */
    public record Limit(String key, int limit, Duration window) {
    }

    /**
     * Counts one hit against every limit in one statement. Unlike {@link #hit}, whose one counter row per key is
     * locked by each hit until its transaction commits, the hit goes to one of {@value RateShards#SHARDS} shard rows
     * (V24), the one of its database connection, so hits on one key from concurrent transactions (survey
     * submissions behind one address) do not wait for each other; the count sums the shards. Over a limit it throws a 429 problem naming
     * {@code field}, for the first limit exceeded; the hits stay counted (as {@link #hit}'s).
     */
    public void hitAll(List<Limit> limits, String field) {
        RoundTrip trip = new RoundTrip();
        Counted counted = count(trip, limits);
        shards.run(trip);
        counted.check(field);
    }

    /**
     * {@link #hitAll} as one statement of a caller's round trip, run in the caller's transaction: after the trip has
     * run, {@link Counted#check} throws the 429 problem if a limit is exceeded.
     */
    public Counted count(RoundTrip trip, List<Limit> limits) {
        return countAll(trip, List.of(limits)).get(0);
    }

    /**
     * The hits of several requests (a batch of survey submissions), in one statement: request i's hits are counted
     * as if the requests had hit one after another in the order given, so request i sees the hits of the requests
     * before it. A key hit by several requests is sent once with their number of hits (one statement cannot update
     * a row twice).
     */
    public List<Counted> countAll(RoundTrip trip, List<List<Limit>> perRequest) {
        Instant now = clock.instant();
        Map<String, Integer> distinct = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        List<Integer> hits = new ArrayList<>();
        List<int[]> slots = new ArrayList<>(); // per request: per limit, the distinct key's index and its occurrence
        for (List<Limit> limits : perRequest) {
            int[] slot = new int[limits.size() * 2];
            for (int i = 0; i < limits.size(); i++) {
                Duration window = limits.get(i).window();
                if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
                    throw new IllegalArgumentException("rate windows run from 1 ms to " + MAX_WINDOW + ": " + window);
                }
                long windowMillis = window.toMillis();
                Instant start = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
                String key = limits.get(i).key();
                Integer d = distinct.get(key + "\u0000" + start.toEpochMilli());
                if (d == null) {
                    d = keys.size();
                    distinct.put(key + "\u0000" + start.toEpochMilli(), d);
                    keys.add(key);
                    starts.add(start);
                    hits.add(0);
                }
                hits.set(d, hits.get(d) + 1);
                slot[2 * i] = d;
                slot[2 * i + 1] = hits.get(d);
            }
            slots.add(slot);
        }
        Integer[] sent = hits.toArray(new Integer[0]);
        RoundTrip.Part<int[]> totals = shards.count(trip, keys.toArray(new String[0]), starts.toArray(new Instant[0]),
                sent);
        List<Counted> out = new ArrayList<>();
        for (int r = 0; r < perRequest.size(); r++) {
            List<Limit> limits = List.copyOf(perRequest.get(r));
            int[] slot = slots.get(r);
            Instant[] windowStarts = new Instant[limits.size()];
            for (int i = 0; i < limits.size(); i++) {
                windowStarts[i] = starts.get(slot[2 * i]);
            }
            out.add(new Counted(limits, now, windowStarts, () -> {
                int[] total = totals.result();
                int[] counted = new int[limits.size()];
                for (int i = 0; i < limits.size(); i++) {
                    int d = slot[2 * i];
                    counted[i] = total[d] - sent[d] + slot[2 * i + 1];
                }
                return counted;
            }));
        }
        return out;
    }

    /** Hits counted in a round trip, to be checked against their limits once it has run. */
    public static final class Counted {
        private final List<Limit> limits;
        private final Instant now;
        private final Instant[] starts;
        private final Supplier<int[]> hits;

        private Counted(List<Limit> limits, Instant now, Instant[] starts, Supplier<int[]> hits) {
            this.limits = limits;
            this.now = now;
            this.starts = starts;
            this.hits = hits;
        }

        /** Throws a 429 problem naming {@code field} for the first limit exceeded. */
        public void check(String field) {
            int[] counted = hits.get();
            for (int i = 0; i < limits.size(); i++) {
                Limit l = limits.get(i);
                if (counted[i] > l.limit()) {
                    long retry = Math.max(1, Duration.between(now, starts[i].plus(l.window())).toSeconds());
                    throw new TooManyRequestsException(Message.of("problem.rate_limited", retry), retry,
                            List.of(FieldProblem.of(field, "rate", l.limit(), l.window().toSeconds())));
                }
            }
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
            int counters = windows.deleteStartedBefore(before, PRUNE_BATCH);
            int hits = shards.deleteStartedBefore(before, PRUNE_BATCH);
            total += counters + hits;
            if (counters < PRUNE_BATCH && hits < PRUNE_BATCH) {
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
