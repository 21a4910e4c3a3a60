package com.tanfang.survey.review;

/** Why a response was left out of the results (survey_response.excluded_cause). */
public enum ExclusionCause {
    /** A lead excluded it on review, with a reason. */
    LEAD_REVIEW,
    /** Its respondent denied on a call-back having answered (the "before call-backs" results count it back in). */
    CALLBACK_DENIED
}
