package com.tanfang.visit;

import com.tanfang.message.ConflictException;

import java.util.EnumMap;
import java.util.Map;

import static com.tanfang.visit.VisitAction.*;
import static com.tanfang.visit.VisitState.*;

/** The legal transitions, in one table; anything else is a conflict (409) naming the state and the action. */
public final class VisitStateMachine {
    private static final Map<VisitState, Map<VisitAction, VisitState>> NEXT = new EnumMap<>(VisitState.class);

    static {
        on(PLANNED, ASSIGN, ASSIGNED);
        on(PLANNED, CLAIM, CLAIMED);
        on(CLAIMED, EXPIRE_CLAIM, PLANNED);
        on(ASSIGNED, UNASSIGN, PLANNED);
        on(CLAIMED, UNASSIGN, PLANNED);
        on(ASSIGNED, CHECK_IN, IN_PROGRESS);
        on(CLAIMED, CHECK_IN, IN_PROGRESS);
        on(IN_PROGRESS, SUBMIT, SUBMITTED);
        on(RETURNED, SUBMIT, SUBMITTED);
        on(SUBMITTED, RETURN, RETURNED);
        on(SUBMITTED, APPROVE, APPROVED);
        on(SUBMITTED, REJECT, REJECTED);
        on(APPROVED, WITHDRAW_APPROVAL, SUBMITTED);
    }

    private VisitStateMachine() {
    }

    private static void on(VisitState from, VisitAction action, VisitState to) {
        NEXT.computeIfAbsent(from, s -> new EnumMap<>(VisitAction.class)).put(action, to);
    }

    /** The state {@code action} leads to from {@code from}; 409 {@code visit.illegal_transition} if none. */
    public static VisitState next(VisitState from, VisitAction action) {
        VisitState to = NEXT.getOrDefault(from, Map.of()).get(action);
        if (to == null) {
            throw ConflictException.of("visit.illegal_transition", action.name(), from.name());
        }
        return to;
    }

    public static boolean allowed(VisitState from, VisitAction action) {
        return NEXT.getOrDefault(from, Map.of()).containsKey(action);
    }
}
