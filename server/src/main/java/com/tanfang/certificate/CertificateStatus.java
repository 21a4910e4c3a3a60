package com.tanfang.certificate;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A certificate's status and what may change it (002 §5.6.6, §5.8): plain Java, no framework. VALID after issue;
 * SUSPENDED when a surveillance evaluation fails or the holder misuses the certificate, back to VALID when a new
 * surveillance passes (RESTORE); WITHDRAWN (撤销) when the suspension is not lifted or for cause; CANCELLED (注销)
 * when the holder gives it up or the body ends it without fault. EXPIRED is reached by time alone: a VALID or
 * SUSPENDED certificate whose expiry date has passed (Beijing date). WITHDRAWN, CANCELLED and EXPIRED are final.
 */
public enum CertificateStatus {
    VALID, SUSPENDED, WITHDRAWN, CANCELLED, EXPIRED;

    /** What a person (the project's lead or an ADMIN) may do to a certificate; expiry is the clock's, not an action. */
    public enum Action {
        SUSPEND, RESTORE, WITHDRAW, CANCEL;

        /** The action as it is written in a request body (case-insensitive); empty when there is no such action. */
        public static Optional<Action> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            for (Action a : values()) {
                if (a.name().equalsIgnoreCase(text.trim())) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    private static final Set<CertificateStatus> FINAL = EnumSet.of(WITHDRAWN, CANCELLED, EXPIRED);

    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /** The status {@code action} leads to from this one, or empty when the action is not allowed here. */
    public Optional<CertificateStatus> after(Action action) {
        return Optional.ofNullable(switch (this) {
            case VALID -> switch (action) {
                case SUSPEND -> SUSPENDED;
                case WITHDRAW -> WITHDRAWN;
                case CANCEL -> CANCELLED;
                case RESTORE -> null; // it is valid already
            };
            case SUSPENDED -> switch (action) {
                case RESTORE -> VALID;
                case WITHDRAW -> WITHDRAWN;
                case CANCEL -> CANCELLED;
                case SUSPEND -> null; // suspended already
            };
            case WITHDRAWN, CANCELLED, EXPIRED -> null;
        });
    }

    /**
     * The status as of {@code today} (the Beijing date): the stored one, except that a VALID or SUSPENDED certificate
     * is EXPIRED from the day after its expiry date ({@code expiresOn} is the last valid day).
     */
    public static CertificateStatus effective(CertificateStatus stored, LocalDate expiresOn, LocalDate today) {
        if ((stored == VALID || stored == SUSPENDED) && today.isAfter(expiresOn)) {
            return EXPIRED;
        }
        return stored;
    }
}
