package com.tanfang.message;

import java.util.List;

/** A rate limit or lockout (429); {@link #retryAfterSeconds()} becomes the Retry-After header. */
public final class TooManyRequestsException extends DomainException {
    private final long retryAfterSeconds;

    public TooManyRequestsException(Message detail, long retryAfterSeconds, List<FieldProblem> problems) {
        super(detail, problems);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
