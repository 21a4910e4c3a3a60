package com.tanfang.platform;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ServerSecretRepository extends GenericRepository<ServerSecret, String> {

    /** First writer wins, so instances starting together agree on one secret. */
    @Query("insert into server_secret (name, value) values (:name, :value) on conflict (name) do nothing")
    void insertIfAbsent(String name, String value);

    @Query("select value from server_secret where name = :name")
    Optional<String> findValue(String name);

    /** Keys moved to the key directory leave the table, so a database backup does not carry them. */
    @Query("delete from server_secret where name = :name")
    void delete(String name);
}
