package com.tanfang.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Refuses a token without an expiry: Micronaut's expiration check only looks at {@code exp} when it is there, so
 * a token minted without one (a leaked key, a bug) would be valid for ever. Ours always carry one.
 */
@Singleton
public class TokenExpiryRequired implements GenericJwtClaimsValidator<HttpRequest<?>> {
    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        return claims.get(Claims.EXPIRATION_TIME) != null;
    }
}
