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

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A nonconformity answered on a 390x844 phone, in Chinese and English: the client opens its project, its findings
 * (overdue marked), answers the issued nonconformity with a corrective action and a photo from the phone; the lead
 * opens the findings page, sees the answer with its photo and accepts it (confirm dialog): closed.
 */
@MicronautTest
class FindingsBrowserTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private String url(String path) {
        return server.getURL().toString().replaceAll("/$", "") + "/app" + path;
    }

    private static Path photoFile(String seed) throws IOException {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(seed.hashCode() & 0xFFFFFF));
        g.fillRect(0, 0, 320, 240);
        g.setColor(Color.WHITE);
        g.fillRect(40, 40, 120, 80);
        g.dispose();
        Path file = Files.createTempFile("finding-answer-", ".jpg");
        ImageIO.write(image, "jpg", file.toFile());
        file.toFile().deleteOnExit();
        return file;
    }

    @ParameterizedTest
    @CsvSource({"zh-CN,zh, zh", "en-US,en, en"})
    void theClientAnswersANonconformityWithAPhotoAndTheLeadAcceptsIt(String lang, String region, String tag)
            throws IOException {
        boolean zh = tag.equals("zh");
        TestApi api = new TestApi(server.getURL(), json);
        VisitFixture v = new VisitFixture(api, server.getURL().toString(), json);
        long orgId = ((Number) ((Map<?, ?>) api.get("/api/v1/projects/" + v.projectId, v.lead).map().get("project"))
                .get("organizationId")).longValue();
        String clientName = "fbclient-" + tag + "-" + System.nanoTime();
        api.newUser(clientName, "CLIENT", orgId);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        TestApi.Res nc = api.post("/api/v1/projects/" + v.projectId + "/findings", v.lead, Map.of("kind", "NONCONFORMITY",
                "severity", "MINOR", "clause", "4.1", "itemCode", "P10",
                "finding", "5 号楼消防通道堆放杂物 / fire lane of building 5 blocked",
                "deadline", today.plusDays(7).toString(), "owner", "王经理 / Manager Wang"));
        assertEquals(201, nc.status(), nc.raw());
        long ncId = ((Number) nc.map().get("id")).longValue();
        assertEquals(200, api.post("/api/v1/findings/" + ncId + "/issue", v.lead, Map.of()).status());
        String card = "[data-finding='" + ncId + "']";
        String action = zh ? "已清理杂物并设置禁停标识" : "Cleared the lane and put up no-parking signs";

        ChromeDriver d = BrowserSupport.phone(lang + "," + region);
        try {
            // the client: its project page, then its findings
            BrowserSupport.login(d, server.getURL(), clientName, TestApi.USER_PASSWORD);
            BrowserSupport.await(d, By.id("home-roles"));
            d.get(url("/#/projects/" + v.projectId));
            BrowserSupport.click(d, By.id("project-client-findings"));
            BrowserSupport.await(d, By.cssSelector(card));
            BrowserSupport.awaitText(d, By.cssSelector(card), zh ? "一般不符合项" : "Minor nonconformity");
            BrowserSupport.awaitText(d, By.cssSelector(card + " .tag"), zh ? "已发出" : "Issued");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "findings-client-issued-" + tag);
            d.findElement(By.cssSelector("#answer-form-" + ncId + " textarea[name=correctiveAction]")).sendKeys(action);
            d.findElement(By.id("answer-files-" + ncId)).sendKeys(photoFile(tag).toString());
            BrowserSupport.click(d, By.cssSelector("#answer-form-" + ncId + " button[type=submit]"));
            BrowserSupport.awaitText(d, By.id("client-findings-notice"), zh ? "答复已提交" : "Answer sent");
            BrowserSupport.awaitText(d, By.cssSelector(card + " .tag"), zh ? "已答复" : "Answered");
            assertEquals(1, d.findElements(By.cssSelector(card + " a.answer-attachment")).size());
            BrowserSupport.screenshot(d, "findings-client-answered-" + tag);

            // the lead: the findings page, the answer with its photo, accept (confirmed)
            d.findElement(By.id("logout")).click();
            BrowserSupport.await(d, By.cssSelector("#login-form input[name=username]"));
            BrowserSupport.login(d, server.getURL(), "lead", TestApi.DEMO_PASSWORD);
            BrowserSupport.await(d, By.id("home-roles"));
            d.get(url("/#/projects/" + v.projectId + "/evaluation"));
            BrowserSupport.click(d, By.id("eval-findings"));
            BrowserSupport.await(d, By.cssSelector(card + "[data-state=ANSWERED]"));
            WebElement answered = d.findElement(By.cssSelector(card));
            assertTrue(answered.getText().contains(action), answered.getText());
            List<WebElement> photos = answered.findElements(By.cssSelector("a.answer-attachment"));
            assertEquals(1, photos.size());
            assertEquals(200, api.get(photos.get(0).getAttribute("href").replaceAll("^.*(/api/)", "$1"), v.lead).status());
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "findings-lead-answered-" + tag);
            BrowserSupport.click(d, By.cssSelector(card + " button.accept"));
            BrowserSupport.awaitText(d, By.id("ask-message"), zh ? "接受受评方的纠正措施" : "Accept the client's corrective action");
            BrowserSupport.click(d, By.id("ask-confirm"));
            BrowserSupport.await(d, By.cssSelector(card + "[data-state=CLOSED]"));
            BrowserSupport.awaitText(d, By.id("findings-notice"), zh ? "已关闭" : "Closed");
            BrowserSupport.screenshot(d, "findings-lead-closed-" + tag);
        } finally {
            d.quit();
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) api.get("/api/v1/projects/" + v.projectId
                + "/findings", v.lead).map().get("findings");
        assertEquals("CLOSED", findings.get(0).get("state"));
    }
}
