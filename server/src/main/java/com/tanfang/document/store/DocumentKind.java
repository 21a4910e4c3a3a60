package com.tanfang.document.store;

import com.tanfang.evidence.SubjectType;

/** What a generated document is; reports are recorded in the evidence log under the project, certificates under themselves. */
public enum DocumentKind {
    AUDIT_REPORT(SubjectType.REPORT),
    SURVEY_REPORT(SubjectType.REPORT),
    CERTIFICATE(SubjectType.CERTIFICATE);

    private final SubjectType subjectType;

    DocumentKind(SubjectType subjectType) {
        this.subjectType = subjectType;
    }

    public SubjectType subjectType() {
        return subjectType;
    }
}
