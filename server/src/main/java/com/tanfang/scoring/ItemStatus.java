package com.tanfang.scoring;

/** What became of an item. */
public enum ItemStatus {
    /** At least one rater gave an answer; the item score is the mean over those answers. */
    SCORED,
    /** Every rating said N/A (不涉及): the item leaves the denominator. */
    NOT_APPLICABLE,
    /** Nobody rated it: counted as 0 of its points and the result is marked incomplete. */
    MISSING,
    /** In a gated part whose gate did not pass: not evaluated, never scored (its ratings are ignored). */
    NOT_EVALUATED
}
