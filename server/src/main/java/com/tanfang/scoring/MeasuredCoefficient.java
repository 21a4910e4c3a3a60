package com.tanfang.scoring;

/**
 * A coefficient 0..1 for one item that was measured rather than rated: the customer survey's merged score of the
 * item's question (its score out of 100 / 100), computed by the survey results. It counts as one more source
 * beside the item's ratings: with ratings too, the item's coefficient is the mean of the ratings' combined
 * coefficient (the scheme's {@link com.tanfang.scheme.Combination}) and each measured coefficient; without
 * ratings it is the measured coefficient itself. An item with a measured coefficient is never missing.
 *
 * @param item        the item's code, or its clause when it has none (not a bonus item)
 * @param source      what measured it, as explanations name it (e.g. "survey #12")
 * @param coefficient exact, 0..1
 */
public record MeasuredCoefficient(String item, String source, Fraction coefficient) {
}
