package com.tanfang.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The byte format an evidence row's hash covers (docs/evidence-log.md; SQL: {@code evidence_canonical_content}
 * in V5). One line of UTF-8 text, fields separated by {@code |}:
 * {@code seq|prev_hash|at|actor|subject_type|subject_id|action|detail}, where {@code at} is UTC with exactly six
 * fractional digits ({@code 2026-12-01T09:55:10.123456Z}), {@code actor} is empty for the public or the system,
 * and {@code detail} is {@link CanonicalJson}. Only the last field can contain {@code |}, so the line is
 * unambiguous. The hash is the lowercase hex SHA-256 of those bytes.
 */
public final class ChainFormat {
    /** The previous hash of the first row. */
    public static final String GENESIS = "0".repeat(64);
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    private ChainFormat() {
    }

    /** PostgreSQL keeps microseconds; the hash covers what is stored. */
    public static Instant storedPrecision(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    public static void checkAction(String action) {
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("evidence action must look like 'response.excluded': " + action);
        }
    }

    public static String content(long seq, String prevHash, Instant at, Long actor, String subjectType, long subjectId,
                                 String action, String canonicalDetail) {
        return seq + "|" + prevHash + "|" + AT.format(at) + "|" + (actor == null ? "" : actor.toString()) + "|"
                + subjectType + "|" + subjectId + "|" + action + "|" + canonicalDetail;
    }

    public static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
