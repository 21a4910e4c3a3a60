package com.tanfang.evaluation.reconciliation;

import com.tanfang.agreement.Answer;
import com.tanfang.agreement.Tolerance;
import com.tanfang.scheme.AnswerType;
import com.tanfang.scheme.NumericRange;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pairs the two raters' ratings "on the same experience" (001:L389): the two copies of one two-rater plan, item
 * by item. Ratings of the same item on different plans do not pair (another day, another stairwell: a
 * difference there is not disagreement between raters). Plain code: the sheet and the agreement report share it.
 */
public final class Pairing {
    private Pairing() {
    }

    /** What the tolerance test needs of an item; {@code range} only for NUMERIC. */
    public record ItemRule(AnswerType type, NumericRange range) {
    }

    /** The pair's key in the reconciliation table. */
    public static String key(long planId, String itemCode) {
        return planId + "\u0000" + itemCode;
    }

    public static Answer answer(BigDecimal value, boolean notApplicable) {
        return notApplicable || value == null ? Answer.notApplicable() : Answer.of(value);
    }

    public static Answer first(ReconciliationDtos.Pair p) {
        return answer(p.first().value(), p.first().notApplicable());
    }

    public static Answer second(ReconciliationDtos.Pair p) {
        return answer(p.second().value(), p.second().notApplicable());
    }

    /**
     * Every pair among {@code sides} (the current answers of approved copies of two-rater plans, as the caller may
     * see them): exactly two sides of one plan and item, from two visits. {@code current}: the current
     * reconciliations by {@link #key}; one applies only to the very answers it names. Items {@code rules} does not
     * know are skipped. Order: as {@code sides} first names the plan and item.
     */
    public static List<ReconciliationDtos.Pair> pairs(List<ReconciliationDtos.Side> sides,
                                                      Function<String, ItemRule> rules,
                                                      Map<String, ReconciliationDtos.Confirmed> current) {
        Map<String, List<ReconciliationDtos.Side>> byPair = new LinkedHashMap<>();
        for (ReconciliationDtos.Side s : sides) {
            byPair.computeIfAbsent(key(s.planId(), s.itemCode()), k -> new ArrayList<>()).add(s);
        }
        List<ReconciliationDtos.Pair> out = new ArrayList<>();
        for (Map.Entry<String, List<ReconciliationDtos.Side>> e : byPair.entrySet()) {
            List<ReconciliationDtos.Side> two = e.getValue();
            if (two.size() != 2 || two.get(0).visitId() == two.get(1).visitId()) {
                continue;
            }
            two = two.stream().sorted(Comparator.comparingLong(ReconciliationDtos.Side::visitId)).toList();
            String item = two.get(0).itemCode();
            ItemRule rule = rules.apply(item);
            if (rule == null) {
                continue;
            }
            out.add(pair(item, two.get(0), two.get(1), rule, current.get(e.getKey())));
        }
        return out;
    }

    /** One pair, with {@code confirmed} attached when it names exactly these two answers. */
    public static ReconciliationDtos.Pair pair(String item, ReconciliationDtos.Side first,
                                               ReconciliationDtos.Side second, ItemRule rule,
                                               ReconciliationDtos.Confirmed confirmed) {
        Answer a = answer(first.value(), first.notApplicable());
        Answer b = answer(second.value(), second.notApplicable());
        BigDecimal gap = Tolerance.distance(a, b).orElse(null);
        boolean beyond = Tolerances.beyond(rule.type(), rule.range(), a, b);
        boolean applies = confirmed != null && matches(confirmed, first.answerId(), second.answerId());
        return new ReconciliationDtos.Pair(first.planId(), item, first, second, gap,
                Tolerances.of(rule.type(), rule.range()), beyond, applies ? confirmed : null);
    }

    static boolean matches(ReconciliationDtos.Confirmed c, long firstAnswerId, long secondAnswerId) {
        return (c.firstAnswerId() == firstAnswerId && c.secondAnswerId() == secondAnswerId)
                || (c.firstAnswerId() == secondAnswerId && c.secondAnswerId() == firstAnswerId);
    }
}
