package com.tanfang.schemelibrary;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SchemeRepository extends CrudRepository<SchemeRecord, Long> {

    @Query("select * from scheme order by built_in desc, lower(code)")
    List<SchemeRecord> listAll();

    @Query("select * from scheme where lower(code) = lower(:code)")
    Optional<SchemeRecord> findByCode(String code);

    /** 1 when inserted, 0 when the code exists (also when another instance inserted it concurrently). */
    @Query("insert into scheme (code, built_in, created_by) values (:code, :builtIn, :createdBy) on conflict do nothing")
    int insertIfAbsent(String code, boolean builtIn, @Nullable Long createdBy);
}
