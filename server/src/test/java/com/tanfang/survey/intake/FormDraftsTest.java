package com.tanfang.survey.intake;

import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.survey.campaign.SurveyQuestion;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The no-script form that failed validation is kept for its error page where every instance finds it: behind a
 * load balancer the redirect's GET may reach another instance (before 2026-12-02 the drafts were one instance's
 * memory, and that instance showed the empty form). What the respondent typed is not at rest in plain text.
 */
@MicronautTest(transactional = false)
class FormDraftsTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    ApplicationContext context;
    @Inject
    FormDrafts drafts;
    @Inject
    DataSource dataSource;
    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aDraftKeptByOneInstanceIsFoundByAnotherAndIsSealed() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        String submissionId = UUID.randomUUID().toString();
        String comment = "楼道灯坏了三天 " + UUID.randomUUID();
        // every question answered but the first: refused, redirected to the errors
        StringBuilder form = new StringBuilder("submissionId=" + submissionId + "&lang=en&phone=13912345678"
                + "&phoneConsent=true&comment=" + java.net.URLEncoder.encode(comment, StandardCharsets.UTF_8));
        for (SurveyQuestion q : f.questions.subList(1, f.questions.size())) {
            form.append("&a").append(q.id()).append("=4");
        }
        TestApi.Res posted = api.send("POST", "/s/" + f.token(0), null, form.toString(),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
        assertEquals(303, posted.status(), posted.raw());
        String location = URLDecoder.decode(posted.header("Location"), StandardCharsets.UTF_8);
        assertTrue(location.contains("&draft=" + submissionId), location);

        Optional<RespondentPages.FormState> here = drafts.find(f.token(0), submissionId);
        assertTrue(here.isPresent(), "the instance that took the post finds it");
        // another instance: a FormDrafts of its own (before: its own empty memory)
        FormDrafts elsewhere = context.createBean(FormDrafts.class);
        Optional<RespondentPages.FormState> there = elsewhere.find(f.token(0), submissionId);
        assertEquals(here, there, "another instance finds the same draft");
        assertEquals(comment, there.orElseThrow().values().get("comment"));
        assertEquals("13912345678", there.orElseThrow().values().get("phone"));
        assertFalse(there.orElseThrow().problems().isEmpty(), "the problems come back with it");

        String stored = storedState(f.token(0), submissionId);
        assertFalse(stored.contains("13912345678") || stored.contains("楼道灯") || stored.contains(submissionId),
                "sealed at rest: " + stored);

        // 30 minutes on it is gone, and the prune deletes it
        clock.advance(FormDrafts.KEPT.plus(Duration.ofSeconds(1)));
        assertTrue(elsewhere.find(f.token(0), submissionId).isEmpty(), "expired");
        assertTrue(drafts.prune() >= 1);
        assertEquals("", storedState(f.token(0), submissionId), "pruned");
    }

    private String storedState(String token, String submissionId) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select sealed_state from form_draft where token = ? and submission_id = ?")) {
            ps.setString(1, token);
            ps.setString(2, submissionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }
}
