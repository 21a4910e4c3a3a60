package com.tanfang.visit;

import com.tanfang.message.FieldProblem;
import com.tanfang.scheme.AnswerType;
import com.tanfang.scheme.NumericRange;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A rater's answer to one item: a value (Likert 1..5, yes = 1 / no = 0, percent 0..100, a measured number) or
 * N/A with a reason, and a note.
 */
public record Answer(BigDecimal value, boolean notApplicable, String notApplicableReason, String note) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public boolean hasNote() {
        return note != null && !note.isBlank();
    }

    /** Problems with this answer to {@code item}; fields are prefixed with {@code field}. */
    public List<FieldProblem> check(Checklist.ChecklistItem item, String field) {
        List<FieldProblem> out = new ArrayList<>();
        if (notApplicable) {
            if (!item.notApplicableAllowed()) {
                out.add(FieldProblem.of(field + "notApplicable", "visit.na_not_allowed", item.code()));
            }
            if (notApplicableReason == null || notApplicableReason.isBlank()) {
                out.add(FieldProblem.of(field + "notApplicableReason", "visit.na_reason_required"));
            }
            if (value != null) {
                out.add(FieldProblem.of(field + "value", "visit.na_without_value"));
            }
            return out;
        }
        if (value == null) {
            // An answer without a value is a draft (a note first, the rating later): allowed until submit.
            return out;
        }
        AnswerType t = item.answerType();
        boolean ok = switch (t) {
            case LIKERT_5 -> isInteger(value) && value.intValue() >= 1 && value.intValue() <= 5;
            case YES_NO -> value.compareTo(BigDecimal.ZERO) == 0 || value.compareTo(BigDecimal.ONE) == 0;
            case PERCENT -> value.signum() >= 0 && value.compareTo(HUNDRED) <= 0 && value.stripTrailingZeros().scale() <= 2;
            case NUMERIC -> true;
        };
        if (!ok) {
            out.add(FieldProblem.of(field + "value", "visit.value_out_of_range." + t.name().toLowerCase(), item.code()));
        }
        return out;
    }

    /** Whether the answer is below the best one the item allows (a NOTE_BELOW_BEST item then needs a note). */
    public boolean belowBest(Checklist.ChecklistItem item) {
        if (notApplicable || value == null) {
            return false;
        }
        return switch (item.answerType()) {
            case LIKERT_5 -> value.compareTo(BigDecimal.valueOf(5)) < 0;
            case YES_NO -> value.signum() == 0;
            case PERCENT -> value.compareTo(HUNDRED) < 0;
            case NUMERIC -> {
                NumericRange r = item.numericRange();
                if (r == null) {
                    yield false;
                }
                boolean higherIsBetter = r.best().compareTo(r.worst()) > 0;
                yield higherIsBetter ? value.compareTo(r.best()) < 0 : value.compareTo(r.best()) > 0;
            }
        };
    }

    private static boolean isInteger(BigDecimal v) {
        return v.stripTrailingZeros().scale() <= 0;
    }
}
