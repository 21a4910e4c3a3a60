package com.tanfang.evaluation;

import com.tanfang.evaluation.reconciliation.ReconciliationDtos;
import com.tanfang.evaluation.finding.FindingDtos;
import com.tanfang.scheme.AnswerType;
import com.tanfang.scheme.Method;
import com.tanfang.scoring.ScoreResult;
import com.tanfang.visit.VisitMode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The evaluation sheet as the API sends it (server/docs/evaluation.md). */
public final class EvaluationDtos {
    private EvaluationDtos() {
    }

    /** Why the result is still provisional. */
    public enum Provisional {
        /** Some items have no evidence yet ({@link Sheet#missingCount}). */
        MISSING_ITEMS,
        /** The survey campaign that counts is still in its fieldwork window: its figures may still move. */
        SURVEY_IN_FIELDWORK
    }

    /**
     * @param provisional true until no item is missing and the counted campaign has closed
     * @param items       every item of the pinned scheme version in scheme order, then the bonus items
     * @param result      the live result: the sheet's ratings through the scoring engine with the scheme's rules
     * @param hiddenVisits approved visits left out for this caller by the blind rule (it rates the other copy of a
     *                     two-rater visit not yet submitted); 0 for the lead and ADMIN
     * @param notApplicableDecisions the lead's current N/A decisions with their justifications (the items leave the
     *                     denominator whatever the raters said)
     * @param adjustments  the current special deductions, special bonus and awarded bonus items, as the engine took them
     * @param signOff      the sign-off state (revision, state, hashes; {@link SignOffState}); not part of the signed
     *                     snapshot (neither is {@code computedAt})
     */
    @Serdeable
    public record Sheet(long projectId, String title, @Nullable String titleEn, long schemeVersionId,
                        String schemeCode, String schemeTitleZh, String schemeTitleEn, boolean provisional,
                        List<Provisional> provisionalReasons, int missingCount, int approvedVisits,
                        int hiddenVisits, SurveySource survey, List<ItemRow> items, ScoreResult result, Instant computedAt,
                        List<FindingDtos.NaDecisionView> notApplicableDecisions,
                        List<FindingDtos.AdjustmentView> adjustments,
                        @Nullable SignOffState signOff) {
        /** The same sheet with its sign-off state. */
        public Sheet withSignOff(@Nullable SignOffState state) {
            return new Sheet(projectId, title, titleEn, schemeVersionId, schemeCode, schemeTitleZh, schemeTitleEn,
                    provisional, provisionalReasons, missingCount, approvedVisits, hiddenVisits, survey, items, result,
                    computedAt, notApplicableDecisions, adjustments, state);
        }
    }

    /** Where the evaluation's current revision stands (server/docs/evaluation.md, "Sign-off"). */
    public enum EvaluationState {
        /** Open: the sheet is live and may still change. */
        IN_PROGRESS,
        /** The lead signed it off: its snapshot and SHA-256 are stored; writes to the evaluation are refused. */
        SIGNED_OFF,
        /** Signed off and released to the CLIENT of the evaluated organisation. */
        RELEASED
    }

    /**
     * The evaluation's sign-off state as the sheet reports it.
     *
     * @param revision            the current revision's number (1 until a revision is opened)
     * @param signedSha256        the current revision's stored snapshot hash (null while in progress)
     * @param liveSha256          the SHA-256 of the sheet as it stands now, in the snapshot's canonical form: what a
     *                            sign-off of this very sheet stores (the sign-off screen sends it back as its
     *                            confirmation); null when it was not computed (in progress on the sheet route)
     * @param changedSinceSignOff signed off, and the live sheet no longer hashes to the signed snapshot (a visit
     *                            approved or withdrawn since): a new revision is needed to sign the change
     * @param releasedRevision    the revision the CLIENT sees ({@code GET /projects/{id}/result}); null before any release
     */
    @Serdeable
    public record SignOffState(int revision, EvaluationState state, @Nullable String signedSha256,
                               @Nullable Instant signedAt, @Nullable String signedBy, @Nullable String liveSha256,
                               boolean changedSinceSignOff, @Nullable Integer releasedRevision) {
    }

    /**
     * Which survey campaign counts (the latest closed one; with none closed, the latest opened one, still in
     * fieldwork; with none opened, none). {@code campaigns}: how many the project has.
     */
    @Serdeable
    public record SurveySource(@Nullable Long campaignId, @Nullable String titleZh, @Nullable String titleEn,
                               @Nullable Instant opensAt, @Nullable Instant closesAt, boolean closed, int campaigns,
                               long responses) {
    }

    /**
     * One item of the scheme with its evidence. {@code missing}: no evidence at all yet (the engine counts it as 0
     * and marks the result incomplete). {@code laterMethods}: the item's methods whose evidence the sheet does not
     * read (none since management audits and capability verifications are visit modes; kept for the screen). {@code differences}: the
     * pairs of a two-rater plan beyond tolerance, and any reconciled pair (both ratings, gap, the confirmed rating
     * with reason, who and when); {@code toReconcile}: a pair beyond tolerance has no confirmed rating yet.
     */
    @Serdeable
    public record ItemRow(String name, String clause, @Nullable String code, @Nullable String partKey,
                          @Nullable String groupClause, boolean bonus, String textZh, String textEn,
                          BigDecimal points, List<Method> methods, AnswerType answerType, boolean notApplicableAllowed,
                          List<VisitRating> ratings, @Nullable SurveyEvidence survey, boolean missing,
                          List<Method> laterMethods, List<ReconciliationDtos.Pair> differences,
                          boolean toReconcile) {
    }

    /**
     * A rating from an approved visit's current answer: the rater is the visit's shopper or auditor; {@code value}
     * as stored (Likert 1..5, yes 1 / no 0, percent, a measured value), {@code photoIds} the visit's photos of
     * the item.
     */
    @Serdeable
    public record VisitRating(long answerId, long visitId, VisitMode mode, @Nullable Long raterUserId,
                              String rater, @Nullable String raterName, @Nullable BigDecimal value,
                              boolean notApplicable, @Nullable String notApplicableReason, @Nullable String note,
                              List<Long> photoIds) {
    }

    /**
     * The customer survey's figure for the item's question, exactly as the campaign's results screen shows it
     * (merged online + face-to-face, after exclusions and call-back denials): score 0..100 with its 95 % interval
     * and the number of answers in it. {@code coefficient} = exact score / 100, what the engine receives.
     */
    @Serdeable
    public record SurveyEvidence(long campaignId, long questionId, @Nullable BigDecimal score,
                                 @Nullable BigDecimal scoreLow, @Nullable BigDecimal scoreHigh, long answered,
                                 long dontKnows, long notApplicable, @Nullable String coefficient) {
    }
}
