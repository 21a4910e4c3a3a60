package com.tanfang.web;

import com.tanfang.BrowserSupport;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The management audit and the survey review on a 390x844 phone, in Chinese and English, one browser per language:
 * the auditor finds the audit in its own section of "My visits", rates an audit item with how it was confirmed
 * and a note (stored on the server; the capture page also shown at 1280x800, a desktop); then the lead opens the
 * survey review from the evaluation page, is refused a decision without a note (the server's words, on the
 * field) and records one.
 */
@MicronautTest
class AuditBrowserTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @ParameterizedTest
    @CsvSource({"zh-CN,zh, zh", "en-US,en, en"})
    @SuppressWarnings("unchecked")
    void auditorCapturesAnAuditItemAndTheLeadDecidesOnALowSurveyItem(String lang, String region, String tag) {
        boolean zh = tag.equals("zh");
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.create(api, Duration.ofMinutes(-1), Duration.ofDays(1), Map.of("commentAllowed", true));
        VisitFixture v = new VisitFixture(api, server.getURL().toString(), json, f);
        assertEquals(200, api.put("/api/v1/projects/" + v.projectId + "/visit-checklist", v.lead, Map.of("items",
                List.of(Map.of("itemCode", "P12", "mode", "MANAGEMENT_AUDIT", "evidence", "NOTE"),
                        Map.of("itemCode", "P13", "mode", "MANAGEMENT_AUDIT", "evidence", "NOTE")))).status());
        TestApi.Res plan = api.post("/api/v1/projects/" + v.projectId + "/visits", v.lead, Map.of("mode", "MANAGEMENT_AUDIT",
                "windowFrom", Instant.now().minus(Duration.ofHours(1)).toString(),
                "windowTo", Instant.now().plus(Duration.ofHours(8)).toString(), "raterIds", List.of(v.auditorId)));
        assertEquals(201, plan.status(), plan.raw());
        long visitId = VisitFixture.visitId(plan.map(), 1);
        assertEquals(200, api.post("/api/v1/visits/" + visitId + "/check-in", v.auditor,
                Map.of("deviceAt", Instant.now().toString())).status());
        for (int i = 0; i < 2; i++) {
            Map<String, Object> b = new HashMap<>(Map.of("submissionId", UUID.randomUUID().toString(), "answers", f.answers(2)));
            b.put("comment", "夜里门岗没人 / nobody at the gate at night");
            assertEquals(201, api.post("/api/v1/public/surveys/" + f.token(0) + "/responses", null, b).status());
        }
        String base = server.getURL().toString().replaceAll("/$", "");
        String note = zh ? "查阅了消防月检记录" : "Monthly fire checks reviewed";

        ChromeDriver d = BrowserSupport.phone(lang + "," + region);
        try {
            // the auditor: the audit in its own section, labelled as an audit, not as a covert visit
            BrowserSupport.login(d, server.getURL(), "auditor", TestApi.DEMO_PASSWORD);
            BrowserSupport.await(d, By.id("home-roles"));
            d.get(base + "/app/#/visits");
            BrowserSupport.awaitText(d, By.cssSelector("#audits h2"), zh ? "管理审核" : "Management audits");
            WebElement row = BrowserSupport.await(d, By.cssSelector("#audits li[data-id='" + visitId + "']"));
            assertTrue(row.getText().contains(zh ? "管理审核" : "Management audit"), row.getText());
            BrowserSupport.click(d, By.cssSelector("#audits li[data-id='" + visitId + "'] a.visit-link"));
            BrowserSupport.await(d, By.id("item-P12"));
            BrowserSupport.awaitText(d, By.id("visit-summary"), zh ? "管理审核" : "Management audit");
            BrowserSupport.click(d, By.cssSelector("#item-P12 .yesno label:first-child"));
            d.executeScript("const s = document.querySelector('#item-P12 .way-select'); s.value = 'DOCUMENT_REVIEW';"
                    + " s.dispatchEvent(new Event('change'));");
            d.findElement(By.cssSelector("#item-P12 .note-text")).sendKeys(note);
            d.findElement(By.cssSelector("#item-P12 h3")).click(); // blur: the note's change event
            BrowserSupport.awaitText(d, By.cssSelector("#item-P12 .item-state"), zh ? "已存到服务器" : "Stored on the server");
            Map<String, Object> answer = BrowserSupport.poll("the note on the server", () -> {
                List<Map<String, Object>> answers = (List<Map<String, Object>>) api.get("/api/v1/visits/" + visitId,
                        v.lead).map().get("answers");
                return answers.stream().filter(a -> "P12".equals(a.get("itemCode")) && note.equals(a.get("note")))
                        .findFirst().orElse(null);
            });
            assertEquals("DOCUMENT_REVIEW", answer.get("way"));
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "audit-capture-phone-" + tag);
            // the same page on a desktop-width screen
            d.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 800,
                    "deviceScaleFactor", 1, "mobile", false));
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "audit-capture-desktop-" + tag);
            d.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                    "deviceScaleFactor", 2, "mobile", true));

            // the lead: from the evaluation page to the survey review; a decision needs its note
            BrowserSupport.click(d, By.id("logout"));
            BrowserSupport.await(d, By.cssSelector("#login-form input[name=username]"));
            BrowserSupport.login(d, server.getURL(), "lead", TestApi.DEMO_PASSWORD);
            BrowserSupport.await(d, By.id("home-roles"));
            d.get(base + "/app/#/projects/" + v.projectId + "/evaluation");
            BrowserSupport.click(d, By.id("eval-survey-review"));
            WebElement s4 = BrowserSupport.await(d, By.cssSelector(".low-item[data-item=S4]"));
            BrowserSupport.awaitText(d, By.cssSelector(".low-item[data-item=S4] .on-site[data-item=P12]"),
                    zh ? "同一服务领域" : "same service area");
            assertTrue(s4.getText().contains("nobody at the gate at night"), s4.getText());
            BrowserSupport.click(d, By.cssSelector("#decide-S4 input[value=CHECK_ON_SITE] + span"));
            BrowserSupport.click(d, By.cssSelector("#decide-S4 button[type=submit]"));
            d.switchTo().alert().accept();
            BrowserSupport.awaitText(d, By.cssSelector("#decide-S4 .error"), zh ? "不能为空" : "must not be blank");
            d.findElement(By.cssSelector("#decide-S4 textarea[name=note]")).sendKeys(zh ? "夜间到现场核查门岗" : "Check the gate at night");
            BrowserSupport.click(d, By.cssSelector("#decide-S4 button[type=submit]"));
            d.switchTo().alert().accept();
            BrowserSupport.awaitText(d, By.id("survey-review-saved"), zh ? "已为 S4 记录决定" : "Decision recorded for S4");
            BrowserSupport.awaitText(d, By.cssSelector(".low-item[data-item=S4] .current-decision"),
                    zh ? "现场核查" : "Check on site");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "survey-review-" + tag);
        } finally {
            d.quit();
        }
    }
}
