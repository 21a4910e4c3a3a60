package com.tanfang.evaluation.finding;

/** What can be done to a finding; {@link FindingStateMachine} says from which state. */
public enum FindingAction {
    EDIT, ISSUE, ANSWER, ACCEPT, SEND_BACK;

    /** The evidence log's action, e.g. {@code evaluation.finding.send_back}. */
    public String evidenceAction() {
        return "evaluation.finding." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
