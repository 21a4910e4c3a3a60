package com.tanfang.project;

import com.tanfang.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Set;

public final class ProjectDtos {
    private ProjectDtos() {
    }

    @Serdeable
    public record ProjectInput(@NotNull Long organizationId, @NotNull Long siteId, @NotNull Long schemeVersionId,
                               @NotNull EvaluationProject.EvaluationType evaluationType,
                               @NotBlank @Size(max = 200) String title, @Nullable Long leadUserId,
                               @Nullable @Size(max = 20) List<@NotNull Long> auditorIds,
                               @Nullable @Min(1) @Max(3650) Integer retentionDays) {
    }

    @Serdeable
    public record ProjectView(EvaluationProject project, List<Long> memberIds, String schemeCode, String schemeTitleZh,
                              String schemeTitleEn) {
    }

    /** A new team member. */
    @Serdeable
    public record MemberInput(@NotNull Long userId) {
    }

    /** One person on a project's team; {@code lead} marks the project's lead, who cannot be removed. */
    @Serdeable
    public record TeamMember(long userId, String username, String displayName, Set<Role> roles, boolean lead) {
    }
}
