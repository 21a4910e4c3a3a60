package com.tanfang;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh project on the demo estate with the demo shopper, auditor and verifier on its team, the planning rules
 * switched off (the demo raters collect visits on the same estate across test classes), and helpers to plan,
 * answer and upload photos.
 */
public final class VisitFixture {
    public final TestApi api;
    public final SurveyFixture f;
    public final String lead;
    public final String shopper;
    public final String auditor;
    public final long shopperId;
    public final long auditorId;
    public final long projectId;
    private final String base;
    private final io.micronaut.json.JsonMapper json;
    private final HttpClient http = HttpClient.newHttpClient();

    public VisitFixture(TestApi api, String base, io.micronaut.json.JsonMapper json) {
        this(api, base, json, SurveyFixture.openNow(api));
    }

    /** Visits on the project of an existing survey fixture. */
    public VisitFixture(TestApi api, String base, io.micronaut.json.JsonMapper json, SurveyFixture f) {
        this.json = json;
        this.api = api;
        this.base = base.replaceAll("/$", "");
        this.f = f;
        this.lead = f.lead;
        this.shopper = api.demo("shopper");
        this.auditor = api.demo("auditor");
        f.addMember(shopper);
        this.shopperId = id(shopper);
        this.auditorId = id(auditor);
        this.projectId = f.projectId;
        settings(Map.of("sameSiteMinDays", 0, "maxVisitsPerDay", 0));
    }

    public long id(String token) {
        return ((Number) api.get("/api/v1/me", token).map().get("id")).longValue();
    }

    public void settings(Map<String, Object> body) {
        TestApi.Res r = api.put("/api/v1/projects/" + projectId + "/visit-settings", lead, body);
        if (r.status() != 200) {
            throw new AssertionError(r.raw());
        }
    }

    /** Plans a visit with a window from an hour ago to 8 hours ahead, plus {@code extra}; returns the plan. */
    public Map<String, Object> plan(String mode, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("mode", mode,
                "windowFrom", Instant.now().minus(Duration.ofHours(1)).toString(),
                "windowTo", Instant.now().plus(Duration.ofHours(8)).toString(),
                "scenario", "咨询报修流程 / ask how repairs are reported"));
        body.putAll(extra);
        TestApi.Res r = api.post("/api/v1/projects/" + projectId + "/visits", lead, body);
        if (r.status() != 201) {
            throw new AssertionError(r.raw());
        }
        return r.map();
    }

    /** The id of the plan's visit in {@code slot} (1 or 2). */
    @SuppressWarnings("unchecked")
    public static long visitId(Map<String, Object> plan, int slot) {
        List<Map<String, Object>> visits = (List<Map<String, Object>>) plan.get("visits");
        return ((Number) visits.get(slot - 1).get("visitId")).longValue();
    }

    /** A covert visit assigned to the demo shopper, checked in: IN_PROGRESS. */
    public long visitInProgress(String raterToken, long raterId) {
        long visitId = visitId(plan("COVERT", Map.of("raterIds", List.of(raterId))), 1);
        TestApi.Res r = api.post("/api/v1/visits/" + visitId + "/check-in", raterToken,
                Map.of("deviceAt", Instant.now().toString(), "latitude", 30.2745, "longitude", 120.1550,
                        "accuracyMeters", 25, "coordinateSystem", "WGS84"));
        if (r.status() != 200) {
            throw new AssertionError(r.raw());
        }
        return visitId;
    }

    public int version(long visitId, String token) {
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) api.get("/api/v1/visits/" + visitId, token).map().get("visit");
        return ((Number) v.get("version")).intValue();
    }

    @SuppressWarnings("unchecked")
    public List<String> scriptItems(long visitId, String token) {
        List<Map<String, Object>> tps = (List<Map<String, Object>>) api.get("/api/v1/visits/" + visitId, token).map()
                .get("touchpoints");
        return tps.stream().flatMap(t -> ((List<Map<String, Object>>) t.get("items")).stream())
                .map(i -> (String) i.get("code")).toList();
    }

    public TestApi.Res answer(long visitId, String token, String itemCode, Object value, String note, int version) {
        Map<String, Object> body = new HashMap<>(Map.of("clientId", UUID.randomUUID().toString(),
                "visitVersion", version, "itemCode", itemCode, "secondsSpent", 40));
        if (value != null) {
            body.put("value", value);
        }
        if (note != null) {
            body.put("note", note);
        }
        return api.put("/api/v1/visits/" + visitId + "/answers", token, body);
    }

    /** Answers every item of the visit's script with the best rating (5, or yes). */
    public void answerAll(long visitId, String token) {
        int version = version(visitId, token);
        for (String code : scriptItems(visitId, token)) {
            TestApi.Res r = answer(visitId, token, code, 1, "ok", version);
            if (r.status() != 200) {
                throw new AssertionError(code + " " + r.raw());
            }
        }
    }

    /** PUT of a photo's bytes; {@code sha256} as the phone declares it. */
    public TestApi.Res photo(long visitId, String token, UUID clientId, byte[] bytes, String sha256, Integer version,
                             String itemCode, String contentType) {
        StringBuilder q = new StringBuilder("?sha256=").append(sha256);
        if (version != null) {
            q.append("&visitVersion=").append(version);
        }
        if (itemCode != null) {
            q.append("&itemCode=").append(itemCode);
        }
        q.append("&capturedAt=").append(Instant.now()).append("&latitude=30.2744&longitude=120.1552&accuracyMeters=20");
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/visits/" + visitId + "/photos/"
                            + clientId + q)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .header("Content-Type", contentType).header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token).build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            Object decoded = r.body().isEmpty() || !r.headers().firstValue("Content-Type").orElse("").contains("json")
                    ? null : json.readValue(r.body(), io.micronaut.core.type.Argument.of(Object.class));
            return new TestApi.Res(r.statusCode(), r.headers().map(), r.body(), decoded);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    /** A small fake JPEG (the server checks type and hash, not the pixels), distinct per seed. */
    public static byte[] jpeg(String seed) {
        byte[] body = ("JPEG-" + seed + "-" + System.nanoTime()).getBytes();
        byte[] out = new byte[body.length + 4];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        System.arraycopy(body, 0, out, 2, body.length);
        out[out.length - 2] = (byte) 0xFF;
        out[out.length - 1] = (byte) 0xD9;
        return out;
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number for the docs: five 1 MB photo uploads into a new visit of the shopper's, median printed. */
    public void printMedianUploadOfOneMegabytePhotos(String store, long seed) {
        long visitId = visitInProgress(shopper, shopperId);
        int version = version(visitId, shopper);
        long[] ms = new long[5];
        for (int i = 0; i < ms.length; i++) {
            byte[] bytes = com.tanfang.attachment.PhotoBytes.randomJpeg(1024 * 1024, seed + i);
            long t = System.nanoTime();
            TestApi.Res r = photo(visitId, shopper, UUID.randomUUID(), bytes, sha256(bytes), version, null, "image/jpeg");
            ms[i] = (System.nanoTime() - t) / 1_000_000;
            if (r.status() != 200) {
                throw new AssertionError(r.raw());
            }
        }
        java.util.Arrays.sort(ms);
        System.out.printf("%s: 1 MB photo upload, median of 5: %d ms (min %d, max %d)%n", store, ms[2], ms[0], ms[4]);
    }
}
