package dev.latchkey.token;

import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

import java.util.Optional;

/**
 * SmallRye JWT's parser with the key chosen from the key ring by {@code kid}: only a published key verifies,
 * and only for the algorithm it was made for.
 */
final class KeyRingParser extends DefaultJWTTokenParser {
    private final KeyRing keys;
    private final Runnable reloadKeys;

    /** @param reloadKeys called once when the kid is unknown here (another instance may have rotated) */
    KeyRingParser(KeyRing keys, Runnable reloadKeys) {
        this.keys = keys;
        this.reloadKeys = reloadKeys;
    }

    @Override
    protected VerificationKeyResolver getVerificationKeyResolver(JWTAuthContextInfo info) {
        return (jws, nesting) -> {
            String kid = jws.getKeyIdHeaderValue();
            Optional<KeyRing.PublishedKey> key = keys.published(kid);
            if (key.isEmpty()) {
                reloadKeys.run();
                key = keys.published(kid);
            }
            if (key.isEmpty() || !key.get().algorithm().equals(jws.getAlgorithmHeaderValue())) {
                throw new UnresolvableKeyException("no published key " + kid + " for " + jws.getAlgorithmHeaderValue());
            }
            return key.get().publicKey();
        };
    }
}
