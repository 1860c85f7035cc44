package dev.latchkey.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.latchkey.policy.TokenPolicyTest.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The device flow (RFC 8628) as a table: device authorization requests and polls, and what each is told. */
class DevicePolicyTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    static final ClientView DEVICE = TestClients.publicClient().grants(DevicePolicy.GRANT_TYPE).build();
    static final ClientView OTHER = TestClients.publicClient().id("client-2").grants(DevicePolicy.GRANT_TYPE).build();

    record Case(String name, Runnable check, Reason expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static DevicePolicy.Stored stored(DevicePolicy.Status status, Instant polledAt, Instant expiresAt) {
        return new DevicePolicy.Stored("client-1", expiresAt, 5, polledAt, status,
                status == DevicePolicy.Status.APPROVED ? UUID.randomUUID() : null);
    }

    static void poll(DevicePolicy.Stored stored, ClientView client, DevicePolicy.Effect effect) {
        DevicePolicy.Poll poll = DevicePolicy.poll(stored, client, NOW);
        assertEquals(effect, poll.effect());
        if (poll.refusal() != null) {
            throw poll.refusal();
        }
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("device request, default scope", () -> DevicePolicy.authorize(req(), DEVICE), null));
        c.add(new Case("device request, allowed scope", () -> DevicePolicy.authorize(req("scope", "write"), DEVICE),
                null));
        c.add(new Case("client without the grant", () -> DevicePolicy.authorize(req(),
                TestClients.publicClient().build()), DeviceReason.DEVICE_GRANT_NOT_ENABLED));
        c.add(new Case("resource named", () -> DevicePolicy.authorize(req("resource", "https://api.example/"), DEVICE),
                DeviceReason.DEVICE_RESOURCE_UNSUPPORTED));
        c.add(new Case("scope not allowed", () -> DevicePolicy.authorize(req("scope", "admin"), DEVICE),
                DeviceReason.DEVICE_SCOPE_NOT_ALLOWED));
        c.add(new Case("no scope, no defaults", () -> DevicePolicy.authorize(req(),
                TestClients.publicClient().grants(DevicePolicy.GRANT_TYPE).defaults().build()),
                DeviceReason.DEVICE_SCOPE_NONE));
        c.add(new Case("poll without device_code", () -> DevicePolicy.deviceCode(req("grant_type",
                DevicePolicy.GRANT_TYPE)), DeviceReason.DEVICE_CODE_MISSING));
        c.add(new Case("poll, unknown code", () -> poll(null, DEVICE, DevicePolicy.Effect.NOTHING),
                DeviceReason.DEVICE_CODE_UNKNOWN));
        c.add(new Case("poll, another client's code", () -> poll(stored(DevicePolicy.Status.APPROVED, null,
                NOW.plusSeconds(60)), OTHER, DevicePolicy.Effect.NOTHING), DeviceReason.DEVICE_CODE_OTHER_CLIENT));
        c.add(new Case("poll, expired", () -> poll(stored(DevicePolicy.Status.APPROVED, null, NOW), DEVICE,
                DevicePolicy.Effect.REMOVE), DeviceReason.DEVICE_CODE_EXPIRED));
        c.add(new Case("poll, first, pending", () -> poll(stored(DevicePolicy.Status.PENDING, null,
                NOW.plusSeconds(60)), DEVICE, DevicePolicy.Effect.NOTE_POLL), DeviceReason.DEVICE_PENDING));
        c.add(new Case("poll, after the interval, pending", () -> poll(stored(DevicePolicy.Status.PENDING,
                NOW.minusSeconds(5), NOW.plusSeconds(60)), DEVICE, DevicePolicy.Effect.NOTE_POLL),
                DeviceReason.DEVICE_PENDING));
        c.add(new Case("poll, too soon", () -> poll(stored(DevicePolicy.Status.PENDING, NOW.minusSeconds(4),
                NOW.plusSeconds(60)), DEVICE, DevicePolicy.Effect.SLOW_DOWN), DeviceReason.DEVICE_SLOW_DOWN));
        c.add(new Case("poll, declined", () -> poll(stored(DevicePolicy.Status.DENIED, null, NOW.plusSeconds(60)),
                DEVICE, DevicePolicy.Effect.REMOVE), DeviceReason.DEVICE_DENIED));
        c.add(new Case("poll, approved", () -> poll(stored(DevicePolicy.Status.APPROVED, NOW.minusSeconds(1),
                NOW.plusSeconds(60)), DEVICE, DevicePolicy.Effect.ISSUE), null));
        return c;
    }

    static Stream<Arguments> rows() {
        return cases().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Case c) {
        if (c.expected() == null) {
            c.check().run();
            return;
        }
        Refusal refusal = org.junit.jupiter.api.Assertions.assertThrows(Refusal.class, () -> c.check().run());
        assertEquals(c.expected(), refusal.reason());
    }

    @Test
    void userCodesAreEightLettersOfTheAlphabetAndReadBackHoweverTyped() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = DevicePolicy.userCode(RANDOM::nextInt);
            assertTrue(code.matches("[" + DevicePolicy.ALPHABET + "]{8}"), code);
            seen.add(code);
            String shown = DevicePolicy.display(code);
            assertEquals(Optional.of(code), DevicePolicy.normalize(shown));
            assertEquals(Optional.of(code), DevicePolicy.normalize(shown.toLowerCase()));
            assertEquals(Optional.of(code), DevicePolicy.normalize(" " + code.substring(0, 4) + " " + code.substring(4)));
        }
        assertTrue(seen.size() > 990, "random: " + seen.size());
        assertEquals(Optional.empty(), DevicePolicy.normalize("BCDF-GHJ"));
        assertEquals(Optional.empty(), DevicePolicy.normalize("BCDF-GHJA"), "no vowels");
        assertEquals(Optional.empty(), DevicePolicy.normalize("BCDF-GHJ0"), "no digits");
        assertEquals(Optional.empty(), DevicePolicy.normalize(null));
    }

    @Test
    void aPollThatIsNotIssuedCarriesNoTokens() {
        assertNull(DevicePolicy.poll(stored(DevicePolicy.Status.APPROVED, null, NOW.plusSeconds(9)), DEVICE, NOW)
                .refusal());
    }
}
