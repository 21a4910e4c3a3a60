package com.tanfang.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Rejects a token whose user has since been disabled, or whose password or roles changed (the token version
 * moved on). One primary-key lookup per authenticated request buys immediate revocation.
 */
@Singleton
public class TokenStillValid implements GenericJwtClaimsValidator<HttpRequest<?>> {
    private final AppUserRepository users;

    public TokenStillValid(AppUserRepository users) {
        this.users = users;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        if (!(claims.get(SessionTokens.CLAIM_USER_ID) instanceof Number uid)
                || !(claims.get(SessionTokens.CLAIM_TOKEN_VERSION) instanceof Number version)) {
            return false;
        }
        return users.activeTokenVersion(uid.longValue()).map(v -> v == version.intValue()).orElse(false);
    }
}
