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
        MixedResponses.insert(dataSource, f.campaignId);
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
