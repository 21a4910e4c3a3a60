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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The respondent's page as a resident meets it (issue 9): errors named and landed on, Back after an error never
 * re-posts, answering again amends instead of counting twice, and the language choice is remembered.
 */
@MicronautTest
class RespondentBrowserTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private String url(String path) {
        return server.getURL().toString().replaceAll("/$", "") + path;
    }

    private SurveyFixture fixture() {
        return SurveyFixture.create(new TestApi(server.getURL(), json), Duration.ofMinutes(-1), Duration.ofDays(1),
                Map.of("phoneMode", "REQUIRED", "english", true));
    }

    private static List<String> questionIds(ChromeDriver d) {
        return d.findElements(By.cssSelector("fieldset[id^=q]")).stream().map(e -> e.getAttribute("id")).toList();
    }

    private static void answerAll(ChromeDriver d, String value) {
        for (String id : questionIds(d)) {
            BrowserSupport.click(d, By.cssSelector("#" + id + " input[value='" + value + "']"));
        }
    }

    private static String summary(ChromeDriver d) {
        return BrowserSupport.await(d, By.id("errors")).getText();
    }

    @Test
    void inChineseAWrongPhoneIsNamedBackDoesNotRepostAndAnsweringAgainAmends() {
        SurveyFixture f = fixture();
        ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
        try {
            d.get(url("/s/" + f.token(0)));
            BrowserSupport.awaitText(d, By.tagName("h1"), "测试调查");
            answerAll(d, "4");
            d.findElement(By.id("phone")).sendKeys("12345");
            d.findElement(By.name("phoneConsent")).click();
            d.findElement(By.cssSelector("button[type=submit]")).click();
            String errors = summary(d);
            assertTrue(errors.contains("请填写正确的手机号码"), errors);
            assertTrue(d.getCurrentUrl().endsWith("#phone"), "lands at the phone: " + d.getCurrentUrl());
            WebElement link = d.findElement(By.cssSelector("#errors a"));
            assertEquals("#phone", link.getAttribute("href").replaceAll(".*#", "#"));
            for (String id : questionIds(d)) {
                assertTrue(d.findElement(By.cssSelector("#" + id + " input[value='4']")).isSelected(), "answers kept");
            }
            BrowserSupport.screenshot(d, "respondent-error-zh");
            WebElement phone = d.findElement(By.id("phone"));
            phone.clear();
            phone.sendKeys("13912345678");
            if (!d.findElement(By.name("phoneConsent")).isSelected()) {
                d.findElement(By.name("phoneConsent")).click();
            }
            d.findElement(By.cssSelector("button[type=submit]")).click();
            BrowserSupport.awaitText(d, By.tagName("h1"), "感谢您的参与");
            d.navigate().back();
            BrowserSupport.awaitText(d, By.tagName("h1"), "测试调查");
            assertFalse(d.getPageSource().contains("ERR_CACHE_MISS"), "Back never lands on 'Confirm form resubmission'");
            assertEquals(1, f.online());

            // Coming back to the same point from the same phone: told, prefilled, and the new answers replace the old.
            d.get(url("/s/" + f.token(0)));
            BrowserSupport.awaitText(d, By.tagName("h1"), "测试调查");
            assertTrue(d.getPageSource().contains("要修改吗"), "the amend notice is shown");
            String first = questionIds(d).get(0);
            assertTrue(d.findElement(By.cssSelector("#" + first + " input[value='4']")).isSelected(), "prefilled");
            answerAll(d, "2");
            WebElement again = d.findElement(By.id("phone"));
            again.clear();
            again.sendKeys("13912345678");
            if (!d.findElement(By.name("phoneConsent")).isSelected()) {
                d.findElement(By.name("phoneConsent")).click();
            }
            d.findElement(By.cssSelector("button[type=submit]")).click();
            BrowserSupport.awaitText(d, By.tagName("h1"), "感谢您的参与");
            assertEquals(1, f.online(), "amended, not counted twice");
        } finally {
            d.quit();
        }
    }

    @Test
    void inEnglishTheUnansweredQuestionIsNamedAndTheLanguageIsRemembered() {
        SurveyFixture f = fixture();
        ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
        try {
            d.get(url("/s/" + f.token(1)));
            BrowserSupport.awaitText(d, By.tagName("h1"), "测试调查");
            d.findElement(By.cssSelector("p.t a")).click();
            BrowserSupport.awaitText(d, By.tagName("h1"), "Test survey");
            List<String> ids = questionIds(d);
            // An old WebView that ignores "required" posts an unanswered question: the server names it.
            d.executeScript("document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))");
            for (int i = 0; i < ids.size(); i++) {
                if (i != 2) {
                    BrowserSupport.click(d, By.cssSelector("#" + ids.get(i) + " input[value='3']"));
                }
            }
            d.findElement(By.id("phone")).sendKeys("13912345678");
            d.findElement(By.name("phoneConsent")).click();
            d.findElement(By.cssSelector("button[type=submit]")).click();
            String errors = summary(d);
            assertTrue(errors.contains("Question 3 is not answered"), errors);
            assertTrue(d.getCurrentUrl().endsWith("#" + ids.get(2)), "lands at question 3: " + d.getCurrentUrl());
            BrowserSupport.screenshot(d, "respondent-error-en");
            assertEquals(0, f.online());

            // The next visit, without ?lang and with a Chinese browser, is in English: the choice stuck.
            d.get(url("/s/" + f.token(1)));
            BrowserSupport.awaitText(d, By.tagName("h1"), "Test survey");
        } finally {
            d.quit();
        }
    }
}
