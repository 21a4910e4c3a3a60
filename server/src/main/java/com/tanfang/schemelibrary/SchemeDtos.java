package com.tanfang.schemelibrary;

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

    /** An item table (CSV text) with the scheme's code and titles; see {@code Schemes.importCsv}. */
    @Serdeable
    public record CsvImport(@NotBlank @Size(max = 1_000_000) String csv, @Nullable @Size(max = 64) String code,
                            @Nullable @Size(max = 300) String titleZh, @Nullable @Size(max = 300) String titleEn,
                            @Nullable BigDecimal fullMarks, @Nullable @Size(max = 64) String template) {
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
