package com.tanfang.web;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service worker's precache list names only files the web jar has (one missing file fails the whole install,
 * and the app is then not available offline), covers every JS module, and carries the build's version; the
 * manifest has what an install needs, in both languages.
 */
class StaffAppShellTest {
    private static String resource(String path) throws IOException {
        try (InputStream in = StaffAppShellTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, "missing " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> shell() throws IOException {
        Matcher list = Pattern.compile("const SHELL = \\[(.*?)];", Pattern.DOTALL).matcher(resource("web/app/sw.js"));
        assertTrue(list.find());
        List<String> out = new ArrayList<>();
        for (Matcher m = Pattern.compile("'([^']+)'").matcher(list.group(1)); m.find(); ) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyPrecachedFileExistsAndEveryModuleIsPrecached() throws IOException {
        List<String> shell = shell();
        for (String url : shell) {
            String path = "web" + (url.endsWith("/") ? url + "index.html" : url);
            assertNotNull(getClass().getClassLoader().getResource(path), url + " is in SHELL but not in the web jar");
        }
        // Every module app.js imports (pages load lazily: a missing one would fail offline only on that page).
        String app = resource("web/js/app.js");
        for (Matcher m = Pattern.compile("import\\('\\./(pages/[a-z]+\\.js)'\\)").matcher(app); m.find(); ) {
            assertTrue(shell.contains("/js/" + m.group(1)), "/js/" + m.group(1) + " is not precached");
        }
        for (String module : List.of("/js/app.js", "/js/api.js", "/js/i18n.js", "/js/ui.js", "/js/time.js",
                "/i18n/en.json", "/i18n/zh-CN.json", "/css/app.css", "/app/")) {
            assertTrue(shell.contains(module), module);
        }
    }

    @Test
    void theCacheNameCarriesTheBuild() throws IOException {
        String sw = resource("web/app/sw.js");
        assertFalse(sw.contains("@tanfang.build@"), "the build filters its version into sw.js");
        Matcher build = Pattern.compile("const BUILD = '([^']+)';").matcher(sw);
        assertTrue(build.find());
        assertTrue(build.group(1).matches("\\d+\\.\\d+\\.\\d+.*-\\d{14}"), build.group(1));
    }

    @Test
    void theManifestMakesTheAppInstallable() throws IOException {
        JsonNode m = JsonMapper.createDefault().readValue(resource("web/app/manifest.json"), JsonNode.class);
        assertEquals("/app/#/", m.get("start_url").getStringValue());
        assertEquals("/app/", m.get("scope").getStringValue());
        assertEquals("standalone", m.get("display").getStringValue());
        String name = m.get("name").getStringValue();
        assertTrue(name.contains("探访") && name.contains("Tanfang"), name);
        assertEquals("探访", m.get("short_name").getStringValue());
        assertEquals("Tanfang", m.get("translations").get("en").get("short_name").getStringValue());
        List<String> sizes = new ArrayList<>();
        for (JsonNode i : m.get("icons").values()) {
            sizes.add(i.get("sizes").getStringValue());
            assertNotNull(getClass().getClassLoader().getResource("web" + i.get("src").getStringValue()), i.toString());
        }
        assertTrue(sizes.containsAll(List.of("any", "192x192", "512x512")), sizes.toString());
        assertTrue(m.get("theme_color").getStringValue().startsWith("#"));
    }
}
