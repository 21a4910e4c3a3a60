package com.tanfang.visit;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one rater's visit stands: planned -> assigned / claimed -> in progress -> submitted -> (returned ->
 * submitted)* -> approved | rejected. An approval can be withdrawn (back to submitted). See {@link VisitStateMachine}.
 */
public enum VisitState {
    /** Planned, no rater yet; offered to the SHOPPER pool when the lead offers it. */
    PLANNED,
    /** The lead named the rater. */
    ASSIGNED,
    /** A SHOPPER of the pool claimed it; falls back to PLANNED when the claim expires before check-in. */
    CLAIMED,
    /** Checked in: the rater is capturing. */
    IN_PROGRESS,
    /** Sent for review; read-only for the rater. */
    SUBMITTED,
    /** Sent back with comments; the rater fixes and resubmits. */
    RETURNED,
    APPROVED,
    REJECTED;

    /** States in which the rater may change answers and photos. */
    public static final Set<VisitState> EDITABLE = EnumSet.of(IN_PROGRESS, RETURNED);

    /** States before any rating exists (the plan may still change). */
    public static final Set<VisitState> BEFORE_CAPTURE = EnumSet.of(PLANNED, ASSIGNED, CLAIMED);

    public boolean editable() {
        return EDITABLE.contains(this);
    }
}
