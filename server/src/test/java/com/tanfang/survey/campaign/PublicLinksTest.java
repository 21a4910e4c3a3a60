package com.tanfang.survey.campaign;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.platform.ClientAddresses;
import com.tanfang.platform.StartupProblem;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Links printed in QR codes and notices: forwarded headers count only from trusted proxies, and only http(s). */
@MicronautTest
class PublicLinksTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private static final ClientAddresses PROXY_127 = new ClientAddresses("127.0.0.1");

    private static HttpRequest<?> from(String peer, Map<String, String> headers) {
        var r = HttpRequest.GET("http://" + peer + ":8080/api/v1/campaigns/1");
        headers.forEach(r::header);
        return r;
    }

    @Test
    @SuppressWarnings("unchecked")
    void forwardedHeadersFromAnUntrustedClientNeverReachALink() {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        TestApi.Res r = api.send("GET", "/api/v1/campaigns/" + f.campaignId, f.lead, null,
                Map.of("X-Forwarded-Proto", "javascript", "X-Forwarded-Host", "evil.example"));
        assertEquals(200, r.status(), r.raw());
        String url = (String) ((List<Map<String, Object>>) r.map().get("points")).get(0).get("url");
        assertTrue(url.startsWith(server.getURL().toString().replaceAll("/$", "") + "/s/"), url);
    }

    @Test
    void aTrustedProxyNamesSchemeAndHostButOnlyHttpOrHttps() {
        PublicLinks links = new PublicLinks(null, PROXY_127);
        assertEquals("https://survey.example.cn/s/t", links.survey(from("127.0.0.1",
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "survey.example.cn", "Host", "10.0.0.5:8080")), "t"));
        assertEquals("http://survey.example.cn/s/t", links.survey(from("127.0.0.1",
                Map.of("X-Forwarded-Proto", "javascript", "X-Forwarded-Host", "survey.example.cn")), "t"));
        assertEquals("http://10.0.0.5:8080/s/t", links.survey(from("127.0.0.1",
                Map.of("X-Forwarded-Host", "evil.example/\"><script>", "Host", "10.0.0.5:8080")), "t"),
                "a malformed forwarded host falls back to the Host header");
    }

    @Test
    void anUntrustedClientGetsTheConnectionsSchemeAndItsOwnHostHeaderAtMost() {
        PublicLinks links = new PublicLinks(null, PROXY_127);
        Map<String, String> forged = Map.of("X-Forwarded-Proto", "javascript", "X-Forwarded-Host", "evil.example",
                "Host", "survey.example.cn");
        assertEquals("http://survey.example.cn/s/t", links.survey(from("192.0.2.7", forged), "t"));
        assertEquals("http://localhost/s/t", links.survey(from("192.0.2.7", Map.of("Host", "javascript:alert(1)//")), "t"));
    }

    @Test
    void theConfiguredPublicUrlWinsOverEveryHeader() {
        PublicLinks links = new PublicLinks("https://survey.example.cn/", PROXY_127);
        assertEquals("https://survey.example.cn/s/t", links.survey(from("127.0.0.1",
                Map.of("X-Forwarded-Proto", "http", "X-Forwarded-Host", "evil.example", "Host", "evil.example")), "t"));
        assertThrows(StartupProblem.class, () -> new PublicLinks("javascript:alert(1)", PROXY_127));
        assertThrows(StartupProblem.class, () -> new PublicLinks("survey.example.cn", PROXY_127));
    }
}
