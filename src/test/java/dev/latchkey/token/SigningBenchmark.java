package dev.latchkey.token;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.KeyPair;
import java.util.concurrent.TimeUnit;

/**
 * What one id_token costs to sign, by algorithm and provider: an id_token of the code exchange built and
 * signed by SmallRye JWT as {@link IdTokens} does, with the Amazon Corretto Crypto Provider first in the JCA
 * list (as the server installs it) or the JDK's own. Run with {@code bench/jmh.sh SigningBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {
    @Param({"ACCP", "JDK"})
    String provider;

    @Param({"ES256", "RS256"})
    String algorithm;

    KeyPair keys;

    @Setup
    public void setUp() {
        if (provider.equals("ACCP")) {
            AmazonCorrettoCryptoProvider.install();
            AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
        }
        keys = KeyMaterial.generate(algorithm);
    }

    @Benchmark
    public String idToken() {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer("https://login.example").subject("5f0c2a4e-58a4-4b8f-9a7e-0d6a1c9b7e21")
                .audience("client-1").claim("azp", "client-1").issuedAt(now).expiresAt(now + 600)
                .claim("auth_time", now - 30).claim("nonce", "n-0S6_WzA2Mj")
                .claim("at_hash", "77QmUPtjPfzWtF2AnpK9RQ").claim("name", "Ada Lovelace")
                .jws().keyId("kid-1").header("typ", "JWT").algorithm(SignatureAlgorithm.fromAlgorithm(algorithm))
                .sign(keys.getPrivate());
    }
}
