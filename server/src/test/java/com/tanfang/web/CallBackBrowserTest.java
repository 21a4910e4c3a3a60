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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    private static boolean zh(String language) {
        return language.startsWith("zh");
    }

    private static String tag(String language) {
        return zh(language) ? "zh" : "en";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    private static long id(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    /**
     * Issue 9: the script names the certification body; recording without showing the number asks for a reason;
     * "denied" asks first (cancel records nothing); a denial can be undone with a reason and the response counts again.
     */
    @ParameterizedTest
    @ValueSource(strings = {"zh-CN,zh", "en-US,en"})
    void aDenialIsConfirmedFirstAndCanBeUndoneWithAReason(String language) throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.create(api, Duration.ofMinutes(-1), Duration.ofDays(1), Map.of());
        for (int i = 0; i < 2; i++) {
            f.submitOnline(i, 4, "1361111000" + i);
        }
        f.closeNow(clock);
        Map<String, Object> drawn = api.post("/api/v1/campaigns/" + f.campaignId + "/callback/draws", f.lead, Map.of()).map();
        Map<String, Object> item = list(drawn, "items").get(0);
        long itemId = id(item, "id");
        long responseId = id(item, "responseId");
        String verifier = api.demo("verifier");
        long verifierId = id(api.get("/api/v1/me", verifier).map(), "id");
        assertEquals(200, api.put("/api/v1/callbacks/items/" + itemId + "/assignment", f.lead,
                Map.of("verifierId", verifierId)).status());
        String name = tag(language);
        ChromeDriver d = BrowserSupport.phone(language);
        try {
            BrowserSupport.login(d, server.getURL(), "verifier", TestApi.DEMO_PASSWORD);
            BrowserSupport.await(d, By.cssSelector(".cards"));
            d.get(server.getURL().toString().replaceAll("/$", "") + "/#/callbacks/" + itemId);
            BrowserSupport.awaitText(d, By.id("script"), "探访认证评价中心");
            BrowserSupport.click(d, By.id("outcome-CONFIRMED"));
            BrowserSupport.awaitText(d, By.cssSelector("#main .alert.bad"), zh(language) ? "请先显示号码" : "Show the number first");
            BrowserSupport.await(d, By.id("no-reveal-reason"));
            BrowserSupport.screenshot(d, "callback-no-reveal-" + name);
            BrowserSupport.click(d, By.id("reveal"));
            BrowserSupport.await(d, By.id("tel"));
            assertFalse(d.findElement(By.id("no-reveal")).isDisplayed(), "no reason needed after the reveal");

            BrowserSupport.click(d, By.id("outcome-DENIED"));
            BrowserSupport.awaitText(d, By.id("ask"), zh(language) ? "否认填写过问卷" : "denies having answered");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "callback-deny-confirm-" + name);
            BrowserSupport.click(d, By.id("ask-cancel"));
            assertNull(map(api.get("/api/v1/callbacks/items/" + itemId, verifier).map(), "item").get("outcome"),
                    "cancel records nothing");
            BrowserSupport.click(d, By.id("outcome-DENIED"));
            BrowserSupport.click(d, By.id("ask-confirm"));
            BrowserSupport.awaitText(d, By.cssSelector("li[data-item='" + itemId + "']"), zh(language) ? "否认填写" : "denies");

            d.get(server.getURL().toString().replaceAll("/$", "") + "/#/callbacks/" + itemId);
            BrowserSupport.await(d, By.id("undo-denial"));
            BrowserSupport.click(d, By.cssSelector("#undo-form button[type=submit]"));
            BrowserSupport.await(d, By.cssSelector("#undo-form [aria-invalid=true]"));
            d.findElement(By.cssSelector("#undo-form textarea")).sendKeys(zh(language) ? "误触，受访者实际确认" : "tapped by mistake");
            BrowserSupport.screenshot(d, "callback-undo-" + name);
            BrowserSupport.click(d, By.cssSelector("#undo-form button[type=submit]"));
            BrowserSupport.awaitText(d, By.cssSelector("#main .alert.good"), zh(language) ? "已撤销" : "was undone");
            BrowserSupport.await(d, By.id("outcome-CONFIRMED"));
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "callback-undone-" + name);
        } catch (AssertionError e) {
            BrowserSupport.screenshot(d, "callback-undo-failure-" + name);
            throw e;
        } finally {
            d.quit();
        }
        Map<String, Object> response = api.get("/api/v1/campaigns/" + f.campaignId + "/responses", f.lead).list().stream()
                .filter(r -> id(r, "id") == responseId).findFirst().orElseThrow();
        assertEquals(false, response.get("excluded"));
    }

    /**
     * Issue 9, the lead's side: the sampling rule in plain words, the rate as a percentage, drawing asks first, the
     * assignee's name, the enlargement says how many it added, the readable report, and withdrawing a QR code asks first.
     */
    @ParameterizedTest
    @ValueSource(strings = {"zh-CN,zh", "en-US,en"})
    void aLeadDrawsWithConfirmationSeesTheAssigneeEnlargesAndReadsTheReport(String language) throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.create(api, Duration.ofMinutes(-1), Duration.ofDays(1), Map.of());
        for (int i = 0; i < 5; i++) {
            f.submitOnline(0, 4, "1362222000" + i);
        }
        f.submitOnline(1, 4, "13622220009");
        f.closeNow(clock);
        String verifier = api.demo("verifier");
        Map<String, Object> me = api.get("/api/v1/me", verifier).map();
        long verifierId = id(me, "id");
        String verifierName = (String) me.get("displayName");
        String name = tag(language);
        String base = server.getURL().toString().replaceAll("/$", "");
        ChromeDriver d = BrowserSupport.phone(language);
        try {
            BrowserSupport.login(d, server.getURL(), "lead", TestApi.DEMO_PASSWORD);
            BrowserSupport.await(d, By.cssSelector(".cards"));
            d.get(base + "/#/campaigns/" + f.campaignId + "/callback");
            BrowserSupport.click(d, By.cssSelector("#sampling-rule summary"));
            BrowserSupport.awaitText(d, By.id("sampling-rule"), zh(language) ? "至少回访 1 份" : "at least one call-back");
            BrowserSupport.awaitText(d, By.id("sampling-rule"), zh(language) ? "复算" : "re-derive");
            assertEquals("10", d.findElement(By.cssSelector("#draw-form input[name=ratePercent]")).getAttribute("value"));
            BrowserSupport.screenshot(d, "callback-rule-" + name);
            BrowserSupport.click(d, By.cssSelector("#draw-form button[type=submit]"));
            BrowserSupport.awaitText(d, By.id("ask"), zh(language) ? "样本将被冻结" : "frozen");
            BrowserSupport.screenshot(d, "callback-draw-confirm-" + name);
            BrowserSupport.click(d, By.id("ask-cancel"));
            assertEquals(404, api.get("/api/v1/campaigns/" + f.campaignId + "/callback/report", f.lead).status(), "cancel draws nothing");
            BrowserSupport.click(d, By.cssSelector("#draw-form button[type=submit]"));
            BrowserSupport.click(d, By.id("ask-confirm"));
            BrowserSupport.await(d, By.id("draw-info"));

            List<Map<String, Object>> items = list(api.get("/api/v1/campaigns/" + f.campaignId + "/callback", f.lead).map(), "items");
            Map<String, Object> atPoint0 = items.stream().filter(i -> id(i, "pointId") == f.pointId(0)).findFirst().orElseThrow();
            long itemId = id(atPoint0, "id");
            assertEquals(200, api.put("/api/v1/callbacks/items/" + itemId + "/assignment", f.lead, Map.of("verifierId", verifierId)).status());
            d.navigate().refresh();
            BrowserSupport.awaitText(d, By.cssSelector("li[data-item='" + itemId + "'] .assignee-name"), verifierName);
            assertEquals(verifierName, d.findElement(By.cssSelector("li[data-item='" + itemId + "'] select option:checked")).getText());
            BrowserSupport.screenshot(d, "callback-assignee-" + name);

            api.post("/api/v1/callbacks/items/" + itemId + "/reveal", verifier, null);
            assertEquals(200, api.post("/api/v1/callbacks/items/" + itemId + "/attempts", verifier, Map.of("outcome", "DENIED")).status());
            d.navigate().refresh();
            BrowserSupport.click(d, By.id("enlarge"));
            BrowserSupport.awaitText(d, By.cssSelector("#main .alert.good"), zh(language) ? "新增 1 人" : "1 respondent(s) added");
            BrowserSupport.awaitText(d, By.id("enlarged-status"), zh(language) ? "样本已扩大 1 人" : "enlarged by 1");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "callback-enlarged-" + name);

            BrowserSupport.click(d, By.id("report-link"));
            BrowserSupport.awaitText(d, By.id("report-points"), zh(language) ? "合计" : "Total");
            BrowserSupport.awaitText(d, By.id("report-denied"), "1");
            BrowserSupport.awaitText(d, By.id("report-sample"), zh(language) ? "抽取 2 份" : "2 of 6");
            BrowserSupport.await(d, By.id("print"));
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "callback-report-" + name);

            Object urlBefore = list(api.get("/api/v1/campaigns/" + f.campaignId, f.lead).map(), "points").get(0).get("url");
            d.get(base + "/#/campaigns/" + f.campaignId);
            BrowserSupport.click(d, By.cssSelector("button[data-withdraw='" + f.pointId(0) + "']"));
            BrowserSupport.awaitText(d, By.id("ask"), zh(language) ? "永久失效" : "stop working for good");
            BrowserSupport.screenshot(d, "callback-withdraw-confirm-" + name);
            BrowserSupport.click(d, By.id("ask-cancel"));
            assertEquals(urlBefore, list(api.get("/api/v1/campaigns/" + f.campaignId, f.lead).map(), "points").get(0).get("url"),
                    "cancel keeps the code");
        } catch (AssertionError e) {
            BrowserSupport.screenshot(d, "callback-lead-failure-" + name);
            throw e;
        } finally {
            d.quit();
        }
    }
}
