package com.tanfang.agreement;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Agreement between two raters on the items of one scale in one group (a project, a part, a rater pair: the
 * caller groups). Counts of what was left out say how much the statistics rest on.
 *
 * @param items                 all paired items given
 * @param rated                 items both raters rated on the scale: the n of every statistic below
 * @param bothNotApplicable     items both called N/A: agreement, but outside the statistics (not on the scale)
 * @param notApplicableAgainstValue items where one said N/A and the other rated: a difference, always flagged,
 *                              outside the statistics
 * @param exact                 percent agreement, identical answers; empty when {@code rated} is 0
 * @param withinTolerance       percent agreement within the tolerance; empty when {@code rated} is 0
 * @param coefficients          every {@link Coefficient.Kind}, defined or with the reason it is not
 * @param differences           every item whose answers differ, in the order given
 */
public record PairAgreement(RatingScale scale, Tolerance tolerance, int items, int rated, int bothNotApplicable,
                            int notApplicableAgainstValue, Optional<PercentAgreement> exact,
                            Optional<PercentAgreement> withinTolerance,
                            Map<Coefficient.Kind, Coefficient> coefficients, List<Difference> differences,
                            ContingencyTable table) {

    public Coefficient coefficient(Coefficient.Kind kind) {
        return coefficients.get(kind);
    }

    /** The differences beyond the tolerance (or N/A against a value): the items to reconcile. */
    public List<Difference> flagged() {
        return differences.stream().filter(Difference::flagged).toList();
    }
}
