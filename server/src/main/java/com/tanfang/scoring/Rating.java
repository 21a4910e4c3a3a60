package com.tanfang.scoring;

import java.math.BigDecimal;

/**
 * One rater's (or one visit's) judgement of one item. Exactly one answer field is set, and it must fit the
 * item's {@link com.tanfang.scheme.AnswerType}: {@code likert} 1..5, {@code yes}, {@code percent} 0..100 with
 * at most two decimals, {@code numeric} any value (mapped through the item's range), or
 * {@code notApplicable = true} (only on items that allow N/A).
 *
 * @param item  the item's code (e.g. "B11") or, failing that, its clause (e.g. "5.2.3.2")
 * @param rater who rated it: an auditor, a mystery shopper, a survey respondent; ratings are combined per
 *              rater first (the scheme's {@link com.tanfang.scheme.Combination})
 * @param visit optional: the visit (ride, stay, survey round) the rating belongs to; a rater rates an item at
 *              most once per named visit
 */
public record Rating(String item, String rater, Integer likert, Boolean yes, BigDecimal percent, BigDecimal numeric,
                     Boolean notApplicable, String visit) {

    public Rating(String item, String rater, Integer likert, Boolean yes, BigDecimal percent, BigDecimal numeric,
                  Boolean notApplicable) {
        this(item, rater, likert, yes, percent, numeric, notApplicable, null);
    }

    /** The same rating, made on {@code visit}. */
    public Rating onVisit(String visit) {
        return new Rating(item, rater, likert, yes, percent, numeric, notApplicable, visit);
    }

    public static Rating likert(String item, String rater, int answer) {
        return new Rating(item, rater, answer, null, null, null, null);
    }

    public static Rating yes(String item, String rater, boolean yes) {
        return new Rating(item, rater, null, yes, null, null, null);
    }

    public static Rating percent(String item, String rater, BigDecimal percent) {
        return new Rating(item, rater, null, null, percent, null, null);
    }

    public static Rating percent(String item, String rater, String percent) {
        return percent(item, rater, new BigDecimal(percent));
    }

    public static Rating numeric(String item, String rater, BigDecimal value) {
        return new Rating(item, rater, null, null, null, value, null);
    }

    public static Rating notApplicable(String item, String rater) {
        return new Rating(item, rater, null, null, null, null, true);
    }

    public boolean isNotApplicable() {
        return Boolean.TRUE.equals(notApplicable);
    }

    /** How many answer fields are set (valid ratings have exactly one). */
    int answerCount() {
        return (likert != null ? 1 : 0) + (yes != null ? 1 : 0) + (percent != null ? 1 : 0) + (numeric != null ? 1 : 0)
                + (isNotApplicable() ? 1 : 0);
    }

    /** "likert 4", "yes", "percent 75", "N/A" – for explanations. */
    String answerText() {
        if (isNotApplicable()) {
            return "N/A";
        }
        if (likert != null) {
            return "likert " + likert;
        }
        if (yes != null) {
            return yes ? "yes" : "no";
        }
        if (percent != null) {
            return "percent " + Display.format(percent);
        }
        return numeric == null ? "no answer" : "value " + numeric.stripTrailingZeros().toPlainString();
    }
}
