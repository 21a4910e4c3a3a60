package com.tanfang.evaluation;

import com.tanfang.BenchTimes;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import com.tanfang.access.Caller;
import com.tanfang.access.Role;

import com.tanfang.scheme.AnswerType;
import com.tanfang.scheme.GradeTable;
import com.tanfang.scheme.Group;
import com.tanfang.scheme.Item;
import com.tanfang.scheme.LikertMapping;
import com.tanfang.scheme.Method;
import com.tanfang.scheme.Part;
import com.tanfang.scheme.Scheme;
import com.tanfang.scheme.SchemeDocuments;
import com.tanfang.scheme.SpecialRules;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A benchmark, not part of the suite (the name does not end in Test; run it with server/bench/evaluation-sheet.sh):
 * a project with 10,000 approved visit answers (400 visits by two raters × 25 items of the property scheme), and one
 * on a 100-item scheme with the same 10,000 (100 visits × 100 items), reads its sheet with one query per source. Prints the service's and the whole GET's times (HTTP, queries, engine, JSON) against two references:
 * the answers query alone (what PostgreSQL needs to hand over the rows) and issue 14's budget of 200 ms. Nothing is
 * asserted about time; the numbers go into performance.md.
 */
@MicronautTest(transactional = false)
class EvaluationSheetBenchmark {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;
    @Inject
    Evaluations evaluations;
    @Inject
    ApprovedAnswers approvedAnswers;

    private Connection connection() throws Exception {
        return io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }

    @Test
    @SuppressWarnings("unchecked")
    void tenThousandRatingsReadFlat() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        VisitFixture v = new VisitFixture(api, server.getURL().toString(), json);
        String path = "/api/v1/projects/" + v.projectId + "/evaluation";
        List<String> items = ((List<Map<String, Object>>) api.get(path, v.lead).map().get("items")).stream()
                .filter(i -> !Boolean.TRUE.equals(i.get("bonus"))).map(i -> (String) i.get("name")).limit(25).toList();
        assertEquals(25, items.size());
        measure(api, v, items, 200, "evaluation sheet, 10,000 ratings (400 visits x 25 items)", "evaluation-sheet-400x25");
    }

    /**
     * Issue 14's long scheme: 100 covert-visit items (A001..A100 in 17 groups, one point each), 100 visits by two raters
     * (50 two-rater plans) rating every item: the same 10,000 ratings as above, spread over four times the items.
     */
    @Test
    void aHundredItemSchemeWithTenThousandRatings() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        String lead = api.demo("lead");
        Scheme scheme = hundredItems();
        TestApi.Res created = api.post("/api/v1/schemes", lead, SchemeDocuments.toDocument(scheme));
        assertEquals(201, created.status(), created.raw());
        TestApi.Res published = api.post("/api/v1/schemes/" + created.map().get("id") + "/publish", lead, null);
        assertEquals(200, published.status(), published.raw());
        long versionId = ((Number) published.map().get("id")).longValue();
        // no survey items: the campaign (the fixture needs one) asks the overall question only
        SurveyFixture f = SurveyFixture.create(api, Duration.ofMinutes(-1), Duration.ofDays(1),
                Map.of("overallQuestion", true), versionId);
        VisitFixture v = new VisitFixture(api, server.getURL().toString(), json, f);
        List<String> items = scheme.items().map(Item::code).toList();
        assertEquals(100, items.size());
        measure(api, v, items, 50, "evaluation sheet, 10,000 ratings (100 visits x 100 items)", "evaluation-sheet-100x100");
    }

    private static Scheme hundredItems() {
        List<Group> groups = new ArrayList<>();
        int perGroup = 6;
        for (int g = 0; g * perGroup < 100; g++) {
            List<Item> items = new ArrayList<>();
            for (int i = g * perGroup; i < Math.min(100, (g + 1) * perGroup); i++) {
                String clause = "1." + (g + 1) + "." + (i - g * perGroup + 1);
                items.add(new Item(clause, String.format("A%03d", i + 1), BigDecimal.ONE,
                        "第 " + (i + 1) + " 项：服务人员主动问候并说明服务内容与收费标准（条款 " + clause + "）",
                        "Item " + (i + 1) + ": staff greet the customer and explain the service and fees (clause "
                                + clause + ")", Set.of(Method.COVERT_VISIT), AnswerType.LIKERT_5, null, true));
            }
            groups.add(new Group("1." + (g + 1), "第 " + (g + 1) + " 组", "Group " + (g + 1),
                    BigDecimal.valueOf(items.size()), items));
        }
        BigDecimal full = BigDecimal.valueOf(100);
        GradeTable grades = GradeTable.of(new GradeTable.Level("compliant", "达标级", "Compliant", new BigDecimal("70")),
                new GradeTable.Level("three", "三星级", "Three stars", new BigDecimal("80")),
                new GradeTable.Level("four", "四星级", "Four stars", new BigDecimal("90")));
        return new Scheme("bench-100-" + System.nanoTime(), "百项走访方案", "Hundred-item visit scheme", "", "", full,
                LikertMapping.LINEAR, SpecialRules.NONE, List.of(), grades,
                List.of(new Part("service", "服务要求", "Service requirements", full, null, groups)));
    }

    /**
     * {@code plans} two-rater covert plans, both visits approved, each rating every one of {@code items}; then the
     * answers query, the service and the whole GET (3 warm-ups, median of 9), the ratios and issue 14's two lines.
     */
    private void measure(TestApi api, VisitFixture v, List<String> items, int plans, String label, String name)
            throws Exception {
        long raterA = v.id(api.newUser("speeda" + System.nanoTime(), "SHOPPER", null));
        long raterB = v.id(api.newUser("speedb" + System.nanoTime(), "SHOPPER", null));
        String path = "/api/v1/projects/" + v.projectId + "/evaluation";
        int ratings = plans * 2 * items.size();
        try (Connection c = connection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into visit_plan (project_id, site_id, mode, window_from, window_to, raters, report_due_hours,
                      created_by)
                    select ep.id, ep.site_id, 'COVERT', now() - interval '2 hours', now() - interval '1 hour', 2, 24,
                      ep.lead_user_id
                    from evaluation_project ep cross join generate_series(1, ?) where ep.id = ?""")) {
                ps.setInt(1, plans);
                ps.setLong(2, v.projectId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into visit (plan_id, project_id, slot, rater_user_id, state)
                    select p.id, p.project_id, s, case when s = 1 then ? else ? end, 'APPROVED'
                    from visit_plan p cross join generate_series(1, 2) s where p.project_id = ?""")) {
                ps.setLong(1, raterA);
                ps.setLong(2, raterB);
                ps.setLong(3, v.projectId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into visit_answer (client_id, visit_id, item_code, value, created_by)
                    select md5(random()::text || clock_timestamp()::text || i.code)::uuid, v.id, i.code,
                      1 + (v.id + i.n) % 5, v.rater_user_id
                    from visit v cross join unnest(?::text[]) with ordinality as i(code, n) where v.project_id = ?""")) {
                ps.setArray(1, c.createArrayOf("text", items.toArray()));
                ps.setLong(2, v.projectId);
                assertEquals(ratings, ps.executeUpdate());
            }
        }
        int visits = plans * 2;
        assertEquals(visits, ((Number) api.get(path, v.lead).map().get("approvedVisits")).intValue());
        // (1) the sheet as the service builds it: the queries, the survey results, the engine, the rows
        long leadId = v.id(v.lead);
        Caller lead = new Caller(leadId, "lead", Set.of(Role.LEAD), null);
        for (int w = 0; w < 5; w++) {
            evaluations.sheet(v.projectId, lead);
        }
        long[] service = new long[9];
        for (int r = 0; r < service.length; r++) {
            long start = System.nanoTime();
            EvaluationDtos.Sheet sheet = evaluations.sheet(v.projectId, lead);
            service[r] = (System.nanoTime() - start) / 1_000;
            assertEquals(visits, sheet.approvedVisits());
        }
        // of which the visit answers' query (the ratings mapped to records)
        long[] query = new long[9];
        for (int r = -3; r < query.length; r++) {
            long start = System.nanoTime();
            int rows = approvedAnswers.of(v.projectId).size();
            if (r >= 0) {
                query[r] = (System.nanoTime() - start) / 1_000;
            }
            assertEquals(ratings, rows);
        }
        Arrays.sort(query);
        System.out.printf("approved answers query (%s): median %.1f ms (best %.1f)%n", name, query[4] / 1e3,
                query[0] / 1e3);
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(
                "explain (analyze, buffers) " + ApprovedAnswers.SQL)) {
            ps.setLong(1, v.projectId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    System.out.println("  plan: " + rs.getString(1));
                }
            }
        }
        // (2) the whole GET as a client receives it (HTTP, session, JSON of the ratings), bytes unparsed
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create(server.getURL().toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + v.lead).header("Accept", "application/json").build();
        long[] whole = new long[9];
        int bytes = 0;
        for (int r = -3; r < whole.length; r++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> res = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
            if (r >= 0) {
                whole[r] = (System.nanoTime() - start) / 1_000;
            }
            assertEquals(200, res.statusCode());
            bytes = res.body().length;
        }
        Arrays.sort(service);
        Arrays.sort(whole);
        System.out.printf("%s: service median %.1f ms (best %.1f, worst %.1f); whole GET median %.1f ms (best %.1f,"
                        + " worst %.1f), %,d bytes%n", label,
                service[4] / 1e3, service[0] / 1e3, service[8] / 1e3, whole[4] / 1e3, whole[0] / 1e3, whole[8] / 1e3,
                bytes);
        System.out.printf("ratios (%s): service / answers query %.1f x; whole GET / answers query %.1f x; "
                        + "whole GET / 200 ms budget %.2f%n", name, (double) service[4] / query[4],
                (double) whole[4] / query[4], whole[4] / 200_000.0);
        System.out.println(BenchTimes.ratioLines(name, whole[4] / 1e3, "its answers query", query[4] / 1e3, 200));
    }
}
