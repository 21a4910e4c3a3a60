package com.tanfang.account;

import com.tanfang.platform.CsrfGuard;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Reads the web app's session token from its HttpOnly cookie. Micronaut's own cookie reader only exists in
 * cookie authentication mode, and we run in bearer mode so that {@code POST /login} answers API clients.
 */
@Singleton
public class SessionCookieReader implements TokenReader<HttpRequest<?>> {
    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        // An Authorization header, even a junk one, is the only credential looked at: otherwise a junk Bearer would
        // fail quietly while the cookie authenticated, and the CSRF check (skipped for Bearer callers) stepped aside.
        if (request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return Optional.empty();
        }
        return request.getCookies().findCookie(CsrfGuard.SESSION_COOKIE).map(Cookie::getValue).filter(v -> !v.isBlank());
    }

    @Override
    public int getOrder() {
        // After the Authorization header: an explicit Bearer token wins over a cookie.
        return 100;
    }
}
