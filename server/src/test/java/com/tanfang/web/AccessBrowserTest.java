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

import java.util.List;
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
                // the demo project by its exact title: a test project named "Test project {nanoTime}" once contained "2026"
                .filter(p -> "锦绣花园物业服务认证 2026 年度监督评价".equals(p.get("title")))
                .map(p -> ((Number) p.get("id")).longValue()).findFirst().orElseThrow();
    }

    private static void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (org.openqa.selenium.WebDriverException e) {
                // the list is being re-rendered: look again
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Timed out waiting until " + what);
    }

    private void expectNotAvailable(WebDriver d, String path, String title, String home, String shot) {
        d.get(url("/#" + path));
        BrowserSupport.awaitText(d, By.id("not-available"), title);
        // Found again rather than held: on a busy machine the page may still be replacing the previous one.
        BrowserSupport.awaitText(d, By.id("go-home"), home);
        String[] text = new String[1];
        waitUntil("the page text is read", () -> (text[0] = d.findElement(By.id("main")).getText()) != null);
        assertFalse(text[0].contains("Forbidden") || text[0].contains("Not Found"), text[0]);
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
                // From the home page's card, not a typed address.
                BrowserSupport.click(d, By.cssSelector("a.card[href='#/projects']"));
                BrowserSupport.click(d, By.cssSelector("#project-list a[href='#/projects/" + project + "']"));
                BrowserSupport.awaitText(d, By.cssSelector("main h1"), zh ? "锦绣花园物业服务认证 2026" : "Jinxiu Garden");
                BrowserSupport.awaitText(d, By.id("client-project"), zh ? "锦绣花园" : "Jinxiu Garden");
                BrowserSupport.awaitText(d, By.id("project-status"), zh ? "进行中" : "Under way");
                BrowserSupport.awaitText(d, By.id("client-results-empty"),
                        zh ? "认证机构发布结果后" : "once the certification body releases them");
                String text = d.findElement(By.id("main")).getText();
                assertFalse(text.contains("Forbidden"), text);
                // Nothing of the team's work: no team, campaigns, call-backs or forms.
                assertFalse(text.contains("李组长") || text.contains("张审查员"), text);
                assertTrue(d.findElements(By.cssSelector("#team-list, #campaign-list, form")).isEmpty(), text);
                assertTrue(text.contains(zh ? "评价方案" : "Scheme"), "the scheme: " + text);
                assertTrue(d.findElements(By.cssSelector("[role=alert]")).isEmpty(), "no error box: " + text);
                BrowserSupport.assertNoHorizontalScroll(d);
                BrowserSupport.screenshot(d, "client-project-" + (zh ? "zh" : "en"));
            } finally {
                d.quit();
            }
        }
    }

    @Test
    void theProjectsLeadManagesItsTeamOnThePhone() {
        TestApi api = new TestApi(server.getURL(), json);
        com.tanfang.SurveyFixture f = com.tanfang.SurveyFixture.openNow(api);
        String newcomer = "auditor-joins-" + System.nanoTime();
        api.newUser(newcomer, "AUDITOR", null);
        for (String lang : new String[] {"zh-CN,zh", "en-US,en"}) {
            boolean zh = lang.startsWith("zh");
            ChromeDriver d = BrowserSupport.phone(lang);
            try {
                BrowserSupport.login(d, server.getURL(), "lead", TestApi.DEMO_PASSWORD);
                BrowserSupport.awaitText(d, By.cssSelector("main h1"), zh ? "欢迎" : "Welcome");
                d.get(url("/#/projects/" + f.projectId));
                BrowserSupport.awaitText(d, By.id("team-list"), zh ? "项目组长" : "project lead");
                String team = d.findElement(By.id("team-list")).getText();
                assertTrue(team.contains("李组长") && team.contains("张审查员") && team.contains("赵回访"), team);
                if (zh) {
                    d.findElement(By.cssSelector("#add-member")).findElement(By.xpath("..")).findElement(By.tagName("summary")).click();
                    d.findElements(By.cssSelector("#add-member select[name=userId] option")).stream()
                            .filter(o -> o.getText().contains(newcomer)).findFirst().orElseThrow().click();
                    d.findElement(By.cssSelector("#add-member button[type=submit]")).click();
                    BrowserSupport.awaitText(d, By.id("team-list"), newcomer);
                    BrowserSupport.assertNoHorizontalScroll(d);
                    BrowserSupport.screenshot(d, "project-team-zh");
                } else {
                    BrowserSupport.click(d, By.xpath("//ul[@id='team-list']/li[contains(., '" + newcomer + "')]//button"));
                    waitUntil("the newcomer leaves the list", () -> d.findElements(By.cssSelector("#team-list li")).stream()
                            .noneMatch(li -> li.getText().contains(newcomer)));
                    BrowserSupport.assertNoHorizontalScroll(d);
                    BrowserSupport.screenshot(d, "project-team-en");
                }
            } finally {
                d.quit();
            }
        }
        List<Map<String, Object>> members = api.get("/api/v1/projects/" + f.projectId + "/members", f.lead).list();
        assertFalse(members.stream().anyMatch(m -> newcomer.equals(m.get("username"))), "added in zh, removed in en");
    }
}
