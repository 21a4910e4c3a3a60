package com.tanfang.account;

import com.tanfang.access.Role;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

@MappedEntity("app_user")
public record AppUser(
        @Id @GeneratedValue @Nullable Long id,
        String username,
        String displayName,
        String passwordHash,
        @TypeDef(type = DataType.STRING_ARRAY) String[] roles,
        @Nullable Long organizationId,
        boolean enabled,
        int tokenVersion,
        boolean mustChangePassword,
        @DateCreated @Nullable Instant createdAt,
        @Nullable Instant updatedAt) {

    public Set<Role> roleSet() {
        EnumSet<Role> set = EnumSet.noneOf(Role.class);
        Arrays.stream(roles).map(Role::valueOf).forEach(set::add);
        return set;
    }

    public boolean has(Role role) {
        return roleSet().contains(role);
    }

    public static String[] roleArray(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).toArray(String[]::new);
    }
}
