package com.tanfang.evidence;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The documented byte format (docs/evidence-log.md), without a database. */
class ChainFormatTest {
    @Test
    void theDocumentedExampleHashes() {
        String detail = CanonicalJson.write(Map.of("projectId", 3, "points", 30));
        String line = ChainFormat.content(1, ChainFormat.GENESIS, Instant.parse("2026-12-01T09:55:10.123456Z"), 2L,
                SubjectType.CAMPAIGN.name(), 7, "campaign.created", detail);
        assertEquals("1|" + "0".repeat(64) + "|2026-12-01T09:55:10.123456Z|2|CAMPAIGN|7|campaign.created|"
                + "{\"points\":30,\"projectId\":3}", line);
        assertEquals("3decf58b5bec764b94198f5feeaab132e20ccf49aea2f9543deb69d0539c3bb8", ChainFormat.sha256(line));
    }

    @Test
    void timesHaveSixFractionalDigitsAndTheActorMayBeEmpty() {
        Instant at = ChainFormat.storedPrecision(Instant.parse("2026-01-02T03:04:05.000000999Z"));
        assertEquals("2|" + "a".repeat(64) + "|2026-01-02T03:04:05.000000Z||RESPONSE|9|response.excluded|{}",
                ChainFormat.content(2, "a".repeat(64), at, null, "RESPONSE", 9, "response.excluded", "{}"));
    }

    @Test
    void actionsCannotCarryTheSeparator() {
        assertThrows(IllegalArgumentException.class, () -> ChainFormat.checkAction("response.excluded|x"));
        assertThrows(IllegalArgumentException.class, () -> ChainFormat.checkAction("Response.Excluded"));
        ChainFormat.checkAction("callback.denial_alarm");
    }
}
