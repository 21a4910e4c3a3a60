package com.tanfang.report.audit;

import com.tanfang.project.EvaluationProject;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;

/** The audit report's narrative over the API (server/docs/reports.md, "The narrative"). */
public final class NarrativeDtos {
    public static final int TEXT_MAX = 4000;
    public static final int LINE_MAX = 1000;
    public static final int NAME_MAX = 100;

    private NarrativeDtos() {
    }

    /**
     * What the lead saves for one revision. Blank texts are allowed while drafting; generating the report needs a
     * conclusion. {@code expectedVersion}: the version the form was loaded at (409 when someone saved since); null
     * for the first save of the revision.
     */
    @Serdeable
    public record NarrativeInput(@NotNull @Min(1) @Max(10000) Integer revision,
                                 @NotNull EvaluationProject.EvaluationType auditType,
                                 @Nullable @Size(max = LINE_MAX) String purpose,
                                 @Nullable @Size(max = LINE_MAX) String scope,
                                 @Nullable @Size(max = TEXT_MAX) String strengths,
                                 @Nullable @Size(max = TEXT_MAX) String improvements,
                                 @Nullable @Size(max = TEXT_MAX) String conclusion,
                                 @NotNull Boolean recommend,
                                 @Nullable @Size(max = NAME_MAX) String author,
                                 @Nullable @Size(max = NAME_MAX) String reviewer,
                                 @Nullable LocalDate reportDate,
                                 @Nullable @Min(1) Integer expectedVersion) {
    }

    /**
     * The narrative of a revision as the form reads it. {@code stored}: saved for this revision (else a copy of
     * {@code copiedFromRevision}'s, or the defaults when no revision has one); {@code frozen}: an audit report of
     * this revision is stored, so saving is refused; {@code mayEdit}: the caller is the project's lead and it is
     * not frozen; {@code signed}: the revision is signed off (a report can be generated from it).
     */
    @Serdeable
    public record NarrativeView(long projectId, int revision, int currentRevision, boolean signed, boolean stored,
                                @Nullable Integer copiedFromRevision, boolean frozen, boolean mayEdit,
                                EvaluationProject.EvaluationType auditType, String purpose, String scope,
                                String strengths, String improvements, String conclusion, boolean recommend,
                                String author, String reviewer, @Nullable LocalDate reportDate, int version,
                                @Nullable Instant updatedAt, @Nullable String updatedByName) {
    }
}
