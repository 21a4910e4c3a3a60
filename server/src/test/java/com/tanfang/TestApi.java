package com.tanfang;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The integration tests' HTTP client: real requests to the running server. Responses are read as the server's own
 * typed DTOs through Micronaut's HTTP client ({@link #read}, {@link #create}); {@link Res} keeps the raw status,
 * headers and body for tests about the wire itself (problem+json, cookies, headers, deliberately malformed input).
 */
public final class TestApi {
    public static final String ADMIN_PASSWORD = System.getProperty("tanfang.admin-password", "Root-test-pass-2026");
    public static final String DEMO_PASSWORD = System.getProperty("tanfang.demo-password", "Demo-test-pass-1");

    /** Password of users made with newUser. */
    public static final String USER_PASSWORD = "Correct-horse-42";

    private final String base;
    private final JsonMapper json;
    private final HttpClient client = HttpClient.newHttpClient();

    private final io.micronaut.http.client.BlockingHttpClient typed;

    public TestApi(URL base, JsonMapper json) {
        this.base = base.toString().replaceAll("/$", "");
        this.json = json;
        this.typed = io.micronaut.http.client.HttpClient.create(base).toBlocking();
    }

    /** GET as a typed DTO; a status other than 200 fails the test with the problem the server sent. */
    public <T> T read(String path, String token, Class<T> type) {
        return read(path, token, Argument.of(type));
    }

    public <T> T read(String path, String token, Argument<T> type) {
        return exchange(io.micronaut.http.HttpRequest.GET(path), token, type, 200);
    }

    /** POST expecting 201 Created, read as a typed DTO. */
    public <T> T create(String path, String token, Object body, Class<T> type) {
        return exchange(io.micronaut.http.HttpRequest.POST(path, body), token, Argument.of(type), 201);
    }

    private <T> T exchange(io.micronaut.http.MutableHttpRequest<?> request, String token, Argument<T> type, int expected) {
        if (token != null) {
            request.bearerAuth(token);
        }
        try {
            io.micronaut.http.HttpResponse<T> r = typed.exchange(request, type);
            if (r.code() != expected) {
                throw new AssertionError(request.getMethodName() + " " + request.getPath() + " -> " + r.code());
            }
            return r.body();
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            throw new AssertionError(request.getMethodName() + " " + request.getPath() + " -> " + e.getStatus().getCode()
                    + " " + e.getResponse().getBody(String.class).orElse(""), e);
        }
    }

    public record Res(int status, Map<String, List<String>> headers, String raw, Object body) {
        @SuppressWarnings("unchecked")
        public Map<String, Object> map() {
            return (Map<String, Object>) body;
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> list() {
            return (List<Map<String, Object>>) body;
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public List<String> headerValues(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        /** The field names of a problem+json response. */
        @SuppressWarnings("unchecked")
        public List<String> problemFields() {
            List<Map<String, Object>> errors = (List<Map<String, Object>>) map().getOrDefault("errors", List.of());
            return errors.stream().map(e -> (String) e.get("field")).toList();
        }
    }

    public Res send(String method, String path, String token, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
            String payload = body == null || body instanceof byte[] ? null : body instanceof String s ? s : json.writeValueAsString(body);
            b.method(method, body instanceof byte[] bytes ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                    : payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
            if (payload != null) {
                b.header("Content-Type", "application/json");
            }
            b.header("Accept", "application/json");
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            headers.forEach(b::setHeader);
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Object decoded = null;
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !r.body().isEmpty()) {
                decoded = json.readValue(r.body(), Argument.of(Object.class));
            }
            return new Res(r.statusCode(), r.headers().map(), r.body(), decoded);
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    public Res get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public Res post(String path, String token, Object body) {
        return send("POST", path, token, body, Map.of());
    }

    public Res patch(String path, String token, Object body) {
        return send("PATCH", path, token, body, Map.of());
    }

    public Res put(String path, String token, Object body) {
        return send("PUT", path, token, body, Map.of());
    }

    public String login(String username, String password) {
        Res r = post("/login", null, Map.of("username", username, "password", password));
        if (r.status() != 200) {
            throw new AssertionError("login " + username + " -> " + r.status() + " " + r.raw());
        }
        return (String) r.map().get("access_token");
    }

    public String admin() {
        return login("admin", ADMIN_PASSWORD);
    }

    public String demo(String username) {
        return login(username, DEMO_PASSWORD);
    }

    /** Creates a user with the given role and returns a token for it. */
    public String newUser(String username, String role, Long organizationId) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("displayName", "Test " + username);
        body.put("roles", List.of(role));
        body.put("organizationId", organizationId);
        body.put("password", USER_PASSWORD);
        Res r = post("/api/v1/users", admin(), body);
        if (r.status() != 201) {
            throw new AssertionError("create " + username + " -> " + r.status() + " " + r.raw());
        }
        return login(username, USER_PASSWORD);
    }
}
