package com.tanfang;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Headless Debian Chromium at a phone's size (390x844). Where the browser is missing, browser tests are
 * skipped with the reason printed, except in CI or with TANFANG_BROWSER_TESTS=required, where they fail.
 */
public final class BrowserSupport {
    public static final String CHROMIUM = System.getProperty("tanfang.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("tanfang.chromedriver", "/usr/bin/chromedriver");

    private BrowserSupport() {
    }

    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI"))
                || "required".equalsIgnoreCase(System.getenv("TANFANG_BROWSER_TESTS"))
                || "required".equalsIgnoreCase(System.getProperty("tanfang.browser-tests"));
    }

    /** A phone-sized browser whose preferred language is {@code acceptLanguage} (e.g. "zh-CN,zh" or "en-US,en"). */
    public static ChromeDriver phone(String acceptLanguage) {
        return phone(acceptLanguage, null);
    }

    /** The same in the time zone {@code timeZone} (TZ of the driver, which Chromium inherits); null keeps ours. */
    public static ChromeDriver phone(String acceptLanguage, String timeZone) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            String reason = "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver fonts-wqy-zenhei)";
            if (required()) {
                Assertions.fail(reason + "; they are required here (CI or TANFANG_BROWSER_TESTS=required).");
            }
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--user-data-dir=" + Files.createTempDirectory("tanfang-chrome"), "--lang=" + acceptLanguage.split(",")[0]);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
            options.setExperimentalOption("mobileEmulation", Map.of(
                    "deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 2.0, "touch", true),
                    "userAgent", "Mozilla/5.0 (Linux; Android 12; Phone) AppleWebKit/537.36 (KHTML, like Gecko)"
                            + " Chrome/120.0 Mobile Safari/537.36"));
            ChromeDriverService.Builder builder = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort();
            if (timeZone != null) {
                builder.withEnvironment(Map.of("TZ", timeZone));
            }
            ChromeDriverService service = builder.build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** Waits up to 30 s for a visible element (selenium-support is not on our Maven Central copy). */
    public static WebElement await(WebDriver driver, By by) {
        return poll("a visible " + by, () -> driver.findElements(by).stream().filter(WebElement::isDisplayed)
                .findFirst().orElse(null));
    }

    /** Scrolls the element to the middle of the viewport, as a user does before touching it. */
    public static void scrollToMiddle(WebDriver driver, WebElement element) {
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element);
    }

    /**
     * Types into the element after scrolling it to the middle of the viewport: ChromeDriver's own scrolling left a
     * textarea far down a long page "not interactable" (2026-12-02, the visit checklist in English).
     */
    public static void type(WebDriver driver, By by, CharSequence text) {
        WebElement element = await(driver, by);
        scrollToMiddle(driver, element);
        element.sendKeys(text);
    }

    private static final String THUMB_CLICK = "const el = arguments[0]; el.scrollIntoView({block: 'center'});"
            + " let r = el.getBoundingClientRect();"
            + " if (r.bottom < 0 || r.top > innerHeight) { window.scrollBy(0, r.top - innerHeight / 2); r = el.getBoundingClientRect(); }"
            + " const x = r.left + r.width / 2, y = r.top + r.height / 2;"
            + " const top = document.elementFromPoint(x, y);"
            + " if (top && (top === el || el.contains(top)) && !el.disabled) { el.click(); return 'clicked'; }"
            + " const se = document.scrollingElement; const oh = []; for (let a = el.parentElement; a; a = a.parentElement) {"
            + " const cs = getComputedStyle(a); if (cs.overflowY !== 'visible' || cs.position === 'fixed') oh.push(a.tagName + '#' + a.id + '.' + a.className + ':' + cs.overflowY + '/' + cs.position + '/' + a.scrollHeight + '/' + a.clientHeight); }"
            + " return (top ? top.outerHTML.slice(0, 200) : 'nothing at (' + x + ', ' + y + ')') + ' scrollY=' + scrollY + ' sh=' + se.scrollHeight + ' ih=' + innerHeight + ' vv=' + (window.visualViewport && visualViewport.height) + ' anc=' + oh.join(',') + ' connected=' + el.isConnected + ' visible=' + el.checkVisibility() + ' details=' + [...document.querySelectorAll('details')].map((x) => x.id + ':' + x.open).join(',') + ' in=' + (el.closest('details') || {}).id;";

    /** Clicks the element, finding it again if the page replaced it meanwhile. */
    public static void click(WebDriver driver, By by) {
        org.openqa.selenium.WebDriverException[] last = new org.openqa.selenium.WebDriverException[1];
        try {
            poll("a clickable " + by, () -> {
                try {
                    WebElement element = driver.findElement(by);
                    // ChromeDriver scrolls an element to the viewport's bottom edge before clicking; far down a long
                    // page (y = 10282 in a CI run, 9874 on 2026-12-02) it reported the button as not clickable at
                    // that point for 30 s. Put it in the middle of the viewport first, as a user's thumb would.
                    scrollToMiddle(driver, element);
                    try {
                        element.click();
                    } catch (org.openqa.selenium.ElementClickInterceptedException intercepted) {
                        // Under mobile emulation ChromeDriver maps a far-down element to page coordinates
                        // ("not clickable at point (134, 10282)" in a 844 px viewport, CI 2026-12-02, even after the
                        // scroll above; chromedriver issue 2144). Do the hit test the user's thumb would, in the
                        // page's own viewport coordinates: only if the element itself is on top at its centre is
                        // it clicked; anything covering it still fails the test, named.
                        Object hit = ((JavascriptExecutor) driver).executeScript(THUMB_CLICK, element);
                        if (!"clicked".equals(hit)) {
                            throw new org.openqa.selenium.WebDriverException("covered by " + hit, intercepted);
                        }
                    }
                    return Boolean.TRUE;
                } catch (org.openqa.selenium.WebDriverException e) {
                    last[0] = e;
                    return null;
                }
            });
        } catch (AssertionError e) {
            // say why it was never clickable (missing, hidden, covered by another element, ...)
            throw new AssertionError(e.getMessage() + (last[0] == null ? "" : ": " + last[0].getMessage().lines()
                    .findFirst().orElse("")), last[0]);
        }
    }

    public static void awaitText(WebDriver driver, By by, String text) {
        try {
            poll("text '" + text + "' in " + by, () -> driver.findElements(by).stream()
                    .filter(e -> e.getText().contains(text)).findFirst().orElse(null));
        } catch (AssertionError e) {
            // say what the page showed instead (a timeout alone does not tell an error page from a slow one)
            String shown;
            try {
                shown = driver.getCurrentUrl() + " | " + driver.findElements(By.id("main")).stream().findFirst()
                        .map(WebElement::getText).orElse("(no #main)").replaceAll("\\s+", " ");
            } catch (org.openqa.selenium.WebDriverException unreadable) {
                shown = "(page unreadable: " + unreadable.getMessage().lines().findFirst().orElse("") + ")";
            }
            throw new AssertionError(e.getMessage() + "; the page showed: "
                    + (shown.length() > 600 ? shown.substring(0, 600) + "…" : shown), e.getCause());
        }
    }

    /** Polls {@code probe} for up to 30 s until it gives something other than null. */
    public static <T> T poll(String what, java.util.function.Supplier<T> probe) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                T found = probe.get();
                if (found != null) {
                    return found;
                }
            } catch (org.openqa.selenium.WebDriverException e) {
                // The page is being replaced (a form post, a navigation): stale or detached nodes; look again.
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeException(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what, last);
    }

    /** Signs in through the login form of the app at {@code baseUrl}. */
    public static void login(WebDriver driver, java.net.URL baseUrl, String username, String password) {
        driver.get(baseUrl.toString().replaceAll("/$", "") + "/#/login");
        // The form may still hold a previous attempt (same URL, no reload): clear before typing.
        WebElement user = await(driver, By.cssSelector("#login-form input[name=username]"));
        user.clear();
        user.sendKeys(username);
        WebElement pass = driver.findElement(By.cssSelector("#login-form input[name=password]"));
        pass.clear();
        pass.sendKeys(password);
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    }

    /** The page fits the phone: no horizontal scrolling. */
    public static void assertNoHorizontalScroll(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        @SuppressWarnings("unchecked")
        List<Number> widths = (List<Number>) js.executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth];");
        Assertions.assertTrue(widths.get(0).intValue() <= widths.get(1).intValue(),
                "horizontal scroll: content " + widths.get(0) + "px wide in a " + widths.get(1) + "px viewport");
    }

    public static Path screenshot(WebDriver driver, String name) {
        try {
            Path dir = Path.of(System.getProperty("tanfang.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
