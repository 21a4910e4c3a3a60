package com.tanfang.platform;

import com.tanfang.message.ForbiddenException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.ServerFilterPhase;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Double-submit CSRF protection for the web app, whose token travels in an HttpOnly cookie: any state-changing
 * request that carries the session cookie must echo the (readable) CSRF cookie in the X-CSRF-Token header.
 * API clients that send a Bearer header are not exposed to CSRF and are not checked.
 */
@ServerFilter("/api/**")
public class CsrfGuard implements Ordered {
    public static final String COOKIE = "TANFANG_CSRF";
    public static final String HEADER = "X-CSRF-Token";
    public static final String SESSION_COOKIE = "TANFANG_TOKEN";

    @RequestFilter
    public void check(HttpRequest<?> request) {
        HttpMethod m = request.getMethod();
        if (m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS) {
            return;
        }
        if (request.getCookies().findCookie(SESSION_COOKIE).isEmpty()) {
            return;
        }
        if (request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            // The cookie is then not read at all (SessionCookieReader), so the header alone authenticates or fails.
            return;
        }
        String expected = request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse(null);
        String given = request.getHeaders().get(HEADER);
        if (!matches(expected, given)) {
            throw ForbiddenException.of("problem.csrf");
        }
    }

    private static boolean matches(@Nullable String expected, @Nullable String given) {
        return expected != null && given != null && expected.length() >= 16
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int getOrder() {
        // Before the security filter, so a forged request is stopped before anything runs.
        return ServerFilterPhase.SECURITY.before();
    }
}
