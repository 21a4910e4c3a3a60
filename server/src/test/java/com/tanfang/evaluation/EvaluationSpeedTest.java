package com.tanfang.evaluation;

import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flat cost (issue 14): a project with 10,000 approved visit answers (400 visits by two raters × 25 items) reads
 * its sheet with one query per source. Prints the time of the whole GET (HTTP, queries, engine, JSON); asserts only
 * a loose ceiling (the build machine is shared), the measured numbers are in performance.md.
 */
@MicronautTest(transactional = false)
class EvaluationSpeedTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;

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
        for (int w = 0; w < 3; w++) {
            assertEquals(200, api.get(path, v.lead).status());
        }
        long[] ms = new long[7];
        for (int r = 0; r < ms.length; r++) {
            long start = System.nanoTime();
            TestApi.Res res = api.get(path, v.lead);
            ms[r] = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, res.status());
            assertEquals(400, ((Number) res.map().get("approvedVisits")).intValue());
        }
        Arrays.sort(ms);
        System.out.printf("evaluation sheet, 10,000 ratings (400 visits x 25 items): median %d ms, best %d ms, worst %d ms%n",
                ms[3], ms[0], ms[6]);
        assertTrue(ms[3] < 2_000, "median " + ms[3] + " ms");
    }
}
