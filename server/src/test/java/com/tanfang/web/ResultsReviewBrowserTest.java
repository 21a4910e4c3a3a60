package com.tanfang.web;

import com.tanfang.BrowserSupport;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Results and the response review on a 390x844 phone, in Chinese and English. */
@MicronautTest
class ResultsReviewBrowserTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private String url(String path) {
        return server.getURL().toString().replaceAll("/$", "") + path;
    }

    private long submit(TestApi api, SurveyFixture f, int point, Map<String, Integer> answers, String browser) {
        Map<String, Object> body = new HashMap<>();
        body.put("submissionId", UUID.randomUUID().toString());
        body.put("answers", answers);
        TestApi.Res r = api.send("POST", "/api/v1/public/surveys/" + f.token(point) + "/responses", null, body,
                browser == null ? Map.of() : Map.of("Cookie", "tf_b=" + browser));
        assertEquals(201, r.status(), r.raw());
        return ((Number) r.map().get("responseId")).longValue();
    }

    /** Two points answered: one varied (unflagged), one all 5 (straight-lining), one from a browser seen before. */
    private SurveyFixture answered(TestApi api) {
        SurveyFixture f = SurveyFixture.openNow(api);
        Map<String, Integer> varied = f.answers(4);
        varied.put(f.questionId(0), 2);
        varied.put(f.questionId(1), 0);
        submit(api, f, 0, varied, null);
        submit(api, f, 0, f.answers(5), null);
        Map<String, Integer> other = f.answers(3);
        other.put(f.questionId(0), 5);
        String browser = "b-" + UUID.randomUUID();
        submit(api, f, 1, other, browser);
        submit(api, f, 2, varied, browser); // same browser at another point: flagged SAME_BROWSER_TWICE
        return f;
    }

    private void checkResults(ChromeDriver d, SurveyFixture f, String overall, String mapping, String decimalRe) {
        d.get(url("/#/campaigns/" + f.campaignId + "/results"));
        BrowserSupport.awaitText(d, By.id("overall-score"), overall);
        String page = d.findElement(By.id("main")).getText();
        assertTrue(page.contains(mapping), "the Likert mapping is translated: " + page);
        assertFalse(page.contains("LINEAR"), "no raw enum on the page");
        assertEquals(0, d.findElements(By.cssSelector("#main table")).size(), "cards, no sideways table");
        BrowserSupport.assertNoHorizontalScroll(d);
        // Per question: the score with its interval comes first, before the other figures.
        for (WebElement card : d.findElements(By.cssSelector(".card[data-question]"))) {
            List<WebElement> blocks = card.findElements(By.xpath("./p|./dl"));
            assertTrue(blocks.get(0).getAttribute("class").contains("score-line"), card.getText());
            String score = blocks.get(0).getText();
            assertTrue(score.matches("(?s).*" + decimalRe + ".*"), "one decimal: " + score);
            Object[] box = ((List<?>) d.executeScript("const r = arguments[0].getBoundingClientRect();"
                    + "return [r.left, r.right];", blocks.get(0))).toArray();
            assertTrue(((Number) box[0]).doubleValue() >= 0 && ((Number) box[1]).doubleValue() <= 390,
                    "the score is fully on screen");
        }
        assertTrue(d.findElement(By.id("response-rate")).getText().contains("%"), "response rate as a percentage");
        assertTrue(d.findElement(By.id("overall-score")).getText().matches("(?s).*\\d+" + decimalRe.substring(2) + ".*"));
    }

    @Test
    void resultsOnAPhoneInChineseAndEnglish() {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = answered(api);
        ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
        try {
            BrowserSupport.login(d, server.getURL(), "lead", TestApi.DEMO_PASSWORD);
            BrowserSupport.awaitText(d, By.cssSelector("main h1"), "欢迎");
            checkResults(d, f, "调查总体得分", "线性 (答案 − 1) / 4", "\\d\\.\\d[^\\d]");
            assertTrue(d.findElement(By.id("main")).getText().contains("不了解"));
            BrowserSupport.screenshot(d, "results-phone-zh");
            BrowserSupport.click(d, By.cssSelector("#point-results > li:first-child details summary"));
            BrowserSupport.screenshot(d, "results-phone-points-zh");
            d.findElement(By.id("lang-switch")).click();
            BrowserSupport.awaitText(d, By.id("overall-score"), "Overall survey score");
            checkResults(d, f, "Overall survey score", "linear (answer − 1) / 4", "\\d\\.\\d[^\\d]");
            assertTrue(d.findElement(By.id("main")).getText().contains("Don't know"));
            BrowserSupport.screenshot(d, "results-phone-en");
        } finally {
            d.quit();
        }
    }

    private void openAll(ChromeDriver d, SurveyFixture f) {
        d.get(url("/#/campaigns/" + f.campaignId + "/review"));
        BrowserSupport.click(d, By.cssSelector(".filters button[data-filter=all]"));
        BrowserSupport.await(d, By.cssSelector("#review-list li[data-response]"));
    }

    private void reasonAndConfirm(ChromeDriver d, String formId, String reason) {
        WebElement form = BrowserSupport.await(d, By.id(formId));
        form.findElement(By.name("reason")).sendKeys(reason);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        d.switchTo().alert().accept();
    }

    private void review(String language, String[] expect) {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = answered(api);
        List<Map<String, Object>> all = api.get("/api/v1/campaigns/" + f.campaignId + "/responses", f.lead).list();
        Map<String, Object> first = all.stream().filter(r -> ((List<?>) r.get("flags")).isEmpty()).findFirst().orElseThrow();
        long unflagged = ((Number) first.get("id")).longValue();
        String pointName = f.points.stream().filter(p -> p.id() == ((Number) first.get("pointId")).longValue())
                .findFirst().orElseThrow().locationName();
        ChromeDriver d = BrowserSupport.phone(language);
        try {
            BrowserSupport.login(d, server.getURL(), "lead", TestApi.DEMO_PASSWORD);
            BrowserSupport.await(d, By.cssSelector("a.card[href='#/projects']")); // signed in, on the home page
            d.get(url("/#/campaigns/" + f.campaignId + "/review"));
            try {
                BrowserSupport.awaitText(d, By.id("review-list"), expect[0]); // straight-lining reason from its code
            } catch (AssertionError e) {
                BrowserSupport.screenshot(d, "review-failed-" + expect[5]);
                System.out.println("PAGE: " + d.findElement(By.id("main")).getText());
                d.manage().logs().get("browser").forEach(l -> System.out.println("CONSOLE: " + l));
                throw e;
            }
            String flagged = d.findElement(By.id("review-list")).getText();
            assertTrue(flagged.contains(expect[1]), "the same-browser reason names the time in Beijing time: " + flagged);
            assertFalse(flagged.matches("(?s).*\\d{4}-\\d{2}-\\d{2}T\\d{2}:.*"), "no raw ISO instant: " + flagged);
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "review-flagged-" + expect[5]);

            openAll(d, f);
            By card = By.cssSelector("li[data-response='" + unflagged + "']");
            BrowserSupport.click(d, By.cssSelector("li[data-response='" + unflagged + "'] details.answers summary"));
            String answers = d.findElement(card).getText();
            assertTrue(answers.contains(pointName), "the point: " + answers);
            assertTrue(answers.contains(expect[2]), "question text in the page language: " + answers);
            BrowserSupport.click(d, By.cssSelector("li[data-response='" + unflagged + "'] details.act summary"));
            reasonAndConfirm(d, "exclude-" + unflagged, "Not a resident");
            BrowserSupport.awaitText(d, card, expect[3]);
            assertTrue(d.findElement(card).getText().contains("Not a resident"));
            BrowserSupport.screenshot(d, "review-excluded-" + expect[5]);

            BrowserSupport.click(d, By.cssSelector("li[data-response='" + unflagged + "'] details.act summary"));
            reasonAndConfirm(d, "undo-" + unflagged, "Checked with the office");
            BrowserSupport.awaitText(d, card, expect[4]);
            BrowserSupport.click(d, By.cssSelector("li[data-response='" + unflagged + "'] details.history summary"));
            String history = d.findElement(card).getText();
            assertTrue(history.contains("Checked with the office") && history.contains(expect[1]), history);
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "review-undone-" + expect[5]);
            assertEquals(0L, ((Number) f.results().get("excluded")).longValue());
        } finally {
            d.quit();
        }
    }

    @Test
    void reviewInChinese() {
        review("zh-CN,zh", new String[] {"全部选择了 5", "北京时间", "您对", "复核排除", "排除记录（2 条）", "zh"});
    }

    @Test
    void reviewInEnglish() {
        review("en-US,en", new String[] {"were 5", "Beijing time", "How satisfied", "Excluded on review",
                "Exclusion history (2)", "en"});
    }
}
