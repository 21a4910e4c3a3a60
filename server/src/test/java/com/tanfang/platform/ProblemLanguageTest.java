package com.tanfang.platform;

import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Problems are rendered by the server in the caller's language (cookie, else Accept-Language, else Chinese),
 * keep their codes and arguments, always carry {@code errors}, and unknown request fields are refused by name.
 */
@MicronautTest
class ProblemLanguageTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    private TestApi.Res wrongLogin(Map<String, String> headers) {
        return api.send("POST", "/login", null,
                Map.of("username", "nobody-" + System.nanoTime(), "password", "not-the-password"), headers);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(TestApi.Res r, int i) {
        return ((List<Map<String, Object>>) r.map().get("errors")).get(i);
    }

    @Test
    void aWrongPasswordIsExplainedInTheCallersLanguage() {
        TestApi.Res zh = wrongLogin(Map.of("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5"));
        assertEquals(401, zh.status(), zh.raw());
        assertEquals("用户名或密码错误，或账号已停用。", zh.map().get("detail"));
        assertEquals("login.failed", zh.map().get("code"));
        assertEquals("用户名或密码错误", error(zh, 0).get("message"));
        assertEquals("credentials", error(zh, 0).get("code"));
        assertEquals("未登录", zh.map().get("title"));

        TestApi.Res en = wrongLogin(Map.of("Accept-Language", "en-GB,en;q=0.8"));
        assertEquals("Wrong username or password, or the account is disabled.", en.map().get("detail"));
        assertEquals("wrong username or password", error(en, 0).get("message"));

        // The choice the web app remembers beats the browser's header; no hint at all means Chinese.
        TestApi.Res chosen = wrongLogin(Map.of("Accept-Language", "zh-CN", "Cookie", "tanfang_lang=en"));
        assertEquals("Wrong username or password, or the account is disabled.", chosen.map().get("detail"));
        TestApi.Res none = wrongLogin(Map.of());
        assertEquals("用户名或密码错误，或账号已停用。", none.map().get("detail"));
    }

    @Test
    void beanValidationProblemsHaveCodesArgumentsAndTranslatedMessages() {
        TestApi.Res r = api.send("POST", "/login", null, Map.of("username", " ", "password", "x".repeat(201)),
                Map.of("Accept-Language", "zh-CN"));
        assertEquals(400, r.status(), r.raw());
        assertEquals(List.of("password", "username"), r.problemFields(), r.raw());
        assertEquals("constraint.Size", error(r, 0).get("code"));
        assertEquals(List.of("0", "200"), error(r, 0).get("args"));
        assertEquals("长度或条目数须在 0 到 200 之间", error(r, 0).get("message"));
        assertEquals("constraint.NotBlank", error(r, 1).get("code"));
        assertEquals("不能为空", error(r, 1).get("message"));
        assertEquals("请求中有字段不符合要求。", r.map().get("detail"));
    }

    @Test
    void aProblemWithoutFieldsStillSendsAnEmptyErrorList() {
        String admin = api.admin();
        TestApi.Res r = api.send("GET", "/api/v1/organizations/987654321", admin, null, Map.of("Accept-Language", "en"));
        assertEquals(404, r.status(), r.raw());
        assertEquals(List.of(), r.map().get("errors"), r.raw());
        assertEquals("Organisation 987654321 not found.", r.map().get("detail"));
        assertEquals(List.of("987654321"), r.map().get("args"));
    }

    @Test
    void unknownFieldsInRequestBodiesAreRefusedByName() {
        TestApi.Res login = api.send("POST", "/login", null,
                Map.of("username", "admin", "password", TestApi.ADMIN_PASSWORD, "rememberMe", true), Map.of("Accept-Language", "en"));
        assertEquals(400, login.status(), login.raw());
        assertEquals(List.of("rememberMe"), login.problemFields(), login.raw());
        assertEquals("json.unknown_property", error(login, 0).get("code"));
        assertEquals("The request has a field this address does not accept: rememberMe.", login.map().get("detail"));

        String admin = api.admin();
        TestApi.Res org = api.post("/api/v1/organizations", admin, Map.of("name", "Typo Org " + System.nanoTime(), "nmaeEn", "x"));
        assertEquals(400, org.status(), org.raw());
        assertEquals(List.of("nmaeEn"), org.problemFields(), org.raw());

        String lead = api.demo("lead");
        TestApi.Res csv = api.post("/api/v1/schemes/import-csv", lead, Map.of("csv", "x", "code", "typo", "titelZh", "x"));
        assertEquals(400, csv.status(), csv.raw());
        assertEquals(List.of("titelZh"), csv.problemFields(), csv.raw());

        // Inside a list too: one rating with a misspelt answer.
        TestApi.Res score = api.post("/api/v1/schemes/1/versions/1/score", lead,
                Map.of("ratings", List.of(Map.of("item", "A1", "rater", "A", "percnt", 80))));
        assertEquals(400, score.status(), score.raw());
        assertEquals(List.of("percnt"), score.problemFields(), score.raw());
    }

    @Test
    void aBadCsvLineIsReportedInChineseWithItsLine() throws IOException {
        String csv;
        try (InputStream in = getClass().getResourceAsStream("/schemes/gbt27922-items.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Item B2 (line 3) worth "两分" instead of 2.
        String bad = csv.replaceFirst("\n(service,60,5\\.2\\.1,[^\n]*?,5\\.2\\.1\\.2,B2,)2,", "\n$1两分,");
        String lead = api.demo("lead");
        TestApi.Res r = api.send("POST", "/api/v1/schemes/import-csv?code=zhbad" + System.nanoTime() + "&titleZh=x",
                lead, bad, Map.of("Content-Type", "text/csv", "Accept-Language", "zh-CN"));
        assertEquals(400, r.status(), r.raw());
        assertEquals(List.of("line 3: points"), r.problemFields(), r.raw());
        assertEquals("条款表中有 1 个问题。", r.map().get("detail"));
        assertEquals("不是数字：“两分”", error(r, 0).get("message"));
        assertEquals(List.of("两分"), error(r, 0).get("args"));
        assertTrue(!r.raw().contains("not a number"), r.raw());
    }
}
