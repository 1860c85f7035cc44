package dev.latchkey.token;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import dev.latchkey.policy.DpopProof;
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

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * What reading one DPoP proof costs (RFC 9449 §4.3 steps 1 to 7: parse, key, one ES256 verification), with the
 * Amazon Corretto Crypto Provider first (as the server installs it) or the JDK's own. The replay store's write is
 * measured apart (bench/dpop.md). Run with {@code bench/jmh.sh DpopProofBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DpopProofBenchmark {
    @Param({"ACCP", "JDK"})
    String provider;

    String proof;

    @Setup
    public void setUp() throws Exception {
        if (provider.equals("ACCP")) {
            AmazonCorrettoCryptoProvider.install();
            AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
        }
        proof = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256)
                .createDPoPJWT("POST", URI.create("https://login.example/oauth2/token")).serialize();
    }

    @Benchmark
    public DpopProof read() {
        return DpopProofs.read(proof);
    }
}
