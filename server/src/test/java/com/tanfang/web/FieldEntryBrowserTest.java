package com.tanfang.web;

import com.tanfang.BrowserSupport;
import com.tanfang.NetworkSwitch;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Was: reloading the staff app without a network stuck on "loading" for ever, answers were dropdowns, the point,
 * second auditor and attestation had to be chosen again for every sheet, the offline notice looked like an error
 * and "uploading…" stayed after the upload. Now, in a phone-sized Chromium, in Chinese and in English: the app
 * loads, the network goes (the page's and the service worker's: see NetworkSwitch), a reload still opens the
 * face-to-face form, two sheets entered offline wait in the outbox, go up when the network is back, and the
 * auditor lists and corrects their own sheets.
 */
@MicronautTest
class FieldEntryBrowserTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void faceToFaceEntryWorksOfflineAfterAReload(String lang) throws Exception {
        SurveyFixture f = SurveyFixture.openNow(new TestApi(server.getURL(), json));
        boolean en = lang.equals("en");
        try (NetworkSwitch network = new NetworkSwitch(server.getURL())) {
            ChromeDriver d = BrowserSupport.phone(en ? "en-US,en" : "zh-CN,zh");
            try {
                d.get(network.url("/#/login"));
                assertTrue(d.getCurrentUrl().contains("/app/#/login"), "the old address leads to /app/: " + d.getCurrentUrl());
                long shellBytes = firstLoadBytes(d);
                loginThroughForm(d);
                BrowserSupport.await(d, By.id("who")); // signed in: the header names the user
                String form = network.url("/app/#/campaigns/" + f.campaignId + "/offline");
                d.get(form);
                BrowserSupport.await(d, By.cssSelector("#offline-form input[name=pointId]"));
                awaitCached(d, "/api/v1/campaigns/" + f.campaignId);
                awaitCached(d, "/api/v1/me");
                System.out.printf("Staff app (%s): first load %d bytes transferred; the worker's precache %d bytes%n",
                        lang, shellBytes, precacheBytes());
                assertEquals(0, d.findElements(By.cssSelector("#offline-form select")).size(), "radio buttons, no dropdowns");
                // N/A (-1) only on the question whose scheme item allows it (7.6 "N/A if not used")
                long naAllowed = f.questions.stream().filter(q -> q.notApplicableAllowed()).count();
                assertEquals(naAllowed, d.findElements(By.cssSelector("#offline-form input[name^=q][value='-1']")).size());
                for (var q : f.questions) {
                    assertEquals(q.notApplicableAllowed() ? 1 : 0, d.findElements(By.cssSelector(
                            "#offline-form input[name=q" + q.id() + "][value='-1']")).size(), q.toString());
                }

                // No network at all: neither the page nor its service worker reaches the server.
                ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
                offline.setOffline(true);
                d.setNetworkConditions(offline);
                network.cut();
                d.navigate().refresh();
                BrowserSupport.await(d, By.cssSelector("#offline-form input[name=pointId]"));
                assertFalse(d.findElement(By.id("main")).getText().contains(en ? "Loading" : "正在加载"));
                WebElement notice = BrowserSupport.await(d, By.cssSelector("#outbox-status .alert"));
                assertTrue(notice.getAttribute("class").contains("info"), "the offline notice informs, it is no error");
                assertFalse("alert".equals(notice.getAttribute("role")), "not announced as an alert");

                click(d, "#offline-form input[name=pointId][value='" + f.pointId(1) + "']");
                click(d, "#offline-form input[name=secondAuditorId]");
                click(d, "#offline-form input[name=staffAbsent]");
                answerAll(d, "4");
                click(d, "#offline-form button[type=submit]");
                BrowserSupport.awaitText(d, By.id("outbox-count"), "1");
                // The next sheet: answers cleared, point, second auditor and attestation still set.
                assertTrue(d.findElement(By.cssSelector("#offline-form input[name=pointId][value='" + f.pointId(1) + "']")).isSelected());
                assertTrue(d.findElement(By.cssSelector("#offline-form input[name=secondAuditorId]:checked")).isSelected());
                assertTrue(d.findElement(By.cssSelector("#offline-form input[name=staffAbsent]")).isSelected());
                assertEquals(0, d.findElements(By.cssSelector("#offline-form input[name^=q]:checked")).size());
                String summary = d.findElement(By.cssSelector("#offline-form > div")).getText();
                assertFalse(summary.contains(en ? "uploading" : "正在上传"), "no stale 'uploading': " + summary);
                answerAll(d, "2");
                click(d, "#offline-form button[type=submit]");
                BrowserSupport.awaitText(d, By.id("outbox-count"), "2");
                assertEquals("2", d.findElement(By.id("outbox-status")).getAttribute("data-pending"));
                BrowserSupport.assertNoHorizontalScroll(d);
                d.executeScript("window.scrollTo(0, 0);");
                BrowserSupport.screenshot(d, "field-entry-offline-" + lang);
                assertEquals(0L, ((Number) f.results().get("offline")).longValue(), "nothing reached the server yet");

                // The network is back: both go up, once each.
                network.restore();
                d.deleteNetworkConditions();
                d.executeScript("window.dispatchEvent(new Event('online'));");
                BrowserSupport.poll("the outbox to empty", () ->
                        "0".equals(d.findElement(By.id("outbox-status")).getAttribute("data-pending")) ? Boolean.TRUE : null);
                assertEquals(2L, ((Number) f.results().get("offline")).longValue());
                BrowserSupport.poll("two own sheets listed", () ->
                        d.findElements(By.cssSelector("#own-sheets li.sheet")).size() == 2 ? Boolean.TRUE : null);

                // Correct one: its answers come back into the form; saving replaces it (after a confirmation).
                click(d, "#own-sheets li.sheet button.correct");
                BrowserSupport.await(d, By.id("cancel-correction"));
                assertEquals(f.questions.size(), d.findElements(By.cssSelector("#offline-form input[name^=q]:checked")).size());
                answerAll(d, "5");
                d.findElement(By.cssSelector("#offline-form button[type=submit]")).click();
                d.switchTo().alert().accept();
                BrowserSupport.poll("the corrected sheet listed", () ->
                        d.findElements(By.cssSelector("#own-sheets li.sheet[data-state=SUPERSEDED]")).size() == 1
                                && d.findElements(By.cssSelector("#own-sheets li.sheet")).size() == 3 ? Boolean.TRUE : null);
                assertEquals(2L, ((Number) f.results().get("offline")).longValue(), "a correction replaces, never adds");
                BrowserSupport.awaitText(d, By.id("own-sheets"), en ? "Replaced by a correction" : "已被更正替换");
                BrowserSupport.assertNoHorizontalScroll(d);
                d.executeScript("document.getElementById('own-sheets').scrollIntoView();");
                BrowserSupport.screenshot(d, "field-entry-corrected-" + lang);

                // The respondent's page is not the worker's.
                d.get(network.url("/s/" + f.token(0)));
                BrowserSupport.await(d, By.tagName("h1"));
                assertEquals(Boolean.TRUE, d.executeScript("return navigator.serviceWorker.controller === null;"),
                        "the staff app's service worker does not control /s/ pages");
            } catch (AssertionError | RuntimeException e) {
                System.out.println("FieldEntryBrowserTest (" + lang + ") failed at " + d.getCurrentUrl() + "\n"
                        + d.findElement(By.tagName("body")).getText());
                BrowserSupport.screenshot(d, "field-entry-failure-" + lang);
                throw e;
            } finally {
                d.quit();
            }
        }
    }

    private void loginThroughForm(ChromeDriver d) {
        WebElement user = BrowserSupport.await(d, By.cssSelector("#login-form input[name=username]"));
        user.sendKeys("auditor");
        d.findElement(By.cssSelector("#login-form input[name=password]")).sendKeys(TestApi.DEMO_PASSWORD);
        d.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    }

    private static void click(ChromeDriver d, String css) {
        BrowserSupport.click(d, By.cssSelector(css));
    }

    /** Every question answered {@code value}; a radio's label is what a thumb taps. */
    private static void answerAll(ChromeDriver d, String value) {
        for (WebElement radio : d.findElements(By.cssSelector("#offline-form input[name^=q][value='" + value + "']"))) {
            radio.findElement(By.xpath("./ancestor::label")).click();
        }
    }

    private static void awaitCached(ChromeDriver d, String path) {
        BrowserSupport.poll(path + " in the service worker's cache", () -> (Boolean) d.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                if (!navigator.serviceWorker.controller) { done(null); return; }
                caches.open('tanfang-user-data').then((c) => c.match(arguments[0])).then((r) => done(r ? true : null),
                  () => done(null));""", path));
    }

    private static long firstLoadBytes(ChromeDriver d) {
        BrowserSupport.await(d, By.cssSelector("#login-form"));
        return ((Number) d.executeScript("""
                const nav = performance.getEntriesByType('navigation')[0];
                return performance.getEntriesByType('resource').reduce((s, r) => s + r.transferSize, nav.transferSize);"""))
                .longValue();
    }

    /** What the worker downloads on install: the files of its SHELL list, gzip-compressed as the server sends them. */
    private long precacheBytes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String sw = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/app/sw.js")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher list = Pattern.compile("const SHELL = \\[(.*?)];", Pattern.DOTALL).matcher(sw);
        assertTrue(list.find(), "sw.js has a SHELL list");
        long total = 0;
        for (Matcher m = Pattern.compile("'([^']+)'").matcher(list.group(1)); m.find(); ) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + m.group(1)))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), m.group(1));
            total += r.body().length;
        }
        return total;
    }
}
