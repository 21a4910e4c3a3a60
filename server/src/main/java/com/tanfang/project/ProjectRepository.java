package com.tanfang.project;

import com.tanfang.access.Access;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProjectRepository extends CrudRepository<EvaluationProject, Long> {

    @Query("select * from evaluation_project order by created_at desc, id desc")
    List<EvaluationProject> listAll();

    @Query("select * from evaluation_project where organization_id = :organizationId order by created_at desc, id desc")
    List<EvaluationProject> listByOrganization(long organizationId);

    /** The projects whose team the user is on (Access.ON_TEAM, the one text of that rule). */
    @Query("select * from evaluation_project ep where " + Access.ON_TEAM + " order by created_at desc, id desc")
    List<EvaluationProject> listOnTeam(long userId);

    /** The project's {@link ProjectDtos.Status} at {@code now}: a released result, else its campaigns' windows. */
    @Query("""
            select case when exists (select 1 from evaluation_revision r where r.project_id = :projectId
                                             and r.released_at is not null) then 'RESULT_RELEASED'
                        when count(*) filter (where opens_at <= :now) = 0 then 'PLANNED'
                        when count(*) = count(*) filter (where closes_at <= :now) then 'FIELDWORK_DONE'
                        else 'FIELDWORK' end
            from survey_campaign where project_id = :projectId""")
    String status(long projectId, java.time.Instant now);

    @Query("insert into project_member (project_id, user_id) values (:projectId, :userId) on conflict do nothing")
    void addMember(long projectId, long userId);

    @Query("delete from project_member where project_id = :projectId and user_id = :userId")
    void removeMember(long projectId, long userId);

    @Query("select user_id from project_member where project_id = :projectId order by user_id")
    List<Long> members(long projectId);

}
