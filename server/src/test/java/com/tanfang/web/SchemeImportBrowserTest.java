package com.tanfang.web;

import com.tanfang.BrowserSupport;
import com.tanfang.TestApi;
import com.tanfang.scheme.BuiltInSchemes;
import com.tanfang.scheme.ItemTableExport;
import com.tanfang.scheme.SchemeDocument;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 on the scheme list's import card: a GBK CSV and an XLSX chosen in the file input arrive with their
 * Chinese texts intact (the page sends the file's bytes, not the text the browser decoded), and a table without a
 * grade table makes the page ask for one.
 */
@MicronautTest
class SchemeImportBrowserTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    static final String HEADER = "part,part_points,group_clause,group_zh,group_en,group_points,clause,code,points,item_zh,item_en\n";

    private void openImport(ChromeDriver d, String user, String summary) {
        BrowserSupport.login(d, server.getURL(), user, user.equals("admin") ? TestApi.ADMIN_PASSWORD : TestApi.DEMO_PASSWORD);
        BrowserSupport.await(d, By.cssSelector("a.card[href='#/schemes']")).click();
        BrowserSupport.await(d, By.id("scheme-list"));
        d.findElement(By.xpath("//summary[contains(., '" + summary + "')]")).click();
        BrowserSupport.await(d, By.cssSelector("#import-csv input[name=code]"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> draftDocument(TestApi api, String token, String code) throws Exception {
        Map<String, Object> s = api.get("/api/v1/schemes", token).list().stream()
                .filter(x -> code.equals(x.get("code"))).findFirst().orElseThrow();
        TestApi.Res r = api.get("/api/v1/schemes/" + ((Number) s.get("id")).longValue() + "/versions/1", token);
        return (Map<String, Object>) json.readValue(r.raw(), Argument.of(Map.class));
    }

    @Test
    void aGbkCsvFileInChineseAsksForGradesThenImportsWithItsChineseTexts() throws Exception {
        Path file = Files.createTempFile("gbk-table", ".csv");
        Files.write(file, (HEADER + "service,3,1,商品信息,Product information,3,1.1,S1,1,明示商品价格，标签清晰,Prices shown\n"
                + "service,3,1,商品信息,Product information,3,1.2,S2,2,售后电话畅通,Hotline answers\n").getBytes(Charset.forName("GBK")));
        ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
        try {
            openImport(d, "lead", "导入条款表");
            String code = "gbk-browser-" + System.nanoTime();
            d.findElement(By.cssSelector("#import-csv input[name=code]")).sendKeys(code);
            d.findElement(By.cssSelector("#import-csv input[name=titleZh]")).sendKeys("国标编码导入");
            d.findElement(By.id("table-file")).sendKeys(file.toAbsolutePath().toString());
            assertTrue(!d.findElement(By.id("grades-question")).isDisplayed(), "asked only when needed");
            d.findElement(By.cssSelector("#import-csv button[type=submit]")).click();
            // 3 full marks, the 100-point template: the server asks for a grade table instead of scaling.
            BrowserSupport.awaitText(d, By.cssSelector("#import-csv .error:not([hidden])"), "请给出等级表");
            assertTrue(d.findElement(By.id("grades-question")).isDisplayed());
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView()", d.findElement(By.id("grades-question")));
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "scheme-import-grades-question-zh");
            d.findElement(By.cssSelector("#grades-question input[name=passFailOnly]")).click();
            d.findElement(By.cssSelector("#import-csv button[type=submit]")).click();
            BrowserSupport.awaitText(d, By.id("version-status"), "草稿 v1");
            // the draft says which defaults the import applied (the table gave no methods or answer types)
            String defaults = d.findElement(By.id("import-defaults")).getText();
            assertTrue(defaults.contains("采用“公开测评”") && defaults.contains("采用“百分比”"), defaults);
            String tree = d.findElement(By.id("scheme-tree")).getText();
            assertTrue(tree.contains("明示商品价格，标签清晰") && tree.contains("商品信息"), tree);
            assertTrue(d.findElement(By.id("grade-table")).getText().contains("只判定通过或不通过")
                    || d.findElement(By.cssSelector("main")).getText().contains("只判定通过或不通过"),
                    d.findElement(By.cssSelector("main")).getText());
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "scheme-import-gbk-zh");
        } finally {
            d.quit();
            Files.deleteIfExists(file);
        }
    }

    @Test
    void anXlsxWorkbookInEnglishImportsItsRulesAndChineseTexts() throws Exception {
        SchemeDocument scenic = BuiltInSchemes.documents().stream().filter(x -> x.code().equals(BuiltInSchemes.SCENIC_AREA))
                .findFirst().orElseThrow();
        Path file = Files.createTempFile("scenic", ".xlsx");
        Files.write(file, ItemTableExport.xlsx(scenic));
        ChromeDriver d = BrowserSupport.phone("en-US,en");
        try {
            openImport(d, "admin", "Import an item table");
            assertTrue(d.findElement(By.id("export-xlsx")).getAttribute("href").endsWith("/item-table.xlsx"));
            String code = "xlsx-browser-" + System.nanoTime();
            d.findElement(By.cssSelector("#import-csv input[name=code]")).sendKeys(code);
            d.findElement(By.id("table-file")).sendKeys(file.toAbsolutePath().toString());
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "scheme-import-xlsx-en");
            d.findElement(By.cssSelector("#import-csv button[type=submit]")).click();
            BrowserSupport.awaitText(d, By.id("version-status"), "draft v1");
            String grades = d.findElement(By.id("grade-table")).getText();
            assertTrue(grades.contains("100"), grades);
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "scheme-import-xlsx-done-en");

            TestApi api = new TestApi(server.getURL(), json);
            String lead = api.demo("lead");
            Map<String, Object> doc = draftDocument(api, lead, code);
            assertEquals(scenic.titleZh(), doc.get("titleZh"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> parts = (List<Map<String, Object>>) doc.get("parts");
            assertEquals(scenic.parts().get(0).titleZh(), parts.get(0).get("titleZh"));
            assertTrue(String.valueOf(doc.get("bonusItems")).contains(scenic.bonusItems().items().get(0).textZh()),
                    String.valueOf(doc.get("bonusItems")));
        } finally {
            d.quit();
            Files.deleteIfExists(file);
        }
    }
}
