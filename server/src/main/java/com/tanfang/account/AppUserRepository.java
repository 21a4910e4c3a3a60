package com.tanfang.account;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AppUserRepository extends CrudRepository<AppUser, Long> {

    @Query("select * from app_user where lower(username) = lower(:username)")
    Optional<AppUser> findByUsernameIgnoreCase(String username);

    @Query("select * from app_user order by lower(username)")
    List<AppUser> listAll();

    @Query("select count(*) > 0 from app_user where 'ADMIN' = any(roles)")
    boolean anyAdmin();

    /** Enabled ADMIN accounts other than {@code id}: the last one may not lose the role or be disabled. */
    @Query("select count(*) from app_user where enabled and 'ADMIN' = any(roles) and id <> :id")
    long countOtherEnabledAdmins(long id);

    @Query("select token_version from app_user where id = :id and enabled")
    Optional<Integer> activeTokenVersion(long id);
}
