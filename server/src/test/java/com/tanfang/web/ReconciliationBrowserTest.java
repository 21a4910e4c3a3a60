package com.tanfang.web;

import com.tanfang.BrowserSupport;
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

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two raters reconciled on a 390x844 phone, in Chinese and English: the lead filters the sheet to the items to
 * reconcile, opens the flagged Likert item (5 against 2), records the confirmed rating 4 with a reason (confirm
 * dialog), sees it with the reason and both originals struck through but visible, then the agreement page.
 */
@MicronautTest
class ReconciliationBrowserTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    /** A two-rater open inspection (auditor, shopper) approved; returns the Likert item rated 5 against 2. */
    @SuppressWarnings("unchecked")
    private String twoRaterPlan(TestApi api, VisitFixture v) {
        Map<String, Object> plan = v.plan("OPEN", Map.of("raters", 2, "raterIds", List.of(v.auditorId, v.shopperId)));
        long first = VisitFixture.visitId(plan, 1);
        long second = VisitFixture.visitId(plan, 2);
        Map<String, String> types = new HashMap<>();
        ((List<Map<String, Object>>) api.get("/api/v1/projects/" + v.projectId + "/evaluation", v.lead).map()
                .get("items")).forEach(i -> types.put((String) i.get("name"), (String) i.get("answerType")));
        String apart = null;
        String yesNo = null;
        for (long[] copy : new long[][]{{first, 0}, {second, 1}}) {
            String token = copy[1] == 0 ? v.auditor : v.shopper;
            assertEquals(200, api.post("/api/v1/visits/" + copy[0] + "/check-in", token,
                    Map.of("deviceAt", Instant.now().toString())).status());
            int version = v.version(copy[0], token);
            List<String> script = v.scriptItems(copy[0], token);
            apart = script.stream().filter(c -> "LIKERT_5".equals(types.get(c))).findFirst().orElseThrow();
            yesNo = script.stream().filter(c -> "YES_NO".equals(types.get(c))).findFirst().orElseThrow();
            for (String code : script) {
                int value = code.equals(apart) ? (copy[1] == 0 ? 5 : 2) : code.equals(yesNo) ? (copy[1] == 0 ? 1 : 0) : 1;
                assertEquals(200, v.answer(copy[0], token, code, value, "ok", version).status());
            }
            assertEquals(200, api.post("/api/v1/visits/" + copy[0] + "/submit", token,
                    Map.of("visitVersion", version)).status());
            assertEquals(200, api.post("/api/v1/visits/" + copy[0] + "/approve", v.lead, Map.of()).status());
        }
        return apart;
    }

    @ParameterizedTest
    @CsvSource({"zh-CN,zh, zh", "en-US,en, en"})
    void leadReconcilesAFlaggedItemAndReadsTheAgreement(String lang, String region, String tag) {
        boolean zh = tag.equals("zh");
        TestApi api = new TestApi(server.getURL(), json);
        VisitFixture v = new VisitFixture(api, server.getURL().toString(), json);
        String item = twoRaterPlan(api, v);
        String base = server.getURL().toString().replaceAll("/$", "");

        ChromeDriver d = BrowserSupport.phone(lang + "," + region);
        try {
            BrowserSupport.login(d, server.getURL(), "lead", TestApi.DEMO_PASSWORD);
            BrowserSupport.await(d, By.id("home-roles"));
            d.get(base + "/app/#/projects/" + v.projectId + "/evaluation");
            BrowserSupport.awaitText(d, By.id("eval-to-reconcile"), zh ? "2 个条款待复核" : "2 item(s) to reconcile");
            BrowserSupport.click(d, By.id("eval-filter-reconcile"));
            BrowserSupport.poll("only the items to reconcile", () -> d.findElements(By.cssSelector(".eval-item")).size()
                    == 2 ? Boolean.TRUE : null);
            By card = By.cssSelector("[data-item='" + item + "']");
            WebElement flagged = BrowserSupport.await(d, card);
            String text = flagged.getText();
            assertTrue(text.contains(zh ? "超出容差" : "beyond tolerance"), text);
            assertTrue(text.contains(zh ? "相差 3（容差 1）" : "3 apart (tolerance 1)"), text);
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "reconcile-flagged-" + tag);

            BrowserSupport.click(d, By.cssSelector("[data-item='" + item + "'] .rec-open"));
            WebElement form = BrowserSupport.await(d, By.cssSelector("[data-item='" + item + "'] .reconcile-form"));
            // no reason: the server names the field, in the page's language
            form.findElement(By.cssSelector("select[name=value] option[value='4']")).click();
            form.findElement(By.cssSelector(".rec-submit")).click();
            d.switchTo().alert().accept();
            BrowserSupport.awaitText(d, card, zh ? "请填写确认评分的理由" : "Give the reason for the confirmed rating");
            String reason = zh ? "两人复看照片后确认 4 分" : "Both looked at the photo again: 4";
            form = BrowserSupport.await(d, By.cssSelector("[data-item='" + item + "'] .reconcile-form"));
            form.findElement(By.name("reason")).sendKeys(reason);
            BrowserSupport.screenshot(d, "reconcile-form-" + tag);
            form.findElement(By.cssSelector(".rec-submit")).click();
            String question = d.switchTo().alert().getText();
            assertTrue(question.contains(item) && question.contains("4 / 5"), question);
            d.switchTo().alert().accept();

            BrowserSupport.awaitText(d, By.cssSelector("[data-item='" + item + "'] .confirmed"), reason);
            WebElement done = d.findElement(card);
            assertTrue(done.findElement(By.cssSelector(".confirmed-value")).getText().contains("4 / 5"));
            // both originals stay, struck through
            List<WebElement> struck = done.findElements(By.cssSelector(".ratings li.replaced s"));
            assertEquals(2, struck.size());
            assertEquals(java.util.Set.of("5 / 5", "2 / 5"), struck.stream().map(WebElement::getText)
                    .collect(java.util.stream.Collectors.toSet()));
            assertTrue(done.getText().contains(zh ? "1 名评价员的 1 个评分取平均" : "1 rating(s) by 1 rater(s) averaged"),
                    done.getText());
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "reconcile-confirmed-" + tag);

            BrowserSupport.click(d, By.id("eval-nav-agreement"));
            BrowserSupport.awaitText(d, By.id("agr-summary"), zh ? "1 对已复核" : "1 reconciled");
            assertEquals(2, d.findElements(By.cssSelector("#agr-differences li.flagged")).size());
            BrowserSupport.awaitText(d, By.id("agr-PROJECT"), zh ? "二次加权 kappa" : "quadratic-weighted kappa");
            BrowserSupport.awaitText(d, By.id("agr-changes"), zh ? "个被修改" : "changed");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "reconcile-agreement-" + tag);
        } finally {
            d.quit();
        }
    }
}
