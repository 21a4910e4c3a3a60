package com.tanfang.certificate;

import com.tanfang.certificate.CertificateStatus.Action;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static com.tanfang.certificate.CertificateStatus.CANCELLED;
import static com.tanfang.certificate.CertificateStatus.EXPIRED;
import static com.tanfang.certificate.CertificateStatus.SUSPENDED;
import static com.tanfang.certificate.CertificateStatus.VALID;
import static com.tanfang.certificate.CertificateStatus.WITHDRAWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every state x action of the certificate's state machine, and expiry on the Beijing date. */
class CertificateStatusTest {
    /** The table by hand: what each action leads to from each state (absent: refused). */
    private static Map<CertificateStatus, Map<Action, CertificateStatus>> table() {
        Map<CertificateStatus, Map<Action, CertificateStatus>> t = new EnumMap<>(CertificateStatus.class);
        for (CertificateStatus s : CertificateStatus.values()) {
            t.put(s, new EnumMap<>(Action.class));
        }
        t.get(VALID).put(Action.SUSPEND, SUSPENDED);
        t.get(VALID).put(Action.WITHDRAW, WITHDRAWN);
        t.get(VALID).put(Action.CANCEL, CANCELLED);
        t.get(SUSPENDED).put(Action.RESTORE, VALID);
        t.get(SUSPENDED).put(Action.WITHDRAW, WITHDRAWN);
        t.get(SUSPENDED).put(Action.CANCEL, CANCELLED);
        return t;
    }

    @Test
    void everyStateAndActionAsTheTableSays() {
        int checked = 0;
        for (CertificateStatus s : CertificateStatus.values()) {
            for (Action a : Action.values()) {
                Optional<CertificateStatus> expected = Optional.ofNullable(table().get(s).get(a));
                assertEquals(expected, s.after(a), s + " x " + a);
                checked++;
            }
        }
        assertEquals(5 * 4, checked);
    }

    @Test
    void finalStatesAllowNothing() {
        for (CertificateStatus s : new CertificateStatus[]{WITHDRAWN, CANCELLED, EXPIRED}) {
            assertTrue(s.isFinal());
            for (Action a : Action.values()) {
                assertTrue(s.after(a).isEmpty(), s + " x " + a);
            }
        }
        assertFalse(VALID.isFinal());
        assertFalse(SUSPENDED.isFinal());
    }

    @Test
    void expiryIsTheDayAfterTheLastValidDay() {
        LocalDate last = LocalDate.of(2028, 6, 14);
        assertEquals(VALID, CertificateStatus.effective(VALID, last, last));
        assertEquals(EXPIRED, CertificateStatus.effective(VALID, last, last.plusDays(1)));
        assertEquals(EXPIRED, CertificateStatus.effective(SUSPENDED, last, last.plusDays(1)));
        assertEquals(SUSPENDED, CertificateStatus.effective(SUSPENDED, last, last));
        // a withdrawn or cancelled certificate stays what it was made: expiry does not rewrite it
        assertEquals(WITHDRAWN, CertificateStatus.effective(WITHDRAWN, last, last.plusYears(1)));
        assertEquals(CANCELLED, CertificateStatus.effective(CANCELLED, last, last.plusYears(1)));
    }

    @Test
    void actionsParseCaseInsensitivelyAndNothingElse() {
        assertEquals(Optional.of(Action.SUSPEND), Action.parse(" suspend "));
        assertEquals(Optional.empty(), Action.parse("EXPIRE"), "expiry is the clock's, not an action");
        assertEquals(Optional.empty(), Action.parse("ISSUE"));
        assertEquals(Optional.empty(), Action.parse(null));
    }

    @Test
    void surveillanceWindowsFollow002() {
        LocalDate issued = LocalDate.of(2025, 6, 15);
        var windows = Certificates.surveillance(issued, issued.plusYears(3).minusDays(1));
        assertEquals(2, windows.size(), windows.toString());
        assertEquals(LocalDate.of(2026, 3, 15), windows.get(0).from());
        assertEquals(LocalDate.of(2026, 6, 15), windows.get(0).to());
        assertEquals(LocalDate.of(2027, 3, 15), windows.get(1).from());
        assertEquals(LocalDate.of(2027, 6, 15), windows.get(1).to());
        assertEquals(1, Certificates.surveillance(issued, LocalDate.of(2027, 1, 1)).size());
        assertEquals(0, Certificates.surveillance(issued, LocalDate.of(2026, 6, 15)).size());
    }
}
