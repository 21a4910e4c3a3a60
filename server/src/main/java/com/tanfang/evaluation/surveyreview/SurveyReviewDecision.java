package com.tanfang.evaluation.surveyreview;

/** What the lead decides about a low-scoring survey item. */
public enum SurveyReviewDecision {
    /** Survey more respondents (the score may be low by chance: a small sample, a wide interval). */
    ENLARGE_SAMPLE,
    /** Have the audit team look at the item on site (a visit or the management audit). */
    CHECK_ON_SITE,
    /** Take the low score as it is. */
    ACCEPT
}
