package com.tanfang.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** The web app's session: the token goes into an HttpOnly SameSite cookie, with a CSRF cookie beside it. */
@Controller("/api/v1/session")
@Tag(name = "account")
public class SessionController {
    private final Authenticator authenticator;
    private final SessionTokens tokens;

    public SessionController(Authenticator authenticator, SessionTokens tokens) {
        this.authenticator = authenticator;
        this.tokens = tokens;
    }

    @Post
    @Secured(SecurityRule.IS_ANONYMOUS)
    public MutableHttpResponse<AccountDtos.Me> open(HttpRequest<?> request, @Body @Valid AccountDtos.Credentials credentials) {
        AppUser user = authenticator.authenticate(credentials.username(), credentials.password());
        MutableHttpResponse<AccountDtos.Me> response = HttpResponse.ok(AccountDtos.Me.of(user));
        tokens.setCookies(request, response, tokens.issue(user));
        return response;
    }

    @Delete
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public MutableHttpResponse<?> close(HttpRequest<?> request) {
        MutableHttpResponse<?> response = HttpResponse.noContent();
        tokens.clearCookies(request, response);
        return response;
    }
}
