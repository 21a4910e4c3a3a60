package com.tanfang.account;

import com.tanfang.access.Role;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import com.tanfang.access.Caller;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.List;

/** User administration: ADMIN only. */
@Controller("/api/v1/users")
@Secured(Role.ADMIN_)
@Tag(name = "account")
public class UserController {
    private final Accounts accounts;

    public UserController(Accounts accounts) {
        this.accounts = accounts;
    }

    @Get
    public List<AccountDtos.UserView> list() {
        return accounts.list().stream().map(AccountDtos.UserView::of).toList();
    }

    @Get("/{id}")
    public AccountDtos.UserView get(long id) {
        return AccountDtos.UserView.of(accounts.get(id));
    }

    /** Creates a user; without a password one is generated, returned once, and must be changed at first login. */
    @Post
    public HttpResponse<AccountDtos.UserWithPassword> create(@Body @Valid AccountDtos.NewUser user) {
        return HttpResponse.created(accounts.create(user));
    }

    @Patch("/{id}")
    public AccountDtos.UserView change(long id, @Body @Valid AccountDtos.UserChange change, Caller caller) {
        return AccountDtos.UserView.of(accounts.change(id, change, caller.userId()));
    }

    /** A new one-time password, in this answer only; the user must change it at next login. */
    @Post("/{id}/password-reset")
    public AccountDtos.UserWithPassword resetPassword(long id, Caller caller) {
        return accounts.resetPassword(id, caller.userId());
    }
}
