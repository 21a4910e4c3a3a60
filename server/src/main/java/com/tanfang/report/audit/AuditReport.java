package com.tanfang.report.audit;

import com.tanfang.document.pdf.DocumentFrame;
import com.tanfang.document.pdf.DocumentText;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The audit report (审核报告) as the template {@code report/audit.jte} prints it, built by {@link AuditReportModel}
 * from a signed revision's snapshot, the project's facts and the lead's narrative (server/docs/reports.md, "The
 * report's sections", BRIEF section 5). Every figure is already formatted and every label comes from the server
 * bundles through {@link #t}, so the template only lays out. Nothing here names a rater, a visit or a scenario:
 * the report is handed to the client.
 */
public record AuditReport(DocumentText t, DocumentFrame frame, Cover cover, List<String> team, Basic basic,
                          List<PartMethods> methods, Results results, @Nullable String radarDataUri,
                          List<GradeRow> grades, Narrative narrative, List<FindingLine> nonconformities,
                          List<FindingLine> improvements, Signature signature) {

    /** The cover: certification body, title, scheme with version, organisation, project number, audit type. */
    public record Cover(String certificationBody, String title, String projectTitle, String scheme,
                        String organization, String projectNumber, String auditType, String revision) {
    }

    /** Basic information: who, where, why, against what, when, by whom. */
    public record Basic(String organization, String address, String contact, List<String> sites, String purpose,
                        String criteria, String scope, String onSiteDates, String onSiteDays,
                        List<TeamRow> team) {
    }

    public record TeamRow(String name, String role) {
    }

    /** The modes and methods used in a part: each method with the number of its items. */
    public record PartMethods(String part, List<String> methods) {
    }

    /**
     * Results: the overall figures, each part with its item table, the pro-rating arithmetic, special deductions
     * and bonus.
     */
    public record Results(String total, String fullMarks, String percentage, String grade, String verdict,
                          List<String> failReasons, List<PartBlock> parts, List<Row> bonusItems,
                          List<String> arithmetic, List<AdjustmentLine> deductions, List<AdjustmentLine> bonuses,
                          String averaging) {
    }

    /** A part: full marks, actual score, percentage, and its rows (group headings and items). */
    public record PartBlock(String title, String fullMarks, String score, String percentage, String arithmetic,
                            List<Row> rows) {
    }

    /**
     * One row of an item table: a group heading ({@code group} true: clause, title and the group's score) or an
     * item (clause | item | what was checked | points | code | score % | actual score). {@code notApplicable}: the
     * item is 不涉及, {@code justification} says why.
     */
    public record Row(boolean group, String clause, String item, String checked, String points, String code,
                      String percent, String score, boolean notApplicable, @Nullable String justification) {
    }

    /** A special deduction or bonus: what, where, how many points. */
    public record AdjustmentLine(String kind, String where, String count, String points, String reason) {
    }

    /** A grade of the scheme's table; {@code achieved} marks the one reached. */
    public record GradeRow(String name, String minimum, String conditions, boolean achieved) {
    }

    /** The lead's texts, each as paragraphs, and the recommendation sentence. */
    public record Narrative(List<String> strengths, List<String> improvements, List<String> conclusion,
                            String recommendation) {
    }

    /** A nonconformity or improvement item issued by the sign-off: kind/severity, clause, item, text, deadline. */
    public record FindingLine(String label, String clause, String item, String text, String deadline) {
    }

    /** Author, reviewer, date, and the revision with its snapshot hash. */
    public record Signature(String author, String reviewer, String date, String revision, String sha256) {
    }
}
