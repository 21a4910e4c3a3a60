package com.tanfang.scoring;

import com.tanfang.message.Message;
import com.tanfang.scheme.GradeTable;

import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of scoring, with every figure exact ({@link Fraction}; show it with {@link Display}) and an
 * explanation (lines, first to last) tracing it back to its inputs. Explanation lines, warnings and fail reasons are
 * {@link Message}s (code + arguments) so they read in zh-CN or en; {@link Message#english()} for logs and tests.
 *
 * @param achieved       Σ item scores
 * @param applicable     Σ points of applicable items (N/A items excluded, missing items included)
 * @param prorated       achieved / applicable × full marks (004 §6.1.5)
 * @param deductedPoints Σ special deductions
 * @param bonus          special bonus after the cap
 * @param total          prorated − deductions + bonus, never below 0; this is what the grade table is applied to
 * @param percentage     total / full marks × 100
 * @param complete       false when some items have no rating ({@link #missingItems})
 * @param grade          the level reached, or {@code null} when {@link #passed} is false
 * @param failReasons    why the evaluation fails (empty when it passes)
 * @param warnings       things a reviewer should see (N/A disagreements, capped bonus, missing items)
 */
public record ScoreResult(String schemeCode, Fraction fullMarks, Fraction achieved, Fraction applicable,
                          Fraction prorated, int deductionCount, Fraction deductedPoints, Fraction bonus,
                          Fraction total, Fraction percentage, boolean complete, List<String> missingItems,
                          GradeTable.Level grade, boolean passed, List<FailReason> failReasons, List<Message> warnings,
                          List<PartResult> parts, List<Message> explanation) {

    /**
     * Codes: {@code grade.below_lowest}, {@code deductions.count}, {@code deductions.points},
     * {@code part.below_minimum} (with the part key), {@code total.nothing_applicable}.
     */
    public record FailReason(String code, String partKey, Message message) {}

    /**
     * @param percentage achieved / applicable × 100, or {@code null} when nothing in the part is applicable
     * @param score      the part pro-rated to its own points: achieved / applicable × points
     * @param passed     against {@code passMinimum}; {@code null} when the part has no pass condition
     */
    public record PartResult(String key, String titleZh, String titleEn, Fraction points, Fraction achieved,
                             Fraction applicable, Fraction percentage, Fraction score, BigDecimal passMinimum,
                             Boolean passed, List<GroupResult> groups, List<Message> explanation) {}

    public record GroupResult(String clause, String titleZh, String titleEn, Fraction points, Fraction achieved,
                              Fraction applicable, Fraction percentage, List<ItemResult> items, List<Message> explanation) {}

    /**
     * @param ratings              answered (non-N/A) ratings averaged
     * @param notApplicableRatings ratings that said N/A
     * @param coefficient          mean coefficient 0..1, {@code null} unless {@link ItemStatus#SCORED}
     */
    public record ItemResult(String clause, String code, Fraction points, ItemStatus status, int ratings,
                             int notApplicableRatings, Fraction coefficient, Fraction achieved, Fraction applicable,
                             Fraction percentage, List<Message> explanation) {}
}
