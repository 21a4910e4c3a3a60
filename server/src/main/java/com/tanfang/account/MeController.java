package com.tanfang.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import com.tanfang.access.Caller;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** The signed-in user: who am I, change my password, log out everywhere. */
@Controller("/api/v1/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "account")
public class MeController {
    private final Accounts accounts;
    private final SessionTokens tokens;

    public MeController(Accounts accounts, SessionTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @Get
    public AccountDtos.Me me(Caller caller) {
        return AccountDtos.Me.of(accounts.get(caller.userId()));
    }

    /** Changes the password; the old sessions end and this one continues with a fresh token. */
    @Post("/password")
    public MutableHttpResponse<AccountDtos.BearerToken> changePassword(HttpRequest<?> request, Caller caller,
                                                                       @Body @Valid AccountDtos.PasswordChange change) {
        AppUser user = accounts.changeOwnPassword(caller.userId(), change);
        String token = tokens.issue(user);
        MutableHttpResponse<AccountDtos.BearerToken> response = HttpResponse.ok(new AccountDtos.BearerToken(
                token, "Bearer", tokens.expirationSeconds(), user.username(), user.roleSet()));
        if (request.getCookies().contains(com.tanfang.platform.CsrfGuard.SESSION_COOKIE)) {
            tokens.setCookies(request, response, token);
        }
        return response;
    }

    @Post("/logout-everywhere")
    public MutableHttpResponse<?> logoutEverywhere(HttpRequest<?> request, Caller caller) {
        accounts.revokeSessions(caller.userId());
        MutableHttpResponse<?> response = HttpResponse.noContent();
        tokens.clearCookies(request, response);
        return response;
    }
}
