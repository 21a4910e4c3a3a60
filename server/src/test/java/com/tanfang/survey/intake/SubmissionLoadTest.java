package com.tanfang.survey.intake;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.context.annotation.Property;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group commit under concurrent requests (issue 14): submissions that arrive together share batches, and every
 * acknowledged one is stored once, with all its answers, its retry answered with its receipt.
 */
@MicronautTest(transactional = false)
@Property(name = "tanfang.survey.limit.per-point-per-minute", value = "100000")
@Property(name = "tanfang.survey.limit.per-address-per-minute", value = "100000")
class SubmissionLoadTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;
    @Inject
    SubmissionBatches batches;

    private String row(String sql) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void underConcurrentLoadEveryAcknowledgedSubmissionIsStoredOnceAndBatchesForm() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        long sharedBefore = batches.storedInSharedBatches();
        int clients = 48;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        Map<String, Long> receipts = new ConcurrentHashMap<>();
        List<Future<String>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                start.await();
                StringBuilder problems = new StringBuilder();
                for (int k = 0; k < 4; k++) {
                    String id = "load-" + client + "-" + k + "-" + UUID.randomUUID().toString().substring(0, 6);
                    Map<String, Object> body = Map.of("submissionId", id, "answers", f.answers(1 + (client + k) % 5));
                    String path = "/api/v1/public/surveys/" + f.token(client % 2) + "/responses";
                    TestApi.Res first = api.post(path, null, body);
                    TestApi.Res retry = api.post(path, null, body);
                    if (first.status() != 201 || retry.status() != 200
                            || !first.map().get("responseId").equals(retry.map().get("responseId"))) {
                        problems.append(first.raw()).append(retry.raw());
                    }
                    if (first.status() == 201) {
                        receipts.put(id, ((Number) first.map().get("responseId")).longValue());
                    }
                }
                return problems.toString();
            }));
        }
        start.countDown();
        for (Future<String> d : done) {
            assertEquals("", d.get());
        }
        pool.shutdown();
        assertEquals(clients * 4, receipts.size());
        assertEquals(String.valueOf(clients * 4), row("select count(*) from survey_response where campaign_id = " + f.campaignId));
        assertEquals(String.valueOf(clients * 4 * 7), row("select count(*) from survey_answer a join survey_response r"
                + " on r.id = a.response_id where r.campaign_id = " + f.campaignId), "every answer stored");
        assertTrue(batches.storedInSharedBatches() > sharedBefore, "some submissions shared a batch");
    }
}
