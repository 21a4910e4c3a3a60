package com.tanfang.platform;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.http.HttpMethod;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One table-driven fuzz of every POST/PUT/PATCH route (the table must name every such route the router knows, so a
 * new route without an entry fails here): for every field of a representative body, oversize strings, unpaired
 * surrogates, NUL, nulls in lists, huge numbers and wrong types; and for every route a malformed body and bad
 * percent-encoding in the path and query. Nothing may answer 5xx; a refusal is a 4xx problem+json; the inputs
 * that can never be valid (oversize, surrogates, nulls in lists, huge numbers, an object for a scalar, a broken
 * body) must be refused.
 */
@MicronautTest(transactional = false)
// high limits, so that the valid public submissions below reach the checks behind the limits
@io.micronaut.context.annotation.Property(name = "tanfang.survey.limit.per-address-per-minute", value = "100000")
@io.micronaut.context.annotation.Property(name = "tanfang.survey.limit.per-point-per-minute", value = "100000")
class RequestFuzzTest {
    /** Under the 1 MB request limit, far over every field's bound. */
    static final String OVERSIZE = "\"" + "x".repeat(300_000) + "\"";
    /** Replaced by a raw JSON token after the sample body is serialised. */
    static final String MARK = "@@FUZZ@@";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    Router router;

    /** Who calls a route, and a representative body (null: the route takes none). */
    record Route(String who, Object body) {
    }

    private static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    static Map<String, Route> routes() {
        return routes(m("1", 4));
    }

    /** {@code answers}: a complete answer sheet, so that a public submission is valid but for the fuzzed field. */
    static Map<String, Route> routes(Map<String, Object> answers) {
        Map<String, Object> item = m("clause", "1.1.1", "code", "F1", "points", 10, "textZh", "题", "textEn", "Q",
                "methods", List.of("CUSTOMER_SURVEY"), "answerType", "LIKERT_5", "notApplicableAllowed", true,
                "numeric", m("worst", 0, "best", 10));
        Map<String, Object> scheme = m("code", "fuzz-" + UUID.randomUUID(), "titleZh", "模糊", "titleEn", "Fuzz",
                "descriptionZh", "说明", "descriptionEn", "About", "fullMarks", 10,
                "likert", m("preset", "CUSTOM", "coefficients", List.of(0, 0.25, 0.5, 0.75, 1)),
                "special", m("pointsPerDeduction", 1, "maxBonus", 1, "failWhen", m("deductionCount", 5, "deductedPoints", 5)),
                "notApplicableClauses", List.of("1.1"),
                "grades", List.of(m("key", "ok", "nameZh", "达标", "nameEn", "OK", "minimum", 60)),
                "parts", List.of(m("key", "p", "titleZh", "部分", "titleEn", "Part", "points", 10, "passMinimum", 50,
                        "groups", List.of(m("clause", "1.1", "titleZh", "组", "titleEn", "Group", "points", 10,
                                "items", List.of(item))))));
        Map<String, Route> r = new LinkedHashMap<>();
        r.put("POST /login", new Route(null, m("username", "fuzz-nobody", "password", "wrong-password")));
        r.put("POST /api/v1/session", new Route(null, m("username", "fuzz-nobody", "password", "wrong-password")));
        r.put("POST /api/v1/me/password", new Route("user", m("currentPassword", "not-the-password", "newPassword", "Another-pass-77")));
        r.put("POST /api/v1/me/logout-everywhere", new Route("throwaway", null));
        r.put("POST /api/v1/users", new Route("admin", m("username", "fuzz-user", "displayName", "Fuzz", "roles", List.of("AUDITOR"),
                "organizationId", 1, "password", "Fuzz-pass-1234")));
        r.put("PATCH /api/v1/users/{id}", new Route("admin", m("displayName", "Fuzz", "roles", List.of("AUDITOR"),
                "organizationId", 1, "enabled", true)));
        r.put("POST /api/v1/users/{id}/password-reset", new Route("admin", null));
        r.put("POST /api/v1/organizations", new Route("lead", m("name", "模糊公司", "nameEn", "Fuzz Ltd",
                "creditCode", "91110000MA01ABCD1X", "contact", "张三", "phone", "010-12345678")));
        r.put("PUT /api/v1/organizations/{orgId}", new Route("lead", m("name", "模糊公司", "nameEn", "Fuzz Ltd",
                "creditCode", "91110000MA01ABCD1X", "contact", "张三", "phone", "010-12345678")));
        Map<String, Object> site = m("name", "模糊小区", "nameEn", "Fuzz estate", "kind", "RESIDENTIAL", "address", "路 1 号",
                "latitude", 39.9, "longitude", 116.4);
        r.put("POST /api/v1/organizations/{orgId}/sites", new Route("lead", site));
        r.put("PUT /api/v1/organizations/{orgId}/sites/{siteId}", new Route("lead", site));
        r.put("POST /api/v1/organizations/{orgId}/sites/{siteId}/locations", new Route("lead", m("kind", "BUILDING",
                "code", "F-1", "name", "1 号楼", "parentId", 1, "households", 10)));
        r.put("PATCH /api/v1/organizations/{orgId}/sites/{siteId}/locations/{locationId}", new Route("lead",
                m("name", "1 号楼", "households", 10)));
        r.put("POST /api/v1/organizations/{orgId}/sites/{siteId}/locations/bulk", new Route("lead", m("kind", "BUILDING",
                "from", 1, "to", 2, "nameTemplate", "{n} 号楼", "codeTemplate", "FZ{n}",
                "children", m("kind", "STAIRWELL", "labels", List.of("A", "B"), "nameTemplate", "{label} 单元", "codeTemplate", "{label}"))));
        r.put("POST /api/v1/projects", new Route("lead", m("organizationId", 1, "siteId", 1, "schemeVersionId", 1,
                "evaluationType", "SURVEILLANCE", "title", "模糊项目", "leadUserId", 1, "auditorIds", List.of(1, 2),
                "retentionDays", 30)));
        r.put("POST /api/v1/projects/{projectId}/members", new Route("lead", m("userId", 1)));
        r.put("POST /api/v1/schemes", new Route("lead", scheme));
        r.put("PUT /api/v1/schemes/{id}/draft", new Route("lead", scheme));
        r.put("POST /api/v1/schemes/{id}/draft", new Route("lead", null));
        r.put("POST /api/v1/schemes/import-csv", new Route("lead", m("csv", "clause,code\n1.1,A1\n", "code", "fuzz-csv",
                "titleZh", "模糊", "titleEn", "Fuzz", "fullMarks", 100, "template", "property-management")));
        r.put("POST /api/v1/schemes/import-table", new Route("lead", m("file", java.util.Base64.getEncoder().encodeToString(
                "part,part_points,group_clause,group_zh,group_en,group_points,clause,code,points,item_zh,item_en\n1,1,1,组,G,1,1.1,A1,1,甲,A\n"
                        .getBytes(java.nio.charset.Charset.forName("GBK"))), "fileName", "表.csv", "rules", null, "rulesName", null,
                "code", "fuzz-table", "titleZh", "模糊", "titleEn", "Fuzz", "fullMarks", 1, "template", null, "charset", "GBK",
                "passFailOnly", null, "grades", List.of(m("key", "pass", "nameZh", "合格", "nameEn", "Pass", "minimum", 0.6)))));
        r.put("POST /api/v1/schemes/{id}/clone", new Route("lead", m("code", "fuzz-clone", "titleZh", "模糊", "titleEn", "Fuzz", "version", 1)));
        r.put("POST /api/v1/schemes/{id}/publish", new Route("lead", null));
        r.put("POST /api/v1/schemes/{id}/versions/{version}/score", new Route("lead", m(
                "ratings", List.of(m("item", "S1", "rater", "甲", "likert", 4, "yes", true, "percent", 50, "numeric", 3,
                        "notApplicable", false)),
                "deductions", List.of(m("reason", "迟到", "points", 1)), "bonus", m("points", 1, "reason", "表扬"))));
        r.put("POST /api/v1/projects/{projectId}/campaigns", new Route("lead", m("titleZh", "调查", "titleEn", "Survey",
                "introZh", "说明", "introEn", "About", "opensAt", "2026-01-01T00:00:00Z", "closesAt", "2026-01-02T00:00:00Z",
                "english", true, "phoneMode", "OPTIONAL", "commentAllowed", true, "overallQuestion", true,
                "itemCodes", List.of("S1"), "locationIds", List.of(1), "callbackRate", 0.1, "lowScoreThreshold", 60)));
        r.put("POST /api/v1/campaigns/{campaignId}/points/{pointId}/token", new Route("lead", null));
        r.put("POST /api/v1/campaigns/{campaignId}/responses/{responseId}/exclusion", new Route("lead", m(
                "reason", "重复", "cause", "DUPLICATE")));
        r.put("POST /api/v1/campaigns/{campaignId}/offline-responses", new Route("auditor", m("submissionId", "fuzz-offline-1",
                "pointId", 1, "secondAuditorId", 1, "staffAbsent", true, "answers", m("1", 4), "comment", "好",
                "interviewedAt", "2026-01-01T00:00:00Z")));
        r.put("POST /api/v1/campaigns/{campaignId}/callback/draws", new Route("lead", m("rate", 0.1,
                "cutoff", "2026-01-01T00:00:00Z", "reason", "抽样")));
        r.put("POST /api/v1/campaigns/{campaignId}/callback/enlargement", new Route("lead", m("pointIds", List.of(1), "rate", 0.2)));
        r.put("PUT /api/v1/callbacks/items/{itemId}/assignment", new Route("lead", m("verifierId", 1)));
        r.put("POST /api/v1/callbacks/next", new Route("verifier", null));
        r.put("POST /api/v1/callbacks/items/{itemId}/reveal", new Route("verifier", null));
        r.put("POST /api/v1/callbacks/items/{itemId}/attempts", new Route("verifier", m("outcome", "CONFIRMED",
                "questionId", 1, "note", "记得")));
        r.put("POST /api/v1/public/surveys/{token}/responses", new Route(null, m("submissionId", "fuzz-public-1",
                "renderedAt", 1, "signature", "sig", "answers", answers, "comment", "好", "phone", "13800000000",
                "phoneConsent", true, "language", "en")));
        r.put("POST /api/v1/callbacks/items/{itemId}/denial-undo", new Route("verifier", m("reason", "记录错了")));
        r.put("POST /api/v1/campaigns/{campaignId}/responses/{responseId}/exclusion/undo", new Route("lead", m("reason", "误排除")));
        r.put("POST /api/v1/campaigns/{campaignId}/offline-responses/{responseId}/corrections", new Route("auditor", m(
                "submissionId", "fuzz-correction-1", "pointId", 1, "secondAuditorId", 1, "staffAbsent", true,
                "answers", m("1", 4), "comment", "改", "interviewedAt", "2026-01-01T00:00:00Z")));
        // visits (issue 10): planning, capture and review
        r.put("PUT /api/v1/projects/{projectId}/visit-settings", new Route("lead", m("onSiteAuditDate", "2026-06-01",
                "sameSiteMinDays", 30, "maxVisitsPerDay", 3, "claimHoldHours", 24, "farMeters", 500)));
        r.put("PUT /api/v1/projects/{projectId}/visit-checklist", new Route("lead", m("items", List.of(m("itemCode", "P2",
                "mode", "COVERT", "guidanceZh", "看", "guidanceEn", "Look", "evidence", "PHOTO")))));
        r.put("POST /api/v1/projects/{projectId}/visits", new Route("lead", m("locationId", 1, "mode", "COVERT",
                "windowFrom", "2026-01-01T00:00:00Z", "windowTo", "2026-01-02T00:00:00Z", "timeOfDay", "上午",
                "raters", 1, "reportDueHours", 24, "scenario", "订房", "raterIds", List.of(1), "offerToPool", false)));
        r.put("POST /api/v1/projects/{projectId}/visit-comments", new Route("lead", m("text", "请补照片")));
        r.put("PUT /api/v1/visits/{visitId}/rater", new Route("lead", m("raterId", 1)));
        r.put("PUT /api/v1/visits/{visitId}/offer", new Route("lead", m("offered", true)));
        r.put("POST /api/v1/visits/{visitId}/claim", new Route("shopper", null));
        Map<String, Object> position = m("deviceAt", "2026-01-01T00:00:00Z", "deviceSentAt", "2026-01-01T00:00:01Z",
                "latitude", 39.9, "longitude", 116.4, "accuracyMeters", 20, "coordinateSystem", "WGS84");
        r.put("POST /api/v1/visits/{visitId}/check-in", new Route("shopper", position));
        r.put("POST /api/v1/visits/{visitId}/check-out", new Route("shopper", position));
        r.put("PUT /api/v1/visits/{visitId}/answers", new Route("shopper", m("clientId", UUID.randomUUID().toString(),
                "visitVersion", 1, "itemCode", "P2", "value", 5, "notApplicable", false, "notApplicableReason", "无",
                "note", "好", "secondsSpent", 30, "deviceAt", "2026-01-01T00:00:00Z")));
        // the photo's body is the image bytes: a JSON body here is refused like any other wrong body
        r.put("PUT /api/v1/visits/{visitId}/photos/{clientId}", new Route("shopper", m("photo", "not an image")));
        r.put("POST /api/v1/visits/{visitId}/submit", new Route("shopper", m("visitVersion", 1)));
        r.put("POST /api/v1/visits/{visitId}/return", new Route("lead", m("comments", List.of(m("itemCode", "P2",
                "text", "补照片")))));
        r.put("POST /api/v1/visits/{visitId}/approve", new Route("lead", null));
        r.put("POST /api/v1/visits/{visitId}/reject", new Route("lead", m("reason", "不在现场")));
        r.put("POST /api/v1/visits/{visitId}/approval-withdrawal", new Route("lead", m("reason", "复核")));
        // evaluation (issue 12): the lead's confirmed rating of two raters' pair
        r.put("POST /api/v1/projects/{projectId}/evaluation/reconciliations", new Route("lead", m("itemCode", "P2",
                "planId", 1, "firstAnswerId", 1, "secondAnswerId", 2, "value", 4, "notApplicable", false,
                "notApplicableReason", "不适用", "reason", "两人复核")));
        // evaluation sign-off (issue 12)
        r.put("POST /api/v1/projects/{projectId}/evaluation/sign-off", new Route("lead", m("expectedSha256", "0".repeat(64))));
        r.put("POST /api/v1/projects/{projectId}/evaluation/revisions", new Route("lead", m("reason", "复核")));
        r.put("POST /api/v1/projects/{projectId}/evaluation/release", new Route("lead", null));
        // evaluation findings and the survey review (issue 12); the finding, decision and adjustment ids name none
        // (999999999): a mutation that passes validation must not accept or answer a demo finding
        Map<String, Object> finding = m("kind", "NONCONFORMITY", "severity", "MINOR", "itemCode", "P2", "clause", "5.1",
                "finding", "前台未登记报修", "deadline", "2027-01-15", "owner", "物业经理", "visitAnswerIds", List.of(1),
                "attachmentIds", List.of(1));
        r.put("POST /api/v1/projects/{projectId}/findings", new Route("lead", finding));
        r.put("PUT /api/v1/findings/{findingId}", new Route("lead", finding));
        r.put("POST /api/v1/findings/{findingId}/issue", new Route("lead", null));
        r.put("POST /api/v1/findings/{findingId}/accept", new Route("lead", null));
        r.put("POST /api/v1/findings/{findingId}/send-back", new Route("lead", m("reason", "证据不足")));
        r.put("POST /api/v1/findings/{findingId}/answer", new Route("lead", m("correctiveAction", "已培训前台",
                "attachmentIds", List.of(1))));
        r.put("POST /api/v1/projects/{projectId}/evaluation-attachments", new Route("lead", null));
        r.put("POST /api/v1/projects/{projectId}/evaluation/na-decisions", new Route("lead", m("itemCode", "P17",
                "justification", "本小区无电梯")));
        r.put("POST /api/v1/projects/{projectId}/evaluation/na-decisions/{decisionId}/withdraw",
                new Route("lead", m("reason", "误判")));
        r.put("POST /api/v1/projects/{projectId}/evaluation/adjustments", new Route("lead", m("kind", "DEDUCTION",
                "itemCode", "P10", "clause", "5.3", "count", 1, "points", 1, "reason", "消防通道堵塞",
                "visitAnswerIds", List.of(1), "photoIds", List.of(1), "attachmentIds", List.of(1),
                "noEvidenceNote", "口头确认")));
        r.put("POST /api/v1/projects/{projectId}/evaluation/adjustments/{adjustmentId}/withdraw",
                new Route("lead", m("reason", "误判")));
        r.put("POST /api/v1/projects/{projectId}/evaluation/survey-review/decisions", new Route("lead",
                m("itemCode", "S1", "decision", "CHECK_ON_SITE", "note", "现场核实")));
        // the audit report (issue 13): the narrative of revision 1 and the generation (409 while nothing is signed)
        r.put("PUT /api/v1/projects/{projectId}/reports/audit/narrative", new Route("lead", m("revision", 1,
                "auditType", "SURVEILLANCE", "purpose", "目的", "scope", "范围", "strengths", "优点", "improvements", "改进",
                "conclusion", "结论", "recommend", true, "author", "组长", "reviewer", "审核", "reportDate", "2026-12-01",
                "expectedVersion", 1)));
        r.put("POST /api/v1/projects/{projectId}/reports/audit", new Route("lead", null));
        // issue 13: the survey analysis report (no body; the fuzz's project is not signed off: 409)
        r.put("POST /api/v1/projects/{projectId}/reports/survey", new Route("lead", null));
        // certificates (issue 13): the fuzz's project is not signed off (409 for a valid body); the certificate id
        // names none (999999999), so a status change that passes validation changes nothing
        r.put("POST /api/v1/projects/{projectId}/certificates", new Route("lead", m("scopeZh", "锦绣花园物业服务（四星级）",
                "scopeEn", "Property services (four-star)", "expiresOn", "2027-06-30")));
        r.put("POST /api/v1/certificates/{certificateId}/status", new Route("lead", m("action", "SUSPEND",
                "reason", "监督评价未通过")));
        // the respondent's HTML form: fuzzed as a form below, not as JSON
        r.put("POST /s/{token}", new Route(null, null));
        // micronaut-security's token introspection
        r.put("POST /token_info", new Route("lead", null));
        return r;
    }

    @Test
    void theTableNamesEveryRouteThatTakesABody() {
        Set<String> known = router.uriRoutes()
                .filter(u -> u.getHttpMethod() == HttpMethod.POST || u.getHttpMethod() == HttpMethod.PUT
                        || u.getHttpMethod() == HttpMethod.PATCH)
                .map(u -> u.getHttpMethod() + " " + u.getUriMatchTemplate().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(known), new TreeSet<>(routes().keySet()),
                "every POST/PUT/PATCH route needs an entry in RequestFuzzTest.routes()");
    }

    @Test
    void noInputAnswers5xxAndImpossibleInputIsRefusedAsAProblem() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        String admin = api.admin();
        Map<String, String> tokens = Map.of("admin", admin, "lead", f.lead, "auditor", api.demo("auditor"),
                "verifier", api.demo("verifier"), "shopper", api.demo("shopper"), "user", api.newUser("fuzz-me-" + System.nanoTime(), "AUDITOR", null),
                "throwaway", api.newUser("fuzz-out-" + System.nanoTime(), "AUDITOR", null));
        // a user of its own for the user routes (a PATCH that passes may change roles or disable it); the token
        // replaced is another point's than the one the public routes post to
        TestApi.Res created = api.post("/api/v1/users", admin, m("username", "fuzz-target-" + System.nanoTime(),
                "displayName", "Fuzz", "roles", List.of("AUDITOR")));
        assertEquals(201, created.status(), created.raw());
        String throwawayUser = String.valueOf(((Map<?, ?>) created.map().get("user")).get("id"));
        // an organisation and site of the fuzz's own: what the fuzz manages to create or change there must never
        // land in the demo estate that other tests count
        TestApi.Res org = api.post("/api/v1/organizations", f.lead, m("name", "模糊测试公司 " + System.nanoTime()));
        assertEquals(201, org.status(), org.raw());
        String orgId = String.valueOf(org.map().get("id"));
        TestApi.Res site = api.post("/api/v1/organizations/" + orgId + "/sites", f.lead, m("name", "模糊测试小区", "kind", "ESTATE"));
        assertEquals(201, site.status(), site.raw());
        String siteId = String.valueOf(site.map().get("id"));
        TestApi.Res location = api.post("/api/v1/organizations/" + orgId + "/sites/" + siteId + "/locations", f.lead,
                m("kind", "BUILDING", "code", "FZ-0", "name", "0 号楼"));
        assertEquals(201, location.status(), location.raw());
        // a visit of the fuzz's own too: with id 1 it checked in the demo's covert visit that DemoVisitsTest counts
        com.tanfang.VisitFixture visits = new com.tanfang.VisitFixture(api, server.getURL().toString(), json, f);
        long visitId = visits.visitInProgress(visits.shopper, visits.shopperId);
        Map<String, String> ids = new java.util.HashMap<>(Map.of("campaignId", String.valueOf(f.campaignId), "projectId", String.valueOf(f.projectId),
                "pointId", String.valueOf(f.pointId(1)), "token", f.token(0), "id", throwawayUser,
                "orgId", orgId, "siteId", siteId, "locationId", String.valueOf(location.map().get("id")),
                "visitId", String.valueOf(visitId)));
        for (String none : List.of("findingId", "decisionId", "adjustmentId", "certificateId")) {
            ids.put(none, "999999999");
        }
        Function<String, String> path = template -> {
            Matcher mt = Pattern.compile("\\{([^}]+)}").matcher(template);
            StringBuilder sb = new StringBuilder();
            while (mt.find()) {
                // schemes: the built-in scheme 1 (its draft and publish routes refuse or need a draft)
                String name = mt.group(1);
                mt.appendReplacement(sb, name.equals("id") && template.startsWith("/api/v1/schemes") ? "1"
                        : ids.getOrDefault(name, "1"));
            }
            return mt.appendTail(sb).toString();
        };
        List<String> failures = new ArrayList<>();
        int sent = 0;
        Map<String, Object> sheet = new LinkedHashMap<>(f.answers(4));
        for (var e : routes(sheet).entrySet()) {
            String method = e.getKey().substring(0, e.getKey().indexOf(' '));
            String template = e.getKey().substring(e.getKey().indexOf(' ') + 1);
            String token = e.getValue().who() == null ? null : tokens.get(e.getValue().who());
            String url = path.apply(template);
            if (template.startsWith("/s/")) {
                sent += fuzzForm(api, url, failures);
                continue;
            }
            // bad percent-encoding in the path (an id) and in the query: java.net.URI refuses to send these
            for (String bad : List.of(url.replaceFirst("/1(/|$)", "/%zz$1").replace("/" + ids.get("token") + "/", "/%E4%B8/"),
                    url + "?lang=%", url + "?lang=%zz&x=%E4")) {
                int status = raw(method, bad, token, "{}");
                sent++;
                if (status >= 500 || status < 400 && !bad.equals(url)) {
                    failures.add(e.getKey() + " " + bad + " -> " + status);
                }
            }
            List<Case> cases = new ArrayList<>();
            if (e.getValue().body() != null) {
                cases.addAll(List.of(new Case(true, "empty body", url, ""), new Case(true, "broken JSON", url, "{\"a\":"),
                        new Case(true, "array body", url, "[]"), new Case(true, "string body", url, "\"x\""),
                        new Case(true, "deep nesting", url, "[".repeat(5000) + "]".repeat(5000)),
                        new Case(true, "too large", url, "{\"x\":\"" + "y".repeat(1_200_000) + "\"}")));
                for (var leaf : leaves(e.getValue().body(), "")) {
                    for (var mutation : mutations(leaf.value())) {
                        cases.add(new Case(mutation.mustRefuse(), leaf.path() + " = " + abbreviate(mutation.raw()), url,
                                json.writeValueAsString(replace(e.getValue().body(), leaf.path(), MARK))
                                        .replace("\"" + MARK + "\"", mutation.raw())));
                    }
                }
            }
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            for (Case c : cases) {
                // a fresh submission id each time, or every copy after the first would be a retry answered with its receipt
                TestApi.Res r = api.send(method, c.url(), token, c.body().replace("fuzz-public-1", UUID.randomUUID().toString()),
                        Map.of("Content-Type", "application/json"));
                sent++;
                statuses.merge(r.status(), 1, Integer::sum);
                String what = e.getKey() + " " + c.what() + " -> " + r.status() + " " + abbreviate(r.raw());
                if (r.status() >= 500) {
                    failures.add(what);
                } else if (r.status() >= 400 && !String.valueOf(r.header("Content-Type")).startsWith("application/problem+json")) {
                    failures.add("not a problem: " + what);
                } else if (c.mustRefuse() && r.status() < 400) {
                    failures.add("accepted: " + what);
                }
            }
            System.out.printf("RequestFuzzTest: %s %s%n", e.getKey(), statuses);
        }
        System.out.printf("RequestFuzzTest: %d requests, %d failures%n", sent, failures.size());
        assertTrue(failures.isEmpty(), failures.size() + " of " + sent + ":\n" + String.join("\n", failures));
    }

    /** The status of a request written by hand (any bytes in the request line). */
    private int raw(String method, String target, String token, String body) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            byte[] payload = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json\r\nConnection: close\r\nContent-Length: " + payload.length + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
            var out = socket.getOutputStream();
            out.write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private int fuzzForm(TestApi api, String url, List<String> failures) {
        List<String> bodies = List.of("%zz=1", "a=%", "%=1", "submissionId=" + "x".repeat(300_000),
                "submissionId=abcdefgh1234&comment=" + "x".repeat(300_000), "submissionId=abcdefgh1234&a1=%ED%A0%80",
                "submissionId=abcdefgh1234&comment=%ED%A0%80", "submissionId=abcdefgh1234&a1=99999999999999999999999",
                "submissionId=abcdefgh1234&renderedAt=1e400&a1=", "submissionId=abcdefgh1234&phone=%00%00&lang=" + "x".repeat(5000));
        for (String body : bodies) {
            for (String accept : List.of("text/html", "application/json")) {
                TestApi.Res r = api.send("POST", url, null, body, Map.of("Content-Type", "application/x-www-form-urlencoded",
                        "Accept", accept));
                if (r.status() >= 500) {
                    failures.add("POST /s/{token} " + abbreviate(body) + " (" + accept + ") -> " + r.status() + " " + abbreviate(r.raw()));
                }
            }
        }
        return bodies.size() * 2;
    }

    record Case(boolean mustRefuse, String what, String url, String body) {
    }

    record Leaf(String path, Object value) {
    }

    record Mutation(boolean mustRefuse, String raw) {
    }

    /** Every field of the sample, nested ones as a.b[0].c, the containers too. */
    @SuppressWarnings("unchecked")
    static List<Leaf> leaves(Object node, String path) {
        List<Leaf> out = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            for (var e : ((Map<String, Object>) map).entrySet()) {
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                out.add(new Leaf(p, e.getValue()));
                if (e.getValue() instanceof Map || e.getValue() instanceof List) {
                    out.addAll(leaves(e.getValue(), p));
                }
            }
        } else if (node instanceof List<?> list && !list.isEmpty()) {
            Object first = list.get(0);
            out.add(new Leaf(path + "[0]", first));
            if (first instanceof Map || first instanceof List) {
                out.addAll(leaves(first, path + "[0]"));
            }
        }
        return out;
    }

    static List<Mutation> mutations(Object sample) {
        List<Mutation> out = new ArrayList<>();
        if (sample instanceof String) {
            out.add(new Mutation(true, OVERSIZE));
            out.add(new Mutation(true, "\"\\ud800\""));
            out.add(new Mutation(true, "\"a\\udc00b\""));
            out.add(new Mutation(false, "\"a\\u0000b\""));
            out.add(new Mutation(true, "{}"));
            out.add(new Mutation(true, "[]"));
            out.add(new Mutation(false, "12"));
        } else if (sample instanceof Number) {
            out.add(new Mutation(true, "1e400"));
            out.add(new Mutation(true, "-1e400"));
            out.add(new Mutation(true, "123456789012345678901234567890"));
            out.add(new Mutation(false, "1.5"));
            out.add(new Mutation(true, "{}"));
            out.add(new Mutation(false, "\"abc\""));
            out.add(new Mutation(true, OVERSIZE));
        } else if (sample instanceof Boolean) {
            out.add(new Mutation(true, "{}"));
            out.add(new Mutation(false, "\"yes\""));
            out.add(new Mutation(false, "2"));
        } else if (sample instanceof List) {
            out.add(new Mutation(true, "[null]"));
            out.add(new Mutation(false, "{}"));
            out.add(new Mutation(false, "\"x\""));
            out.add(new Mutation(true, "[" + "1,".repeat(150_000) + "1]"));
        } else if (sample instanceof Map) {
            out.add(new Mutation(false, "[]"));
            out.add(new Mutation(false, "\"x\""));
            out.add(new Mutation(false, "{\"\\ud800\":1}"));
        }
        out.add(new Mutation(false, "null"));
        return out;
    }

    /** A deep copy of {@code node} with the field at {@code path} set to {@code value}. */
    @SuppressWarnings("unchecked")
    static Object replace(Object node, String path, Object value) {
        if (path.isEmpty()) {
            return value;
        }
        String head;
        String rest;
        if (path.startsWith("[0]")) {
            head = "[0]";
            rest = path.substring(3);
        } else {
            int dot = path.indexOf('.');
            int bracket = path.indexOf('[');
            int end = dot < 0 ? bracket : bracket < 0 ? dot : Math.min(dot, bracket);
            head = end < 0 ? path : path.substring(0, end);
            rest = end < 0 ? "" : path.substring(end);
        }
        if (rest.startsWith(".")) {
            rest = rest.substring(1);
        }
        if (head.equals("[0]")) {
            List<Object> copy = new ArrayList<>((List<Object>) node);
            copy.set(0, replace(copy.get(0), rest, value));
            return copy;
        }
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) node);
        copy.put(head, replace(copy.get(head), rest, value));
        return copy;
    }

    static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 160 ? s.substring(0, 160) + "…(" + s.length() + ")" : s;
    }
}
