package com.tanfang.survey.review;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A lead's exclusion writes the response and its evidence row together, or neither. */
@MicronautTest(transactional = false)
class ExclusionTest {
    private static final String PROBE = "ATOMICITY-PROBE";
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;

    private Connection raw() throws SQLException {
        return DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }

    private String row(String sql) throws SQLException {
        try (Connection c = raw(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void aFailedEvidenceWriteLeavesTheResponseIncluded() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        long response = f.submitOnline(0, 4, null);
        String path = "/api/v1/campaigns/" + f.campaignId + "/responses/" + response + "/exclusion";
        String evidenceOfIt = "select count(*) from evidence_log where subject_type = 'RESPONSE' and subject_id = "
                + response;
        // Make the evidence insert of this one exclusion fail, after the response's update has run.
        try (Connection c = raw()) {
            exec(c, """
                    create or replace function test_refuse_probe() returns trigger language plpgsql as $$
                    begin
                        if new::text like '%ATOMICITY-PROBE%' then raise exception 'probe refused'; end if;
                        return new;
                    end $$""");
            exec(c, "create trigger test_refuse_probe before insert on evidence_log for each row"
                    + " execute function test_refuse_probe()");
        }
        try {
            TestApi.Res failed = api.post(path, f.lead, Map.of("reason", PROBE));
            assertEquals(500, failed.status(), failed.raw());
        } finally {
            try (Connection c = raw()) {
                exec(c, "drop trigger test_refuse_probe on evidence_log");
                exec(c, "drop function test_refuse_probe()");
            }
        }
        assertEquals("f", row("select excluded from survey_response where id = " + response),
                "the exclusion rolled back with its evidence");
        assertEquals("0", row(evidenceOfIt));

        assertEquals(204, api.post(path, f.lead, Map.of("reason", "  duplicate of a neighbour's answer ")).status());
        assertEquals("true LEAD_REVIEW duplicate of a neighbour's answer", row("select excluded || ' ' || excluded_cause"
                + " || ' ' || excluded_reason from survey_response where id = " + response));
        assertEquals("1", row(evidenceOfIt));
        String lead = row("select id from app_user where username = 'lead'");
        assertEquals("response.excluded " + lead + " LEAD_REVIEW " + f.campaignId, row("select action || ' ' || actor"
                + " || ' ' || (detail ->> 'cause') || ' ' || (detail ->> 'campaignId') from evidence_log"
                + " where subject_type = 'RESPONSE' and subject_id = " + response));

        TestApi.Res again = api.post(path, f.lead, Map.of("reason", "again"));
        assertEquals(409, again.status(), again.raw());
        assertTrue(again.raw().contains("\"code\":\"review.already_excluded\""), again.raw());
        assertEquals("1", row(evidenceOfIt), "a refused exclusion writes no evidence");
    }
}
