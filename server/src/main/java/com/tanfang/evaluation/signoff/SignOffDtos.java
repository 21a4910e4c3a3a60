package com.tanfang.evaluation.signoff;

import com.tanfang.evaluation.EvaluationDtos;
import com.tanfang.message.Message;
import com.tanfang.scheme.GradeTable;
import com.tanfang.scoring.Fraction;
import com.tanfang.scoring.ScoreResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Sign-off, revisions, release and the client's result as the API sends them (server/docs/evaluation.md). */
public final class SignOffDtos {
    private SignOffDtos() {
    }

    /**
     * The lead's confirmation: the SHA-256 of the sheet its screen showed ({@code signOff.liveSha256} of
     * {@code GET .../evaluation/sign-off}); a sheet that changed since is refused (409), never signed unseen.
     */
    @Serdeable
    public record SignOffInput(@NotBlank @Size(max = 64) @Pattern(regexp = "[0-9a-f]{64}") String expectedSha256) {
    }

    /** Why a new revision is opened (kept with it and in the evidence log). */
    @Serdeable
    public record RevisionInput(@NotBlank @Size(max = 1000) String reason) {
    }

    /** The figures about to be signed (or signed): total, grade, pass/fail and its reasons. */
    @Serdeable
    public record Figures(@Nullable Fraction fullMarks, @Nullable Fraction total, @Nullable String printedTotal,
                          @Nullable Fraction percentage, @Nullable GradeTable.Level grade, boolean passed,
                          List<ScoreResult.FailReason> failReasons) {
        static Figures of(ScoreResult r) {
            return new Figures(r.fullMarks(), r.total(), r.printedTotal(), r.percentage(), r.grade(), r.passed(),
                    r.failReasons());
        }
    }

    /**
     * The sign-off screen's data: where the evaluation stands, the live sheet's figures and hash (what a sign-off
     * now would store), what blocks a sign-off, the revisions, and whether the caller may act (the project's lead).
     */
    @Serdeable
    public record Overview(long projectId, EvaluationDtos.SignOffState state, String liveSha256, Figures figures,
                           boolean provisional, List<EvaluationDtos.Provisional> provisionalReasons, int missingCount,
                           List<RevisionView> revisions, boolean mayAct) {
    }

    /** One revision: its number, state, hash, who opened, signed and released it, when, and why it was opened. */
    @Serdeable
    public record RevisionView(int number, EvaluationDtos.EvaluationState state, @Nullable String sha256,
                               Instant openedAt, @Nullable String openedBy, @Nullable String reason,
                               @Nullable Instant signedAt, @Nullable String signedBy, @Nullable Instant releasedAt,
                               @Nullable String releasedBy) {
    }

    /**
     * A stored revision: {@code snapshot} the canonical text exactly as stored and hashed (parse it for the sheet),
     * {@code sha256} as stored, {@code recomputedSha256} the hash of the text just read, {@code verified} whether
     * they agree. Null snapshot: the revision is not signed off.
     */
    @Serdeable
    public record RevisionSnapshot(RevisionView revision, @Nullable String snapshot, @Nullable String sha256,
                                   @Nullable String recomputedSha256, boolean verified) {
    }

    // ---- the client's view: an allow-list projection of the released snapshot (ClientView) ----

    /** An exact figure as every figure of the API: the fraction and its display text. */
    @Serdeable
    public record Figure(@Nullable String exact, @Nullable String display) {
    }

    /**
     * The released result as the evaluated organisation reads it. Nothing in it names a rater, a visit, a script or
     * a respondent: see {@link ClientView} for the allow-list.
     */
    @Serdeable
    public record ClientResult(long projectId, String title, @Nullable String titleEn, String schemeCode,
                               @Nullable String schemeTitleZh, @Nullable String schemeTitleEn, int revision,
                               String sha256, @Nullable Instant signedAt, @Nullable Instant releasedAt,
                               @Nullable Figure fullMarks, @Nullable Figure total, @Nullable String printedTotal,
                               @Nullable Figure percentage, @Nullable Grade grade, boolean passed,
                               List<Message> failReasons, List<PartScore> parts, List<ItemLine> items,
                               @Nullable SurveyCampaign survey, List<Map<String, Object>> findings) {
    }

    @Serdeable
    public record Grade(@Nullable String key, @Nullable String nameZh, @Nullable String nameEn) {
    }

    /** A part's score, radar-ready: score of full marks and the percentage. */
    @Serdeable
    public record PartScore(String key, @Nullable String titleZh, @Nullable String titleEn, boolean evaluated,
                            @Nullable Figure score, @Nullable Figure fullMarks, @Nullable Figure percentage,
                            @Nullable Boolean passed) {
    }

    /**
     * One row of the item table. {@code notApplicableReasons}: the justifications of an N/A item (open-visit
     * reasons only: a covert shopper's note could tell the provider about the visit). Survey figures for survey items.
     */
    @Serdeable
    public record ItemLine(String name, @Nullable String clause, @Nullable String code, @Nullable String partKey,
                           @Nullable String groupClause, boolean bonus, @Nullable String textZh, @Nullable String textEn,
                           @Nullable String points, @Nullable String status, @Nullable Figure score,
                           @Nullable Figure percentage, boolean notApplicable, List<String> notApplicableReasons,
                           @Nullable String surveyScore, @Nullable String surveyScoreLow, @Nullable String surveyScoreHigh,
                           @Nullable Long surveyAnswered) {
    }

    /** The campaign whose answers counted: titles, close and the number of responses (no respondent data). */
    @Serdeable
    public record SurveyCampaign(@Nullable String titleZh, @Nullable String titleEn, @Nullable String closesAt,
                                 @Nullable Long responses) {
    }
}
