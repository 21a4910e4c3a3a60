package com.tanfang.account;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Token login for API clients: {@code POST /login} returns a Bearer token. */
@Controller("/login")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "account")
public class LoginController {
    private final Authenticator authenticator;
    private final SessionTokens tokens;

    public LoginController(Authenticator authenticator, SessionTokens tokens) {
        this.authenticator = authenticator;
        this.tokens = tokens;
    }

    @Post
    public AccountDtos.BearerToken login(@Body @Valid AccountDtos.Credentials credentials) {
        AppUser user = authenticator.authenticate(credentials.username(), credentials.password());
        return new AccountDtos.BearerToken(tokens.issue(user), "Bearer", tokens.expirationSeconds(), user.username(),
                user.roleSet());
    }
}
