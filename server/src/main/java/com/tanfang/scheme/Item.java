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
 * @param notApplicableAllowed whether raters may mark it 不涉及 (the item then leaves the denominator)
 */
public record Item(String clause, String code, BigDecimal points, String textZh, String textEn,
                   Set<Method> methods, AnswerType answerType, NumericRange numericRange,
                   boolean notApplicableAllowed) {

    public Item {
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(code, "code");
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
