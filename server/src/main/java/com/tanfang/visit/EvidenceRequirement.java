package com.tanfang.visit;

/** What an item's answer must carry besides the rating before the visit can be submitted. */
public enum EvidenceRequirement {
    /** At least one photo. */
    PHOTO,
    /** A note. */
    NOTE,
    /** A note whenever the rating is below the best one (why it is not the best). */
    NOTE_BELOW_BEST,
    /** Nothing beyond the rating. */
    NONE
}
