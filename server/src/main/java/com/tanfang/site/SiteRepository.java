package com.tanfang.site;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SiteRepository extends CrudRepository<Site, Long> {

    @Query("select * from site where organization_id = :organizationId order by lower(name)")
    List<Site> listByOrganization(long organizationId);

    @Query("select * from site where organization_id = :organizationId and lower(name) = lower(:name)")
    Optional<Site> findByName(long organizationId, String name);
}
