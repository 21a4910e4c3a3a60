package com.tanfang.survey.intake;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A respondent's page and every submission start from one statement that finds the point by its token with its
 * campaign and its location's name ({@code SurveyRepositories.PointOpening}). What a respondent sees is the
 * database's state now: a renamed location at once (it was cached for a minute on each instance before), an early
 * close and a revoked link at the next request.
 */
@MicronautTest(transactional = false)
class PointOpeningTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    javax.sql.DataSource dataSource;

    private void sql(String statement, Object... args) throws Exception {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource)
                .getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    @Test
    void theQuestionnaireShowsThePointCampaignAndLocationAsTheyAreNow() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        String path = "/api/v1/public/surveys/" + f.token(0);
        Map<String, Object> campaign = api.get("/api/v1/campaigns/" + f.campaignId, f.lead).map();

        Map<String, Object> first = api.get(path, null).map();
        assertEquals(f.points.get(0).locationName(), first.get("pointName"));
        for (String field : List.of("titleZh", "titleEn", "introZh", "introEn", "phoneMode", "commentAllowed")) {
            assertEquals(campaign.get(field), first.get(field), field);
        }
        assertEquals(Instant.parse((String) campaign.get("closesAt")), Instant.parse((String) first.get("closesAt")));
        assertEquals(f.questions.size(), ((List<?>) first.get("questions")).size());

        // Renamed: the next page says so (before, each instance kept the old name for up to a minute).
        sql("update location set name = ? where id = ?", "3号楼 2单元（新）", f.points.get(0).locationId());
        assertEquals("3号楼 2单元（新）", api.get(path, null).map().get("pointName"));

        // Closed early: refused at the next request, the page and a submission alike.
        sql("update survey_campaign set closes_at = now() - interval '1 second' where id = ?", f.campaignId);
        TestApi.Res closed = api.get(path, null);
        assertEquals(409, closed.status(), closed.raw());
        assertEquals(List.of("token"), closed.problemFields());
        TestApi.Res refused = api.post(path + "/responses", null,
                Map.of("submissionId", "closed-early-1", "answers", f.answers(4)));
        assertEquals(409, refused.status(), refused.raw());
    }

    @Test
    void aRevokedOrUnknownLinkIsRefusedNamingTheToken() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        sql("update survey_point set revoked_at = now() where id = ?", f.pointId(1));
        TestApi.Res revoked = api.get("/api/v1/public/surveys/" + f.token(1), null);
        assertEquals(410, revoked.status(), revoked.raw());
        assertEquals(List.of("token"), revoked.problemFields());
        TestApi.Res unknown = api.get("/api/v1/public/surveys/" + f.token(1) + "x", null);
        assertEquals(404, unknown.status(), unknown.raw());
        assertEquals(List.of("token"), unknown.problemFields());
        assertEquals(200, api.get("/api/v1/public/surveys/" + f.token(0), null).status());
    }
}
