package com.tanfang.account;

import com.tanfang.access.Role;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Set;

/** The staff a project team can be formed from (leads, auditors, shoppers, verifiers): names and roles only. */
@Controller("/api/v1/staff")
@Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
@Tag(name = "account")
public class StaffController {
    private final Accounts accounts;

    public StaffController(Accounts accounts) {
        this.accounts = accounts;
    }

    @Serdeable
    public record StaffMember(long id, String displayName, Set<Role> roles) {
    }

    @Get
    public List<StaffMember> list() {
        return accounts.list().stream().filter(AppUser::enabled)
                .filter(u -> u.has(Role.LEAD) || u.has(Role.AUDITOR) || u.has(Role.SHOPPER) || u.has(Role.VERIFIER))
                .map(u -> new StaffMember(u.id(), u.displayName(), u.roleSet())).toList();
    }
}
