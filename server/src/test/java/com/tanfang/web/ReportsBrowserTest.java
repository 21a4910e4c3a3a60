package com.tanfang.web;

import com.tanfang.BrowserSupport;
import com.tanfang.MutableClock;
import com.tanfang.TestApi;
import com.tanfang.evaluation.signoff.SignOffFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reports screen on a 390x844 phone, Chinese then English in one session: the lead writes the narrative of the
 * signed revision, generates the Chinese audit report (confirmed: it freezes the narrative), switches to English and
 * generates the English one; the survey analysis button shows the server's answer; after the release the client
 * sees both reports with their SHA-256 and the radar chart. Screenshots target/screenshots/reports-*.
 */
@MicronautTest(transactional = false)
class ReportsBrowserTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static void type(ChromeDriver d, String css, String text) {
        WebElement e = BrowserSupport.await(d, By.cssSelector(css));
        e.clear();
        e.sendKeys(text);
    }

    @Test
    void theLeadWritesAndGeneratesInBothLanguagesAndTheClientDownloads() {
        TestApi api = new TestApi(server.getURL(), json);
        SignOffFixture s = new SignOffFixture(api, server.getURL().toString(), json);
        s.close(clock);
        assertEquals(200, s.signOff(s.lead, s.liveSha256()).status());
        String page = server.getURL().toString().replaceAll("/$", "") + "/app/#/projects/" + s.projectId + "/reports";

        ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
        try {
            BrowserSupport.login(d, server.getURL(), "lead", TestApi.DEMO_PASSWORD);
            BrowserSupport.await(d, By.id("home-roles"));
            d.get(page);
            BrowserSupport.await(d, By.id("narrative-form"));
            assertTrue(d.findElement(By.id("narrative")).getText().contains("第 1 版已签发"));
            type(d, "#narrative-form textarea[name=strengths]", "服务中心公示规范。");
            type(d, "#narrative-form textarea[name=conclusion]", "评价组推荐保持等级。");
            BrowserSupport.click(d, By.cssSelector("#narrative-form button[type=submit]"));
            BrowserSupport.awaitText(d, By.id("narrative"), "最近保存");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "reports-narrative-zh");

            BrowserSupport.click(d, By.id("generate-audit-zh-CN"));
            BrowserSupport.awaitText(d, By.id("ask-message"), "冻结");
            BrowserSupport.screenshot(d, "reports-confirm-zh");
            BrowserSupport.click(d, By.id("ask-confirm"));
            BrowserSupport.await(d, By.cssSelector("#report-list [data-kind=AUDIT_REPORT][data-language=zh-CN]"));
            BrowserSupport.await(d, By.id("narrative-frozen"));
            assertTrue(d.findElements(By.id("narrative-form")).isEmpty(), "a frozen narrative is read, not edited");
            String hash = d.findElement(By.cssSelector("#report-list .report-hash")).getText();
            assertTrue(hash.matches("[0-9a-f]{64}"), hash);
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "reports-generated-zh");

            // the survey analysis report's button answers with the server's words, whatever they are
            BrowserSupport.click(d, By.id("generate-survey-zh-CN"));
            BrowserSupport.await(d, By.id("ask"));
            BrowserSupport.click(d, By.id("ask-confirm"));
            BrowserSupport.poll("the survey button's answer", () -> {
                String notice = d.findElement(By.id("reports-notice")).getText();
                boolean listed = !d.findElements(By.cssSelector("#report-list [data-kind=SURVEY_REPORT]")).isEmpty();
                return notice.isBlank() && !listed ? null : true;
            });

            // English, same session
            BrowserSupport.click(d, By.id("lang-switch"));
            BrowserSupport.awaitText(d, By.id("main"), "Generated documents");
            BrowserSupport.click(d, By.id("generate-audit-en"));
            BrowserSupport.awaitText(d, By.id("ask-message"), "frozen");
            BrowserSupport.click(d, By.id("ask-confirm"));
            BrowserSupport.await(d, By.cssSelector("#report-list [data-kind=AUDIT_REPORT][data-language=en]"));
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "reports-generated-en");

            // the client, after the release
            assertEquals(200, api.post("/api/v1/projects/" + s.projectId + "/evaluation/release", s.lead, Map.of()).status());
            BrowserSupport.click(d, By.id("logout"));
            BrowserSupport.login(d, server.getURL(), "client", TestApi.DEMO_PASSWORD);
            BrowserSupport.await(d, By.id("home-roles"));
            d.get(page);
            BrowserSupport.await(d, By.cssSelector("#report-list [data-kind=AUDIT_REPORT][data-language=zh-CN]"));
            assertTrue(d.findElements(By.id("narrative")).isEmpty(), "the client does not see the narrative form");
            Object width = BrowserSupport.poll("the radar image", () -> {
                Object w = d.executeScript("const i = document.getElementById('radar-image'); return i && i.complete ? i.naturalWidth : null;");
                return w instanceof Number n && n.intValue() > 0 ? w : null;
            });
            assertTrue(((Number) width).intValue() > 0);
            String text = d.findElement(By.id("main")).getText();
            assertFalse(text.contains("陈暗访") || text.contains("Shopper Chen"), "no covert rater on the client's page");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "reports-client-en");
        } finally {
            d.quit();
        }
    }
}
