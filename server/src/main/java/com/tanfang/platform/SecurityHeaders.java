package com.tanfang.platform;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Security headers on every response. Pages that set their own Content-Security-Policy (the respondent's survey
 * page, which needs inline style and nothing else) keep it; everything else, the staff app above all, gets a
 * policy that allows only our own scripts, styles, images and API calls, and no framing anywhere.
 */
@ServerFilter("/**")
public class SecurityHeaders {
    /**
     * Scripts only from our origin (the app is ES modules, no inline script); styles from our origin plus inline
     * style attributes, which the UI helper sets; images from our origin, data: and blob: (previews of photos taken
     * on the device before they are uploaded).
     */
    static final String STAFF_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    @ResponseFilter
    public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpHeaders h = response.getHeaders();
        if (!h.contains("Content-Security-Policy")) {
            h.set("Content-Security-Policy", STAFF_CSP);
        }
        if (!h.contains("X-Content-Type-Options")) {
            h.set("X-Content-Type-Options", "nosniff");
        }
        if (!h.contains("X-Frame-Options")) {
            h.set("X-Frame-Options", "DENY");
        }
        if (!h.contains("Referrer-Policy")) {
            // same-origin, not no-referrer: with no-referrer Chrome posts "Origin: null", which the CSRF/CORS checks refuse.
            h.set("Referrer-Policy", "same-origin");
        }
    }
}
