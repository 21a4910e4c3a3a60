package com.tanfang.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling: the one shape every controller and service receives (bound from the session token by
 * {@link CallerBinder}). Object-level rules live in {@link Access}, not here.
 */
public record Caller(long userId, String username, Set<Role> roles, @Nullable Long organizationId) {
    /** Token claims the account package writes and this package reads. */
    public static final String CLAIM_USER_ID = "uid";
    public static final String CLAIM_ORGANIZATION = "org";

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    /** True when the caller sees only its own organisation: a CLIENT without a staff role that reads widely. */
    public boolean confinedToOwnOrganization() {
        return has(Role.CLIENT) && !has(Role.ADMIN) && !has(Role.LEAD) && !has(Role.AUDITOR);
    }

    /** The caller of a validated token; the token must carry a user id. */
    public static Caller of(Authentication authentication) {
        Object uid = authentication.getAttributes().get(CLAIM_USER_ID);
        if (!(uid instanceof Number id)) {
            throw new IllegalStateException("Token without user id");
        }
        Object org = authentication.getAttributes().get(CLAIM_ORGANIZATION);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Collection<String> names = authentication.getRoles();
        for (Role r : Role.values()) {
            if (names.contains(r.name())) {
                roles.add(r);
            }
        }
        return new Caller(id.longValue(), authentication.getName(), roles,
                org instanceof Number n ? n.longValue() : null);
    }
}
