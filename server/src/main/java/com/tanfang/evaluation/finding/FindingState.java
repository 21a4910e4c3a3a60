package com.tanfang.evaluation.finding;

/** Where a nonconformity or improvement item stands (server/docs/evaluation.md, findings). */
public enum FindingState {
    /** The lead is still editing it; nobody outside the team sees it. */
    DRAFT,
    /** Visible to the CLIENT of the project's organisation, waiting for its corrective action. */
    ISSUED,
    /** The client answered (corrective action + evidence); the lead accepts it or sends it back. */
    ANSWERED,
    /** The lead accepted the corrective action. */
    CLOSED
}
