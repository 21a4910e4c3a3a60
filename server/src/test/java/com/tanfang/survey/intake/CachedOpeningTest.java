package com.tanfang.survey.intake;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A submission's point and campaign come from a per-instance cache (PointOpenings), checked by row version in the
 * submission's own round trip: a change made anywhere (another instance, or SQL, as here) counts at the next
 * submission, never a stale copy.
 */
@MicronautTest(transactional = false)
class CachedOpeningTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;

    private static TestApi.Res submit(SurveyFixture f, String token) {
        return f.api.post("/api/v1/public/surveys/" + token + "/responses", null,
                Map.of("submissionId", UUID.randomUUID().toString(), "answers", f.answers(4)));
    }

    private long sql(String statement, long id) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setLong(1, id);
            if (statement.startsWith("select")) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
            return ps.executeUpdate();
        }
    }

    @Test
    void aCampaignClosedEarlyElsewhereRefusesTheNextSubmission() throws SQLException {
        SurveyFixture f = SurveyFixture.openNow(new TestApi(server.getURL(), json));
        assertEquals(201, submit(f, f.token(0)).status(), "cached now");
        long before = sql("select row_version from survey_campaign where id = ?", f.campaignId);
        assertEquals(1, sql("update survey_campaign set closes_at = opens_at + interval '1 millisecond' where id = ?",
                f.campaignId));
        assertEquals(before + 1, sql("select row_version from survey_campaign where id = ?", f.campaignId));
        TestApi.Res closed = submit(f, f.token(0));
        assertEquals(409, closed.status(), closed.raw());
        assertTrue(closed.raw().contains("campaign.closed"), closed.raw());
        assertEquals(1, sql("update survey_campaign set closes_at = opens_at + interval '30 days' where id = ?",
                f.campaignId));
        assertEquals(201, submit(f, f.token(0)).status(), "reopened: seen at once too");
    }

    @Test
    void aReplacedTokenIsRefusedAtOnceAndItsSuccessorTakesAnswers() {
        SurveyFixture f = SurveyFixture.openNow(new TestApi(server.getURL(), json));
        String old = f.token(0);
        assertEquals(201, submit(f, old).status(), "cached now");
        TestApi.Res replaced = f.api.post("/api/v1/campaigns/" + f.campaignId + "/points/" + f.pointId(0) + "/token",
                f.lead, Map.of());
        assertEquals(200, replaced.status(), replaced.raw());
        TestApi.Res refused = submit(f, old);
        assertEquals(410, refused.status(), refused.raw());
        assertTrue(refused.raw().contains("token.revoked"), refused.raw());
        String url = (String) replaced.map().get("url");
        assertEquals(201, submit(f, url.substring(url.lastIndexOf('/') + 1)).status());
    }
}
