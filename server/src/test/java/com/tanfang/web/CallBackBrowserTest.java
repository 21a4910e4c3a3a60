package com.tanfang.web;

import com.tanfang.BrowserSupport;
import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A verifier works a call-back on a phone-sized screen (390 x 844): queue, item, number, outcome, progress. */
@MicronautTest(transactional = false)
class CallBackBrowserTest {
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

    @Test
    @SuppressWarnings("unchecked")
    void aVerifierRevealsTheNumberCallsAndRecordsAConfirmation() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.create(api, Duration.ofMinutes(-1), Duration.ofDays(1), Map.of());
        for (int i = 0; i < 3; i++) {
            f.submitOnline(i, 4, "1370000000" + i);
        }
        f.closeNow(clock);
        TestApi.Res drawn = api.post("/api/v1/campaigns/" + f.campaignId + "/callback/draws", f.lead, Map.of());
        assertEquals(201, drawn.status(), drawn.raw());
        Map<String, Object> item = ((List<Map<String, Object>>) drawn.map().get("items")).get(0);
        long itemId = ((Number) item.get("id")).longValue();
        String verifier = api.demo("verifier");
        long verifierId = ((Number) api.get("/api/v1/me", verifier).map().get("id")).longValue();
        assertEquals(200, api.put("/api/v1/callbacks/items/" + itemId + "/assignment", f.lead,
                Map.of("verifierId", verifierId)).status());
        Map<String, Object> queue = api.get("/api/v1/callbacks/queue", verifier).map();
        int done = ((Number) queue.get("done")).intValue();
        int mine = ((Number) queue.get("mine")).intValue();

        ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
        try {
            BrowserSupport.login(d, server.getURL(), "verifier", TestApi.DEMO_PASSWORD);
            BrowserSupport.awaitText(d, By.cssSelector(".cards"), "回访任务");
            BrowserSupport.screenshot(d, "callback-home-verifier");
            BrowserSupport.click(d, By.cssSelector("a.card[href='#/callbacks']"));
            BrowserSupport.awaitText(d, By.id("callback-progress"), "已完成 " + done + " / " + mine);
            BrowserSupport.await(d, By.cssSelector("li[data-item='" + itemId + "']"));
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "callback-queue");
            BrowserSupport.click(d, By.cssSelector("li[data-item='" + itemId + "'] a"));
            BrowserSupport.awaitText(d, By.id("phone"), "****");
            BrowserSupport.awaitText(d, By.id("script"), "回访话术");
            BrowserSupport.screenshot(d, "callback-item-masked");
            BrowserSupport.click(d, By.id("reveal"));
            String tel = BrowserSupport.await(d, By.id("tel")).getAttribute("href");
            assertTrue(tel.matches("tel:1370000000[0-2]"), tel);
            BrowserSupport.awaitText(d, By.id("tel"), tel.substring(4));
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "callback-item-revealed");
            BrowserSupport.click(d, By.id("outcome-CONFIRMED"));
            BrowserSupport.awaitText(d, By.id("callback-progress"), "已完成 " + (done + 1) + " / " + mine);
            BrowserSupport.awaitText(d, By.cssSelector("li[data-item='" + itemId + "']"), "已确认");
            BrowserSupport.screenshot(d, "callback-queue-after");
        } catch (AssertionError e) {
            BrowserSupport.screenshot(d, "callback-failure");
            throw e;
        } finally {
            d.quit();
        }
        Map<String, Object> overview = api.get("/api/v1/campaigns/" + f.campaignId + "/callback", f.lead).map();
        assertEquals(1, ((Number) ((Map<String, Object>) overview.get("progress")).get("confirmed")).intValue());
        String seed = (String) ((Map<String, Object>) overview.get("draw")).get("seed");

        // The lead sees the revealed seed on the campaign page and the progress on the verification page.
        ChromeDriver lead = BrowserSupport.phone("en-US,en");
        try {
            BrowserSupport.login(lead, server.getURL(), "lead", TestApi.DEMO_PASSWORD);
            BrowserSupport.await(lead, By.cssSelector(".cards"));
            lead.get(server.getURL().toString().replaceAll("/$", "") + "/#/campaigns/" + f.campaignId);
            BrowserSupport.awaitText(lead, By.id("campaign-seed"), seed);
            BrowserSupport.click(lead, By.id("verify-link"));
            BrowserSupport.awaitText(lead, By.id("seed"), seed);
            BrowserSupport.awaitText(lead, By.id("verify-progress"), "1 of 3 call-backs finished: 1 confirmed");
            BrowserSupport.await(lead, By.cssSelector("#verify-items li[data-item='" + itemId + "']"));
            BrowserSupport.await(lead, By.id("before-after"));
            BrowserSupport.assertNoHorizontalScroll(lead);
            BrowserSupport.screenshot(lead, "callback-lead");
        } catch (AssertionError e) {
            BrowserSupport.screenshot(lead, "callback-lead-failure");
            throw e;
        } finally {
            lead.quit();
        }
    }
}
