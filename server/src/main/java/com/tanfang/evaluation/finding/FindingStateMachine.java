package com.tanfang.evaluation.finding;

import com.tanfang.message.ConflictException;

import java.util.EnumMap;
import java.util.Map;

import static com.tanfang.evaluation.finding.FindingAction.*;
import static com.tanfang.evaluation.finding.FindingState.*;

/**
 * The legal transitions of a finding, in one table: DRAFT -edit-> DRAFT -issue-> ISSUED -answer-> ANSWERED
 * -accept-> CLOSED, or ANSWERED -send back-> ISSUED (the client answers again). Anything else is a conflict (409)
 * naming the action and the state.
 */
public final class FindingStateMachine {
    private static final Map<FindingState, Map<FindingAction, FindingState>> NEXT = new EnumMap<>(FindingState.class);

    static {
        on(DRAFT, EDIT, DRAFT);
        on(DRAFT, ISSUE, ISSUED);
        on(ISSUED, ANSWER, ANSWERED);
        on(ANSWERED, ACCEPT, CLOSED);
        on(ANSWERED, SEND_BACK, ISSUED);
    }

    private FindingStateMachine() {
    }

    private static void on(FindingState from, FindingAction action, FindingState to) {
        NEXT.computeIfAbsent(from, s -> new EnumMap<>(FindingAction.class)).put(action, to);
    }

    /** The state {@code action} leads to from {@code from}; 409 {@code finding.illegal_transition} if none. */
    public static FindingState next(FindingState from, FindingAction action) {
        FindingState to = NEXT.getOrDefault(from, Map.of()).get(action);
        if (to == null) {
            throw ConflictException.of("finding.illegal_transition", action.name(), from.name());
        }
        return to;
    }

    public static boolean allowed(FindingState from, FindingAction action) {
        return NEXT.getOrDefault(from, Map.of()).containsKey(action);
    }
}
