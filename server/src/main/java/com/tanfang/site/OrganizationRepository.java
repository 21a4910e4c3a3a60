package com.tanfang.site;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrganizationRepository extends CrudRepository<Organization, Long> {

    @Query("select * from organization order by lower(name)")
    List<Organization> listAll();

    @Query("select * from organization where lower(name) = lower(:name)")
    Optional<Organization> findByNameIgnoreCase(String name);
}
