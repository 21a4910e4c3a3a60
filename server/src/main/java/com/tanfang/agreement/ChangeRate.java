package com.tanfang.agreement;

import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;
import com.tanfang.statistics.Rate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often a rater's ratings were changed in reconciliation (IPA's bcstats reports such error rates per
 * enumerator): changed / ratings, exact, with its Wilson interval.
 */
public record ChangeRate(String rater, Rate rate) {

    public long ratings() {
        return rate.trials();
    }

    public long changed() {
        return rate.successes();
    }

    /**
     * Per rater (sorted by rater), over all their {@link Revision}s.
     *
     * @throws InvalidException {@code agreement.rater_invalid} for a missing or over-long rater, or more than
     *                          {@link Agreement#MAX_ITEMS} revisions
     */
    public static Map<String, ChangeRate> perRater(List<Revision> revisions) {
        if (revisions.size() > Agreement.MAX_ITEMS) {
            throw InvalidException.field("revisions", "agreement.too_many_items", Agreement.MAX_ITEMS);
        }
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, long[]> tally = new TreeMap<>();
        for (int i = 0; i < revisions.size(); i++) {
            Revision revision = revisions.get(i);
            String rater = revision.rater();
            if (rater == null || rater.isBlank() || rater.length() > Agreement.MAX_ITEM_LENGTH) {
                problems.add(FieldProblem.of("revisions[" + i + "].rater", "agreement.rater_invalid",
                        Agreement.MAX_ITEM_LENGTH));
                continue;
            }
            long[] counts = tally.computeIfAbsent(rater, r -> new long[2]);
            counts[0]++;
            if (revision.changed()) {
                counts[1]++;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidException(problems);
        }
        Map<String, ChangeRate> rates = new TreeMap<>();
        tally.forEach((rater, counts) -> rates.put(rater, new ChangeRate(rater, Rate.of(counts[1], counts[0]))));
        return Collections.unmodifiableMap(rates);
    }
}
