package dev.latchkey.flow;

import dev.latchkey.policy.InvalidInput;
import dev.latchkey.policy.NotFound;
import dev.latchkey.policy.Quote;
import dev.latchkey.store.RegistrationTokenEntity;
import dev.latchkey.store.RegistrationTokenRepository;
import dev.latchkey.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Initial access tokens for dynamic registration in {@code token} mode (RFC 7591 §3), for the management API. */
@ApplicationScoped
public class RegistrationTokenFlow {
    public static final long DEFAULT_EXPIRES_IN = Duration.ofDays(1).getSeconds();
    public static final long MAX_EXPIRES_IN = Duration.ofDays(365).getSeconds();
    public static final int MAX_USES = 1_000_000;

    /** A token as listed: never the token itself. */
    public record TokenView(String id, Instant expiresAt, int maxUses, int uses, Instant createdAt) {
    }

    /** A new token, with the value that exists only in this answer. */
    public record Minted(TokenView view, String token) {
    }

    private final RegistrationTokenRepository tokens;
    private final Clock clock;

    public RegistrationTokenFlow(RegistrationTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * @param expiresIn seconds, 1 to a year; null for a day
     * @param maxUses   registrations it allows, 1 to a million; null for one
     */
    @Transactional
    public Minted mint(Long expiresIn, Integer maxUses) {
        List<String> problems = new ArrayList<>();
        long seconds = expiresIn == null ? DEFAULT_EXPIRES_IN : expiresIn;
        if (seconds < 1 || seconds > MAX_EXPIRES_IN) {
            problems.add("expires_in must be 1 to " + MAX_EXPIRES_IN + " seconds");
        }
        int uses = maxUses == null ? 1 : maxUses;
        if (uses < 1 || uses > MAX_USES) {
            problems.add("max_uses must be 1 to " + MAX_USES);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        String token = OpaqueTokens.newToken();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        RegistrationTokenEntity entity = new RegistrationTokenEntity();
        entity.id = OpaqueTokens.newId();
        entity.tokenHash = OpaqueTokens.hash(token);
        entity.createdAt = now;
        entity.expiresAt = now.plusSeconds(seconds);
        entity.maxUses = uses;
        tokens.persist(entity);
        return new Minted(view(entity), token);
    }

    public Page<TokenView> list(String after, int limit) {
        return Page.of(tokens.page(after, limit), limit, RegistrationTokenFlow::view, TokenView::id);
    }

    /** Withdraws a token: no further registration with it; clients registered with it stay. */
    @Transactional
    public void delete(String id) {
        if (!tokens.deleteById(id)) {
            throw new NotFound("no registration token with id " + Quote.of(id));
        }
    }

    /** Counts one use, in the caller's transaction; false when the token is unknown, expired or used up. */
    boolean use(String token) {
        return tokens.use(OpaqueTokens.hash(token), clock.instant());
    }

    private static TokenView view(RegistrationTokenEntity t) {
        return new TokenView(t.id, t.expiresAt, t.maxUses, t.uses, t.createdAt);
    }
}
