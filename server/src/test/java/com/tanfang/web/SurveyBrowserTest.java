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
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The resident's survey page and the auditor's face-to-face entry, in a real phone-sized Chromium. */
@MicronautTest
class SurveyBrowserTest {
    /** The issue's budget for the whole first load of a 10-question survey, compressed. */
    private static final long BUDGET_BYTES = 30 * 1024;

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private String url(String path) {
        return server.getURL().toString().replaceAll("/$", "") + path;
    }

    private SurveyFixture fixture(Duration opensIn, Duration length) {
        // Ten questions: the scheme's seven survey items are padded by nothing, so ask for the overall one too
        // and measure with what the scheme gives; the budget check scales the figure to ten questions.
        return SurveyFixture.create(new TestApi(server.getURL(), json), opensIn, length, Map.of("overallQuestion", true));
    }

    @Test
    void residentAnswersInChineseWithinTheBudgetAndTheBackButtonDoesNotResubmit() {
        SurveyFixture f = fixture(Duration.ofMinutes(-1), Duration.ofDays(1));
        ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
        try {
            d.get(url("/s/" + f.token(0)));
            BrowserSupport.awaitText(d, By.tagName("h1"), "测试调查");
            long transferred = ((Number) d.executeScript("""
                    const nav = performance.getEntriesByType('navigation')[0];
                    return performance.getEntriesByType('resource').reduce((s, r) => s + r.transferSize, nav.transferSize);""")).longValue();
            long resources = ((Number) d.executeScript("return performance.getEntriesByType('resource').length;")).longValue();
            int questions = f.questions.size();
            long perTenQuestions = transferred * 10 / Math.max(questions, 1);
            System.out.printf("Respondent page first load: %d bytes transferred for %d questions (%d resources);"
                    + " scaled to 10 questions: %d bytes; budget %d%n", transferred, questions, resources, perTenQuestions, BUDGET_BYTES);
            assertEquals(0, resources, "no extra files: no script, stylesheet, font or image");
            assertTrue(Math.max(transferred, perTenQuestions) <= BUDGET_BYTES, transferred + " bytes");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "survey-zh");

            List<WebElement> sets = d.findElements(By.cssSelector("fieldset[id^=q]"));
            assertEquals(questions, sets.size());
            for (String id : sets.stream().map(e -> e.getAttribute("id")).toList()) {
                BrowserSupport.click(d, By.cssSelector("#" + id + " input[value='4']"));
            }
            assertTrue(d.getPageSource().contains("非常满意") && d.getPageSource().contains("不了解"));
            d.findElement(By.id("phone")).sendKeys("13912345678");
            d.findElement(By.name("phoneConsent")).click();
            d.findElement(By.cssSelector("button[type=submit]")).click();
            BrowserSupport.awaitText(d, By.tagName("h1"), "感谢您的参与");
            assertTrue(d.getCurrentUrl().contains("/thanks"));
            BrowserSupport.screenshot(d, "survey-thanks-zh");
            d.navigate().back();
            BrowserSupport.awaitText(d, By.tagName("h1"), "测试调查");
            assertEquals(1, f.online(), "going back did not submit again");
            d.navigate().refresh();
            BrowserSupport.awaitText(d, By.tagName("h1"), "测试调查");
            // Same phone, same point: a fresh load says it already answered here and offers to change the answers.
            assertTrue(d.getPageSource().contains("您已用这部手机在此处提交过回答"), "a fresh load says this phone already answered");
            assertEquals(1, f.online());
        } finally {
            d.quit();
        }
    }

    @Test
    void residentAnswersInEnglish() {
        SurveyFixture f = fixture(Duration.ofMinutes(-1), Duration.ofDays(1));
        ChromeDriver d = BrowserSupport.phone("en-US,en");
        try {
            d.get(url("/s/" + f.token(1)));
            BrowserSupport.awaitText(d, By.tagName("h1"), "Test survey");
            assertTrue(d.getPageSource().contains("Very satisfied") && d.getPageSource().contains("Don't know"));
            for (String id : d.findElements(By.cssSelector("fieldset[id^=q]")).stream().map(e -> e.getAttribute("id")).toList()) {
                BrowserSupport.click(d, By.cssSelector("#" + id + " input[value='0']"));
            }
            BrowserSupport.screenshot(d, "survey-en");
            d.findElement(By.cssSelector("button[type=submit]")).click();
            try {
                BrowserSupport.awaitText(d, By.tagName("h1"), "Thank you");
            } catch (AssertionError e) {
                BrowserSupport.screenshot(d, "survey-en-failed");
                System.out.println("URL " + d.getCurrentUrl() + "\n" + d.getPageSource().substring(0, Math.min(3000, d.getPageSource().length())));
                throw e;
            }
            assertEquals(1, f.online());
        } finally {
            d.quit();
        }
    }

    @Test
    void leadFollowsTheDemoSurveyFromProjectToResults() {
        ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
        try {
            BrowserSupport.login(d, server.getURL(), "lead", TestApi.DEMO_PASSWORD);
            BrowserSupport.awaitText(d, By.cssSelector("main h1"), "欢迎");
            BrowserSupport.click(d, By.cssSelector("a.card[href='#/projects']"));
            BrowserSupport.click(d, By.xpath("//ul[@id='project-list']//a[contains(., '锦绣花园')]"));
            BrowserSupport.click(d, By.cssSelector("#campaign-list a"));
            BrowserSupport.await(d, By.id("point-list"));
            assertEquals(30, d.findElements(By.cssSelector("#point-list > li")).size());
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "campaign-zh");
            BrowserSupport.click(d, By.cssSelector("a.button[href$='/results']"));
            BrowserSupport.awaitText(d, By.id("results-summary"), "有效答卷");
            assertTrue(d.findElements(By.cssSelector(".card.low")).size() >= 1, "the weak item is highlighted");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "results-zh");
        } finally {
            d.quit();
        }
    }

    @Test
    void aClosedSurveySaysSoInsteadOfAnError() {
        SurveyFixture f = fixture(Duration.ofDays(-5), Duration.ofDays(2));
        ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
        try {
            d.get(url("/s/" + f.token(0)));
            BrowserSupport.awaitText(d, By.tagName("h1"), "调查已结束");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "survey-closed-zh");
        } finally {
            d.quit();
        }
    }

    @Test
    void faceToFaceEntrySurvivesADroppedNetwork() {
        SurveyFixture f = fixture(Duration.ofMinutes(-1), Duration.ofDays(1));
        ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
        try {
            BrowserSupport.login(d, server.getURL(), "auditor", TestApi.DEMO_PASSWORD);
            BrowserSupport.awaitText(d, By.cssSelector("main h1"), "欢迎");
            d.get(url("/#/campaigns/" + f.campaignId + "/offline"));
            BrowserSupport.await(d, By.cssSelector("#offline-form input[name=pointId]"));
            BrowserSupport.awaitText(d, By.id("outbox-status"), "全部已上传");

            ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
            offline.setOffline(true);
            d.setNetworkConditions(offline);

            d.findElement(By.cssSelector("#offline-form input[name=pointId]")).click();
            d.findElement(By.cssSelector("#offline-form input[name=secondAuditorId]")).click();
            d.findElement(By.cssSelector("#offline-form input[name=staffAbsent]")).click();
            for (WebElement radio : d.findElements(By.cssSelector("#offline-form input[name^=q][value='3']"))) {
                radio.click();
            }
            d.findElement(By.cssSelector("#offline-form button[type=submit]")).click();
            BrowserSupport.awaitText(d, By.id("outbox-status"), "无网络");
            assertEquals("1", d.findElement(By.id("outbox-status")).getAttribute("data-pending"));
            assertEquals(0L, ((Number) f.results().get("offline")).longValue(), "nothing reached the server yet");
            BrowserSupport.screenshot(d, "offline-entry-pending-zh");

            d.deleteNetworkConditions();
            d.executeScript("window.dispatchEvent(new Event('online'));");
            BrowserSupport.awaitText(d, By.id("outbox-status"), "全部已上传");
            assertEquals(1L, ((Number) f.results().get("offline")).longValue());
            // A second sync (the interval, another tab) must not double it.
            d.executeScript("window.dispatchEvent(new Event('online'));");
            assertEquals(1L, ((Number) f.results().get("offline")).longValue());
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "offline-entry-synced-zh");
        } finally {
            d.quit();
        }
    }
}
