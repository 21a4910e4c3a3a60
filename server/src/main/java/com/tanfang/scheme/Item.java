package com.tanfang.scheme;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A leaf of the checklist: what is checked, how, and how many points it is worth.
 *
 * @param points               non-negative; decimals such as 1.5 and zero are allowed
 * @param methods              how the evidence is collected; at least one
 * @param numericRange         required for {@link AnswerType#NUMERIC}, {@code null} otherwise
 * @param code                 optional; without one the item is named by its clause ({@link #name()})
 * @param notApplicableAllowed whether raters may mark it 不涉及 (the item then leaves the denominator)
 * @param veto                 {@code null}, or the answer that vetoes the evaluation
 */
public record Item(String clause, String code, BigDecimal points, String textZh, String textEn,
                   Set<Method> methods, AnswerType answerType, NumericRange numericRange,
                   boolean notApplicableAllowed, Veto veto) {

    /**
     * 一票否决: a rating of this YES_NO item answering {@code answer} fails the whole evaluation, whatever
     * the score, with the reason shown. One rating is enough (one vote).
     */
    public record Veto(boolean answer, String reasonZh, String reasonEn) {}

    public Item(String clause, String code, BigDecimal points, String textZh, String textEn, Set<Method> methods,
                AnswerType answerType, NumericRange numericRange, boolean notApplicableAllowed) {
        this(clause, code, points, textZh, textEn, methods, answerType, numericRange, notApplicableAllowed, null);
    }

    /** The code, or the clause when the item has none (codes are optional). */
    public String name() {
        return code != null ? code : clause;
    }

    public Item {
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(answerType, "answerType");
        // EnumSet keeps the declaration order, so exports are stable.
        methods = methods.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(methods));
    }

    public Item(String clause, String code, BigDecimal points, String textZh, String textEn,
                Set<Method> methods, AnswerType answerType, boolean notApplicableAllowed) {
        this(clause, code, points, textZh, textEn, methods, answerType, null, notApplicableAllowed);
    }
}
