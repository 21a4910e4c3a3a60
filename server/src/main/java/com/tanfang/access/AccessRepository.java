package com.tanfang.access;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/**
 * The few facts object access needs, read straight from the project tables so that {@code access} does not
 * depend on the {@code project} package (which depends on it).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AccessRepository extends GenericRepository<AccessRepository.ProjectRef, Long> {

    /** What access needs to know of a project: whose it is and who leads it. */
    @MappedEntity("evaluation_project")
    record ProjectRef(@Id long id, long organizationId, long leadUserId) {
    }

    @Query("select id, organization_id, lead_user_id from evaluation_project where id = :projectId")
    Optional<ProjectRef> project(long projectId);

    @Query("select exists (select 1 from evaluation_project ep where ep.id = :projectId and " + Access.ON_TEAM + ")")
    boolean onTeam(long projectId, long userId);

    @Query("select project_id from survey_campaign where id = :campaignId")
    Optional<Long> projectOfCampaign(long campaignId);

    @Query("""
            select d.campaign_id from callback_item i join callback_draw d on d.id = i.draw_id where i.id = :itemId""")
    Optional<Long> campaignOfCallBackItem(long itemId);

    /** What access needs to know of a visit (V13): its project, its rater and whether it is offered to the pool. */
    @io.micronaut.core.annotation.Introspected
    record VisitRef(long id, long projectId, @io.micronaut.core.annotation.Nullable Long raterUserId, String state,
                    boolean offered) {
    }

    @Query("select id, project_id, rater_user_id, state, offered from visit where id = :visitId")
    Optional<VisitRef> visit(long visitId);
}
