package com.tanfang.scoring;

import com.tanfang.message.Message;
import com.tanfang.scheme.Combination;
import com.tanfang.scheme.GradeTable;
import com.tanfang.scheme.Scheme;

import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of scoring, with every figure exact ({@link Fraction}; show it with {@link Display}) and an
 * explanation (lines, first to last) tracing it back to its inputs. Explanation lines, warnings and fail reasons are
 * {@link Message}s (code + arguments) so they read in zh-CN or en; {@link Message#english()} for logs and tests.
 *
 * @param reporting      COMBINED_TOTAL, or PARTS_SEPARATELY: then {@code achieved}, {@code applicable},
 *                       {@code prorated}, {@code total} and {@code percentage} are {@code null} (no sum of unlike
 *                       scales is a total) and each part stands on its own scale
 * @param combination    how ratings of one item were combined (the scheme's rule)
 * @param achieved       Σ item scores
 * @param applicable     Σ points of applicable items (N/A items excluded, missing items included)
 * @param prorated       achieved / applicable × full marks (004 §6.1.5) = Σ of the parts' contributions
 * @param deductedPoints Σ special deductions
 * @param bonus          special bonus after the cap
 * @param bonusItemPoints Σ of the bonus items (加分项) after their cap
 * @param total          prorated − deductions + bonus + bonus items, never below 0; what the grade table is
 *                       applied to; {@code null} when parts are reported separately or a part was not evaluated
 * @param percentage     total / full marks × 100
 * @param printedTotal   the total as the scheme's display rule prints it
 * @param complete       false when some items have no rating ({@link #missingItems})
 * @param grade          the level reached, or {@code null} when {@link #passed} is false or there is no grade table
 * @param failReasons    why the evaluation fails (empty when it passes)
 * @param warnings       things a reviewer should see (N/A disagreements, capped bonus, missing items)
 */
public record ScoreResult(String schemeCode, Scheme.Reporting reporting, Combination combination, Fraction fullMarks,
                          Fraction achieved, Fraction applicable, Fraction prorated, int deductionCount,
                          Fraction deductedPoints, Fraction bonus, Fraction bonusItemPoints, Fraction total,
                          Fraction percentage, String printedTotal, boolean complete, List<String> missingItems,
                          GradeTable.Level grade, boolean passed, List<FailReason> failReasons, List<Message> warnings,
                          List<PartResult> parts, List<ItemResult> bonusItems, List<Message> explanation) {

    /**
     * Codes: {@code grade.below_lowest}, {@code deductions.count}, {@code deductions.points},
     * {@code part.below_minimum} (with the part key), {@code part.not_evaluated} (with the part key),
     * {@code veto} (with the item's name in {@code partKey}'s place: {@code item}), {@code total.nothing_applicable}.
     */
    public record FailReason(String code, String partKey, Message message) {}

    /**
     * @param evaluated    false for a gated part whose gate did not pass: nothing in it is scored
     * @param percentage   achieved / applicable × 100 (the part's own pro-rated percentage), or {@code null}
     *                     when nothing in the part is applicable or it was not evaluated
     * @param score        the part pro-rated to its own points: achieved / applicable × points
     * @param contribution what the part adds to the total: achieved / (applicable of the whole scheme) × full
     *                     marks; the contributions add up to {@code prorated} exactly. {@code null} without a
     *                     combined total. Differs from {@code score} when N/A items elsewhere move points.
     * @param passed       against its pass rule; {@code null} when the part has none
     */
    public record PartResult(String key, String titleZh, String titleEn, Fraction points, boolean evaluated,
                             Fraction achieved, Fraction applicable, Fraction percentage, Fraction score,
                             Fraction contribution, BigDecimal passMinimum, BigDecimal passMinimumPoints,
                             Boolean passed, String printedScore, String printedPercentage, String printedContribution,
                             List<GroupResult> groups, List<Message> explanation) {}

    public record GroupResult(String clause, String titleZh, String titleEn, Fraction points, Fraction achieved,
                              Fraction applicable, Fraction percentage, List<ItemResult> items, List<Message> explanation) {}

    /**
     * @param code                 the item's code, or its clause when it has none
     * @param ratings              answered (non-N/A) ratings combined
     * @param raters               distinct raters among them
     * @param notApplicableRatings ratings that said N/A
     * @param coefficient          combined coefficient 0..1, {@code null} unless {@link ItemStatus#SCORED}
     * @param vetoed               a rating gave the item's veto answer
     */
    public record ItemResult(String clause, String code, Fraction points, ItemStatus status, int ratings, int raters,
                             int notApplicableRatings, Fraction coefficient, Fraction achieved, Fraction applicable,
                             Fraction percentage, boolean vetoed, List<Message> explanation) {}
}
