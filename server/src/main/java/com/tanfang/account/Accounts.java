package com.tanfang.account;

import com.tanfang.message.ConflictException;
import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Message;
import com.tanfang.message.NotFoundException;
import com.tanfang.access.Role;

import com.tanfang.site.OrganizationRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Account changes, with the rules that keep accounts consistent. */
@Singleton
public class Accounts {
    private final AppUserRepository users;
    private final OrganizationRepository organizations;
    private final Passwords passwords;

    private final Clock clock;

    public Accounts(AppUserRepository users, OrganizationRepository organizations, Passwords passwords, Clock clock) {
        this.clock = clock;
        this.users = users;
        this.organizations = organizations;
        this.passwords = passwords;
    }

    public AppUser get(long id) {
        return users.findById(id).orElseThrow(() -> NotFoundException.of("not_found.user", id));
    }

    public List<AppUser> list() {
        return users.listAll();
    }

    @Transactional
    public AccountDtos.UserWithPassword create(AccountDtos.NewUser req) {
        if (users.findByUsernameIgnoreCase(req.username()).isPresent()) {
            throw ConflictException.field("username", "user.username_taken");
        }
        checkOrganization(req.roles(), req.organizationId());
        String password = req.password() == null || req.password().isBlank() ? passwords.generate() : req.password();
        Passwords.weakness(password, req.username()).ifPresent(w -> {
            throw new InvalidException(List.of(new FieldProblem("password", w)));
        });
        AppUser saved = users.save(new AppUser(null, req.username().trim(), req.displayName().trim(),
                passwords.hash(password), AppUser.roleArray(req.roles()), req.organizationId(), true, 1,
                req.password() == null || req.password().isBlank(), null, clock.instant()));
        return new AccountDtos.UserWithPassword(AccountDtos.UserView.of(saved), password);
    }

    @Transactional
    public AppUser change(long id, AccountDtos.UserChange req, long actingUserId) {
        AppUser u = get(id);
        Set<Role> roles = req.roles() == null ? u.roleSet() : EnumSet.copyOf(nonEmpty(req.roles()));
        Long org = req.organizationId() == null ? u.organizationId() : req.organizationId();
        boolean enabled = req.enabled() == null ? u.enabled() : req.enabled();
        checkOrganization(roles, org);
        if (id == actingUserId && (!enabled || !roles.contains(Role.ADMIN))) {
            throw InvalidException.field(req.enabled() != null ? "enabled" : "roles", "user.self");
        }
        boolean revoke = !roles.equals(u.roleSet()) || enabled != u.enabled() || !java.util.Objects.equals(org, u.organizationId());
        return users.update(new AppUser(u.id(), u.username(),
                req.displayName() == null ? u.displayName() : req.displayName().trim(), u.passwordHash(),
                AppUser.roleArray(roles), org, enabled, revoke ? u.tokenVersion() + 1 : u.tokenVersion(),
                u.mustChangePassword(), u.createdAt(), clock.instant()));
    }

    /** Sets a generated one-time password that must be changed at next login; old sessions end. */
    @Transactional
    public AccountDtos.UserWithPassword resetPassword(long id) {
        AppUser u = get(id);
        String password = passwords.generate();
        AppUser saved = users.update(withPassword(u, passwords.hash(password), true));
        return new AccountDtos.UserWithPassword(AccountDtos.UserView.of(saved), password);
    }

    @Transactional
    public AppUser changeOwnPassword(long id, AccountDtos.PasswordChange req) {
        AppUser u = get(id);
        if (!passwords.matches(req.currentPassword(), u.passwordHash())) {
            throw InvalidException.field("currentPassword", "password.wrong");
        }
        if (req.newPassword().equals(req.currentPassword())) {
            throw InvalidException.field("newPassword", "password.same");
        }
        Passwords.weakness(req.newPassword(), u.username()).ifPresent(w -> {
            throw new InvalidException(List.of(new FieldProblem("newPassword", w)));
        });
        return users.update(withPassword(u, passwords.hash(req.newPassword()), false));
    }

    /** Ends every session of the user (logout everywhere). */
    @Transactional
    public void revokeSessions(long id) {
        AppUser u = get(id);
        users.update(withPassword(u, u.passwordHash(), u.mustChangePassword()));
    }

    private AppUser withPassword(AppUser u, String hash, boolean mustChange) {
        return new AppUser(u.id(), u.username(), u.displayName(), hash, u.roles(), u.organizationId(), u.enabled(),
                u.tokenVersion() + 1, mustChange, u.createdAt(), clock.instant());
    }

    private static Set<Role> nonEmpty(Set<Role> roles) {
        if (roles.isEmpty()) {
            throw InvalidException.field("roles", "user.roles_required");
        }
        return roles;
    }

    private void checkOrganization(Set<Role> roles, Long organizationId) {
        if (organizationId != null && !organizations.existsById(organizationId)) {
            throw InvalidException.field("organizationId", "user.no_such_organization", organizationId);
        }
        if (roles.contains(Role.CLIENT) && organizationId == null) {
            throw new InvalidException(Message.of("user.client_needs_organization"),
                    List.of(FieldProblem.of("organizationId", "user.client_organization_required")));
        }
    }
}
