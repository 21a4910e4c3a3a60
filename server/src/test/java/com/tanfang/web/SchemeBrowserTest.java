package com.tanfang.web;

import com.tanfang.BrowserSupport;
import com.tanfang.TestApi;
import com.tanfang.scheme.BuiltInSchemes;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheme screens on a 390x844 phone: the GB/T tree in Chinese, try-scoring, clone-edit-publish in English. */
@MicronautTest
class SchemeBrowserTest {
    @Inject
    EmbeddedServer server;

    private void login(WebDriver d, String username, String password) {
        BrowserSupport.login(d, server.getURL(), username, password);
    }

    private static void choose(WebDriver d, WebElement select, String value) {
        ((JavascriptExecutor) d).executeScript("arguments[0].value = arguments[1]", select, value);
    }

    private void openGbt(WebDriver d, String homeTitle) {
        BrowserSupport.awaitText(d, By.cssSelector("main h1"), homeTitle);
        d.findElement(By.cssSelector("a.card[href='#/schemes']")).click();
        BrowserSupport.await(d, By.cssSelector("#scheme-list li[data-code='" + BuiltInSchemes.GBT27922 + "'] a")).click();
        BrowserSupport.await(d, By.id("scheme-tree"));
    }

    @Test
    void gbtSchemeTreeInChineseFitsThePhoneAndTryScoringGivesAGrade() {
        ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
        try {
            login(d, "lead", TestApi.DEMO_PASSWORD);
            openGbt(d, "欢迎");
            String tree = d.findElement(By.id("scheme-tree")).getText();
            assertTrue(tree.contains("服务要求") && tree.contains("管理要求"), tree);
            assertTrue(d.findElement(By.cssSelector("#scheme-tree li[data-clause='5.2.1.1']")).getText().contains("5.2.1.1"));
            assertEquals(50, d.findElements(By.cssSelector("#scheme-tree li.item")).size());
            assertTrue(d.findElement(By.id("grade-table")).getText().contains("三星级"));
            assertTrue(d.findElement(By.id("scheme-facts")).getText().contains("100"));
            assertTrue(d.findElement(By.cssSelector("main h1")).getText().contains("商品售后服务评价"));
            assertEquals("首页 › 评价方案 › 商品售后服务评价（GB/T 27922-2011）", d.findElement(By.cssSelector(".crumbs")).getText());
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "scheme-tree-zh");
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView()",
                    d.findElement(By.cssSelector("#scheme-tree li.part")));
            BrowserSupport.screenshot(d, "scheme-tree-items-zh");

            // Try scoring: rater A all at 80 %, rater B all at 100 % → mean 90 → 四星级.
            d.findElement(By.id("try-scoring")).click();
            BrowserSupport.await(d, By.id("try-form"));
            choose(d, d.findElement(By.id("fill-value")), "mid");
            d.findElement(By.id("fill-A")).click();
            choose(d, d.findElement(By.id("fill-value")), "high");
            d.findElement(By.id("fill-B")).click();
            d.findElement(By.cssSelector("#try-form button[type=submit]")).click();
            BrowserSupport.awaitText(d, By.id("score-grade"), "四星级");
            assertEquals("90", d.findElement(By.id("score-total")).getText());
            assertTrue(d.findElement(By.id("score-explanation")).getText().contains("= 90"),
                    d.findElement(By.id("score-explanation")).getText());
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "try-scoring-zh");
        } finally {
            d.quit();
        }
    }

    /**
     * Issue 11's rules on the screen: the Deqing homestay scheme reports its parts separately with grades on both
     * parts, so its page and try-scoring show part conditions and "no combined total", never "≥ null" or a sum of
     * unlike scales (before: "≥ null" in the grade table and "null / 200" as the total).
     */
    @Test
    void homestayPartsReportedSeparatelyShowNoCombinedTotal() {
        ChromeDriver d = BrowserSupport.phone("en-US,en");
        try {
            login(d, "lead", TestApi.DEMO_PASSWORD);
            BrowserSupport.awaitText(d, By.cssSelector("main h1"), "Welcome");
            d.findElement(By.cssSelector("a.card[href='#/schemes']")).click();
            BrowserSupport.await(d, By.cssSelector("#scheme-list li[data-code='" + BuiltInSchemes.HOMESTAY + "'] a")).click();
            BrowserSupport.await(d, By.id("scheme-tree"));
            String grades = d.findElement(By.id("grade-table")).getText();
            assertFalse(grades.contains("null"), grades);
            assertTrue(grades.contains("%") && grades.contains(" and "), grades);
            assertTrue(d.findElement(By.id("scheme-facts")).getText().contains("parts reported separately"));
            d.findElement(By.id("try-scoring")).click();
            BrowserSupport.await(d, By.id("try-form"));
            choose(d, d.findElement(By.id("fill-value")), "high");
            d.findElement(By.id("fill-A")).click();
            d.findElement(By.cssSelector("#try-form button[type=submit]")).click();
            BrowserSupport.awaitText(d, By.id("score-total"), "no combined total");
            String result = d.findElement(By.id("score-result")).getText();
            assertFalse(result.contains("null") || result.contains("undefined"), result);
            BrowserSupport.screenshot(d, "try-scoring-homestay-en");
        } finally {
            d.quit();
        }
    }

    @Test
    void leadClonesTheBuiltInEditsAnItemAndPublishes() {
        ChromeDriver d = BrowserSupport.phone("en-US,en");
        try {
            login(d, "lead", TestApi.DEMO_PASSWORD);
            openGbt(d, "Welcome");
            assertTrue(d.findElement(By.id("scheme-tree")).getText().contains("Service requirements"));
            d.findElement(By.xpath("//summary[contains(., 'Clone into a new scheme')]")).click();
            String code = "acme-after-sales-" + System.nanoTime();
            BrowserSupport.await(d, By.cssSelector("#clone-scheme input[name=code]")).sendKeys(code);
            d.findElement(By.cssSelector("#clone-scheme button[type=submit]")).click();
            BrowserSupport.awaitText(d, By.id("version-status"), "draft v1");

            // Item 5.2.1.1 from 1 to 1.5 points, leaving the group total alone: the sum problem is shown.
            d.findElement(By.cssSelector("#scheme-tree li[data-clause='5.2.1.1'] a.edit-item")).click();
            WebElement points = BrowserSupport.await(d, By.cssSelector("#edit-item input[name=points]"));
            points.clear();
            points.sendKeys("1.5");
            d.findElement(By.cssSelector("#edit-item input[name=adjust]")).click();
            d.findElement(By.cssSelector("#edit-item button[type=submit]")).click();
            BrowserSupport.awaitText(d, By.cssSelector("#edit-item .alert"), "parts[0].groups[0].points");
            BrowserSupport.assertNoHorizontalScroll(d);
            ((JavascriptExecutor) d).executeScript("window.scrollTo(0, 0)");
            BrowserSupport.screenshot(d, "scheme-item-error-en");

            // With the totals adjusted it saves: group 6.5, part 60.5, full marks 100.5.
            d.findElement(By.cssSelector("#edit-item input[name=adjust]")).click();
            d.findElement(By.cssSelector("#edit-item button[type=submit]")).click();
            BrowserSupport.awaitText(d, By.cssSelector("#scheme-tree li[data-clause='5.2.1.1']"), "1.5 pts");
            assertTrue(d.findElement(By.id("scheme-facts")).getText().contains("100.5"));

            d.findElement(By.id("publish")).click();
            d.switchTo().alert().accept();
            BrowserSupport.awaitText(d, By.id("scheme-notice"), "Version 1 is published.");
            assertEquals("published v1", d.findElement(By.id("version-status")).getText());
            assertTrue(d.findElements(By.cssSelector("a.edit-item")).isEmpty(), "a published version is read-only");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "scheme-published-en");
        } finally {
            d.quit();
        }
    }

    @Test
    void csvImportShowsTheBadLineNextToTheTable() {
        ChromeDriver d = BrowserSupport.phone("en-US,en");
        try {
            login(d, "admin", TestApi.ADMIN_PASSWORD);
            BrowserSupport.awaitText(d, By.cssSelector("main h1"), "Welcome");
            d.findElement(By.cssSelector("a.card[href='#/schemes']")).click();
            BrowserSupport.await(d, By.id("scheme-list"));
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "scheme-list-en");
            d.findElement(By.xpath("//summary[contains(., 'Import an item table')]")).click();
            String code = "csv-browser-" + System.nanoTime();
            BrowserSupport.await(d, By.cssSelector("#import-csv input[name=code]")).sendKeys(code);
            d.findElement(By.cssSelector("#import-csv input[name=titleZh]")).sendKeys("浏览器导入");
            WebElement csv = d.findElement(By.cssSelector("#import-csv textarea[name=csv]"));
            String header = "part,part_points,group_clause,group_zh,group_en,group_points,clause,code,points,item_zh,item_en";
            ((JavascriptExecutor) d).executeScript("arguments[0].value = arguments[1]", csv,
                    header + "\nservice,3,1,组,Group,3,1.1,S1,1,甲,A\nservice,3,1,组,Group,3,1.2,S2,two,乙,B\n");
            d.findElement(By.cssSelector("#import-csv button[type=submit]")).click();
            BrowserSupport.awaitText(d, By.cssSelector("#import-csv .error:not([hidden])"), "line 3: points");
            assertEquals("true", csv.getAttribute("aria-invalid"));
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "scheme-csv-error-en");

            ((JavascriptExecutor) d).executeScript("arguments[0].value = arguments[1]", csv,
                    header + "\nservice,3,1,组,Group,3,1.1,S1,1,甲,A\nservice,3,1,组,Group,3,1.2,S2,2,乙,B\n");
            d.findElement(By.cssSelector("#import-csv button[type=submit]")).click();
            // Issue 11: a 3-point table no longer gets the 100-point template's grades scaled (70 % → 2.1): the
            // import asks for a grade table; one grade row answers it.
            BrowserSupport.awaitText(d, By.cssSelector("#import-csv .error:not([hidden])"), "give a grade table");
            d.findElement(By.cssSelector("#import-csv textarea[name=grades]")).sendKeys("pass, 合格, Pass, 2.1");
            d.findElement(By.cssSelector("#import-csv button[type=submit]")).click();
            BrowserSupport.awaitText(d, By.id("version-status"), "draft v1");
            assertTrue(d.findElement(By.id("scheme-tree")).getText().contains("S2"));
            assertTrue(d.findElement(By.id("grade-table")).getText().contains("≥ 2.1"),
                    d.findElement(By.id("grade-table")).getText());
        } finally {
            d.quit();
        }
    }
}
