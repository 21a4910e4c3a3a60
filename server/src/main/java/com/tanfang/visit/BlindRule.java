package com.tanfang.visit;

import java.util.List;

/**
 * Two raters "experience the service together and score separately" (001:L389): a rater of one copy of a
 * two-rater visit does not see the other copy's ratings until both copies have been submitted (once). The lead
 * and other staff who rate no copy are not bound by it.
 */
public final class BlindRule {
    private BlindRule() {
    }

    /** One rater's copy of a planned visit. */
    public record Copy(long visitId, Long raterUserId, boolean submittedOnce) {
    }

    /** Whether {@code viewer} may read the ratings of {@code target}, one of {@code copies} (all copies of the plan). */
    public static boolean mayRead(long viewer, Copy target, List<Copy> copies) {
        if (target.raterUserId() != null && target.raterUserId() == viewer) {
            return true;
        }
        boolean ratesAnother = copies.stream().anyMatch(c -> c.visitId() != target.visitId()
                && c.raterUserId() != null && c.raterUserId() == viewer);
        if (!ratesAnother) {
            return true;
        }
        return copies.stream().allMatch(Copy::submittedOnce);
    }
}
