package com.tanfang.visit;

import com.tanfang.scheme.Method;

/** Covert (mystery shopper, 暗访) or open (公开测评): per visit, and per item the project's choice. */
public enum VisitMode {
    COVERT(Method.COVERT_VISIT), OPEN(Method.OPEN_INSPECTION);

    private final Method method;

    VisitMode(Method method) {
        this.method = method;
    }

    /** The scheme method an item must list for this mode. */
    public Method method() {
        return method;
    }
}
