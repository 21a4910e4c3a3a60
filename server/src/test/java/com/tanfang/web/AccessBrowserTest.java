package com.tanfang.web;

import com.tanfang.BrowserSupport;
import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CLIENT following a link it may not open gets a page in its language saying so, with a way home; a CLIENT
 * opening its own organisation's project reads it, never a bare "Forbidden" (phone size, zh-CN and en).
 */
@MicronautTest
class AccessBrowserTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private String url(String path) {
        return server.getURL().toString().replaceAll("/$", "") + path;
    }

    /** The demo organisation's current project. */
    private long demoProject(TestApi api) {
        return api.get("/api/v1/projects", api.demo("client")).list().stream()
                .filter(p -> ((String) p.get("title")).contains("2026"))
                .map(p -> ((Number) p.get("id")).longValue()).findFirst().orElseThrow();
    }

    private void expectNotAvailable(WebDriver d, String path, String title, String home, String shot) {
        d.get(url("/#" + path));
        BrowserSupport.awaitText(d, By.id("not-available"), title);
        String text = d.findElement(By.id("main")).getText();
        assertFalse(text.contains("Forbidden") || text.contains("Not Found"), text);
        assertTrue(d.findElement(By.id("go-home")).getText().contains(home));
        BrowserSupport.assertNoHorizontalScroll(d);
        BrowserSupport.screenshot(d, shot);
    }

    @Test
    void aForeignClientIsToldInItsLanguageThatAPageIsNotForIt() {
        TestApi api = new TestApi(server.getURL(), json);
        long project = demoProject(api);
        long demoOrg = ((Number) ((Map<?, ?>) api.get("/api/v1/projects/" + project, api.demo("client")).map()
                .get("project")).get("organizationId")).longValue();
        long otherOrg = ((Number) api.post("/api/v1/organizations", api.admin(),
                Map.of("name", "别家物业 " + System.nanoTime())).map().get("id")).longValue();
        String username = "client-elsewhere-" + System.nanoTime();
        api.newUser(username, "CLIENT", otherOrg);

        for (String lang : new String[] {"zh-CN,zh", "en-US,en"}) {
            boolean zh = lang.startsWith("zh");
            ChromeDriver d = BrowserSupport.phone(lang);
            try {
                BrowserSupport.login(d, server.getURL(), username, TestApi.USER_PASSWORD);
                BrowserSupport.awaitText(d, By.cssSelector("main h1"), zh ? "欢迎" : "Welcome");
                String title = zh ? "您无权查看此页面" : "Not available to you";
                String home = zh ? "返回首页" : "Back to the home page";
                String suffix = zh ? "zh" : "en";
                expectNotAvailable(d, "/projects/" + project, title, home, "not-available-project-" + suffix);
                expectNotAvailable(d, "/orgs/" + demoOrg, title, home, "not-available-org-" + suffix);
                expectNotAvailable(d, "/campaigns/" + project, title, home, "not-available-campaign-" + suffix);
                d.findElement(By.id("go-home")).click();
                BrowserSupport.awaitText(d, By.cssSelector("main h1"), zh ? "欢迎" : "Welcome");
            } finally {
                d.quit();
            }
        }
    }

    @Test
    void aClientOpensItsOwnProjectAndReadsIt() {
        TestApi api = new TestApi(server.getURL(), json);
        long project = demoProject(api);
        for (String lang : new String[] {"zh-CN,zh", "en-US,en"}) {
            boolean zh = lang.startsWith("zh");
            ChromeDriver d = BrowserSupport.phone(lang);
            try {
                BrowserSupport.login(d, server.getURL(), "client", TestApi.DEMO_PASSWORD);
                BrowserSupport.awaitText(d, By.cssSelector("main h1"), zh ? "欢迎" : "Welcome");
                d.get(url("/#/projects/" + project));
                BrowserSupport.awaitText(d, By.cssSelector("main h1"), "锦绣花园");
                BrowserSupport.awaitText(d, By.id("client-project-note"), zh ? "评价组" : "evaluation team");
                String text = d.findElement(By.id("main")).getText();
                assertFalse(text.contains("Forbidden"), text);
                assertTrue(d.findElements(By.cssSelector("[role=alert]")).isEmpty(), "no error box: " + text);
                BrowserSupport.assertNoHorizontalScroll(d);
                BrowserSupport.screenshot(d, "client-project-" + (zh ? "zh" : "en"));
            } finally {
                d.quit();
            }
        }
    }
}
