package com.tanfang.web;

import com.tanfang.BrowserSupport;
import com.tanfang.NetworkSwitch;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rater's phone (issue 10), in a phone-sized Chromium through a cuttable network (NetworkSwitch: the page's
 * and the service worker's connections alike): the demo shopper opens its visit, checks in, loses the network,
 * answers every item and attaches a photo through the file input, reloads in airplane mode and finds it all on
 * the phone; the network returns and every item shows stored on the server (checked there too, the photo's hash
 * as well); it submits; the lead returns one item (API), the phone shows the comment on it, the rater fixes it and
 * resubmits; the lead approves and the phone shows it approved and read-only. Also: a stale edit becomes a
 * conflict the rater resolves, and the no-service-worker mode (WeChat on iOS; {@code ?nosw}) warns while items
 * are unsent.
 */
@MicronautTest
class VisitCaptureBrowserTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private VisitFixture fixture() {
        VisitFixture v = new VisitFixture(new TestApi(server.getURL(), json), server.getURL().toString(), json);
        TestApi.Res chosen = v.api.put("/api/v1/projects/" + v.projectId + "/visit-checklist", v.lead, Map.of("items",
                List.of(Map.of("itemCode", "P2", "mode", "COVERT", "guidanceZh", "报修后看是否登记", "guidanceEn",
                                "Report a repair; see whether it is logged", "evidence", "PHOTO"),
                        Map.of("itemCode", "P4", "mode", "COVERT", "evidence", "NOTE_BELOW_BEST"))));
        assertEquals(200, chosen.status(), chosen.raw());
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    @SuppressWarnings("unchecked")
    void raterCapturesOfflineThenSubmitsFixesAReturnAndSeesTheApproval(String lang) throws Exception {
        boolean en = lang.equals("en");
        VisitFixture v = fixture();
        long visitId = VisitFixture.visitId(v.plan("COVERT", Map.of("raterIds", List.of(v.shopperId))), 1);
        List<String> items = v.scriptItems(visitId, v.shopper);
        Path photo = jpegFile(1200, 900, 7);
        try (NetworkSwitch network = new NetworkSwitch(server.getURL())) {
            ChromeDriver d = BrowserSupport.phone(en ? "en-US,en" : "zh-CN,zh");
            try {
                BrowserSupport.login(d, new java.net.URL(network.url("/app/")), "shopper", TestApi.DEMO_PASSWORD);
                // Home: the card leads to the visits; "no assignments" is not said, the shopper has some
                BrowserSupport.click(d, By.cssSelector("a.card[href='#/visits']"));
                BrowserSupport.await(d, By.cssSelector("li.visit[data-id='" + visitId + "'] a.visit-link"));
                BrowserSupport.assertNoHorizontalScroll(d);
                BrowserSupport.screenshot(d, "visit-0-list-" + lang);
                BrowserSupport.click(d, By.cssSelector("li.visit[data-id='" + visitId + "'] a.visit-link"));
                BrowserSupport.await(d, By.id("check-in"));
                awaitCached(d, "/api/v1/me");
                BrowserSupport.assertNoHorizontalScroll(d);
                d.executeScript("window.scrollTo(0, 0);");
                BrowserSupport.screenshot(d, "visit-1-opened-" + lang);

                // the rater allows the position: the check-in carries it with its accuracy (WGS-84)
                d.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation"),
                        "origin", network.url("")));
                d.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", 30.2745,
                        "longitude", 120.1550, "accuracy", 25));
                click(d, "#check-in");
                BrowserSupport.await(d, By.id("checked-in"));
                awaitAttr(d, "#visit-outbox", "data-pending", "0");
                BrowserSupport.await(d, By.id("visit-synced"));
                assertEquals("IN_PROGRESS", state(v, visitId));
                Map<String, Object> checkIn = (Map<String, Object>) v.api.get("/api/v1/visits/" + visitId, v.shopper)
                        .map().get("checkIn");
                assertEquals("WGS84", checkIn.get("coordinateSystem"), checkIn.toString());
                assertEquals(25.0, ((Number) checkIn.get("accuracyMeters")).doubleValue(), 0.01);
                assertTrue(checkIn.get("deviceAt") != null && checkIn.get("skewMs") != null, checkIn.toString());
                BrowserSupport.awaitText(d, By.id("checked-in"), en ? "about 25 m" : "约 25 米");

                // airplane mode: neither the page nor its worker reaches the server
                offline(d, network);
                for (String code : items) {
                    answer(d, code, code.equals("P4") ? "3" : null);
                }
                note(d, "P4", "楼道有杂物 / clutter in stairwell 3-A");
                d.findElement(By.cssSelector("#item-P2 input.photo-library")).sendKeys(photo.toString());
                BrowserSupport.await(d, By.cssSelector("#item-P2 figure.photo[data-state=local]"));
                for (String code : items) {
                    awaitAttr(d, "#item-" + code, "data-state", "local");
                }
                BrowserSupport.awaitText(d, By.id("visit-pending"), String.valueOf(items.size() + 1));
                d.executeScript("window.scrollTo(0, 0);");
                BrowserSupport.screenshot(d, "visit-2-offline-answered-" + lang);
                assertEquals(0, ((List<?>) v.api.get("/api/v1/visits/" + visitId, v.shopper).map().get("answers")).size(),
                        "nothing reached the server yet");

                // a reload in airplane mode opens the visit from the phone, with every answer and the photo
                d.navigate().refresh();
                BrowserSupport.await(d, By.cssSelector("#item-P2 figure.photo[data-state=local] img"));
                for (String code : items) {
                    awaitAttr(d, "#item-" + code, "data-state", "local");
                    assertEquals(1, d.findElements(By.cssSelector("#item-" + code + " input[type=radio]:checked")).size()
                            + d.findElements(By.cssSelector("#item-" + code + " input[type=number]:not([value=''])")).size(), code);
                }
                assertEquals("楼道有杂物 / clutter in stairwell 3-A",
                        d.findElement(By.cssSelector("#item-P4 textarea.note-text")).getAttribute("value"));
                String localHash = d.findElement(By.cssSelector("#item-P2 figure.photo")).getAttribute("data-sha256");
                BrowserSupport.screenshot(d, "visit-3-reloaded-offline-" + lang);

                // the network is back: everything goes up, once
                online(d, network);
                for (String code : items) {
                    awaitAttr(d, "#item-" + code, "data-state", "stored");
                }
                awaitAttr(d, "#visit-outbox", "data-pending", "0");
                BrowserSupport.await(d, By.cssSelector("#item-P2 figure.photo[data-state=stored]"));
                BrowserSupport.awaitText(d, By.cssSelector("#item-P2 .item-state"), en ? "Stored on the server" : "已存到服务器");
                Map<String, Object> server = v.api.get("/api/v1/visits/" + visitId, v.shopper).map();
                assertEquals(items.size(), ((List<?>) server.get("answers")).size());
                List<Map<String, Object>> photos = (List<Map<String, Object>>) server.get("photos");
                assertEquals(1, photos.size(), "one photo row");
                assertEquals(localHash, photos.get(0).get("sha256"), "the hash computed on the phone");
                byte[] stored = bytes(network.url((String) photos.get(0).get("url")), v.shopper);
                assertEquals(localHash, VisitFixture.sha256(stored));
                BufferedImage scaled = ImageIO.read(new java.io.ByteArrayInputStream(stored));
                assertEquals(1200, scaled.getWidth(), "under 1600 px: not scaled up");
                d.executeScript("window.scrollTo(0, 0);");
                BrowserSupport.screenshot(d, "visit-4-stored-" + lang);

                click(d, "#submit-visit");
                accept(d);
                BrowserSupport.await(d, By.id("visit-submitted"));
                assertEquals("SUBMITTED", state(v, visitId));
                assertEquals(0, d.findElements(By.cssSelector("article.item input:not([disabled])")).size(), "read-only");
                BrowserSupport.screenshot(d, "visit-5-submitted-" + lang);

                // the lead returns P4 with a comment; the phone shows it on the item
                TestApi.Res returned = v.api.post("/api/v1/visits/" + visitId + "/return", v.lead, Map.of("comments",
                        List.of(Map.of("itemCode", "P4", "text", "哪个楼道？/ which stairwell?"),
                                Map.of("text", "整体不错 / good overall"))));
                assertEquals(200, returned.status(), returned.raw());
                d.navigate().refresh();
                BrowserSupport.await(d, By.id("visit-returned"));
                BrowserSupport.awaitText(d, By.cssSelector("#item-P4 .item-comments"), "which stairwell?");
                BrowserSupport.awaitText(d, By.id("general-comments"), "good overall");
                WebElement noteP4 = d.findElement(By.cssSelector("#item-P4 textarea.note-text"));
                d.executeScript("arguments[0].scrollIntoView({block: 'center'});", noteP4);
                BrowserSupport.screenshot(d, "visit-6-returned-" + lang);
                noteP4.clear();
                note(d, "P4", "3号楼A单元 / stairwell 3-A");
                awaitAttr(d, "#item-P4", "data-state", "stored");
                click(d, "#submit-visit");
                accept(d);
                BrowserSupport.await(d, By.id("visit-submitted"));
                assertEquals("SUBMITTED", state(v, visitId));
                List<Map<String, Object>> versions = (List<Map<String, Object>>) v.api.get("/api/v1/visits/" + visitId
                        + "/answer-versions?itemCode=P4", v.lead).map().get("versions");
                assertEquals("3号楼A单元 / stairwell 3-A", versions.get(versions.size() - 1).get("note"));

                // approved: the phone shows it, read-only
                assertEquals(200, v.api.post("/api/v1/visits/" + visitId + "/approve", v.lead, Map.of()).status());
                d.navigate().refresh();
                BrowserSupport.await(d, By.id("visit-decision"));
                assertEquals("APPROVED", d.findElement(By.id("visit-state")).getAttribute("data-state"));
                assertEquals(0, d.findElements(By.cssSelector("article.item input:not([disabled])")).size(), "read-only");
                assertEquals(0, d.findElements(By.id("submit-visit")).size());
                BrowserSupport.assertNoHorizontalScroll(d);
                d.executeScript("window.scrollTo(0, 0);");
                BrowserSupport.screenshot(d, "visit-7-approved-" + lang);
            } catch (AssertionError | RuntimeException e) {
                failure(d, "visit-failure-" + lang);
                throw e;
            } finally {
                d.quit();
            }
        }
    }

    /** The lead changes the item choices behind the phone's back: the phone's next edits are stale (409). */
    @Test
    void aStaleEditIsAConflictTheRaterResolves() throws Exception {
        VisitFixture v = fixture();
        long visitId = v.visitInProgress(v.shopper, v.shopperId);
        try (NetworkSwitch network = new NetworkSwitch(server.getURL())) {
            ChromeDriver d = BrowserSupport.phone("zh-CN,zh");
            try {
                BrowserSupport.login(d, new java.net.URL(network.url("/app/")), "shopper", TestApi.DEMO_PASSWORD);
                BrowserSupport.await(d, By.id("home-roles"));
                d.get(network.url("/app/#/visits/" + visitId));
                BrowserSupport.await(d, By.id("check-out"));
                answer(d, "P5", null);
                awaitAttr(d, "#item-P5", "data-state", "stored");
                int before = v.version(visitId, v.shopper);
                changeChecklist(v, "看门口 / look at the door");
                assertTrue(v.version(visitId, v.shopper) > before, "the script change moved the version");

                answer(d, "P9", null);
                awaitAttr(d, "#item-P9", "data-state", "conflict");
                BrowserSupport.await(d, By.cssSelector("#item-P9 button.keep-mine"));
                BrowserSupport.awaitText(d, By.cssSelector("#item-P9 .item-problem"), "版本");
                d.executeScript("document.getElementById('item-P9').scrollIntoView();");
                BrowserSupport.screenshot(d, "visit-conflict-zh-CN");
                click(d, "#item-P9 button.keep-mine");
                awaitAttr(d, "#item-P9", "data-state", "stored");
                assertTrue(answers(v, visitId).contains("P9"), "kept mine: re-sent on the new version");

                changeChecklist(v, "看前台 / look at the desk");
                answer(d, "P10", null);
                awaitAttr(d, "#item-P10", "data-state", "conflict");
                click(d, "#item-P10 button.take-server");
                accept(d);
                awaitAttr(d, "#item-P10", "data-state", "empty");
                assertFalse(answers(v, visitId).contains("P10"), "took the server's: nothing sent");
                assertEquals(0, d.findElements(By.cssSelector("#item-P10 input[type=radio]:checked")).size());
            } catch (AssertionError | RuntimeException e) {
                failure(d, "visit-conflict-failure");
                throw e;
            } finally {
                d.quit();
            }
        }
    }

    /**
     * WeChat on iOS has no service worker; {@code ?nosw} makes the app behave so (no worker registered): while an
     * item is unsent the page says that closing WeChat may lose it, with the count, and sends it when it can.
     */
    @Test
    void withoutAServiceWorkerThePageWarnsWhileItemsAreUnsent() throws Exception {
        VisitFixture v = fixture();
        long visitId = v.visitInProgress(v.shopper, v.shopperId);
        try (NetworkSwitch network = new NetworkSwitch(server.getURL())) {
            ChromeDriver d = BrowserSupport.phone("en-US,en");
            try {
                d.get(network.url("/app/?nosw#/login"));
                WebElement user = BrowserSupport.await(d, By.cssSelector("#login-form input[name=username]"));
                user.sendKeys("shopper");
                d.findElement(By.cssSelector("#login-form input[name=password]")).sendKeys(TestApi.DEMO_PASSWORD);
                d.findElement(By.cssSelector("#login-form button[type=submit]")).click();
                BrowserSupport.await(d, By.id("home-roles"));
                d.get(network.url("/app/?nosw#/visits/" + visitId));
                BrowserSupport.await(d, By.id("check-out"));
                assertEquals(Boolean.TRUE, d.executeScript("return navigator.serviceWorker.controller === null;"));
                assertTrue(d.findElement(By.id("no-worker-banner")).getAttribute("hidden") != null, "nothing unsent");

                offline(d, network);
                answer(d, "P2", null);
                answer(d, "P4", null);
                awaitAttr(d, "#no-worker-banner", "data-pending", "2");
                WebElement banner = BrowserSupport.await(d, By.id("no-worker-banner"));
                assertTrue(banner.getText().contains("closing WeChat may lose the 2 unsent items"), banner.getText());
                BrowserSupport.screenshot(d, "visit-no-service-worker-en");

                online(d, network);
                awaitAttr(d, "#item-P2", "data-state", "stored");
                awaitAttr(d, "#item-P4", "data-state", "stored");
                BrowserSupport.poll("the banner to go", () -> d.findElement(By.id("no-worker-banner"))
                        .getAttribute("hidden") != null ? Boolean.TRUE : null);
            } catch (AssertionError | RuntimeException e) {
                failure(d, "visit-nosw-failure");
                throw e;
            } finally {
                d.quit();
            }
        }
    }

    private static void changeChecklist(VisitFixture v, String guidance) {
        TestApi.Res r = v.api.put("/api/v1/projects/" + v.projectId + "/visit-checklist", v.lead, Map.of("items",
                List.of(Map.of("itemCode", "P2", "mode", "COVERT", "guidanceZh", guidance, "guidanceEn", guidance,
                        "evidence", "PHOTO"))));
        assertEquals(200, r.status(), r.raw());
    }

    @SuppressWarnings("unchecked")
    private static List<String> answers(VisitFixture v, long visitId) {
        return ((List<Map<String, Object>>) v.api.get("/api/v1/visits/" + visitId, v.shopper).map().get("answers"))
                .stream().map(a -> (String) a.get("itemCode")).toList();
    }

    @SuppressWarnings("unchecked")
    private static String state(VisitFixture v, long visitId) {
        return (String) ((Map<String, Object>) v.api.get("/api/v1/visits/" + visitId, v.shopper).map().get("visit"))
                .get("state");
    }

    private static void offline(ChromeDriver d, NetworkSwitch network) throws Exception {
        ChromiumNetworkConditions off = new ChromiumNetworkConditions();
        off.setOffline(true);
        d.setNetworkConditions(off);
        network.cut();
        d.executeScript("window.dispatchEvent(new Event('offline'));");
    }

    private static void online(ChromeDriver d, NetworkSwitch network) throws Exception {
        network.restore();
        d.deleteNetworkConditions();
        d.executeScript("window.dispatchEvent(new Event('online'));");
    }

    /** The item's rating: {@code value}, else the best (5, yes, 100 %, or the numeric best). */
    private static void answer(ChromeDriver d, String code, String value) {
        String item = "#item-" + code;
        List<WebElement> radios = d.findElements(By.cssSelector(item + " input[type=radio]"));
        if (!radios.isEmpty()) {
            String pick = value != null ? value : radios.stream().anyMatch(r -> "5".equals(r.getAttribute("value"))) ? "5" : "1";
            WebElement radio = d.findElement(By.cssSelector(item + " input[type=radio][value='" + pick + "']"));
            d.executeScript("arguments[0].scrollIntoView({block: 'center'});", radio);
            radio.findElement(By.xpath("./ancestor::label")).click();
        } else {
            WebElement input = d.findElement(By.cssSelector(item + " input[type=number]"));
            d.executeScript("arguments[0].scrollIntoView({block: 'center'});", input);
            input.clear();
            input.sendKeys(value != null ? value : "100");
            d.executeScript("arguments[0].dispatchEvent(new Event('change'));", input);
        }
    }

    private static void note(ChromeDriver d, String code, String text) {
        WebElement note = d.findElement(By.cssSelector("#item-" + code + " textarea.note-text"));
        d.executeScript("arguments[0].scrollIntoView({block: 'center'});", note);
        note.sendKeys(text);
        d.executeScript("arguments[0].dispatchEvent(new Event('change'));", note);
    }

    private static void click(ChromeDriver d, String css) {
        WebElement el = BrowserSupport.await(d, By.cssSelector(css));
        d.executeScript("arguments[0].scrollIntoView({block: 'center'});", el);
        BrowserSupport.click(d, By.cssSelector(css));
    }

    /** Accepts the confirmation, which the page may open after a few asynchronous steps. */
    private static void accept(ChromeDriver d) {
        BrowserSupport.poll("a confirmation", () -> {
            try {
                d.switchTo().alert().accept();
                return Boolean.TRUE;
            } catch (org.openqa.selenium.NoAlertPresentException e) {
                return null;
            }
        });
    }

    private static void awaitAttr(ChromeDriver d, String css, String attr, String value) {
        BrowserSupport.poll(css + " " + attr + "=" + value, () -> d.findElements(By.cssSelector(css)).stream()
                .filter(e -> value.equals(e.getAttribute(attr))).findFirst().orElse(null));
    }

    private static void awaitCached(ChromeDriver d, String path) {
        BrowserSupport.poll(path + " in the service worker's cache", () -> (Boolean) d.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                if (!navigator.serviceWorker.controller) { done(null); return; }
                caches.open('tanfang-user-data').then((c) => c.match(arguments[0])).then((r) => done(r ? true : null),
                  () => done(null));""", path));
    }

    private static void failure(ChromeDriver d, String name) {
        try {
            System.out.println("VisitCaptureBrowserTest failed at " + d.getCurrentUrl() + "\n"
                    + d.findElement(By.tagName("body")).getText());
            BrowserSupport.screenshot(d, name);
        } catch (RuntimeException ignored) {
            // the page itself may be gone
        }
    }

    private static byte[] bytes(String url, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** A photo-like JPEG (noise and shapes, so it compresses like a photo rather than a flat colour). */
    static Path jpegFile(int width, int height, long seed) throws Exception {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(120, 160, 200));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 200; i++) {
            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            g.fillOval(r.nextInt(width), r.nextInt(height), 20 + r.nextInt(width / 4), 20 + r.nextInt(height / 4));
        }
        g.dispose();
        for (int y = 0; y < height; y += 2) {
            for (int x = 0; x < width; x += 2) {
                int rgb = img.getRGB(x, y);
                int n = r.nextInt(24) - 12;
                int red = Math.max(0, Math.min(255, ((rgb >> 16) & 255) + n));
                int green = Math.max(0, Math.min(255, ((rgb >> 8) & 255) + n));
                int blue = Math.max(0, Math.min(255, (rgb & 255) + n));
                img.setRGB(x, y, (red << 16) | (green << 8) | blue);
            }
        }
        Path file = Files.createTempFile("tanfang-photo", ".jpg");
        ImageIO.write(img, "jpg", file.toFile());
        file.toFile().deleteOnExit();
        return file;
    }
}
