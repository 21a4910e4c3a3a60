package com.tanfang.schemelibrary;

import com.tanfang.message.Message;
import com.tanfang.scheme.SchemeDocument;
import com.tanfang.scoring.Bonus;
import com.tanfang.scoring.Deduction;
import com.tanfang.scoring.Rating;
import com.tanfang.scoring.Veto;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Bodies and answers of the scheme API; documents travel as {@link SchemeDocument}. */
public final class SchemeDtos {
    private SchemeDtos() {
    }

    /** One version's metadata, with its document when exported. */
    @Serdeable
    public record VersionView(long id, int version, SchemeVersion.Status status, @Nullable String titleZh, @Nullable String titleEn,
                              Instant createdAt, @Nullable Long createdBy, @Nullable Instant publishedAt,
                              @Nullable Long publishedBy, @Nullable SchemeDocument document) {
        static VersionView of(SchemeVersion v, @Nullable SchemeDocument document) {
            return new VersionView(v.id(), v.version(), v.status(), v.titleZh(), v.titleEn(), v.createdAt(),
                    v.createdBy(), v.publishedAt(), v.publishedBy(), document);
        }
    }

    /** A row of the scheme list: titles of the newest version, the latest published version and the draft. */
    @Serdeable
    public record SchemeSummary(long id, String code, boolean builtIn, @Nullable String titleZh, @Nullable String titleEn,
                                @Nullable VersionView published, @Nullable VersionView draft) {
    }

    /** The export: a scheme with all its versions and their documents. */
    @Serdeable
    public record SchemeView(long id, String code, boolean builtIn, Instant createdAt, @Nullable Long createdBy,
                             List<VersionView> versions) {
    }

    /** Clone a version (default: the latest published one, else the draft) into a new scheme. */
    @Serdeable
    public record CloneInput(@NotBlank @Size(max = 100) String code, @Nullable @Size(max = 300) String titleZh,
                             @Nullable @Size(max = 300) String titleEn, @Nullable @Positive Integer version) {
    }

    /**
     * An item table (CSV text) with the scheme's code and titles, optionally its rules table (CSV text), a grade
     * table or pass/fail only; see {@code Schemes.importCsv}.
     */
    @Serdeable
    public record CsvImport(@NotBlank @Size(max = 1_000_000) String csv, @Nullable @Size(max = 64) String code,
                            @Nullable @Size(max = 300) String titleZh, @Nullable @Size(max = 300) String titleEn,
                            @Nullable BigDecimal fullMarks, @Nullable @Size(max = 64) String template,
                            @Nullable @Size(max = 1_000_000) String rules, @Nullable Boolean passFailOnly,
                            @Nullable @Size(max = 50) List<SchemeDocument.Grade> grades) {
    }

    /**
     * An uploaded item table as the file's bytes in base64 ({@code file}: XLSX, or CSV in UTF-8 / GB18030 / GBK /
     * UTF-16 with BOM), optionally a rules file ({@code rules}, CSV or XLSX), the encoding ({@code charset}) instead
     * of detecting it, and what {@link CsvImport} takes. See {@code Schemes.importTable}.
     */
    @Serdeable
    public record TableImport(@NotBlank @Size(max = 7_200_000) String file, @Nullable @Size(max = 300) String fileName,
                              @Nullable @Size(max = 3_000_000) String rules, @Nullable @Size(max = 300) String rulesName,
                              @Nullable @Size(max = 64) String code, @Nullable @Size(max = 300) String titleZh,
                              @Nullable @Size(max = 300) String titleEn, @Nullable BigDecimal fullMarks,
                              @Nullable @Size(max = 64) String template, @Nullable @Size(max = 16) String charset,
                              @Nullable Boolean passFailOnly, @Nullable @Size(max = 50) List<SchemeDocument.Grade> grades) {
    }

    /** A scheme made from an item table: the scheme (as {@link SchemeView}) and every default the import applied. */
    @Serdeable
    public record ImportResult(long id, String code, boolean builtIn, Instant createdAt, @Nullable Long createdBy,
                               List<VersionView> versions, List<Message> defaults) {
    }

    /**
     * A dry run: the answers of one or more raters (each naming its rater and optionally its visit; ratings of
     * bonus items name the bonus item), special deductions, a special bonus and vetoes entered by the team.
     */
    @Serdeable
    public record ScoreRequest(@Nullable @Size(max = 100_000) List<Rating> ratings, @Nullable @Size(max = 1000) List<Deduction> deductions,
                               @Nullable Bonus bonus, @Nullable @Size(max = 100) List<Veto> vetoes) {
    }
}
