package com.tanfang.schemelibrary;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/**
 * Versions of schemes. Published versions are immutable: every update here is limited to drafts in its
 * WHERE clause, and a trigger (V2__schemes.sql) refuses any change to a published row.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SchemeVersionRepository extends GenericRepository<SchemeVersion, Long> {

    String METADATA = "id, scheme_id, version, status, null::text as document, title_zh, title_en, created_at, "
            + "created_by, published_at, published_by";
    String FULL = "id, scheme_id, version, status, document::text as document, title_zh, title_en, created_at, "
            + "created_by, published_at, published_by";

    /** Every version of every scheme, without documents. */
    @Query("select " + METADATA + " from scheme_version order by scheme_id, version")
    List<SchemeVersion> listAllMetadata();


    @Query("select " + FULL + " from scheme_version where scheme_id = :schemeId order by version")
    List<SchemeVersion> listBySchemeWithDocuments(long schemeId);

    @Query("select " + FULL + " from scheme_version where scheme_id = :schemeId and version = :version")
    Optional<SchemeVersion> find(long schemeId, int version);

    @Query("select " + FULL + " from scheme_version where scheme_id = :schemeId and status = 'DRAFT'")
    Optional<SchemeVersion> findDraft(long schemeId);

    @Query("select " + FULL + " from scheme_version where scheme_id = :schemeId and status = 'PUBLISHED' "
            + "order by version desc limit 1")
    Optional<SchemeVersion> findLatestPublished(long schemeId);

    @Query("select " + FULL + " from scheme_version where id = :id")
    Optional<SchemeVersion> findWithDocument(long id);

    @Query("select coalesce(max(version), 0) from scheme_version where scheme_id = :schemeId")
    int maxVersion(long schemeId);

    @Query("insert into scheme_version (scheme_id, version, status, document, title_zh, title_en, created_by, "
            + "published_at, published_by) values (:schemeId, :version, :status, cast(:document as jsonb), :titleZh, "
            + ":titleEn, :createdBy, case when :status = 'PUBLISHED' then now() end, :publishedBy)")
    void insert(long schemeId, int version, SchemeVersion.Status status, String document, @Nullable String titleZh,
                @Nullable String titleEn, @Nullable Long createdBy, @Nullable Long publishedBy);

    /** 1 when inserted, 0 when the version number is taken (another instance published it concurrently). */
    @Query("insert into scheme_version (scheme_id, version, status, document, title_zh, title_en, published_at) "
            + "values (:schemeId, :version, 'PUBLISHED', cast(:document as jsonb), :titleZh, :titleEn, now()) "
            + "on conflict do nothing")
    int insertPublishedIfAbsent(long schemeId, int version, String document, @Nullable String titleZh,
                                @Nullable String titleEn);

    /** Moves a draft to another version number; 0 when it is no longer that draft (another instance moved it). */
    @Query("update scheme_version set version = :to where id = :id and version = :from and status = 'DRAFT'")
    int renumberDraft(long id, int from, int to);

    /** 0 when the version is not (or no longer) a draft. */
    @Query("update scheme_version set document = cast(:document as jsonb), title_zh = :titleZh, title_en = :titleEn, "
            + "updated_at = now() where id = :id and status = 'DRAFT'")
    int updateDraft(long id, String document, @Nullable String titleZh, @Nullable String titleEn);

    /** 0 when the version is not (or no longer) a draft. */
    @Query("update scheme_version set status = 'PUBLISHED', published_at = now(), published_by = :publishedBy "
            + "where id = :id and status = 'DRAFT'")
    int publish(long id, long publishedBy);
}
