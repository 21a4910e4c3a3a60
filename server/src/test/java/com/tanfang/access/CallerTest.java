package com.tanfang.access;

import io.micronaut.security.authentication.Authentication;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallerTest {
    @Test
    void isReadFromTheTokensClaims() {
        Caller c = Caller.of(Authentication.build("wang", List.of("CLIENT", "SOMETHING_ELSE"),
                Map.of(Caller.CLAIM_USER_ID, 7, Caller.CLAIM_ORGANIZATION, 3L)));
        assertEquals(7, c.userId());
        assertEquals("wang", c.username());
        assertEquals(Set.of(Role.CLIENT), c.roles(), "unknown role names are ignored");
        assertEquals(3L, c.organizationId());
        assertTrue(c.confinedToOwnOrganization());
        assertFalse(c.isAdmin());
    }

    @Test
    void staffHaveNoOrganisationAndAreNotConfinedToOne() {
        Caller lead = Caller.of(Authentication.build("li", List.of("LEAD", "AUDITOR"), Map.of(Caller.CLAIM_USER_ID, 2)));
        assertNull(lead.organizationId());
        assertTrue(lead.has(Role.AUDITOR));
        assertFalse(lead.confinedToOwnOrganization());
        assertTrue(new Caller(1, "root", EnumSet.of(Role.ADMIN), null).isAdmin());
        assertTrue(new Caller(5, "client-verifier", EnumSet.of(Role.CLIENT, Role.VERIFIER), 4L).confinedToOwnOrganization(),
                "a CLIENT who also calls back still reads only its own organisation");
        assertFalse(new Caller(6, "client-lead", EnumSet.of(Role.CLIENT, Role.LEAD), 4L).confinedToOwnOrganization());
    }

    @Test
    void aTokenWithoutAUserIdIsRefused() {
        assertThrows(IllegalStateException.class, () -> Caller.of(Authentication.build("x", List.of("LEAD"), Map.of())));
    }

    @Test
    void rolesAreACopy() {
        Set<Role> roles = EnumSet.of(Role.LEAD);
        Caller c = new Caller(1, "li", roles, null);
        roles.add(Role.ADMIN);
        assertFalse(c.isAdmin());
        assertTrue(new Caller(2, "nobody", Set.of(), null).roles().isEmpty());
    }
}
