package com.tanfang.visit;

/**
 * How an auditor confirmed a management-audit or capability-verification answer (optional, per answer): by
 * reviewing documents and records, by interviewing staff, or by confirming on site.
 */
public enum AuditWay {
    DOCUMENT_REVIEW, INTERVIEW, ON_SITE
}
