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
                             List<Grade> grades, List<Part> parts) {

    /** {@code preset}: LINEAR, OVER_FIVE or CUSTOM; {@code coefficients} only (and exactly five) for CUSTOM. Absent = LINEAR. */
    public record Likert(String preset, List<BigDecimal> coefficients) {}

    /** Absent = 1 point per deduction, no bonus, no fail rule. */
    public record Special(BigDecimal pointsPerDeduction, BigDecimal maxBonus, FailWhen failWhen) {}

    /** Exactly one of: fail when the number of deductions is at least {@code deductionCount}, or when the deducted points exceed {@code deductedPoints}. */
    public record FailWhen(Integer deductionCount, BigDecimal deductedPoints) {}

    public record Grade(String key, String nameZh, String nameEn, BigDecimal minimum) {}

    /** {@code passMinimum}: percentage of the part (0..100) it must reach to pass, or null. */
    public record Part(String key, String titleZh, String titleEn, BigDecimal points, BigDecimal passMinimum,
                       List<Group> groups) {}

    public record Group(String clause, String titleZh, String titleEn, BigDecimal points, List<Item> items) {}

    /** {@code numeric} only for answerType NUMERIC. */
    public record Item(String clause, String code, BigDecimal points, String textZh, String textEn,
                       List<String> methods, String answerType, Boolean notApplicableAllowed, Numeric numeric) {}

    /** See {@link NumericRange}. */
    public record Numeric(BigDecimal worst, BigDecimal best) {}

    /** A copy with other parts (used to fill a skeleton from {@link ItemTableCsv}). */
    public SchemeDocument withParts(List<Part> newParts) {
        return new SchemeDocument(code, titleZh, titleEn, descriptionZh, descriptionEn, fullMarks, likert, special,
                notApplicableClauses, grades, newParts);
    }
}
