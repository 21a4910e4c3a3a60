package com.tanfang.account;

import io.micronaut.core.annotation.Nullable;
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
    record Row(@Id String usernameKey, int failures, Instant lastFailure, @Nullable Instant lockedUntil) {
    }

    /** Makes sure the name has a row, so that {@link #lockRow} always has something to lock. */
    @Query("insert into login_throttle (username_key, failures, last_failure) values (:key, 0, :now)"
            + " on conflict (username_key) do nothing")
    void ensureRow(String key, Instant now);

    /**
     * The name's row, locked until the transaction ends: concurrent attempts on one name queue here (for the
     * length of two short statements, never for a password check), so each sees the count the previous left.
     */
    @Query("select username_key, failures, last_failure, locked_until from login_throttle"
            + " where username_key = :key for update")
    Row lockRow(String key);

    @Query("update login_throttle set failures = :failures, last_failure = :now, locked_until = :lockedUntil"
            + " where username_key = :key")
    void update(String key, int failures, Instant now, @Nullable Instant lockedUntil);

    @Query("delete from login_throttle where username_key = :key")
    void clear(String key);
}
