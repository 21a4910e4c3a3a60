package com.tanfang.platform;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The staff app lives at /app/ (web/app/index.html) so that its service worker's scope, /app/, takes in no other
 * page: the respondent's survey pages (/s/...) stay outside it. The old address / redirects there; the browser
 * keeps the #route across the redirect, so /#/campaigns/1 still opens that campaign. (The router matches /app and
 * /app/ alike, so the page is served here rather than by the static resources.)
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class StaffAppEntry {
    public static final String APP = "/app/";
    private final String page;

    public StaffAppEntry() {
        try (InputStream in = StaffAppEntry.class.getClassLoader().getResourceAsStream("web/app/index.html")) {
            if (in == null) {
                throw new IllegalStateException("Missing web/app/index.html in the web jar");
            }
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Produces HTML: a client asking only for text/html (as the test does) got 406 from the JSON default. */
    @Get("/")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<?> root(HttpRequest<?> request) {
        String query = request.getUri().getRawQuery();
        return HttpResponse.temporaryRedirect(URI.create(query == null ? APP : APP + "?" + query));
    }

    /** The app shell; no-cache: the service worker keeps the offline copy, the browser asks the server each time. */
    @Get("/app")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> app() {
        return HttpResponse.ok(page).header("Cache-Control", "no-cache");
    }
}
