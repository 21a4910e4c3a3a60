package com.tanfang.visit;

import com.tanfang.MutableClock;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import com.tanfang.attachment.PhotoBytes;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The visit API's open questions of issue 10 (task BLOBS), each settled by a test that failed first: CLIENTs get
 * 404 on every visit id route, reading offers writes nothing, a chunked body over 1 MB on a JSON route is refused
 * while it is still arriving, the reuse of a photo is flagged across projects; and thumbnails for lists.
 */
@MicronautTest(transactional = false)
class VisitOpenQuestionsTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;
    @Inject
    MutableClock clock;
    @Inject
    Router router;
    TestApi api;
    VisitFixture v;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
        v = new VisitFixture(api, server.getURL().toString(), json);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long count(String sql, Object... args) throws Exception {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource)
                .getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static long photoId(TestApi.Res stored) {
        return ((Number) ((Map<String, Object>) stored.map().get("photo")).get("id")).longValue();
    }

    /** Every visit route with an id answers a CLIENT 404, even of the organisation the project evaluates. */
    @Test
    void aClientGets404OnEveryVisitIdRouteAnd403OnlyOnCollections() throws Exception {
        long visitId = v.visitInProgress(v.shopper, v.shopperId);
        byte[] jpeg = VisitFixture.jpeg("client");
        TestApi.Res photo = v.photo(visitId, v.shopper, UUID.randomUUID(), jpeg, VisitFixture.sha256(jpeg),
                v.version(visitId, v.shopper), null, "image/jpeg");
        assertEquals(200, photo.status(), photo.raw());
        Map<String, String> ids = Map.of("visitId", String.valueOf(visitId), "projectId", String.valueOf(v.projectId),
                "photoId", String.valueOf(photoId(photo)), "clientId", UUID.randomUUID().toString());
        String now = Instant.now().toString();
        String later = Instant.now().plusSeconds(86400).toString();
        Map<String, Object> bodies = new HashMap<>();
        bodies.put("PUT /api/v1/projects/{projectId}/visit-settings", Map.of("sameSiteMinDays", 0));
        bodies.put("PUT /api/v1/projects/{projectId}/visit-checklist", Map.of("items", List.of()));
        bodies.put("POST /api/v1/projects/{projectId}/visits", Map.of("mode", "OPEN", "windowFrom", now, "windowTo", later));
        bodies.put("POST /api/v1/projects/{projectId}/visit-comments", Map.of("text", "comment"));
        bodies.put("PUT /api/v1/visits/{visitId}/rater", Map.of("raterId", v.shopperId));
        bodies.put("PUT /api/v1/visits/{visitId}/offer", Map.of("offered", true));
        bodies.put("POST /api/v1/visits/{visitId}/check-in", Map.of("deviceAt", now));
        bodies.put("POST /api/v1/visits/{visitId}/check-out", Map.of("deviceAt", now));
        bodies.put("PUT /api/v1/visits/{visitId}/answers", Map.of("clientId", UUID.randomUUID().toString(),
                "visitVersion", 1, "itemCode", "P2", "value", 5));
        bodies.put("POST /api/v1/visits/{visitId}/submit", Map.of("visitVersion", 1));
        bodies.put("POST /api/v1/visits/{visitId}/return", Map.of("comments", List.of(Map.of("text", "fix"))));
        bodies.put("POST /api/v1/visits/{visitId}/reject", Map.of("reason", "test"));
        bodies.put("POST /api/v1/visits/{visitId}/approval-withdrawal", Map.of("reason", "test"));
        String client = api.demo("client");
        List<String> failures = new ArrayList<>();
        int idRoutes = 0;
        int collections = 0;
        for (UriRouteInfo<?, ?> route : router.uriRoutes().<UriRouteInfo<?, ?>>map(r -> r).toList()) {
            String template = route.getUriMatchTemplate().toString();
            String method = route.getHttpMethodName();
            if (!template.startsWith("/api/v1") || !template.matches(".*/visit.*") || "HEAD".equals(method)) {
                continue;
            }
            String key = method + " " + template;
            boolean hasId = template.contains("{");
            String path = template;
            for (Map.Entry<String, String> id : ids.entrySet()) {
                path = path.replace("{" + id.getKey() + "}", id.getValue());
            }
            path = path.replace("{?itemCode}", "?itemCode=P2").replace("{?size}", "");
            Object body = bodies.getOrDefault(key, java.util.Set.of("POST", "PUT").contains(method) ? "{}" : null);
            if (key.equals("PUT /api/v1/visits/{visitId}/photos/{clientId}")) {
                TestApi.Res r = v.photo(visitId, client, UUID.randomUUID(), jpeg, VisitFixture.sha256(jpeg), 1, null,
                        "image/jpeg");
                if (r.status() != 404) {
                    failures.add(key + " gave " + r.status());
                }
                idRoutes++;
                continue;
            }
            TestApi.Res r = api.send(method, path, client, body, Map.of("Accept", "*/*"));
            int expected = hasId ? 404 : 403;
            if (r.status() != expected) {
                failures.add(key + " gave " + r.status() + ", expected " + expected + " " + r.raw());
            }
            if (hasId) {
                idRoutes++;
            } else {
                collections++;
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(idRoutes >= 24, "visit id routes checked: " + idRoutes);
        assertTrue(collections >= 2, "collection routes checked: " + collections);
    }

    /** Listing offers is a read: an expired claim is shown as an offer, and only a job or a write expires it. */
    @Test
    void readingOffersWritesNothingAndTheJobExpiresClaims() throws Exception {
        long visitId = VisitFixture.visitId(v.plan("COVERT", Map.of("offerToPool", true,
                "windowTo", Instant.now().plus(Duration.ofDays(3)).toString())), 1);
        assertEquals(200, api.post("/api/v1/visits/" + visitId + "/claim", v.shopper, Map.of()).status());
        String second = api.newUser("shopper-" + System.nanoTime(), "SHOPPER", null);
        v.f.addMember(second);
        clock.advance(Duration.ofHours(25));
        long evidenceBefore = count("select count(*) from evidence_log where subject_id = ?", visitId);
        assertTrue(api.get("/api/v1/visits/offers", second).list().stream()
                .anyMatch(o -> ((Number) o.get("visitId")).longValue() == visitId), "an expired claim is an offer again");
        assertTrue(api.get("/api/v1/visits/mine", v.shopper).map().values().stream()
                .flatMap(l -> ((List<?>) l).stream()).map(o -> ((Number) ((Map<?, ?>) o).get("visitId")).longValue())
                .noneMatch(id -> id == visitId), "nor the claimant's any more");
        assertEquals(evidenceBefore, count("select count(*) from evidence_log where subject_id = ?", visitId), "GET /visits/offers wrote evidence");
        assertEquals(1, count("select count(*) from visit where id = ? and state = 'CLAIMED'", visitId));

        server.getApplicationContext().getBean(com.tanfang.visit.planning.ClaimExpiry.class).run();
        assertEquals(1, count("select count(*) from visit where id = ? and state = 'PLANNED' and rater_user_id is null", visitId));
        assertEquals(1, count("select count(*) from evidence_log where subject_type = 'VISIT' and subject_id = ?"
                + " and action = 'visit.expire_claim'", visitId));
        assertEquals("CLAIMED", api.post("/api/v1/visits/" + visitId + "/claim", second, Map.of()).map().get("state"));
    }

    /** The claim path itself expires a stale claim (the job may not have run yet) and writes that down. */
    @Test
    void claimingAnExpiredClaimExpiresItFirst() throws Exception {
        long visitId = VisitFixture.visitId(v.plan("COVERT", Map.of("offerToPool", true,
                "windowTo", Instant.now().plus(Duration.ofDays(3)).toString())), 1);
        assertEquals(200, api.post("/api/v1/visits/" + visitId + "/claim", v.shopper, Map.of()).status());
        String second = api.newUser("shopper-" + System.nanoTime(), "SHOPPER", null);
        v.f.addMember(second);
        clock.advance(Duration.ofHours(25));
        TestApi.Res claim = api.post("/api/v1/visits/" + visitId + "/claim", second, Map.of());
        assertEquals(200, claim.status(), claim.raw());
        assertEquals(1, count("select count(*) from evidence_log where subject_type = 'VISIT' and subject_id = ?"
                + " and action = 'visit.expire_claim'", visitId));
        TestApi.Res oldClaimant = api.post("/api/v1/visits/" + visitId + "/check-in", v.shopper,
                Map.of("deviceAt", Instant.now().toString()));
        assertEquals(404, oldClaimant.status(), oldClaimant.raw());
    }

    /** A JSON route refuses a chunked (no Content-Length) body as soon as it passes 1 MB, not after 16 MB. */
    @Test
    void aChunkedBodyOverOneMegabyteOnAJsonRouteIs413WhileStillArriving() throws Exception {
        long visitId = v.visitInProgress(v.shopper, v.shopperId);
        try (Socket s = new Socket(server.getHost(), server.getPort())) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /api/v1/visits/" + visitId + "/answers HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + v.shopper + "\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            chunk[0] = '"';
            int sent = 0;
            try {
                // 1.25 MB of a 2 MB body, then the sender stalls: a server that waits for the whole body never answers
                while (sent < 1280 * 1024) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += chunk.length;
                }
                out.flush();
            } catch (java.io.IOException closedByServer) {
                // the server answered and closed while we were still sending: read the answer below
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            assertTrue(status != null && status.startsWith("HTTP/1.1 413"), "status line: " + status);
            String line;
            boolean problem = false;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                problem |= line.toLowerCase().startsWith("content-type: application/problem+json");
            }
            assertTrue(problem, "413 as problem+json");
        }
        // the photo route still takes a chunked body of 2 MB
        byte[] big = PhotoBytes.randomJpeg(2 * 1024 * 1024, 5);
        java.net.http.HttpRequest put = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.getURL()
                        + "/api/v1/visits/" + visitId + "/photos/" + UUID.randomUUID() + "?sha256="
                        + VisitFixture.sha256(big) + "&visitVersion=" + v.version(visitId, v.shopper)))
                .header("Authorization", "Bearer " + v.shopper).header("Content-Type", "image/jpeg")
                .header("Accept", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build();
        HttpResponse<String> stored = java.net.http.HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode(), stored.body());
    }

    /** The number for the docs: a 1 MB photo with the default (postgres) store; S3BlobStoreTest prints the other. */
    @Test
    void uploadOfAOneMegabytePhotoWithThePostgresStore() {
        v.printMedianUploadOfOneMegabytePhotos("postgres store", 100);
    }

    /** The same bytes in visits of two projects: flagged on both sides, in the upload answer and in GET /visits/{id}. */
    @Test
    @SuppressWarnings("unchecked")
    void aPhotoReusedInAnotherProjectIsFlaggedToTheReviewer() throws Exception {
        VisitFixture other = new VisitFixture(api, server.getURL().toString(), json);
        long a = v.visitInProgress(v.shopper, v.shopperId);
        long b = other.visitInProgress(other.shopper, other.shopperId);
        byte[] photo = VisitFixture.jpeg("reused");
        String sha = VisitFixture.sha256(photo);
        assertEquals(200, v.photo(a, v.shopper, UUID.randomUUID(), photo, sha, v.version(a, v.shopper), null,
                "image/jpeg").status());
        TestApi.Res dup = other.photo(b, other.shopper, UUID.randomUUID(), photo, sha, other.version(b, other.shopper),
                null, "image/jpeg");
        assertEquals(200, dup.status(), dup.raw());
        assertEquals(List.of(a), ((List<?>) ((Map<String, Object>) dup.map().get("photo")).get("alsoInVisits")).stream()
                .map(x -> ((Number) x).longValue()).toList());
        for (long[] pair : new long[][]{{a, b}, {b, a}}) {
            TestApi.Res detail = api.get("/api/v1/visits/" + pair[0], v.lead);
            assertEquals(200, detail.status(), detail.raw());
            List<Map<String, Object>> photos = (List<Map<String, Object>>) detail.map().get("photos");
            assertEquals(1, photos.size());
            assertEquals(List.of(pair[1]), ((List<?>) photos.get(0).get("alsoInVisits")).stream()
                    .map(x -> ((Number) x).longValue()).toList(), "visit " + pair[0]);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void thumbnailsAreSmallJpegsKeptOnceWithThePhotosAccessRules() throws Exception {
        long visitId = v.visitInProgress(v.shopper, v.shopperId);
        int version = v.version(visitId, v.shopper);
        byte[] photo = PhotoBytes.image("jpg", 1600, 1200, 3);
        TestApi.Res up = v.photo(visitId, v.shopper, UUID.randomUUID(), photo, VisitFixture.sha256(photo), version,
                null, "image/jpeg");
        assertEquals(200, up.status(), up.raw());
        Map<String, Object> p = (Map<String, Object>) up.map().get("photo");
        String base = server.getURL().toString();
        assertEquals(p.get("url") + "?size=thumb", p.get("thumbnailUrl"));
        HttpResponse<byte[]> thumb = PhotoBytes.get(base + p.get("thumbnailUrl"), v.lead);
        assertEquals(200, thumb.statusCode());
        assertEquals("image/jpeg", thumb.headers().firstValue("Content-Type").orElse(""));
        assertTrue(thumb.headers().firstValue("Cache-Control").orElse("").startsWith("private"));
        assertEquals("\"" + VisitFixture.sha256(thumb.body()) + "\"", thumb.headers().firstValue("ETag").orElse(""));
        BufferedImage t = PhotoBytes.decode(thumb.body());
        assertEquals(320, t.getWidth());
        assertEquals(240, t.getHeight());
        assertTrue(thumb.body().length < photo.length / 4, thumb.body().length + " of " + photo.length);
        System.out.printf("thumbnail: %d bytes from a %d-byte 1600x1200 JPEG%n", thumb.body().length, photo.length);
        // made once: the second request serves the kept blob
        assertArrayEquals(thumb.body(), PhotoBytes.get(base + p.get("thumbnailUrl"), v.shopper).body());
        assertEquals(1, count("select count(*) from blob_thumbnail where source_sha256 = ?", VisitFixture.sha256(photo)));

        // a small PNG is not enlarged, and becomes a JPEG
        byte[] png = PhotoBytes.image("png", 100, 50, 4);
        TestApi.Res small = v.photo(visitId, v.shopper, UUID.randomUUID(), png, VisitFixture.sha256(png), version,
                null, "image/png");
        HttpResponse<byte[]> smallThumb = PhotoBytes.get(base + ((Map<String, Object>) small.map().get("photo"))
                .get("thumbnailUrl"), v.shopper);
        assertEquals("image/jpeg", smallThumb.headers().firstValue("Content-Type").orElse(""));
        assertEquals(100, PhotoBytes.decode(smallThumb.body()).getWidth());
        // bytes the JDK cannot decode: the original is served
        byte[] odd = VisitFixture.jpeg("undecodable");
        TestApi.Res oddUp = v.photo(visitId, v.shopper, UUID.randomUUID(), odd, VisitFixture.sha256(odd), version,
                null, "image/jpeg");
        assertArrayEquals(odd, PhotoBytes.get(base + ((Map<String, Object>) oddUp.map().get("photo"))
                .get("thumbnailUrl"), v.shopper).body());

        // the photo's access rules
        String otherShopper = api.newUser("shopper-" + System.nanoTime(), "SHOPPER", null);
        v.f.addMember(otherShopper);
        assertEquals(404, PhotoBytes.get(base + p.get("thumbnailUrl"), otherShopper).statusCode());
        assertEquals(404, PhotoBytes.get(base + p.get("thumbnailUrl"), api.demo("client")).statusCode());
        assertEquals(403, PhotoBytes.get(base + p.get("thumbnailUrl"), api.demo("verifier")).statusCode());
        TestApi.Res badSize = api.send("GET", p.get("url") + "?size=huge", v.lead, null, Map.of("Accept", "*/*"));
        assertEquals(400, badSize.status(), badSize.raw());
        assertEquals(List.of("size"), badSize.problemFields());
    }
}
