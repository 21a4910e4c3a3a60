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
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Staff screens show Beijing time, labelled, whatever the browser's time zone. */
@MicronautTest
class BeijingTimeBrowserTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Test
    void aBrowserInNewYorkShowsTheCampaignWindowInBeijingTime() {
        TestApi api = new TestApi(server.getURL(), json);
        // 01:00 UTC is 09:00 in Beijing and 20:00 the evening before in New York.
        SurveyFixture f = SurveyFixture.create(api, Duration.ZERO, Duration.ofDays(1), Map.of(
                "opensAt", "2026-11-30T01:00:00Z", "closesAt", "2027-01-10T09:30:00Z"));
        ChromeDriver d = BrowserSupport.phone("zh-CN,zh", "America/New_York");
        try {
            d.get(server.getURL().toString());
            assertEquals("America/New_York", d.executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone"),
                    "the browser really runs in New York time");
            BrowserSupport.login(d, server.getURL(), "lead", TestApi.DEMO_PASSWORD);
            BrowserSupport.awaitText(d, By.cssSelector("main h1"), "欢迎");
            d.get(server.getURL().toString().replaceAll("/$", "") + "/#/campaigns/" + f.campaignId);
            BrowserSupport.awaitText(d, By.id("campaign-window"), "2026-11-30 09:00 北京时间 – 2027-01-10 17:30 北京时间");
            BrowserSupport.screenshot(d, "campaign-beijing-time-zh");

            d.findElement(By.id("lang-switch")).click();
            BrowserSupport.awaitText(d, By.id("campaign-window"), "30 Nov 2026 09:00 Beijing time – 10 Jan 2027 17:30 Beijing time");

            // What staff type into a datetime-local field is Beijing time too.
            Object parsed = d.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "import('/js/time.js').then(m => done([m.fromBeijingInput('2026-12-01T17:30'),"
                    + " m.beijingInputValue('2026-12-01T09:30:00Z')]))");
            assertEquals(java.util.List.of("2026-12-01T09:30:00.000Z", "2026-12-01T17:30"), parsed);

            d.get(server.getURL().toString().replaceAll("/$", "") + "/#/projects/" + f.projectId);
            BrowserSupport.click(d, By.xpath("//form[@id='new-campaign']/parent::details/summary"));
            String opens = BrowserSupport.await(d, By.cssSelector("#new-campaign input[name=opensAt]")).getAttribute("value");
            BrowserSupport.awaitText(d, By.id("new-campaign"), "Beijing time (UTC+8)");
            java.time.LocalDateTime beijingNow = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai"))
                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            assertTrue(opens.equals(beijingNow.toString()) || opens.equals(beijingNow.minusMinutes(1).toString()),
                    "the opening time is offered in Beijing time, not New York's: " + opens + " vs " + beijingNow);
        } finally {
            d.quit();
        }
    }
}
