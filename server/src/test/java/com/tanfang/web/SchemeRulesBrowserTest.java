package com.tanfang.web;

import com.tanfang.BrowserSupport;
import com.tanfang.TestApi;
import com.tanfang.scheme.BuiltInSchemes;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11's rules edited on the screens (390x844, zh and en), on a clone of the scenic-area built-in made by the
 * test (built-ins and demo data are never changed): a grade with a part condition, then pass / fail only; a part's
 * pass minimum in points and a gate; an added bonus item; a veto on a yes/no item; then try-scoring with two
 * raters (one of them on two visits), a special deduction counted twice, bonus items, a veto answer and a veto of
 * the team, checked against figures worked by hand.
 */
@MicronautTest
class SchemeRulesBrowserTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    /** The texts the test reads, per language. */
    record Texts(String lang, String home, String serviceCondition, String passFail, String gate, String passPoints,
                 String vetoTag, String failed, String rater, String notIncreasing) {}

    static final Texts EN = new Texts("en-US,en", "Welcome", "Service characteristics ≥ 60 %",
            "No grade table: the scheme says only pass or fail.", "evaluated only when “Service characteristics” passes",
            "pass ≥ 40 points", "veto: a “no” fails the evaluation (signage missing)", "Fails.", "Rater A", "above the previous");
    static final Texts ZH = new Texts("zh-CN,zh", "欢迎", "服务特性 ≥ 60%", "无等级表：本方案只判定通过或不通过。",
            "仅当“服务特性”通过后才评价", "通过 ≥ 40 分", "一票否决：答“否”即不合格（标识缺失）", "不合格", "评价员 A", "高于上一等级");

    @Test
    void rulesAndTryScoringInEnglish() {
        editAndTry(EN);
    }

    @Test
    void rulesAndTryScoringInChinese() {
        editAndTry(ZH);
    }

    private static void choose(WebDriver d, String css, String value) {
        // Set the value and tell the page, as a tap on the option would.
        ((JavascriptExecutor) d).executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", d.findElement(By.cssSelector(css)), value);
    }

    private static void type(WebDriver d, String css, String value) {
        WebElement el = BrowserSupport.await(d, By.cssSelector(css));
        el.clear();
        el.sendKeys(value);
    }

    private static String field(String form, String name) {
        return "#" + form + " [name='" + name + "']";
    }

    private static void shoot(WebDriver d, String name, String css) {
        if (css != null) {
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView()", d.findElement(By.cssSelector(css)));
        } else {
            ((JavascriptExecutor) d).executeScript("window.scrollTo(0, 0)");
        }
        BrowserSupport.assertNoHorizontalScroll(d);
        BrowserSupport.screenshot(d, name);
    }

    private static void assertClean(String text) {
        assertFalse(text.contains("null") || text.contains("undefined") || text.contains("rules.") || text.contains("try."),
                text);
    }

    private void editAndTry(Texts x) {
        TestApi api = new TestApi(server.getURL(), json);
        String lead = api.demo("lead");
        long scenic = api.get("/api/v1/schemes", lead).list().stream()
                .filter(s -> BuiltInSchemes.SCENIC_AREA.equals(s.get("code")))
                .map(s -> ((Number) s.get("id")).longValue()).findFirst().orElseThrow();
        String code = "rules-browser-" + System.nanoTime();
        TestApi.Res cloned = api.post("/api/v1/schemes/" + scenic + "/clone", lead, Map.of("code", code));
        assertEquals(201, cloned.status(), cloned.raw());
        long id = ((Number) cloned.map().get("id")).longValue();
        String suffix = x.lang().startsWith("zh") ? "zh" : "en";

        ChromeDriver d = BrowserSupport.phone(x.lang());
        try {
            BrowserSupport.login(d, server.getURL(), "lead", TestApi.DEMO_PASSWORD);
            BrowserSupport.awaitText(d, By.cssSelector("main h1"), x.home());
            ((JavascriptExecutor) d).executeScript("location.hash = arguments[0]", "#/schemes/" + id + "/v/1");
            BrowserSupport.await(d, By.id("scheme-tree"));

            // --- the rules: a grade condition on the service part, its pass minimum in points, a gate, a bonus item.
            BrowserSupport.click(d, By.id("edit-rules"));
            BrowserSupport.await(d, By.id("rules-form"));
            shoot(d, "scheme-rules-top-" + suffix, null);
            choose(d, field("rules-form", "grades[0].condKind[0]"), "percent");
            type(d, field("rules-form", "grades[0].condValue[0]"), "60");
            choose(d, field("rules-form", "parts[0].passKind"), "points");
            type(d, field("rules-form", "parts[0].passValue"), "40");
            choose(d, field("rules-form", "parts[1].gatedBy"), "service");
            BrowserSupport.click(d, By.id("add-bonus"));
            // The typed values survive the redraw that adds the row.
            assertEquals("60", d.findElement(By.cssSelector(field("rules-form", "grades[0].condValue[0]"))).getAttribute("value"));
            type(d, field("rules-form", "bonusItems.items[4].clause"), "B.5");
            type(d, field("rules-form", "bonusItems.items[4].code"), "SCB5");
            type(d, field("rules-form", "bonusItems.items[4].points"), "1");
            type(d, field("rules-form", "bonusItems.items[4].textZh"), "设置无障碍游览路线");
            type(d, field("rules-form", "bonusItems.items[4].textEn"), "A barrier-free tour route");
            // Server problems land next to their fields: the second grade below the first, and a pass minimum of
            // 70 points on a 60-point part (the server names parts[0].passMinimumPoints, the screen's field is passValue).
            type(d, field("rules-form", "grades[1].minimum"), "50");
            type(d, field("rules-form", "parts[0].passValue"), "70");
            d.findElement(By.cssSelector("#rules-form button[type=submit]")).click();
            WebElement minimum = d.findElement(By.cssSelector(field("rules-form", "grades[1].minimum")));
            BrowserSupport.poll("the problem next to grades[1].minimum", () -> "true".equals(minimum.getAttribute("aria-invalid")) ? true : null);
            String problem = minimum.findElement(By.xpath("./ancestor::div[contains(@class,'field')]//p[contains(@class,'error')]")).getText();
            assertTrue(problem.contains("70") && problem.contains(x.notIncreasing()), problem);
            shoot(d, "scheme-rules-error-" + suffix, field("rules-form", "grades[1].minimum"));
            WebElement passValue = d.findElement(By.cssSelector(field("rules-form", "parts[0].passValue")));
            assertEquals("true", passValue.getAttribute("aria-invalid"));
            String passProblem = passValue.findElement(By.xpath("./ancestor::div[contains(@class,'field')]//p[contains(@class,'error')]")).getText();
            assertTrue(passProblem.contains("60") && passProblem.contains("70"), passProblem);
            type(d, field("rules-form", "parts[0].passValue"), "40");
            type(d, field("rules-form", "grades[1].minimum"), "85");
            shoot(d, "scheme-rules-bonus-" + suffix, "#add-bonus");
            d.findElement(By.cssSelector("#rules-form button[type=submit]")).click();

            BrowserSupport.awaitText(d, By.id("grade-table"), x.serviceCondition());
            String tree = d.findElement(By.id("scheme-tree")).getText();
            assertTrue(tree.contains(x.passPoints()) && tree.contains(x.gate()), tree);
            assertTrue(d.findElement(By.id("bonus-items")).getText().contains("SCB5"));
            assertClean(d.findElement(By.id("scheme-facts")).getText());
            shoot(d, "scheme-rules-saved-" + suffix, "#scheme-facts");

            // --- pass / fail only.
            BrowserSupport.click(d, By.id("edit-rules"));
            BrowserSupport.await(d, By.id("rules-form"));
            choose(d, field("rules-form", "gradeMode"), "passFail");
            BrowserSupport.poll("the grade rows gone", () -> d.findElements(By.cssSelector(field("rules-form", "grades[0].key"))).isEmpty() ? true : null);
            d.findElement(By.cssSelector("#rules-form button[type=submit]")).click();
            BrowserSupport.awaitText(d, By.id("grade-table"), x.passFail());

            // --- a veto on the yes/no item 2.1 (signage): a "no" fails the evaluation.
            BrowserSupport.click(d, By.cssSelector("#scheme-tree li[data-clause='2.1'] a.edit-item"));
            BrowserSupport.await(d, By.id("edit-item"));
            choose(d, field("edit-item", "veto"), "false");
            type(d, field("edit-item", "vetoReasonZh"), "标识缺失");
            type(d, field("edit-item", "vetoReasonEn"), "signage missing");
            shoot(d, "scheme-item-veto-" + suffix, field("edit-item", "veto"));
            d.findElement(By.cssSelector("#edit-item button[type=submit]")).click();
            BrowserSupport.awaitText(d, By.cssSelector("#scheme-tree li[data-clause='2.1']"), x.vetoTag());
            shoot(d, "scheme-veto-saved-" + suffix, "#scheme-tree li[data-clause='2.1']");

            // --- try-scoring: rater A on visits 1 and 2, rater B on visit 1.
            BrowserSupport.click(d, By.id("try-scoring"));
            BrowserSupport.await(d, By.id("try-form"));
            BrowserSupport.click(d, By.id("add-column"));
            BrowserSupport.await(d, By.cssSelector(field("try-form", "rater_C")));
            type(d, field("try-form", "visit_A"), "1");
            type(d, field("try-form", "visit_B"), "1");
            type(d, field("try-form", "rater_C"), x.rater());
            type(d, field("try-form", "visit_C"), "2");
            choose(d, "#fill-value", "high");
            d.findElement(By.id("fill-A")).click();
            choose(d, "#fill-value", "mid");
            d.findElement(By.id("fill-B")).click();
            choose(d, "#fill-value", "low");
            d.findElement(By.id("fill-C")).click();
            BrowserSupport.click(d, By.id("add-deduction"));
            BrowserSupport.await(d, By.cssSelector(field("try-form", "ded_reason_0")));
            // The answers filled in survive the redraw that adds the row.
            assertEquals("likert:2", d.findElement(By.cssSelector(field("try-form", "C_SC1"))).getAttribute("value"));
            choose(d, field("try-form", "ded_item_0"), "SC1");
            type(d, field("try-form", "ded_reason_0"), "queue not managed");
            type(d, field("try-form", "ded_count_0"), "2");
            type(d, field("try-form", "vetoes"), "fire exit blocked");
            shoot(d, "try-columns-" + suffix, "#try-form");
            shoot(d, "try-deductions-" + suffix, "#add-deduction");
            d.findElement(By.cssSelector("#try-form button[type=submit]")).click();

            // By hand (mean per rater, then over raters; LINEAR: 5 → 1, 4 → 0.75, 2 → 0.25):
            // Likert items: A (1 + 0.25) / 2 = 0.625, B 0.75 → 0.6875; SC4 yes/no: A (1 + 0) / 2, B 1 → 0.75.
            // Service 50 × 0.6875 + 10 × 0.75 = 41.875 / 60 (≥ 40 points: management is evaluated);
            // management 40 × 0.6875 = 27.5 / 40 (SC9 has 0 points); 69.375 − 2 deductions × 1 = 67.375;
            // bonus items each 0.75: (4 + 3 + 3 + 2 + 1) × 0.75 = 9.75 ≤ cap 10 → 77.125.
            // Fails: SC9 "no" (A, visit 2), SC4 "no" (A, visit 2) and the team's veto.
            BrowserSupport.awaitText(d, By.id("score-total"), "77.125");
            String result = d.findElement(By.id("score-result")).getText();
            assertTrue(result.contains(x.failed()), result);
            boolean zh = x.lang().startsWith("zh");
            // each language reads its own veto reasons, and a pass/fail scheme's verdict stands where a grade would
            // (it read "标识缺失 signage missing（…回答为 no）" and "通过 / 不通过（无等级）" beside a failed total)
            assertTrue(result.contains("fire exit blocked") && result.contains(zh ? "标识缺失" : "signage missing"), result);
            assertFalse(result.contains(zh ? "signage missing" : "标识缺失"), result);
            assertTrue(result.contains(zh ? "回答“否”" : "answered \"no\""), result);
            assertEquals(zh ? "不通过" : "Not passed", d.findElement(By.id("score-grade")).getText());
            String parts = d.findElement(By.id("score-parts")).getText();
            assertTrue(parts.contains("41.875 / 60") && parts.contains("27.5 / 40"), parts);
            assertTrue(d.findElement(By.id("score-deductions")).getText().contains("2"), result);
            assertTrue(d.findElement(By.id("score-bonus-items")).getText().contains("9.75"), result);
            assertClean(result);
            shoot(d, "try-rules-result-" + suffix, "#score-result");
        } finally {
            d.quit();
        }
    }
}
