package com.tanfang.account;

import com.tanfang.platform.ClientAddresses;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;

import com.tanfang.platform.CsrfGuard;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Issues signed session tokens (JWT) and sets or clears the web app's cookies. */
@Singleton
public class SessionTokens {
    public static final String CLAIM_USER_ID = Caller.CLAIM_USER_ID;
    public static final String CLAIM_TOKEN_VERSION = "tv";
    public static final String CLAIM_ORGANIZATION = Caller.CLAIM_ORGANIZATION;
    /** Present (true) while the user must replace a one-time password; see {@link PasswordChangeFirst}. */
    public static final String CLAIM_PASSWORD_CHANGE_REQUIRED = "pcr";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final TokenGenerator generator;
    private final int expirationSeconds;
    private final ClientAddresses addresses;

    public SessionTokens(TokenGenerator generator, ClientAddresses addresses,
                         @Value("${micronaut.security.token.jwt.generator.access-token.expiration:3600}") int expirationSeconds) {
        this.generator = generator;
        this.addresses = addresses;
        this.expirationSeconds = expirationSeconds;
    }

    public int expirationSeconds() {
        return expirationSeconds;
    }

    public String issue(AppUser user) {
        List<String> roles = user.roleSet().stream().map(Role::name).toList();
        Map<String, Object> claims = new java.util.HashMap<>();
        claims.put(CLAIM_USER_ID, user.id());
        claims.put(CLAIM_TOKEN_VERSION, user.tokenVersion());
        if (user.organizationId() != null) {
            claims.put(CLAIM_ORGANIZATION, user.organizationId());
        }
        if (user.mustChangePassword()) {
            claims.put(CLAIM_PASSWORD_CHANGE_REQUIRED, true);
        }
        Authentication auth = Authentication.build(user.username(), roles, claims);
        return generator.generateToken(auth, expirationSeconds)
                .orElseThrow(() -> new IllegalStateException("The token generator produced no token"));
    }

    public void setCookies(HttpRequest<?> request, MutableHttpResponse<?> response, String token) {
        byte[] csrf = new byte[24];
        RANDOM.nextBytes(csrf);
        response.cookie(cookie(request, CsrfGuard.SESSION_COOKIE, token, true, expirationSeconds));
        response.cookie(cookie(request, CsrfGuard.COOKIE,
                Base64.getUrlEncoder().withoutPadding().encodeToString(csrf), false, expirationSeconds));
    }

    public void clearCookies(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.cookie(cookie(request, CsrfGuard.SESSION_COOKIE, "", true, 0));
        response.cookie(cookie(request, CsrfGuard.COOKIE, "", false, 0));
    }

    private Cookie cookie(HttpRequest<?> request, String name, String value, boolean httpOnly, long maxAge) {
        return Cookie.of(name, value).path("/").httpOnly(httpOnly).sameSite(SameSite.Strict)
                .secure(addresses.overTls(request)).maxAge(Duration.ofSeconds(maxAge));
    }
}
