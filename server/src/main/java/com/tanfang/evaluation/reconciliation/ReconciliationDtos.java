package com.tanfang.evaluation.reconciliation;

import com.tanfang.agreement.Coefficient;
import com.tanfang.scheme.AnswerType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Reconciliations and agreement as the API sends them (server/docs/evaluation.md). */
public final class ReconciliationDtos {
    private ReconciliationDtos() {
    }

    /**
     * The lead's confirmed rating of one item of one two-rater plan: {@code value} on the item's answer type, or
     * {@code notApplicable} with its reason; {@code reason} (why this value) always. {@code firstAnswerId} /
     * {@code secondAnswerId}: optional, the answers the lead looked at (409 when they changed meanwhile).
     */
    @Serdeable
    public record ConfirmInput(@Nullable String itemCode, @Nullable Long planId, @Nullable Long firstAnswerId,
                               @Nullable Long secondAnswerId, @Nullable BigDecimal value,
                               @Nullable Boolean notApplicable, @Nullable String notApplicableReason,
                               @Nullable String reason) {
    }

    /** A stored reconciliation; {@code supersededAt}/{@code supersededBy} set once a later one replaced it. */
    @Serdeable
    public record Confirmed(long id, long planId, String itemCode, long firstAnswerId, long secondAnswerId,
                            @Nullable BigDecimal value, boolean notApplicable, @Nullable String notApplicableReason,
                            String reason, long decidedBy, @Nullable String decidedByName, Instant decidedAt,
                            @Nullable Instant supersededAt, @Nullable Long supersededBy) {
    }

    /** One rater's side of a pair: the current answer of its approved copy of the plan. */
    @Serdeable
    public record Side(long answerId, long visitId, long planId, String itemCode, @Nullable Long raterUserId, String rater,
                       @Nullable String raterName, @Nullable BigDecimal value, boolean notApplicable,
                       @Nullable String notApplicableReason) {
    }

    /**
     * The two copies' ratings of one item of a two-rater plan (first = the copy with the lower visit id).
     * {@code gap}: |first - second| in the item's units (none when one is N/A); {@code beyondTolerance}: flagged
     * for reconciliation; {@code reconciliation}: the current confirmed rating of exactly these two answers, if any
     * (one recorded on answers since replaced does not apply: the pair is to reconcile again).
     */
    @Serdeable
    public record Pair(long planId, String itemCode, Side first, Side second, @Nullable BigDecimal gap,
                       BigDecimal tolerance, boolean beyondTolerance, @Nullable Confirmed reconciliation) {
        public boolean differ() {
            return first.notApplicable() != second.notApplicable() || (!first.notApplicable()
                    && first.value().compareTo(second.value()) != 0);
        }
    }

    /** Which grouping a line of the agreement statistics is. */
    public enum Level {
        PROJECT, PART, RATER_PAIR
    }

    /** A share in percent (0..100, one decimal) with its 95 % Wilson interval. */
    @Serdeable
    public record Share(long agreeing, long pairs, BigDecimal percent, BigDecimal low, BigDecimal high) {
    }

    /** A coefficient with its 95 % interval, or why it is undefined. */
    @Serdeable
    public record Statistic(Coefficient.Kind kind, @Nullable Double value, @Nullable Double standardError,
                            @Nullable Double low, @Nullable Double high, @Nullable Coefficient.Undefined undefined) {
    }

    /**
     * The statistics of one group (the whole project, a part, or a rater pair) on one answer type.
     * {@code statistic}: kappa (quadratic-weighted on ordered scales, Cohen's on yes/no), or Gwet's AC2/AC1 where
     * kappa is undefined; {@code gwet}: Gwet's coefficient always.
     */
    @Serdeable
    public record Group(Level level, @Nullable String partKey, @Nullable String partTitleZh,
                        @Nullable String partTitleEn, @Nullable String firstRater, @Nullable String firstRaterName,
                        @Nullable String secondRater, @Nullable String secondRaterName, AnswerType answerType,
                        BigDecimal tolerance, int pairs, int rated, int bothNotApplicable,
                        int notApplicableAgainstValue, @Nullable Share withinTolerance, @Nullable Share exact,
                        @Nullable Statistic statistic, @Nullable Statistic gwet) {
    }

    /** One difference between the raters (any, not only beyond tolerance), with its item and whether reconciled. */
    @Serdeable
    public record DifferenceRow(String itemCode, @Nullable String partKey, String textZh, String textEn,
                                AnswerType answerType, Pair pair) {
    }

    /** How often a rater's paired ratings were changed by a reconciliation (agreement.ChangeRate). */
    @Serdeable
    public record RaterChange(String rater, @Nullable String raterName, long ratings, long changed,
                              BigDecimal percent, BigDecimal low, BigDecimal high) {
    }

    /** {@code GET /projects/{id}/evaluation/agreement}. */
    @Serdeable
    public record Report(long projectId, int twoRaterPlans, int pairs, int beyondTolerance, int reconciled,
                         List<Group> groups, List<DifferenceRow> differences, List<RaterChange> changeRates,
                         Instant computedAt) {
    }
}
