package com.tanfang.report.survey;

import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import com.tanfang.scheme.BuiltInSchemes;
import com.tanfang.survey.campaign.SurveyQuestion;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small signed-off campaign whose report figures are computed by hand in {@link SurveyReportApiTest}. The
 * scheme is a copy of the property scheme (7 survey questions S1..S7, S1-S6 4 points, S7 6 points, Likert LINEAR:
 * 5 → 1, 4 → 0.75, 3 → 0.5, 2 → 0.25) whose other items are covert-visit items, rated by one approved visit; the
 * campaign's low-score threshold is 85. Responses (every question answered alike unless said):
 * <ul>
 *   <li>point 0, online: 5 (no phone); 4 (phone, confirmed on the call-back); 2 (phone, DENIED: excluded)</li>
 *   <li>point 1, online: 3 (phone, confirmed with a differing answer on S1)</li>
 *   <li>point 1, face to face: 5, but "don't know" on S7</li>
 * </ul>
 * The call-back sample is drawn at 100 % (all three phones). Survey-review decisions before the sign-off: S1
 * CHECK_ON_SITE, then S2 ENLARGE_SAMPLE superseded by ACCEPT; after it, one on S3 (which the report must not show).
 */
final class SurveyReportFixture {
    final TestApi api;
    final VisitFixture v;
    final SurveyFixture f;
    final long projectId;
    final String lead;
    final long denied;
    /** The point-0 response answering 5 without a phone (the one a test excludes after the sign-off). */
    final long unverified;

    SurveyReportFixture(TestApi api, String base, JsonMapper json, MutableClock clock) {
        this.api = api;
        String demoLead = api.demo("lead");
        long versionId = com.tanfang.evaluation.signoff.SignOffFixture.coveredScheme(api, json, demoLead, "survey-report");
        this.f = SurveyFixture.create(api, Duration.ofMinutes(-1), Duration.ofDays(1),
                Map.of("lowScoreThreshold", 85), versionId);
        this.v = new VisitFixture(api, base, json, f);
        this.projectId = v.projectId;
        this.lead = v.lead;
        long visitId = v.visitInProgress(v.shopper, v.shopperId);
        v.answerAll(visitId, v.shopper);
        expect(200, api.post("/api/v1/visits/" + visitId + "/submit", v.shopper,
                Map.of("visitVersion", v.version(visitId, v.shopper))));
        expect(200, api.post("/api/v1/visits/" + visitId + "/approve", lead, Map.of()));

        this.unverified = f.submitOnline(0, 5, null);
        long confirmed = f.submitOnline(0, 4, "13900000001");
        this.denied = f.submitOnline(0, 2, "13900000002");
        long differs = f.submitOnline(1, 3, "13900000003");
        Map<String, Integer> offline = new HashMap<>(f.answers(5));
        offline.put(question("S7"), 0);
        expect(201, api.post("/api/v1/campaigns/" + f.campaignId + "/offline-responses", lead, Map.of(
                "submissionId", UUID.randomUUID().toString(), "pointId", f.pointId(1), "secondAuditorId", v.auditorId,
                "staffAbsent", true, "answers", offline)));

        f.closeNow(clock);
        expect(201, api.post("/api/v1/campaigns/" + f.campaignId + "/callback/draws", lead, Map.of("ratePercent", 100)));
        for (Object o : (List<?>) api.get("/api/v1/campaigns/" + f.campaignId + "/callback", lead).map().get("items")) {
            Map<?, ?> item = (Map<?, ?>) o;
            long responseId = ((Number) item.get("responseId")).longValue();
            Map<String, Object> body = new HashMap<>(Map.of("noRevealReason", "测试：直接拨打"));
            if (responseId == confirmed) {
                body.put("outcome", "CONFIRMED");
            } else if (responseId == denied) {
                body.put("outcome", "DENIED");
            } else if (responseId == differs) {
                body.put("outcome", "DIFFERS");
                body.put("questionId", Long.valueOf(question("S1")));
            } else {
                throw new AssertionError("unexpected call-back item " + item);
            }
            expect(200, api.post("/api/v1/callbacks/items/" + item.get("id") + "/attempts", lead, body));
        }
        decide("S1", "CHECK_ON_SITE");
        decide("S2", "ENLARGE_SAMPLE");
        decide("S2", "ACCEPT");
    }

    /** Signs off revision 1 as the lead (the sheet must be final). */
    void signOff() {
        String sha = (String) api.get("/api/v1/projects/" + projectId + "/evaluation/sign-off", lead).map().get("liveSha256");
        expect(200, api.post("/api/v1/projects/" + projectId + "/evaluation/sign-off", lead, Map.of("expectedSha256", sha)));
    }

    void decide(String item, String decision) {
        expect(201, api.post("/api/v1/projects/" + projectId + "/evaluation/survey-review/decisions", lead,
                Map.of("itemCode", item, "decision", decision, "note", "测试决定：" + item + " 联系人 13800138000")));
    }

    String question(String itemCode) {
        return f.questions.stream().filter(q -> itemCode.equals(q.itemCode())).map(SurveyQuestion::id)
                .map(String::valueOf).findFirst().orElseThrow();
    }

    static void expect(int status, TestApi.Res r) {
        if (r.status() != status) {
            throw new AssertionError("expected " + status + ", got " + r.status() + ": " + r.raw());
        }
    }
}
