package com.tanfang.survey.intake;

import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An auditor lists their own face-to-face sheets and corrects one: the correction supersedes the earlier sheet
 * (kept, logged, no longer counted); only the author may, and only while the campaign is open and undrawn.
 */
@MicronautTest
class FaceToFaceCorrectionTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MutableClock clock;
    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Map<String, Object> sheet(SurveyFixture f, long secondId, int value) {
        return new HashMap<>(Map.of("submissionId", UUID.randomUUID().toString(), "pointId", f.pointId(1),
                "secondAuditorId", secondId, "staffAbsent", true, "answers", f.answers(value)));
    }

    @SuppressWarnings("unchecked")
    @Test
    void theAuthorListsAndCorrectsTheirOwnSheetOthersAndLateCorrectionsAreRefused() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        String auditor = api.demo("auditor");
        long leadId = ((Number) api.get("/api/v1/me", f.lead).map().get("id")).longValue();
        String base = "/api/v1/campaigns/" + f.campaignId + "/offline-responses";

        TestApi.Res first = api.post(base, auditor, sheet(f, leadId, 4));
        assertEquals(201, first.status(), first.raw());
        long firstId = ((Number) first.map().get("responseId")).longValue();
        TestApi.Res second = api.post(base, auditor, sheet(f, leadId, 2));
        assertEquals(201, second.status(), second.raw());
        long secondSheetId = ((Number) second.map().get("responseId")).longValue();
        f.submitOnline(0, 5, null); // not the auditor's: never listed

        TestApi.Res mine = api.get(base + "/mine", auditor);
        assertEquals(200, mine.status(), mine.raw());
        List<Map<String, Object>> sheets = mine.list();
        assertEquals(2, sheets.size(), mine.raw());
        Map<String, Object> listed = sheets.stream().filter(s -> ((Number) s.get("id")).longValue() == firstId).findFirst().orElseThrow();
        assertEquals("CURRENT", listed.get("state"));
        assertEquals(true, listed.get("correctable"));
        assertEquals(f.pointId(1), ((Number) listed.get("pointId")).longValue());
        assertEquals(f.questions.size(), ((Number) listed.get("answered")).intValue());
        assertEquals(4, ((Number) ((Map<String, Object>) listed.get("answers")).get(f.questionId(0))).intValue());
        assertEquals(0, api.get(base + "/mine", f.lead).list().size(), "the lead entered none");

        // Someone else on the team (the second auditor, even) cannot correct it.
        Map<String, Object> fix = sheet(f, leadId, 1);
        TestApi.Res byLead = api.post(base + "/" + firstId + "/corrections", f.lead, fix);
        assertEquals(403, byLead.status(), byLead.raw());

        // The author can; a retry of the same correction gets its receipt and changes nothing more.
        TestApi.Res corrected = api.post(base + "/" + firstId + "/corrections", auditor, fix);
        assertEquals(201, corrected.status(), corrected.raw());
        long correctedId = ((Number) corrected.map().get("responseId")).longValue();
        assertEquals(200, api.post(base + "/" + firstId + "/corrections", auditor, fix).status());
        assertEquals(2L, ((Number) f.results().get("offline")).longValue(), "the superseded sheet no longer counts");
        List<Map<String, Object>> after = api.get(base + "/mine", auditor).list();
        assertEquals(3, after.size());
        Map<String, Object> old = after.stream().filter(s -> ((Number) s.get("id")).longValue() == firstId).findFirst().orElseThrow();
        assertEquals("SUPERSEDED", old.get("state"));
        assertEquals(correctedId, ((Number) old.get("supersededBy")).longValue());
        assertEquals(false, old.get("correctable"));
        Map<String, Object> now = after.stream().filter(s -> ((Number) s.get("id")).longValue() == correctedId).findFirst().orElseThrow();
        assertEquals(listed.get("interviewedAt"), now.get("interviewedAt"), "the interview time is kept");
        assertEquals(1, ((Number) ((Map<String, Object>) now.get("answers")).get(f.questionId(0))).intValue());
        assertTrue(evidenceCount(correctedId, "response.corrected") == 1, "the correction is evidence-logged");

        // The superseded sheet cannot be corrected again (its latest version can).
        TestApi.Res again = api.post(base + "/" + firstId + "/corrections", auditor, sheet(f, leadId, 3));
        assertEquals(409, again.status(), again.raw());
        // Bad input names the field, in the caller's language.
        Map<String, Object> bad = sheet(f, leadId, 3);
        bad.put("answers", Map.of());
        TestApi.Res invalid = api.send("POST", base + "/" + correctedId + "/corrections", auditor, bad,
                Map.of("Accept-Language", "en"));
        assertEquals(400, invalid.status(), invalid.raw());
        assertTrue(invalid.problemFields().contains("answers." + f.questionId(0)), invalid.raw());
        assertEquals(404, api.post(base + "/999999999/corrections", auditor, sheet(f, leadId, 3)).status());

        // Once the campaign is closed, no correction.
        for (int i = 0; i < 4; i++) {
            f.submitOnline(i, 4, "1390000" + (3000 + i));
        }
        f.closeNow(clock);
        TestApi.Res closed = api.send("POST", base + "/" + secondSheetId + "/corrections", auditor, sheet(f, leadId, 3),
                Map.of("Accept-Language", "en"));
        assertEquals(409, closed.status(), closed.raw());
        assertTrue(closed.raw().contains("closed"), closed.raw());
        assertEquals(false, api.get(base + "/mine", auditor).list().get(0).get("correctable"));
    }

    private long evidenceCount(long responseId, String action) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from evidence_log where subject_type in ('RESPONSE', 'response') and subject_id = ? and action = ?")) {
            ps.setLong(1, responseId);
            ps.setString(2, action);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
