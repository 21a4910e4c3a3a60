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
                               @NotBlank @Size(max = 200) String title,
                               @Nullable @Size(max = 200) String titleEn, @Nullable Long leadUserId,
                               @Nullable @Size(max = 20) List<@NotNull Long> auditorIds,
                               @Nullable @Min(1) @Max(3650) Integer retentionDays) {
    }

    @Serdeable
    public record ProjectView(EvaluationProject project, List<Long> memberIds, String schemeCode, String schemeTitleZh,
                              String schemeTitleEn) {
    }

    /**
     * What a project's page shows everyone who may open it, and all a CLIENT reads of it: titles, site(s), scheme,
     * evaluation type and a status. Never the team, the campaigns' internals, call-backs or responses. Released
     * results are added here by the evaluation issue (until then the page shows that none are released).
     */
    @Serdeable
    public record ProjectOverview(long id, String title, @Nullable String titleEn,
                                  EvaluationProject.EvaluationType evaluationType, List<SiteSummary> sites,
                                  String schemeCode, String schemeTitleZh, String schemeTitleEn, Status status) {
    }

    /** A site as the project's page names it. */
    @Serdeable
    public record SiteSummary(long id, String name, @Nullable String nameEn, @Nullable String address) {
    }

    /**
     * Where the project stands: RESULT_RELEASED (a signed-off result was released to the client), else from its
     * survey campaigns' windows: PLANNED (none opened yet), FIELDWORK (some open, or some still to open),
     * FIELDWORK_DONE (every campaign closed).
     */
    public enum Status { PLANNED, FIELDWORK, FIELDWORK_DONE, RESULT_RELEASED }

    /** A new team member. */
    @Serdeable
    public record MemberInput(@NotNull Long userId) {
    }

    /** One person on a project's team; {@code lead} marks the project's lead, who cannot be removed. */
    @Serdeable
    public record TeamMember(long userId, String username, String displayName, Set<Role> roles, boolean lead) {
    }
}
