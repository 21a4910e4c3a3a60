package com.tanfang.web;

import com.tanfang.BrowserSupport;
import com.tanfang.TestApi;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The staff web shell in a real phone-sized Chromium: login, role home, language switch, forms, error page. */
@MicronautTest
class ShellBrowserTest {
    @Inject
    EmbeddedServer server;

    private String url(String path) {
        return server.getURL().toString().replaceAll("/$", "") + path;
    }

    private void login(WebDriver d, String username, String password) {
        BrowserSupport.login(d, server.getURL(), username, password);
    }

    @Test
    void leadLogsInSeesTheirHomeAndSwitchesLanguage() {
        ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
        try {
            d.get(url("/"));
            BrowserSupport.awaitText(d, By.cssSelector("main h1"), "登录");
            assertTrue(!d.findElement(By.id("logout")).isDisplayed(), "no log-out button before logging in");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "login-zh");

            login(d, "lead", "not-the-password");
            BrowserSupport.awaitText(d, By.cssSelector("#login-form .error"), "用户名或密码错误");
            assertEquals("true", d.findElement(By.cssSelector("#login-form input[name=password]")).getAttribute("aria-invalid"));
            BrowserSupport.screenshot(d, "login-error-zh");

            login(d, "lead", TestApi.DEMO_PASSWORD);
            BrowserSupport.awaitText(d, By.cssSelector("main h1"), "欢迎");
            assertTrue(d.findElement(By.cssSelector("main h1")).getText().contains("李组长"));
            assertTrue(d.findElement(By.id("logout")).isDisplayed());
            assertTrue(d.findElement(By.id("home-roles")).getText().contains("评价组组长"));
            assertEquals(1, d.findElements(By.cssSelector("[data-role=LEAD]")).size());
            assertTrue(d.findElements(By.cssSelector("a.card[href='#/users']")).isEmpty(), "a LEAD is not offered user admin");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "home-lead-zh");

            d.findElement(By.id("lang-switch")).click();
            BrowserSupport.awaitText(d, By.cssSelector("main h1"), "Welcome");
            assertTrue(d.findElement(By.id("home-roles")).getText().contains("Audit team leader"));
            assertEquals("en", d.findElement(By.tagName("html")).getAttribute("lang"));
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "home-lead-en");

            d.navigate().refresh();
            BrowserSupport.awaitText(d, By.cssSelector("main h1"), "Welcome");

            // The demo estate's location tree fits the phone.
            d.findElement(By.cssSelector("a.card[href='#/orgs']")).click();
            // the demo organisation by name: other tests of the suite create organisations that may list first
            BrowserSupport.await(d, By.cssSelector("#org-list a"));
            d.findElements(By.cssSelector("#org-list a")).stream()
                    .filter(a -> a.getText().contains(com.tanfang.demo.DemoData.ORGANIZATION_NAME)).findFirst()
                    .orElseThrow(() -> new AssertionError("the demo organisation is listed")).click();
            BrowserSupport.await(d, By.cssSelector("#site-list a")).click();
            BrowserSupport.await(d, By.id("location-tree"));
            assertEquals(47, d.findElements(By.cssSelector("#location-tree li")).size());
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "site-tree-en");

            d.findElement(By.id("logout")).click();
            BrowserSupport.awaitText(d, By.cssSelector("main h1"), "Sign in");
        } finally {
            d.quit();
        }
    }

    @Test
    void adminFormsShowErrorsNextToTheFields() {
        ChromeDriver d = BrowserSupport.phone("en-US,en");
        try {
            login(d, "admin", TestApi.ADMIN_PASSWORD);
            BrowserSupport.awaitText(d, By.cssSelector("main h1"), "Welcome");
            d.findElement(By.cssSelector("a.card[href='#/users']")).click();
            BrowserSupport.await(d, By.cssSelector("#user-list li"));
            // The "new user" card (each user row has its own details for roles).
            d.findElement(By.cssSelector("details.card > summary")).click();
            BrowserSupport.await(d, By.cssSelector("#new-user input[name=username]")).sendKeys("no spaces allowed");
            d.findElement(By.cssSelector("#new-user button[type=submit]")).click();
            BrowserSupport.await(d, By.cssSelector("#new-user .error:not([hidden])"));
            assertEquals("true", d.findElement(By.cssSelector("#new-user input[name=username]")).getAttribute("aria-invalid"));
            assertEquals("true", d.findElement(By.cssSelector("#new-user input[name=displayName]")).getAttribute("aria-invalid"));
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "users-errors-en");

            d.findElement(By.cssSelector("#new-user input[name=username]")).clear();
            d.findElement(By.cssSelector("#new-user input[name=username]")).sendKeys("browser.made");
            d.findElement(By.cssSelector("#new-user input[name=displayName]")).sendKeys("Made In Browser");
            d.findElement(By.cssSelector("#new-user input[value=AUDITOR]")).click();
            d.findElement(By.cssSelector("#new-user button[type=submit]")).click();
            assertEquals(16, BrowserSupport.await(d, By.cssSelector("[data-testid=one-time-password]")).getText().length());
        } finally {
            d.quit();
        }
    }

    @Test
    void notFoundPageInBothLanguages() {
        ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
        try {
            d.get(url("/no-such-page"));
            BrowserSupport.awaitText(d, By.tagName("h1"), "页面不存在");
            BrowserSupport.assertNoHorizontalScroll(d);
            BrowserSupport.screenshot(d, "404-zh");
            d.findElement(By.cssSelector(".bar-actions a")).click();
            BrowserSupport.awaitText(d, By.tagName("h1"), "Page not found");
            BrowserSupport.screenshot(d, "404-en");
        } finally {
            d.quit();
        }
    }
}
