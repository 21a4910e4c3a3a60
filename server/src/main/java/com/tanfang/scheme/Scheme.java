package com.tanfang.scheme;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A certification scheme: the checklist with its points, how answers become coefficients, the special
 * deduction/bonus rules and the grade table. Immutable; build it from a {@link SchemeDocument} through
 * {@link SchemeValidator#validate(SchemeDocument)} so that it is known to be consistent.
 *
 * @param fullMarks            any positive number (100, 150, 1000 ...); equals the sum of the part points
 * @param display              how reports print figures, or {@code null} (exact up to 4 decimals, see Display)
 * @param notApplicableClauses clause prefixes under which items may allow N/A (004: only "5.2");
 *                             empty = no restriction. Prefixes match whole clause segments
 *                             ("5.2" matches "5.2.1.1", not "5.21").
 */
public record Scheme(String code, String titleZh, String titleEn, String descriptionZh, String descriptionEn,
                     BigDecimal fullMarks, LikertMapping likert, SpecialRules special,
                     List<String> notApplicableClauses, GradeTable grades, List<Part> parts,
                     Reporting reporting, Combination combination, BonusItems bonusItems, DisplayRule display) {

    /** Whether the result shows a combined total, or each part on its own scale with no sum of unlike scales. */
    public enum Reporting { COMBINED_TOTAL, PARTS_SEPARATELY }

    /** A scheme with the defaults of the rules added for issue 11: combined total, default combination, no bonus items, no display rule. */
    public Scheme(String code, String titleZh, String titleEn, String descriptionZh, String descriptionEn,
                  BigDecimal fullMarks, LikertMapping likert, SpecialRules special,
                  List<String> notApplicableClauses, GradeTable grades, List<Part> parts) {
        this(code, titleZh, titleEn, descriptionZh, descriptionEn, fullMarks, likert, special, notApplicableClauses,
                grades, parts, Reporting.COMBINED_TOTAL, Combination.DEFAULT, BonusItems.NONE, null);
    }

    public Scheme {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(fullMarks, "fullMarks");
        Objects.requireNonNull(likert, "likert");
        Objects.requireNonNull(special, "special");
        Objects.requireNonNull(grades, "grades");
        notApplicableClauses = notApplicableClauses == null ? List.of() : List.copyOf(notApplicableClauses);
        parts = List.copyOf(parts);
        reporting = reporting == null ? Reporting.COMBINED_TOTAL : reporting;
        combination = combination == null ? Combination.DEFAULT : combination;
        bonusItems = bonusItems == null ? BonusItems.NONE : bonusItems;
    }

    public boolean combinedTotal() {
        return reporting == Reporting.COMBINED_TOTAL;
    }

    /** All leaf items in document order. */
    public Stream<Item> items() {
        return parts.stream().flatMap(p -> p.groups().stream()).flatMap(g -> g.items().stream());
    }

    /** The part with this key, or {@code null}. */
    public Part part(String key) {
        return parts.stream().filter(p -> p.key().equals(key)).findFirst().orElse(null);
    }

    /** Whether the scheme lets an item under {@code clause} allow N/A. */
    public boolean notApplicableAllowedUnder(String clause) {
        return notApplicableAllowedUnder(notApplicableClauses, clause);
    }

    static boolean notApplicableAllowedUnder(List<String> prefixes, String clause) {
        if (prefixes == null || prefixes.isEmpty()) {
            return true;
        }
        return clause != null && prefixes.stream().anyMatch(p -> clause.equals(p) || clause.startsWith(p + "."));
    }
}
