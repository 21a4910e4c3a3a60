package com.tanfang.account;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

/** Failed-login counters in PostgreSQL, so every instance sees the same lockouts. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LoginThrottleRepository extends GenericRepository<LoginThrottleRepository.Row, String> {

    @MappedEntity("login_throttle")
    record Row(@Id String usernameKey, int failures, Instant lastFailure, Instant lockedUntil) {
    }

    @Query("select locked_until from login_throttle where username_key = :key and locked_until > :now")
    Optional<Instant> lockedUntil(String key, Instant now);

    /** Counts a failure; failures older than the window start a new count. */
    @Query("""
            insert into login_throttle (username_key, failures, last_failure) values (:key, 1, :now)
            on conflict (username_key) do update set
              failures = case when login_throttle.last_failure < cast(:now as timestamptz) - make_interval(secs => :windowSeconds)
                              then 1 else login_throttle.failures + 1 end,
              last_failure = :now""")
    void recordFailure(String key, long windowSeconds, Instant now);

    @Query("select failures from login_throttle where username_key = :key")
    Optional<Integer> failures(String key);

    @Query("update login_throttle set locked_until = cast(:now as timestamptz) + make_interval(secs => :seconds) where username_key = :key")
    void lock(String key, long seconds, Instant now);

    @Query("delete from login_throttle where username_key = :key")
    void clear(String key);
}
