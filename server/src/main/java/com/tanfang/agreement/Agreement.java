package com.tanfang.agreement;

import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Agreement between two raters: {@link #between(RatingScale, Tolerance, List)}. One call per group and scale
 * (a part mixing Likert and yes/no items makes one call per scale: a kappa across scales means nothing).
 */
public final class Agreement {
    /** Far above a project's items × rater pairs; bounds the work of one call. */
    public static final int MAX_ITEMS = 100_000;
    public static final int MAX_ITEM_LENGTH = 200;

    private Agreement() {
    }

    /**
     * @throws InvalidException listing every problem: a missing, over-long or repeated item, an answer that is
     *                          not on the scale, more than {@link #MAX_ITEMS} items
     */
    public static PairAgreement between(RatingScale scale, Tolerance tolerance, List<PairedRating> pairs) {
        if (pairs.size() > MAX_ITEMS) {
            throw InvalidException.field("ratings", "agreement.too_many_items", MAX_ITEMS);
        }
        int q = scale.size();
        long[][] counts = new long[q][q];
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Difference> differences = new ArrayList<>();
        int bothNotApplicable = 0;
        int notApplicableAgainstValue = 0;
        long exact = 0;
        long within = 0;
        for (int i = 0; i < pairs.size(); i++) {
            PairedRating pair = pairs.get(i);
            String at = "ratings[" + i + "]";
            if (pair.item() == null || pair.item().isBlank() || pair.item().length() > MAX_ITEM_LENGTH) {
                problems.add(FieldProblem.of(at + ".item", "agreement.item_invalid", MAX_ITEM_LENGTH));
            } else if (!seen.add(pair.item())) {
                problems.add(FieldProblem.of(at + ".item", "agreement.item_repeated", pair.item()));
            }
            OptionalInt first = scale.indexOf(pair.first());
            OptionalInt second = scale.indexOf(pair.second());
            boolean firstOff = first.isEmpty() && !pair.first().isNotApplicable();
            boolean secondOff = second.isEmpty() && !pair.second().isNotApplicable();
            if (firstOff) {
                problems.add(FieldProblem.of(at + ".first", "agreement.answer_off_scale", pair.first(), scale));
            }
            if (secondOff) {
                problems.add(FieldProblem.of(at + ".second", "agreement.answer_off_scale", pair.second(), scale));
            }
            if (firstOff || secondOff) {
                continue;
            }
            boolean flagged = tolerance.exceeded(pair.first(), pair.second());
            if (!pair.first().equals(pair.second())) {
                differences.add(new Difference(pair.item(), pair.first(), pair.second(),
                        Tolerance.distance(pair.first(), pair.second()), flagged));
            }
            if (first.isEmpty() || second.isEmpty()) {
                if (first.isEmpty() && second.isEmpty()) {
                    bothNotApplicable++;
                } else {
                    notApplicableAgainstValue++;
                }
                continue;
            }
            counts[first.getAsInt()][second.getAsInt()]++;
            if (first.getAsInt() == second.getAsInt()) {
                exact++;
            }
            if (!flagged) {
                within++;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidException(problems);
        }
        ContingencyTable table = new ContingencyTable(scale, counts);
        Map<Coefficient.Kind, Coefficient> coefficients = new EnumMap<>(Coefficient.Kind.class);
        for (Coefficient.Kind kind : Coefficient.Kind.values()) {
            coefficients.put(kind, table.coefficient(kind));
        }
        long rated = table.n();
        return new PairAgreement(scale, tolerance, pairs.size(), (int) rated, bothNotApplicable,
                notApplicableAgainstValue,
                rated == 0 ? Optional.empty() : Optional.of(PercentAgreement.of(exact, rated)),
                rated == 0 ? Optional.empty() : Optional.of(PercentAgreement.of(within, rated)),
                Collections.unmodifiableMap(coefficients), List.copyOf(differences), table);
    }
}
