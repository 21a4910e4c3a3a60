package com.tanfang.phone;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Mainland China mobile numbers as residents type them into the survey: "138 1234 5678",
 * "138-1234-5678", "+86 13812345678" and "0086…" all mean the same eleven digits, and only those
 * eleven digits are stored, hashed or shown.
 */
public final class PhoneNumbers {
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u3000\\-\\u2010-\\u2015]");

    private PhoneNumbers() {
    }

    /** The bare eleven digits, or empty when the input is not a mainland mobile number. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String digits = SEPARATORS.matcher(raw).replaceAll("");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        }
        return MOBILE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
    }

    public static boolean isValid(String raw) {
        return normalise(raw).isPresent();
    }

    /** Normalised digits, or an {@link IllegalArgumentException} that does not echo the input. */
    public static String require(String raw) {
        return normalise(raw).orElseThrow(() -> new IllegalArgumentException("not a mainland China mobile number"));
    }

    /** "138****1234": enough for a resident to recognise their number and for staff to tell calls apart. */
    public static String mask(String raw) {
        String digits = require(raw);
        return digits.substring(0, 3) + "****" + digits.substring(7);
    }
}
