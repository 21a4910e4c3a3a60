package com.tanfang.site;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LocationRepository extends CrudRepository<Location, Long> {

    @Query("select * from location where site_id = :siteId order by sort_order, id")
    List<Location> listBySite(long siteId);

    @Query("select lower(code) from location where site_id = :siteId")
    List<String> codesInSite(long siteId);

    @Query("select coalesce(max(sort_order), 0) from location where site_id = :siteId")
    int maxSortOrder(long siteId);
}
