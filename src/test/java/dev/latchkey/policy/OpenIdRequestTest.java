package dev.latchkey.policy;

import dev.latchkey.policy.OpenIdRequest.Interaction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Step 7 as a table: prompt and max_age against the browser's login and the user's consent. */
class OpenIdRequestTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @ParameterizedTest(name = "prompt={0} max_age={1} login {2}s ago consent={3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            // prompt, max_age, login age (- = none), consent covers, expected
            "-,          -,    -,  false, LOGIN",
            "-,          -,    10, false, CONSENT",
            "-,          -,    10, true,  NONE",
            "login,      -,    10, true,  LOGIN",
            "consent,    -,    10, true,  CONSENT",
            "login consent, -, 10, true,  LOGIN",
            "-,          0,    1,  true,  LOGIN",
            "-,          60,   30, true,  NONE",
            "-,          60,   61, true,  LOGIN",
            "-,          60,   60, true,  NONE",
            "none,       -,    10, true,  NONE",
            "none,       -,    -,  true,  LOGIN_REQUIRED",
            "none,       60,   61, true,  LOGIN_REQUIRED",
            "none,       -,    10, false, CONSENT_REQUIRED",
    })
    void decides(String prompt, Long maxAge, Long loginAge, boolean consentCovers, String expected) {
        OpenIdRequest request = new OpenIdRequest(prompt == null ? Set.of() : Set.of(prompt.split(" ")),
                maxAge == null ? null : Duration.ofSeconds(maxAge), null, null);
        Instant authTime = loginAge == null ? null : NOW.minusSeconds(loginAge);
        if (expected.endsWith("_REQUIRED")) {
            Refusal refusal = assertThrows(Refusal.class, () -> request.interaction(authTime, consentCovers, NOW));
            assertEquals(AuthorizeReason.valueOf(expected), refusal.reason());
        } else {
            assertEquals(Interaction.valueOf(expected), request.interaction(authTime, consentCovers, NOW));
        }
    }

    @Test
    void afterLoginTheSatisfiedDemandsAreDropped() {
        Map<String, String> carried = new LinkedHashMap<>();
        carried.put("client_id", "c");
        carried.put("prompt", "login consent");
        carried.put("max_age", "0");
        assertEquals(Map.of("client_id", "c", "prompt", "consent"), OpenIdRequest.afterLogin(carried));
        assertEquals(Map.of("client_id", "c"), OpenIdRequest.afterLogin(Map.of("client_id", "c", "prompt", "login")));
    }
}
