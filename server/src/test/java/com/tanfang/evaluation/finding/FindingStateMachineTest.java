package com.tanfang.evaluation.finding;

import com.tanfang.message.ConflictException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static com.tanfang.evaluation.finding.FindingAction.*;
import static com.tanfang.evaluation.finding.FindingState.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole transition table, every state against every action. */
class FindingStateMachineTest {
    private static final Map<FindingState, Map<FindingAction, FindingState>> LEGAL = Map.of(
            DRAFT, Map.of(EDIT, DRAFT, ISSUE, ISSUED),
            ISSUED, Map.of(ANSWER, ANSWERED),
            ANSWERED, Map.of(ACCEPT, CLOSED, SEND_BACK, ISSUED),
            CLOSED, Map.of());

    @Test
    void everyStateAndActionIsEitherTheTableOrAConflictNamingBoth() {
        for (FindingState from : FindingState.values()) {
            for (FindingAction action : FindingAction.values()) {
                FindingState expected = LEGAL.get(from).get(action);
                if (expected != null) {
                    assertEquals(expected, FindingStateMachine.next(from, action), from + " " + action);
                    assertTrue(FindingStateMachine.allowed(from, action));
                } else {
                    ConflictException e = assertThrows(ConflictException.class,
                            () -> FindingStateMachine.next(from, action), from + " " + action);
                    assertEquals("finding.illegal_transition", e.detail().code());
                    assertEquals(java.util.List.of(action.name(), from.name()), e.detail().args());
                    assertFalse(FindingStateMachine.allowed(from, action));
                }
            }
        }
    }

    @Test
    void overdueIsPastTheDeadlineAndNotClosed() {
        LocalDate deadline = LocalDate.of(2026, 3, 31);
        assertFalse(Findings.overdue(ISSUED, deadline, deadline));
        assertTrue(Findings.overdue(ISSUED, deadline, deadline.plusDays(1)));
        assertTrue(Findings.overdue(ANSWERED, deadline, deadline.plusDays(1)));
        assertFalse(Findings.overdue(CLOSED, deadline, deadline.plusDays(1)));
    }

    @Test
    void evidenceActionsAreNamedPerVerb() {
        assertEquals("evaluation.finding.send_back", SEND_BACK.evidenceAction());
    }
}
