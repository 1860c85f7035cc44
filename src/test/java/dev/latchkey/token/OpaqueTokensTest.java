package dev.latchkey.token;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpaqueTokensTest {

    @Test
    void grantIdsAreVersion7UuidsInTimeOrder() {
        Instant now = Instant.parse("2026-11-30T15:00:00.123Z");
        UUID first = OpaqueTokens.newGrantId(now);
        assertEquals(7, first.version());
        assertEquals(2, first.variant());
        assertEquals(now.toEpochMilli(), first.getMostSignificantBits() >>> 16, "the first 48 bits are the time in ms");
        // as PostgreSQL orders uuid values (bytewise): a later millisecond sorts after, whatever the random bits
        UUID later = OpaqueTokens.newGrantId(now.plusMillis(1));
        assertTrue(first.toString().compareTo(later.toString()) < 0);
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(OpaqueTokens.newGrantId(now)), "74 random bits: no two alike in the same millisecond");
        }
    }
}
