package com.tanfang.web;

import com.tanfang.BrowserSupport;
import com.tanfang.MutableClock;
import com.tanfang.TestApi;
import com.tanfang.certificate.CertificateFixture;
import com.tanfang.document.store.GeneratedDocuments;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Certificates on a 390x844 phone: the lead issues the certificate of a released project from its certificates
 * screen (confirmed) and suspends it with a reason (confirmed); the public check page the QR code opens, in Chinese
 * and in English (its size measured as the survey page's is), showing the live status; a forged address refused
 * visibly. Screenshots {@code target/screenshots/certificate-*}.
 */
@MicronautTest(transactional = false)
class CertificateBrowserTest {
    private static final long BUDGET_BYTES = 30 * 1024;
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MutableClock clock;
    @Inject
    GeneratedDocuments documents;
    @Inject
    TransactionOperations<Connection> tx;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static long firstLoadBytes(ChromeDriver d) {
        return ((Number) d.executeScript("""
                const nav = performance.getEntriesByType('navigation')[0];
                return performance.getEntriesByType('resource').reduce((s, r) => s + r.transferSize, nav.transferSize);""")).longValue();
    }

    @Test
    void theLeadIssuesAndSuspendsAndThePublicPageShowsItInBothLanguages() {
        TestApi api = new TestApi(server.getURL(), json);
        CertificateFixture f = new CertificateFixture(api, server.getURL().toString(), json, clock);
        f.signOff();
        f.release();
        f.auditReport(documents, tx);
        String base = server.getURL().toString().replaceAll("/$", "");

        ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
        String publicUrl;
        try {
            BrowserSupport.login(d, server.getURL(), "lead", TestApi.DEMO_PASSWORD);
            BrowserSupport.await(d, By.id("home-roles"));
            d.get(base + "/app/#/projects/" + f.projectId);
            BrowserSupport.click(d, By.id("project-certificates"));
            BrowserSupport.await(d, By.id("certificates-empty"));
            BrowserSupport.click(d, By.id("cert-issue-button"));
            BrowserSupport.await(d, By.id("ask"));
            BrowserSupport.screenshot(d, "certificate-issue-confirm-zh");
            BrowserSupport.click(d, By.id("ask-confirm"));
            BrowserSupport.awaitText(d, By.cssSelector("#certificate-list [data-status=VALID]"), "有效");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "certificate-staff-zh");

            BrowserSupport.click(d, By.cssSelector("#certificate-list button[data-action=SUSPEND]"));
            BrowserSupport.await(d, By.id("ask-reason"));
            BrowserSupport.click(d, By.id("ask-confirm"));
            BrowserSupport.await(d, By.cssSelector("#ask-reason[aria-invalid=true]")); // a reason is required
            d.findElement(By.id("ask-reason")).sendKeys("监督评价未通过");
            BrowserSupport.click(d, By.id("ask-confirm"));
            BrowserSupport.awaitText(d, By.cssSelector("#certificate-list [data-status=SUSPENDED]"), "暂停");
            BrowserSupport.screenshot(d, "certificate-suspended-zh");

            List<Map<String, Object>> list = api.get(f.path(), f.lead).list();
            assertEquals(1, list.size());
            publicUrl = (String) list.get(0).get("publicUrl");
            d.get(publicUrl);
            BrowserSupport.awaitText(d, By.tagName("h1"), "证书查验");
            long bytes = firstLoadBytes(d);
            long resources = ((Number) d.executeScript("return performance.getEntriesByType('resource').length;")).longValue();
            System.out.printf("Certificate public page first load: %d bytes transferred (%d resources); budget %d%n",
                    bytes, resources, BUDGET_BYTES);
            assertEquals(0, resources, "no extra files");
            assertTrue(bytes <= BUDGET_BYTES, bytes + " bytes");
            assertTrue(d.findElement(By.id("status")).getText().contains("暂停"), "the live status");
            assertTrue(d.findElement(By.id("as-of")).getText().contains("北京时间"));
            assertTrue(d.findElements(By.cssSelector("#radar svg")).size() == 1, "the radar chart");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "certificate-public-zh");
            // the visible switch to English
            BrowserSupport.click(d, By.id("lang-switch"));
            BrowserSupport.awaitText(d, By.tagName("h1"), "Certificate check");

            String forged = publicUrl.substring(0, publicUrl.length() - 1) + (publicUrl.endsWith("A") ? "B" : "A");
            d.get(forged + "?lang=zh-CN");
            BrowserSupport.awaitText(d, By.cssSelector("#unverified h1"), "无法验证此证书");
            BrowserSupport.screenshot(d, "certificate-forged-zh");
        } finally {
            d.quit();
        }

        ChromeDriver e = BrowserSupport.phone("en-US,en");
        try {
            e.get(publicUrl);
            BrowserSupport.awaitText(e, By.tagName("h1"), "Certificate check");
            assertTrue(e.findElement(By.id("status")).getText().contains("Suspended"));
            assertTrue(e.findElement(By.id("as-of")).getText().contains("Beijing time"));
            BrowserSupport.assertNoHorizontalScroll(e);
            BrowserSupport.screenshot(e, "certificate-public-en");
            e.get(base + "/c/not-a-certificate");
            BrowserSupport.awaitText(e, By.cssSelector("#unverified h1"), "This certificate cannot be verified");
            BrowserSupport.screenshot(e, "certificate-forged-en");
        } finally {
            e.quit();
        }
    }
}
