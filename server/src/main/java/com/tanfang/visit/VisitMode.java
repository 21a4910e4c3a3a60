package com.tanfang.visit;

import com.tanfang.scheme.Method;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a visit collects its ratings, per visit and per item the project's choice: covert (mystery shopper, 暗访),
 * open (公开测评), or an audit-team method: management audit (管理审核: document review, interviews, on-site
 * confirmation) and capability verification (能力验证). All four use the same capture, evidence store, blind
 * two-rater rule and review (server/docs/visits.md, "Management audit and capability verification").
 */
public enum VisitMode {
    COVERT(Method.COVERT_VISIT), OPEN(Method.OPEN_INSPECTION), MANAGEMENT_AUDIT(Method.MANAGEMENT_AUDIT),
    CAPABILITY_VERIFICATION(Method.CAPABILITY_VERIFICATION);

    private final Method method;

    VisitMode(Method method) {
        this.method = method;
    }

    /** The scheme method an item must list for this mode. */
    public Method method() {
        return method;
    }

    /**
     * Rated by the audit team (AUDITOR or LEAD of the project), announced to the provider: never offered to the
     * SHOPPER pool, no same-site interval, and not secret (a CLIENT may later learn that it took place and by whom;
     * only covert visits stay hidden).
     */
    public boolean audit() {
        return this == MANAGEMENT_AUDIT || this == CAPABILITY_VERIFICATION;
    }

    /** Whether the provider must not learn that this visit exists or who made it. */
    public boolean covert() {
        return this == COVERT;
    }

    /** The mode that collects a scheme method's evidence, if a visit can (the customer survey cannot). */
    public static Optional<VisitMode> of(Method method) {
        return Arrays.stream(values()).filter(m -> m.method == method).findFirst();
    }

    /** The modes an item's methods allow, in this enum's order (covert, open, audit, capability). */
    public static List<VisitMode> allowedBy(java.util.Collection<Method> methods) {
        return Arrays.stream(values()).filter(m -> methods.contains(m.method)).toList();
    }
}
