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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-off and release on a 390x844 phone, in Chinese and English, then the client's result: the lead opens the
 * sign-off page from the project page, signs off in a dialog that shows the hash about to be stored, releases;
 * the client (same phone, signed in after the lead) reads the released result from its project page. One browser
 * session per language.
 */
@MicronautTest
class SignOffBrowserTest {
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

    @ParameterizedTest
    @CsvSource({"zh-CN,zh, zh", "en-US,en, en"})
    void theLeadSignsOffAndReleasesAndTheClientReadsItsResult(String lang, String region, String tag) {
        boolean zh = tag.equals("zh");
        TestApi api = new TestApi(server.getURL(), json);
        SignOffFixture s = new SignOffFixture(api, server.getURL().toString(), json);
        s.close(clock);
        Map<String, Object> overview = s.overview();
        assertEquals(Boolean.FALSE, overview.get("provisional"), overview.toString());
        String hash = (String) overview.get("liveSha256");
        String app = server.getURL().toString().replaceAll("/$", "") + "/app/#/projects/" + s.projectId;

        ChromeDriver d = BrowserSupport.phone(lang + "," + region);
        try {
            BrowserSupport.login(d, server.getURL(), "lead", TestApi.DEMO_PASSWORD);
            BrowserSupport.await(d, By.id("home-roles"));
            d.get(app);
            BrowserSupport.awaitText(d, By.id("project-evaluation-state"), zh ? "进行中" : "In progress");
            BrowserSupport.click(d, By.id("project-sign-off"));
            BrowserSupport.await(d, By.id("signoff-summary"));
            assertEquals(hash, d.findElement(By.id("live-hash")).getText());
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "signoff-before-" + tag);

            BrowserSupport.click(d, By.id("sign-off"));
            BrowserSupport.await(d, By.id("ask"));
            assertEquals(hash, d.findElement(By.id("confirm-hash")).getText(), "the dialog shows the hash to be stored");
            assertTrue(d.findElement(By.id("ask-message")).getText().contains(zh ? "第 1 版" : "revision 1"));
            BrowserSupport.screenshot(d, "signoff-confirm-" + tag);
            BrowserSupport.click(d, By.id("ask-confirm"));
            BrowserSupport.awaitText(d, By.cssSelector("#signoff-summary [data-state=SIGNED_OFF]"), zh ? "已签发" : "Signed off");
            assertEquals(hash, d.findElement(By.id("signed-hash")).getText());
            BrowserSupport.await(d, By.cssSelector("#revision-list [data-revision='1']"));

            BrowserSupport.click(d, By.id("release"));
            BrowserSupport.await(d, By.id("ask"));
            BrowserSupport.click(d, By.id("ask-confirm"));
            BrowserSupport.awaitText(d, By.cssSelector("#signoff-summary [data-state=RELEASED]"),
                    zh ? "已向客户发布" : "Released to the client");
            BrowserSupport.click(d, By.cssSelector("#revision-list [data-verify='1']"));
            BrowserSupport.awaitText(d, By.id("revision-list"), zh ? "存档快照与其 SHA-256 一致" : "hashes to its SHA-256");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "signoff-released-" + tag);

            // the client, on the same phone
            BrowserSupport.click(d, By.id("logout"));
            BrowserSupport.login(d, server.getURL(), "client", TestApi.DEMO_PASSWORD);
            BrowserSupport.await(d, By.id("home-roles"));
            d.get(app);
            BrowserSupport.click(d, By.id("client-result-link"));
            BrowserSupport.await(d, By.id("result-summary"));
            assertEquals(hash, d.findElement(By.id("result-hash")).getText());
            String total = d.findElement(By.id("result-total")).getText();
            assertTrue(total.endsWith("/ 100"), total);
            assertFalse(d.findElements(By.cssSelector("#result-parts [data-part]")).isEmpty());
            assertFalse(d.findElements(By.cssSelector("#result-items [data-item]")).isEmpty());
            assertTrue(d.findElement(By.id("result-findings")).getAttribute("href").endsWith("#/projects/" + s.projectId + "/findings"));
            String page = d.findElement(By.id("main")).getText();
            assertFalse(page.contains("陈暗访") || page.contains("Shopper Chen"), "no covert rater on the client's page");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "result-client-" + tag);
        } finally {
            d.quit();
        }
    }
}
