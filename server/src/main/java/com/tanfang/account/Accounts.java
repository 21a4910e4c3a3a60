package com.tanfang.account;

import com.tanfang.message.ConflictException;
import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Message;
import com.tanfang.message.NotFoundException;
import com.tanfang.access.Role;

import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.Subject;
import com.tanfang.evidence.SubjectType;
import com.tanfang.platform.FirstStartLock;
import com.tanfang.site.OrganizationRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Account changes, with the rules that keep accounts consistent. */
@Singleton
public class Accounts {
    private final AppUserRepository users;
    private final OrganizationRepository organizations;
    private final Passwords passwords;
    private final EvidenceLog evidence;

    private final Clock clock;
    private final FirstStartLock firstStartLock;

    public Accounts(AppUserRepository users, OrganizationRepository organizations, Passwords passwords,
                    EvidenceLog evidence, Clock clock, FirstStartLock firstStartLock) {
        this.firstStartLock = firstStartLock;
        this.evidence = evidence;
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

    /**
     * Creates the {@code admin} account when no ADMIN exists, else nothing. The check and the insert share one
     * transaction under the first-start lock: two instances starting at once on an empty database would otherwise
     * both find no admin and the second fail its start on the duplicate username.
     */
    @Transactional
    public Optional<AccountDtos.UserWithPassword> createFirstAdmin(String password) {
        firstStartLock.holdUntilCommit(FirstStartLock.ADMIN);
        if (users.anyAdmin()) {
            return Optional.empty();
        }
        return Optional.of(create(new AccountDtos.NewUser("admin", "Administrator", EnumSet.of(Role.ADMIN), null,
                password)));
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

    /**
     * Changes a user's name, roles, organisation or enabled flag. Rules: a CLIENT needs an organisation; nobody
     * disables themselves; the last enabled ADMIN keeps the role (409), so the body never locks itself out. A change
     * of roles, organisation or enabled flag moves the token version on: the user's earlier tokens stop working
     * (401) and the next login carries the new roles. Every change is in the evidence log.
     */
    @Transactional
    public AppUser change(long id, AccountDtos.UserChange req, long actingUserId) {
        AppUser u = get(id);
        Set<Role> roles = req.roles() == null ? u.roleSet() : EnumSet.copyOf(nonEmpty(req.roles()));
        Long org = req.organizationId() == null ? u.organizationId() : req.organizationId();
        boolean enabled = req.enabled() == null ? u.enabled() : req.enabled();
        checkOrganization(roles, org);
        if (id == actingUserId && !enabled) {
            throw InvalidException.field("enabled", "user.self");
        }
        boolean staysAdmin = enabled && roles.contains(Role.ADMIN);
        if (u.enabled() && u.has(Role.ADMIN) && !staysAdmin && users.countOtherEnabledAdmins(id) == 0) {
            throw ConflictException.field(req.roles() != null ? "roles" : "enabled", "user.last_admin");
        }
        String displayName = req.displayName() == null ? u.displayName() : req.displayName().trim();
        boolean revoke = !roles.equals(u.roleSet()) || enabled != u.enabled() || !Objects.equals(org, u.organizationId());
        if (!revoke && displayName.equals(u.displayName())) {
            return u;
        }
        AppUser saved = users.update(new AppUser(u.id(), u.username(), displayName, u.passwordHash(),
                AppUser.roleArray(roles), org, enabled, revoke ? u.tokenVersion() + 1 : u.tokenVersion(),
                u.mustChangePassword(), u.createdAt(), clock.instant()));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("username", u.username());
        detail.put("rolesBefore", List.of(AppUser.roleArray(u.roleSet())));
        detail.put("rolesAfter", List.of(AppUser.roleArray(roles)));
        detail.put("organizationBefore", u.organizationId());
        detail.put("organizationAfter", org);
        detail.put("enabledBefore", u.enabled());
        detail.put("enabledAfter", enabled);
        detail.put("displayNameChanged", !displayName.equals(u.displayName()));
        detail.put("sessionsEnded", revoke);
        evidence.record(new Subject(SubjectType.USER, id), "user.changed", actingUserId, detail);
        return saved;
    }

    /**
     * Sets a generated one-time password that must be changed at next login; old sessions end. The password is in
     * this answer only (it is stored hashed); the evidence log records that a reset happened, never the password.
     */
    @Transactional
    public AccountDtos.UserWithPassword resetPassword(long id, long actingUserId) {
        AppUser u = get(id);
        String password = passwords.generate();
        AppUser saved = users.update(withPassword(u, passwords.hash(password), true));
        evidence.record(new Subject(SubjectType.USER, id), "user.password_reset", actingUserId,
                Map.of("username", u.username(), "mustChangePassword", true));
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
