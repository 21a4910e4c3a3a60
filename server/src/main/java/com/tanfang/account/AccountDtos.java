package com.tanfang.account;

import com.tanfang.access.Role;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Set;

/** Request and response bodies of the account API. */
public final class AccountDtos {
    private AccountDtos() {
    }

    @Serdeable
    public record Credentials(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 200) String password) {
    }

    @Serdeable
    public record BearerToken(String access_token, String token_type, int expires_in, String username, Set<Role> roles) {
    }

    @Serdeable
    public record Me(long id, String username, String displayName, Set<Role> roles, @Nullable Long organizationId,
                     boolean mustChangePassword) {
        static Me of(AppUser u) {
            return new Me(u.id(), u.username(), u.displayName(), u.roleSet(), u.organizationId(), u.mustChangePassword());
        }
    }

    @Serdeable
    public record PasswordChange(@NotBlank @Size(max = 200) String currentPassword, @NotBlank @Size(max = 200) String newPassword) {
    }

    @Serdeable
    public record UserView(long id, String username, String displayName, Set<Role> roles, @Nullable Long organizationId,
                           boolean enabled, boolean mustChangePassword) {
        static UserView of(AppUser u) {
            return new UserView(u.id(), u.username(), u.displayName(), u.roleSet(), u.organizationId(), u.enabled(),
                    u.mustChangePassword());
        }
    }

    @Serdeable
    public record NewUser(
            @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+",
                    message = "may contain only letters, digits, dot, underscore and hyphen") String username,
            @NotBlank @Size(max = 100) String displayName,
            @NotEmpty Set<Role> roles,
            @Nullable Long organizationId,
            @Nullable @Size(max = 200) String password) {
    }

    @Serdeable
    public record UserChange(@Nullable @Size(min = 1, max = 100) String displayName, @Nullable Set<Role> roles,
                             @Nullable Long organizationId, @Nullable Boolean enabled) {
    }

    /** A user with the password that was just set; the only time a password is ever shown. */
    @Serdeable
    public record UserWithPassword(UserView user, String password) {
    }
}
