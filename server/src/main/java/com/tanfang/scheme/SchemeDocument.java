package com.tanfang.scheme;

import java.math.BigDecimal;
import java.util.List;

/**
 * The plain, JSON-friendly input form of a {@link Scheme}: every field nullable, enums as strings, so that
 * anything a client sends can be checked by {@link SchemeValidator} and every mistake reported with a path.
 * <pre>{@code
 * {"code":"gbt27922","titleZh":"…","titleEn":"…","fullMarks":100,
 *  "likert":{"preset":"LINEAR"},            // or {"preset":"CUSTOM","coefficients":[0,0.4,0.6,0.8,1]}
 *  "special":{"pointsPerDeduction":1,"maxBonus":1,"failWhen":{"deductionCount":5}},  // or {"deductedPoints":5}
 *  "notApplicableClauses":["5.2"],
 *  "grades":[{"key":"compliant","nameZh":"达标级","nameEn":"Compliant","minimum":70}, …],
 *  "parts":[{"key":"service","titleZh":"服务要求","titleEn":"Service","points":60,"passMinimum":null,
 *    "groups":[{"clause":"5.2.1","titleZh":"商品信息","titleEn":"Product information","points":6,
 *      "items":[{"clause":"5.2.1.1","code":"B1","points":1,"textZh":"…","textEn":"…",
 *        "methods":["COVERT_VISIT","OPEN_INSPECTION"],"answerType":"PERCENT","notApplicableAllowed":true,
 *        "numeric":null}]}]}]}
 * }</pre>
 */
public record SchemeDocument(String code, String titleZh, String titleEn, String descriptionZh, String descriptionEn,
                             BigDecimal fullMarks, Likert likert, Special special, List<String> notApplicableClauses,
                             List<Grade> grades, List<Part> parts, String reporting, Combination combination,
                             BonusItems bonusItems, DisplayRule display) {

    /** The document without the rules added for issue 11 (all absent: the meaning documents had before). */
    public SchemeDocument(String code, String titleZh, String titleEn, String descriptionZh, String descriptionEn,
                          BigDecimal fullMarks, Likert likert, Special special, List<String> notApplicableClauses,
                          List<Grade> grades, List<Part> parts) {
        this(code, titleZh, titleEn, descriptionZh, descriptionEn, fullMarks, likert, special, notApplicableClauses,
                grades, parts, null, null, null, null);
    }

    /** {@code preset}: LINEAR, OVER_FIVE or CUSTOM; {@code coefficients} only (and exactly five) for CUSTOM. Absent = LINEAR. */
    public record Likert(String preset, List<BigDecimal> coefficients) {}

    /** Absent = 1 point per deduction, no bonus, no fail rule. */
    public record Special(BigDecimal pointsPerDeduction, BigDecimal maxBonus, FailWhen failWhen) {}

    /**
     * Fail when the number of deductions is at least {@code deductionCount}, when the deducted points exceed
     * {@code deductedPoints}, or (both given) when either holds.
     */
    public record FailWhen(Integer deductionCount, BigDecimal deductedPoints) {}

    /**
     * {@code minimum}: on the combined total (absent for grades that only have part conditions, and always
     * absent when parts are reported separately); {@code conditions}: every one must hold as well.
     */
    public record Grade(String key, String nameZh, String nameEn, BigDecimal minimum, List<PartCondition> conditions) {
        public Grade(String key, String nameZh, String nameEn, BigDecimal minimum) {
            this(key, nameZh, nameEn, minimum, null);
        }
    }

    /** A part must reach {@code minimumPercent} of its points or {@code minimumPoints} on its own scale (exactly one). */
    public record PartCondition(String part, BigDecimal minimumPercent, BigDecimal minimumPoints) {}

    /**
     * {@code passMinimum}: percentage of the part (0..100) it must reach to pass, or {@code passMinimumPoints}
     * on the part's own scale (at most one of them). {@code gatedBy}: the key of an earlier part with a pass
     * rule; this part is evaluated only when that part passes (else "not evaluated").
     */
    public record Part(String key, String titleZh, String titleEn, BigDecimal points, BigDecimal passMinimum,
                       List<Group> groups, BigDecimal passMinimumPoints, String gatedBy) {
        public Part(String key, String titleZh, String titleEn, BigDecimal points, BigDecimal passMinimum,
                    List<Group> groups) {
            this(key, titleZh, titleEn, points, passMinimum, groups, null, null);
        }
    }

    public record Group(String clause, String titleZh, String titleEn, BigDecimal points, List<Item> items) {}

    /** {@code numeric} only for answerType NUMERIC; {@code code} optional (the item is then named by its clause). */
    public record Item(String clause, String code, BigDecimal points, String textZh, String textEn,
                       List<String> methods, String answerType, Boolean notApplicableAllowed, Numeric numeric,
                       Veto veto) {
        public Item(String clause, String code, BigDecimal points, String textZh, String textEn,
                    List<String> methods, String answerType, Boolean notApplicableAllowed, Numeric numeric) {
            this(clause, code, points, textZh, textEn, methods, answerType, notApplicableAllowed, numeric, null);
        }
    }

    /** See {@link NumericRange}. */
    public record Numeric(BigDecimal worst, BigDecimal best) {}

    /** 一票否决 on a YES_NO item: a rating answering {@code answer} (absent = false, a "no") fails the evaluation. */
    public record Veto(Boolean answer, String reasonZh, String reasonEn) {}

    /** {@code raters}: MEAN_PER_RATER (default) or FLAT; {@code likert}: MEAN_OF_COEFFICIENTS (default) or COEFFICIENT_OF_MEAN; {@code yesNo}: MEAN (default) or MAJORITY. */
    public record Combination(String raters, String likert, String yesNo) {}

    /** 加分项: yes/no items with their own points, added after pro-rating, their sum capped at {@code cap}. */
    public record BonusItems(BigDecimal cap, List<BonusItem> items) {}

    public record BonusItem(String clause, String code, BigDecimal points, String textZh, String textEn) {}

    /** How reports print figures: {@code decimals} 0..4, {@code rounding} HALF_UP (default), HALF_EVEN, DOWN or UP. */
    public record DisplayRule(Integer decimals, String rounding) {}

    /** A copy with other parts (used to fill a skeleton from {@link ItemTableCsv}). */
    public SchemeDocument withParts(List<Part> newParts) {
        return new SchemeDocument(code, titleZh, titleEn, descriptionZh, descriptionEn, fullMarks, likert, special,
                notApplicableClauses, grades, newParts, reporting, combination, bonusItems, display);
    }
}
