package com.tanfang.evaluation;

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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A benchmark, not part of the suite (the name does not end in Test; run it with server/bench/evaluation-sheet.sh):
 * a project with 10,000 approved visit answers (400 visits by two raters × 25 items) reads its sheet with one query
 * per source. Prints the service's and the whole GET's times (HTTP, queries, engine, JSON) against two references:
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
        long raterA = v.id(api.newUser("speeda" + System.nanoTime(), "SHOPPER", null));
        long raterB = v.id(api.newUser("speedb" + System.nanoTime(), "SHOPPER", null));
        String path = "/api/v1/projects/" + v.projectId + "/evaluation";
        List<String> items = ((List<Map<String, Object>>) api.get(path, v.lead).map().get("items")).stream()
                .filter(i -> !Boolean.TRUE.equals(i.get("bonus"))).map(i -> (String) i.get("name")).limit(25).toList();
        assertEquals(25, items.size());
        try (Connection c = connection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into visit_plan (project_id, site_id, mode, window_from, window_to, raters, report_due_hours,
                      created_by)
                    select ep.id, ep.site_id, 'COVERT', now() - interval '2 hours', now() - interval '1 hour', 2, 24,
                      ep.lead_user_id
                    from evaluation_project ep cross join generate_series(1, 200) where ep.id = ?""")) {
                ps.setLong(1, v.projectId);
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
                assertEquals(10_000, ps.executeUpdate());
            }
        }
        assertEquals(400, ((Number) api.get(path, v.lead).map().get("approvedVisits")).intValue());
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
            assertEquals(400, sheet.approvedVisits());
        }
        // of which the visit answers' query (10,000 rows mapped to records)
        long[] query = new long[9];
        for (int r = -3; r < query.length; r++) {
            long start = System.nanoTime();
            int rows = approvedAnswers.of(v.projectId).size();
            if (r >= 0) {
                query[r] = (System.nanoTime() - start) / 1_000;
            }
            assertEquals(10_000, rows);
        }
        Arrays.sort(query);
        System.out.printf("approved answers query: median %.1f ms (best %.1f)%n", query[4] / 1e3, query[0] / 1e3);
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(
                "explain (analyze, buffers) " + ApprovedAnswers.SQL)) {
            ps.setLong(1, v.projectId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    System.out.println("  plan: " + rs.getString(1));
                }
            }
        }
        // (2) the whole GET as a client receives it (HTTP, session, JSON of 10,000 ratings), bytes unparsed
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
        System.out.printf("evaluation sheet, 10,000 ratings (400 visits x 25 items): service median %.1f ms (best %.1f,"
                        + " worst %.1f); whole GET median %.1f ms (best %.1f, worst %.1f), %,d bytes%n",
                service[4] / 1e3, service[0] / 1e3, service[8] / 1e3, whole[4] / 1e3, whole[0] / 1e3, whole[8] / 1e3,
                bytes);
        System.out.printf("ratios: service / answers query %.1f x; whole GET / answers query %.1f x; "
                        + "whole GET / 200 ms budget %.2f%n", (double) service[4] / query[4], (double) whole[4] / query[4],
                whole[4] / 200_000.0);
    }
}
