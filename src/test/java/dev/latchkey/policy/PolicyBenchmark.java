package dev.latchkey.policy;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The pure checks of the authorize and token paths, without network or database: a regression in the
 * policy module shows here first. Run with {@code bench/jmh.sh}; not part of the test suite.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyBenchmark {
    static final String SECRET = "s3cret-value-with-256-bits-of-entropy-000000";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    final ClientView client = new ClientView("client-1", "Bench", ClientType.CONFIDENTIAL, Hashes.sha256(SECRET),
            List.of("https://app.example/cb", "http://127.0.0.1/cb"), Set.of("read", "write"), Set.of("read"),
            Set.of(CodeGrantPolicy.GRANT_TYPE, RefreshGrantPolicy.GRANT_TYPE, ClientCredentialsGrantPolicy.GRANT_TYPE), true, true, Instant.EPOCH, Instant.EPOCH,
            List.of(), "RS256", Set.of(), "client_secret_basic", null, null, List.of(), null, null, false, false);
    final AuthorizeRequest authorize = new AuthorizeRequest(Parameters.single(Map.of(
            "client_id", "client-1", "response_type", "code", "redirect_uri", "https://app.example/cb",
            "scope", "read write", "state", "xyz", "code_challenge", CHALLENGE, "code_challenge_method", "S256")));
    final TokenRequest codeRequest = new TokenRequest(Parameters.single(Map.of("grant_type", "authorization_code",
            "code", "c", "redirect_uri", "https://app.example/cb", "code_verifier", VERIFIER)),
            "Basic " + Base64.getEncoder().encodeToString(("client-1:" + SECRET).getBytes(StandardCharsets.UTF_8)));
    final TokenRequest ccRequest = new TokenRequest(Parameters.single(Map.of("grant_type", "client_credentials",
            "scope", "read")), codeRequest.authorization());
    final StoredCode code = new StoredCode("client-1", UUID.randomUUID(), "https://app.example/cb", "read", CHALLENGE,
            NOW.plusSeconds(30), Consumption.CONSUMED_NOW, null, null);
    final Set<String> existing = Set.of("read", "write");

    @Benchmark
    public Object authorizeRequest() {
        return AuthorizePolicy.check(authorize, client, existing, Map.of(), false, false);
    }

    @Benchmark
    public Object clientAuthentication() {
        return ClientAuthPolicy.authenticate(ClientAuthPolicy.credentials(ccRequest.authorization(), ccRequest.params()),
                client);
    }

    @Benchmark
    public Object clientCredentialsGrant() {
        ccRequest.checkNoRepeats(TokenPolicyTest.KNOWN);
        TokenPolicy.grantType(ccRequest, client, TokenPolicyTest.SUPPORTED);
        return ClientCredentialsGrantPolicy.scopes(ccRequest, client);
    }

    @Benchmark
    public Object codeGrantWithPkce() {
        codeRequest.checkNoRepeats(TokenPolicyTest.KNOWN);
        TokenPolicy.grantType(codeRequest, client, TokenPolicyTest.SUPPORTED);
        CodeGrantPolicy.code(codeRequest);
        CodeGrantPolicy.check(codeRequest, client, code, NOW);
        return code;
    }
}
