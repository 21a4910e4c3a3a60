package com.tanfang.evaluation.signoff;

import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import com.tanfang.scheme.BuiltInSchemes;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A project whose sheet can become final: a copy of the property scheme whose every item that is not a survey
 * item is a covert-visit item (so one covert visit rates them all: no management-audit item stays missing), one
 * approved covert visit answering every item, one online survey response, and the campaign closed by moving the
 * server's clock past its end ({@link #close}: reset the clock after the test). A second covert visit is left
 * submitted, for the test to approve when it wants the sheet to change.
 */
public final class SignOffFixture {
    public final TestApi api;
    public final VisitFixture v;
    public final long projectId;
    public final long approvedVisit;
    public final long spareVisit;
    public final String lead;

    public SignOffFixture(TestApi api, String base, JsonMapper json) {
        this.api = api;
        String demoLead = api.demo("lead");
        long versionId = coveredScheme(api, json, demoLead, "signoff");
        SurveyFixture f = SurveyFixture.create(api, Duration.ofMinutes(-1), Duration.ofDays(1), Map.of(), versionId);
        this.v = new VisitFixture(api, base, json, f);
        this.projectId = v.projectId;
        this.lead = v.lead;
        this.approvedVisit = submitted();
        this.spareVisit = submitted();
        expect(200, api.post("/api/v1/visits/" + approvedVisit + "/approve", lead, Map.of()));
        f.submitOnline(0, 5, null);
    }

    /** Closes the campaign (the server's clock just past its end): the sheet is then final. */
    public void close(MutableClock clock) {
        v.f.closeNow(clock);
    }

    /** Approves the spare visit: another rating for every item, the sheet changes. */
    public void approveSpare() {
        expect(200, api.post("/api/v1/visits/" + spareVisit + "/approve", lead, Map.of()));
    }

    /** The sign-off screen's data as the lead reads it. */
    public Map<String, Object> overview() {
        TestApi.Res r = api.get("/api/v1/projects/" + projectId + "/evaluation/sign-off", lead);
        expect(200, r);
        return r.map();
    }

    public TestApi.Res signOff(String token, String sha256) {
        return api.post("/api/v1/projects/" + projectId + "/evaluation/sign-off", token, Map.of("expectedSha256", sha256));
    }

    public String liveSha256() {
        return (String) overview().get("liveSha256");
    }

    private long submitted() {
        long visitId = v.visitInProgress(v.shopper, v.shopperId);
        v.answerAll(visitId, v.shopper);
        expect(200, api.post("/api/v1/visits/" + visitId + "/submit", v.shopper,
                Map.of("visitVersion", v.version(visitId, v.shopper))));
        return visitId;
    }

    static void expect(int status, TestApi.Res r) {
        if (r.status() != status) {
            throw new AssertionError("expected " + status + ", got " + r.status() + ": " + r.raw());
        }
    }

    /**
     * A published copy of the property scheme (code {@code prefix-<nanos>}) whose items are all covered by covert
     * visits or the survey, so a fixture's project can reach a final sheet. Shared by the fixtures that sign off.
     */
    @SuppressWarnings("unchecked")
    public static long coveredScheme(TestApi api, JsonMapper json, String lead, String prefix) {
        Map<String, Object> summary = api.get("/api/v1/schemes", lead).list().stream()
                .filter(s -> BuiltInSchemes.PROPERTY.equals(s.get("code"))).findFirst().orElseThrow();
        Map<String, Object> full = api.get("/api/v1/schemes/" + summary.get("id"), lead).map();
        Map<String, Object> published = ((List<Map<String, Object>>) full.get("versions")).stream()
                .filter(x -> "PUBLISHED".equals(x.get("status"))).findFirst().orElseThrow();
        String raw = api.get("/api/v1/schemes/" + summary.get("id") + "/versions/" + published.get("version"), lead).raw();
        Map<String, Object> doc;
        try {
            doc = (Map<String, Object>) json.readValue(raw, Argument.of(Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        doc.put("code", prefix + "-" + System.nanoTime());
        for (Object p : (List<Object>) doc.get("parts")) {
            for (Object g : (List<Object>) ((Map<String, Object>) p).get("groups")) {
                for (Map<String, Object> item : (List<Map<String, Object>>) ((Map<String, Object>) g).get("items")) {
                    if (!((List<String>) item.get("methods")).contains("CUSTOMER_SURVEY")) {
                        item.put("methods", List.of("COVERT_VISIT"));
                    }
                }
            }
        }
        TestApi.Res created = api.post("/api/v1/schemes", lead, doc);
        expect(201, created);
        long id = ((Number) created.map().get("id")).longValue();
        TestApi.Res pub = api.post("/api/v1/schemes/" + id + "/publish", lead, null);
        expect(200, pub);
        return ((Number) pub.map().get("id")).longValue();
    }
}
