package com.tanfang.survey.results;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * 160 responses of every kind on a campaign's first four points, written in SQL as the intake would: don't-knows,
 * N/As, offline responses, exclusions by a lead's review and by call-back denials, fraud flags on a third and
 * amendments (response 13k superseded by 13k + 4).
 */
final class MixedResponses {
    private MixedResponses() {
    }

    static void insert(DataSource dataSource, long campaignId) throws SQLException {
        execute(dataSource, campaignId, """
                insert into survey_response (campaign_id, point_id, channel, submission_id, submitted_at,
                                             staff_absent_attested, excluded, excluded_reason, excluded_cause)
                select ?, pts.ids[1 + g % 4], case when g % 5 = 0 then 'OFFLINE' else 'ONLINE' end, 'views-' || g,
                       now(), g % 5 = 0, g % 7 = 0 or g % 11 = 0, case when g % 7 = 0 or g % 11 = 0 then 'test' end,
                       case when g % 7 = 0 then 'CALLBACK_DENIED' when g % 11 = 0 then 'LEAD_REVIEW' end
                  from generate_series(1, 160) g,
                       (select array_agg(id order by id) ids from survey_point where campaign_id = ?) pts
                """, """
                insert into survey_answer (response_id, question_id, value, not_applicable)
                select r.id, q.id,
                       case when (r.id + q.position) % 6 = 0
                              or (q.not_applicable_allowed and (r.id + q.position) % 4 = 0) then null
                            else 1 + (r.id * 7 + q.position * 3) % 5 end,
                       q.not_applicable_allowed and (r.id + q.position) % 4 = 0
                  from survey_response r join survey_question q on q.campaign_id = r.campaign_id
                 where r.campaign_id = ? and r.campaign_id = ?
                """, """
                insert into response_flag (response_id, kind, reason, reason_code)
                select id, 'BURST', 'test', 'survey.flag.burst.general' from survey_response
                 where campaign_id = ? and campaign_id = ? and id % 3 = 0
                """, """
                update survey_response r set superseded_by = later.id, superseded_at = later.submitted_at
                  from survey_response later
                 where r.campaign_id = ? and later.campaign_id = ? and later.submission_id = 'views-'
                       || (substr(r.submission_id, 7)::int + 4) and substr(r.submission_id, 7)::int % 13 = 0
                """);
    }

    /** Runs each statement with the campaign id as its two parameters, each in a transaction of its own. */
    static void execute(DataSource dataSource, long campaignId, String... statements) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            for (String sql : statements) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, campaignId);
                    ps.setLong(2, campaignId);
                    ps.executeUpdate();
                }
            }
        }
    }
}
