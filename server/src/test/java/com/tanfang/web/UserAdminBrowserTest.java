package com.tanfang.web;

import com.tanfang.BrowserSupport;
import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The users page on a phone (zh-CN and en): a password reset after a confirmation, shown once; role changes. */
@MicronautTest
class UserAdminBrowserTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private String url(String path) {
        return server.getURL().toString().replaceAll("/$", "") + path;
    }

    private static Alert awaitAlert(WebDriver d) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                return d.switchTo().alert();
            } catch (NoAlertPresentException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no confirmation was asked");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(ie);
                }
            }
        }
    }

    private static By row(long userId) {
        return By.cssSelector("#user-list li[data-user='" + userId + "']");
    }

    private static long newAuditor(TestApi api, String username) {
        return ((Number) api.get("/api/v1/me", api.newUser(username, "AUDITOR", null)).map().get("id")).longValue();
    }

    /** A phone in {@code lang} with the admin signed in on the users page (the caller quits it). */
    private ChromeDriver usersPageAsAdmin(String lang) {
        ChromeDriver d = BrowserSupport.phone(lang);
        try {
            BrowserSupport.login(d, server.getURL(), "admin", TestApi.ADMIN_PASSWORD);
            BrowserSupport.awaitText(d, By.cssSelector("main h1"), lang.startsWith("zh") ? "欢迎" : "Welcome");
            d.get(url("/#/users"));
            return d;
        } catch (RuntimeException | Error e) {
            d.quit();
            throw e;
        }
    }

    @Test
    void theAdminResetsAPasswordAfterConfirmingAndSeesTheNewOneOnce() {
        TestApi api = new TestApi(server.getURL(), json);
        for (String lang : new String[] {"zh-CN,zh", "en-US,en"}) {
            boolean zh = lang.startsWith("zh");
            String username = "forgetful-" + (zh ? "zh-" : "en-") + System.nanoTime();
            long userId = newAuditor(api, username);
            ChromeDriver d = usersPageAsAdmin(lang);
            try {
                BrowserSupport.await(d, row(userId));

                // Declining the confirmation changes nothing.
                BrowserSupport.click(d, By.cssSelector("#user-list li[data-user='" + userId + "'] .reset-password"));
                Alert ask = awaitAlert(d);
                assertTrue(ask.getText().contains(username), ask.getText());
                assertTrue(ask.getText().contains(zh ? "重置" : "Reset"), ask.getText());
                ask.dismiss();
                assertTrue(d.findElements(By.cssSelector("[data-testid=one-time-password]")).isEmpty());
                assertEquals(200, api.post("/login", null, Map.of("username", username, "password",
                        TestApi.USER_PASSWORD)).status(), "not reset");

                BrowserSupport.click(d, By.cssSelector("#user-list li[data-user='" + userId + "'] .reset-password"));
                awaitAlert(d).accept();
                WebElement secret = BrowserSupport.await(d, By.cssSelector("[data-testid=one-time-password]"));
                String password = secret.getText().trim();
                assertTrue(password.length() >= 10, "the new password is shown: '" + password + "'");
                String notice = d.findElement(By.id("password-notice")).getText();
                assertTrue(notice.contains(username), notice);
                assertTrue(notice.contains(zh ? "不会再次显示" : "will not be shown again"), notice);
                assertTrue(d.findElement(By.id("copy-password")).isDisplayed());
                BrowserSupport.awaitText(d, row(userId), zh ? "须修改密码" : "must change password");
                BrowserSupport.assertNoHorizontalScroll(d);
                BrowserSupport.screenshot(d, "users-reset-" + (zh ? "zh" : "en"));

                String oneTime = api.login(username, password);
                assertEquals(true, api.get("/api/v1/me", oneTime).map().get("mustChangePassword"));

                d.navigate().refresh();
                BrowserSupport.await(d, row(userId));
                assertFalse(d.findElement(By.id("main")).getText().contains(password), "shown once only");
            } finally {
                d.quit();
            }
        }
    }

    @Test
    void theAdminChangesRolesAndAClientNeedsAnOrganisation() {
        TestApi api = new TestApi(server.getURL(), json);
        for (String lang : new String[] {"zh-CN,zh", "en-US,en"}) {
            boolean zh = lang.startsWith("zh");
            String username = "moving-" + (zh ? "zh-" : "en-") + System.nanoTime();
            long userId = newAuditor(api, username);
            ChromeDriver d = usersPageAsAdmin(lang);
            try {
                String form = "#user-list li[data-user='" + userId + "'] form.edit-user";
                BrowserSupport.click(d, By.cssSelector("#user-list li[data-user='" + userId + "'] details > summary"));
                // AUDITOR off, CLIENT on, no organisation: refused next to the field.
                BrowserSupport.click(d, By.cssSelector(form + " input[name=roles][value=AUDITOR]"));
                BrowserSupport.click(d, By.cssSelector(form + " input[name=roles][value=CLIENT]"));
                BrowserSupport.click(d, By.cssSelector(form + " button[type=submit]"));
                BrowserSupport.awaitText(d, By.cssSelector(form + " .error:not([hidden])"), zh ? "必填" : "required");
                assertEquals(List.of("AUDITOR"), api.get("/api/v1/users/" + userId, api.admin()).map().get("roles"));

                // CLIENT off again, LEAD on: saved, and the row shows it.
                BrowserSupport.click(d, By.cssSelector(form + " input[name=roles][value=CLIENT]"));
                BrowserSupport.click(d, By.cssSelector(form + " input[name=roles][value=LEAD]"));
                BrowserSupport.click(d, By.cssSelector(form + " button[type=submit]"));
                BrowserSupport.awaitText(d, By.id("users-notice"), zh ? "已保存" : "saved");
                BrowserSupport.awaitText(d, row(userId), zh ? "评价组组长" : "Audit team leader");
                assertEquals(List.of("LEAD"), api.get("/api/v1/users/" + userId, api.admin()).map().get("roles"));
                BrowserSupport.assertNoHorizontalScroll(d);
                BrowserSupport.screenshot(d, "users-roles-" + (zh ? "zh" : "en"));
            } finally {
                d.quit();
            }
        }
    }
}
