package com.tanfang.report.audit;

import com.tanfang.project.EvaluationProject;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;

/** One stored narrative row (V20 {@code audit_report_narrative}): the lead's texts for one revision's report. */
public record Narrative(long projectId, int revision, EvaluationProject.EvaluationType auditType, String purpose,
                        String scope, String strengths, String improvements, String conclusion, boolean recommend,
                        String author, String reviewer, @Nullable LocalDate reportDate, int version,
                        @Nullable Instant updatedAt, @Nullable Long updatedBy, @Nullable String updatedByName) {
}
