package com.tanfang.evidence;

/**
 * What an evidence row is about (VISIT: issue 10, server/docs/visits.md). EVALUATION, REPORT and CERTIFICATE are
 * reserved for the features that will write them; the database accepts the same list (V5 constraint {@code evidence_subject_type}).
 */
public enum SubjectType {
    CAMPAIGN, SURVEY_POINT, RESPONSE, CALLBACK_ITEM, USER, PROJECT, SCHEME_VERSION,
    VISIT, EVALUATION, REPORT, CERTIFICATE
}
