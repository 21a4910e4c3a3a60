package com.tanfang.survey.results;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.project.Projects;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.campaign.SurveyCampaign;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The call-back report's results before and after the denials come from one scan of the answers
 * ({@link SurveyResults#beforeAndAfterCallBacks}); they must be exactly the two computations they replace, on a campaign
 * with every kind of row: don't-knows, N/As, offline responses, exclusions by the lead and by call-back denials,
 * amendments and fraud flags.
 */
@MicronautTest(transactional = false)
class CallBackViewsTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;
    @Inject
    SurveyResults results;
    @Inject
    Campaigns campaigns;
    @Inject
    Projects projects;

    @Test
    void oneScanGivesTheSameResultsAsTheTwoComputations() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource)
                .getConnection()) {
            for (String sql : new String[] {"""
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
                    """}) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, f.campaignId);
                    ps.setLong(2, f.campaignId);
                    ps.executeUpdate();
                }
            }
        }
        long leadId = ((Number) api.get("/api/v1/me", f.lead).map().get("id")).longValue();
        Caller lead = new Caller(leadId, "lead", Set.of(Role.LEAD), null);
        SurveyCampaign campaign = campaigns.get(f.campaignId, lead);
        var questions = campaigns.questions(f.campaignId);
        var points = campaigns.activePoints(f.campaignId);
        var scheme = projects.scheme(projects.get(campaign.projectId(), lead));

        SurveyResults.BeforeAndAfter both = results.beforeAndAfterCallBacks(campaign, questions, points, scheme);

        SurveyResults.Results before = results.compute(campaign, questions, points, scheme, true);
        SurveyResults.Results after = results.compute(campaign, questions, points, scheme, false);
        assertNotEquals(before, after, "the denials change the results: the test sees both views");
        assertEquals(before, both.before());
        assertEquals(after, both.after());
    }
}
