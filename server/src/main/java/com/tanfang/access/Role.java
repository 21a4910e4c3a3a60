package com.tanfang.access;

/** What a person does in an evaluation; a user may hold several roles. */
public enum Role {
    /** Manages users, organisations and schemes. */
    ADMIN,
    /** Audit team leader: plans evaluations, draws call-back samples, signs the report. */
    LEAD,
    /** Auditor: inspects, interviews, enters face-to-face survey answers. */
    AUDITOR,
    /** Mystery shopper: logs covert visits. */
    SHOPPER,
    /** Call-back agent: phones sampled survey respondents. */
    VERIFIER,
    /** Client organisation: reads its own results only. */
    CLIENT;

    // Constants for @Secured, which needs compile-time strings.
    public static final String ADMIN_ = "ADMIN";
    public static final String LEAD_ = "LEAD";
    public static final String AUDITOR_ = "AUDITOR";
    public static final String SHOPPER_ = "SHOPPER";
    public static final String VERIFIER_ = "VERIFIER";
    public static final String CLIENT_ = "CLIENT";
}
