package com.tanfang.certificate;

import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import com.tanfang.document.store.GeneratedDocuments;
import com.tanfang.message.Language;
import com.tanfang.scheme.BuiltInSchemes;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A project of its own that passes: a copy of the property scheme whose non-survey items are covert-visit items, one
 * approved covert visit rating every item at its best (Likert 5, yes), one online response of all 5s, the campaign
 * closed on the test clock. {@link #signOff}, {@link #release} and {@link #auditReport} take it step by step to the
 * point where a certificate can be issued. Reset the clock after the test.
 */
public final class CertificateFixture {
    public final TestApi api;
    public final VisitFixture v;
    public final long projectId;
    public final String lead;

    public CertificateFixture(TestApi api, String base, JsonMapper json, MutableClock clock) {
        this.api = api;
        String demoLead = api.demo("lead");
        long versionId = com.tanfang.evaluation.signoff.SignOffFixture.coveredScheme(api, json, demoLead, "certificate");
        SurveyFixture f = SurveyFixture.create(api, Duration.ofMinutes(-1), Duration.ofDays(1), Map.of(), versionId);
        this.v = new VisitFixture(api, base, json, f);
        this.projectId = v.projectId;
        this.lead = v.lead;
        long visitId = v.visitInProgress(v.shopper, v.shopperId);
        int version = v.version(visitId, v.shopper);
        for (String code : v.scriptItems(visitId, v.shopper)) {
            TestApi.Res r = v.answer(visitId, v.shopper, code, 5, "ok", version);
            if (r.status() != 200) {
                r = v.answer(visitId, v.shopper, code, 1, "ok", version); // a yes/no item: yes
            }
            expect(200, r);
        }
        expect(200, api.post("/api/v1/visits/" + visitId + "/submit", v.shopper,
                Map.of("visitVersion", v.version(visitId, v.shopper))));
        expect(200, api.post("/api/v1/visits/" + visitId + "/approve", lead, Map.of()));
        f.submitOnline(0, 5, null);
        f.closeNow(clock);
    }

    public String path() {
        return "/api/v1/projects/" + projectId + "/certificates";
    }

    public void signOff() {
        String sha = (String) api.get("/api/v1/projects/" + projectId + "/evaluation/sign-off", lead).map().get("liveSha256");
        expect(200, api.post("/api/v1/projects/" + projectId + "/evaluation/sign-off", lead, Map.of("expectedSha256", sha)));
    }

    public void release() {
        expect(200, api.post("/api/v1/projects/" + projectId + "/evaluation/release", lead, null));
    }

    /**
     * Stores an audit report of revision 1 the way the audit report's generator does (GeneratedDocuments, kind
     * AUDIT_REPORT, Chinese, subject the project): the certificate only needs it stored and its hash.
     */
    public GeneratedDocuments.Stored auditReport(GeneratedDocuments documents, TransactionOperations<Connection> tx) {
        byte[] pdf = ("%PDF-1.4\n% audit report of project " + projectId + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        return tx.executeWrite(s -> documents.store(com.tanfang.document.store.DocumentKind.AUDIT_REPORT, projectId, 1,
                Language.ZH_CN, projectId, pdf, null));
    }

    static void expect(int status, TestApi.Res r) {
        if (r.status() != status) {
            throw new AssertionError("expected " + status + ", got " + r.status() + ": " + r.raw());
        }
    }
}
