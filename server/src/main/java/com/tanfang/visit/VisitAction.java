package com.tanfang.visit;

/** What moves a visit from one {@link VisitState} to another. */
public enum VisitAction {
    ASSIGN, CLAIM, EXPIRE_CLAIM, UNASSIGN, CHECK_IN, SUBMIT, RETURN, APPROVE, REJECT, WITHDRAW_APPROVAL;

    /** The evidence-log action name, e.g. {@code visit.withdraw_approval}. */
    public String evidenceAction() {
        return "visit." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
