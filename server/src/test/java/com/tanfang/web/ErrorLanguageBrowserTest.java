package com.tanfang.web;

import com.tanfang.BrowserSupport;
import com.tanfang.TestApi;
import com.tanfang.scheme.ItemTableCsv;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Problems the server reports show in the screen's language: a Chinese screen has no English server text in its
 * error areas (the login with a wrong password, the CSV scheme import with a bad line), an English one has it.
 * The only Latin words allowed on the Chinese screen are the CSV column names, which come from the user's file.
 */
@MicronautTest
class ErrorLanguageBrowserTest {
    private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");

    @Inject
    EmbeddedServer server;

    /** Latin words in the text, other than the item table's column names. */
    private static Set<String> englishWords(String text) {
        Set<String> words = new TreeSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            if (!ItemTableCsv.REQUIRED_COLUMNS.contains(m.group())) {
                words.add(m.group());
            }
        }
        return words;
    }

    /** Everything the form shows as errors: the summary and the messages under its fields. */
    private static String errorArea(WebDriver d, String formId) {
        BrowserSupport.await(d, By.cssSelector("#" + formId + " p.error"));
        return d.findElements(By.cssSelector("#" + formId + " .alert, #" + formId + " p.error")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).collect(Collectors.joining("\n"));
    }

    private static String badCsv() throws IOException {
        try (InputStream in = ErrorLanguageBrowserTest.class.getResourceAsStream("/schemes/gbt27922-items.csv")) {
            String csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Item B2 on line 3 worth "two" instead of 2.
            return csv.replaceFirst("\n(service,60,5\\.2\\.1,[^\n]*?,5\\.2\\.1\\.2,B2,)2,", "\n$1two,");
        }
    }

    private String wrongLogin(WebDriver d) {
        BrowserSupport.login(d, server.getURL(), "nobody-" + System.nanoTime(), "not-the-password");
        return errorArea(d, "login-form");
    }

    private String badImport(WebDriver d) throws IOException {
        BrowserSupport.login(d, server.getURL(), "lead", TestApi.DEMO_PASSWORD);
        BrowserSupport.await(d, By.cssSelector("a.card[href='#/schemes']")).click();
        BrowserSupport.click(d, By.xpath("//form[@id='import-csv']/ancestor::details/summary"));
        BrowserSupport.await(d, By.cssSelector("#import-csv input[name=code]")).sendKeys("bad-line-" + System.nanoTime());
        d.findElement(By.cssSelector("#import-csv input[name=titleZh]")).sendKeys("售后");
        ((JavascriptExecutor) d).executeScript("arguments[0].value = arguments[1]",
                d.findElement(By.cssSelector("#import-csv textarea[name=csv]")), badCsv());
        d.findElement(By.cssSelector("#import-csv button[type=submit]")).click();
        return errorArea(d, "import-csv");
    }

    @Test
    void chineseScreensShowNoEnglishServerText() throws IOException {
        ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
        try {
            String login = wrongLogin(d);
            assertTrue(login.contains("用户名或密码错误"), login);
            assertEquals(Set.of(), englishWords(login), login);
            BrowserSupport.screenshot(d, "login-wrong-password-zh");

            String csv = badImport(d);
            assertTrue(csv.contains("第 3 行") && csv.contains("不是数字：“two”"), csv);
            // "two" is the user's own cell value, quoted back.
            assertEquals(Set.of(), englishWords(csv.replace("“two”", "")), csv);
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "csv-import-bad-line-zh");
        } finally {
            d.quit();
        }
    }

    @Test
    void englishScreensShowTheSameProblemsInEnglish() throws IOException {
        ChromeDriver d = BrowserSupport.phone("en-US,en");
        try {
            String login = wrongLogin(d);
            assertTrue(login.contains("wrong username or password"), login);
            assertTrue(login.chars().noneMatch(c -> c >= 0x3000), login);

            String csv = badImport(d);
            assertTrue(csv.contains("line 3: points: not a number: 'two'"), csv);
            assertTrue(csv.chars().noneMatch(c -> c >= 0x3000), csv);
            BrowserSupport.screenshot(d, "csv-import-bad-line-en");
        } finally {
            d.quit();
        }
    }
}
