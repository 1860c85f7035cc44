package dev.latchkey.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A closed world: random and malformed requests (repeated, missing, huge, invalid UTF-8, NUL bytes, wrong
 * content types and methods) at every endpoint of the packaged server. Every answer must be a success or
 * one of that endpoint's documented errors, in its documented format, never a 5xx; afterwards good
 * requests still work. The seed is printed; rerun one with {@code -Dfuzz.seed=...}.
 */
class FuzzIT {
    static final int ROUNDS = Integer.getInteger("fuzz.rounds", 250);
    static final Set<String> TOKEN_CODES = Set.of("invalid_request", "invalid_client", "unsupported_grant_type");
    static final Set<String> AUTHORIZE_CODES = Set.of("invalid_request", "unsupported_response_type", "invalid_scope",
            "forbidden_scope", "access_denied");
    static final List<String> OAUTH_NAMES = List.of("grant_type", "code", "redirect_uri", "code_verifier",
            "refresh_token", "scope", "client_id", "client_secret", "token", "token_type_hint", "response_type",
            "state", "code_challenge", "code_challenge_method", "username", "password", "lk_csrf", "decision",
            "request_uri");
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    static PackagedApp app;
    static ItClients.Registered client;
    static HttpClient http;
    static long seed;
    static Random random;

    @BeforeAll
    static void start() {
        // Limits high enough that a thousand bad credentials do not lock out the good request at the end;
        // and the fuzz comes from addresses of its own (X-Forwarded-For, as behind a load balancer): the
        // failure counters are shared through the database, and 127.0.0.1 belongs to the other tests.
        app = PackagedApp.start(Map.of("LATCHKEY_CLIENT_AUTH_MAX_FAILURES_PER_ADDRESS", "1000000",
                "LATCHKEY_CLIENT_AUTH_MAX_FAILURES_PER_CLIENT", "1000000",
                "LATCHKEY_LOGIN_MAX_FAILURES_PER_ADDRESS", "1000000",
                "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true",
                "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true"));
        client = ItClients.register(app, "confidential", List.of("https://app.example/cb"),
                List.of("authorization_code", "refresh_token", "client_credentials"));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        seed = Long.getLong("fuzz.seed", System.nanoTime());
        random = new Random(seed);
        System.out.println("FuzzIT seed " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void tokenRevokeIntrospectAnswerOnlyDocumentedErrors() throws Exception {
        for (String path : List.of("/oauth2/token", "/oauth2/revoke", "/oauth2/introspect",
                "/oauth2/device_authorization", "/oauth2/par")) {
            // RFC 9126: the PAR endpoint answers the authorization endpoint's codes too
            Set<String> codes = new java.util.HashSet<>(TOKEN_CODES);
            if (path.equals("/oauth2/par")) {
                codes.addAll(AUTHORIZE_CODES);
            }
            for (int i = 0; i < ROUNDS; i++) {
                HttpRequest request = request(path + maybeQuery(), randomMethod(0.8), randomContentType(), formBody(),
                        randomAuthorization());
                if (random.nextDouble() < 0.3) { // a DPoP proof (RFC 9449), garbage or a JWT-shaped one
                    request = HttpRequest.newBuilder(request, (n, v) -> true).header("DPoP",
                            random.nextBoolean() ? word() : word() + "." + word() + "." + word()).build();
                }
                HttpResponse<String> r = send(request);
                int status = r.statusCode();
                assertTrue(Set.of(200, 201, 400, 401, 405, 429).contains(status), describe(request, r));
                if (status >= 300 && !request.method().equals("HEAD")) {
                    assertOAuthJson(request, r, codes);
                    if (status == 401) {
                        assertEquals("Basic realm=\"latchkey\"", r.headers().firstValue("WWW-Authenticate").orElse(""),
                                describe(request, r));
                    }
                }
                assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), describe(request, r));
            }
        }
    }

    @Test
    void registrationAnswersOnlyDocumentedErrors() throws Exception {
        String initial = ItClients.admin(app).body(Map.of("max_uses", 1000)).post("/api/v1/registration-tokens")
                .then().statusCode(201).extract().path("token");
        for (int i = 0; i < ROUNDS; i++) {
            String path = random.nextDouble() < 0.7 ? "/oauth2/register" : "/oauth2/register/" + word();
            String method = path.equals("/oauth2/register") ? randomMethod(0.8)
                    : pick(List.of("GET", "PUT", "DELETE", "PATCH"));
            HttpRequest.Builder builder = builder(path).method(method.equals("HEAD") ? "GET" : method,
                    HttpRequest.BodyPublishers.ofByteArray(jsonBody()));
            double auth = random.nextDouble();
            if (auth < 0.6) {
                builder.header("Authorization", "Bearer " + initial);
            } else if (auth < 0.85) {
                builder.header("Authorization", pick(List.of("Bearer nope", "Basic " + word(), "Bearer")));
            }
            if (random.nextDouble() < 0.85) {
                builder.header("Content-Type", random.nextDouble() < 0.8 ? "application/json" : randomContentType());
            }
            HttpRequest request = builder.build();
            HttpResponse<String> r = send(request);
            int status = r.statusCode();
            assertTrue(Set.of(201, 400, 401, 404, 405).contains(status), describe(request, r));
            if (status >= 400) {
                assertOAuthJson(request, r, Set.of("invalid_request", "invalid_client"));
            }
        }
    }

    @Test
    void authorizeAnswersPagesOrDocumentedRedirects() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            String method = random.nextDouble() < 0.6 ? "GET" : random.nextDouble() < 0.8 ? "POST" : pick(METHODS);
            String path = pick(List.of("/oauth2/authorize", "/oauth2/authorize", "/oauth2/authorize/login",
                    "/oauth2/authorize/consent", "/oauth2/authorize/" + word(), "/oauth2/device",
                    "/oauth2/device/login", "/oauth2/device/consent"));
            String query = "?" + queryString(random.nextBoolean());
            HttpRequest.Builder builder = builder(path + query);
            byte[] body = method.equals("GET") ? new byte[0] : formBody();
            builder.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            if (!method.equals("GET")) {
                builder.header("Content-Type", randomContentType());
            }
            if (random.nextBoolean()) {
                builder.header("Cookie", "latchkey_session=" + word());
            }
            HttpRequest request = builder.build();
            HttpResponse<String> r = send(request);
            int status = r.statusCode();
            assertTrue(Set.of(200, 302, 303, 400, 404, 405, 415, 429).contains(status), describe(request, r));
            if (status == 302 || status == 303) {
                String location = r.headers().firstValue("Location").orElseThrow();
                Matcher error = Pattern.compile("[?&]error=([^&]*)").matcher(location);
                if (location.startsWith("https://app.example/cb") && error.find()) {
                    assertTrue(AUTHORIZE_CODES.contains(error.group(1)), describe(request, r));
                } else {
                    assertTrue(location.startsWith("https://app.example/cb") || location.startsWith("/oauth2/authorize")
                            || location.startsWith(app.baseUrl() + "/oauth2/authorize"), describe(request, r));
                }
            } else if (status >= 400 && !request.method().equals("HEAD")) {
                String type = r.headers().firstValue("Content-Type").orElse("");
                if (path.startsWith("/oauth2/authorize") || path.startsWith("/oauth2/device")) {
                    assertTrue(type.startsWith("text/html"), describe(request, r));
                    assertTrue(r.body().contains("<h1>"), describe(request, r));
                } else {
                    assertTrue(type.startsWith("application/json"), describe(request, r));
                }
                assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), describe(request, r));
            }
        }
    }

    @Test
    void managementApiAnswersItsErrorFormat() throws Exception {
        List<String> paths = List.of("/api/v1/scopes", "/api/v1/clients", "/api/v1/users", "/api/v1/keys",
                "/api/v1/resources", "/api/v1/resources/" + word(), "/api/v1/registration-tokens",
                "/api/v1/clients/" + client.clientId(), "/api/v1/clients/%00", "/api/v1/users/%FF%FE",
                "/api/v1/users/" + client.username() + "/grants", "/api/v1/clients/x/secret", "/api/v1/" + word());
        for (int i = 0; i < ROUNDS * 2; i++) {
            String method = pick(List.of("GET", "POST", "PUT", "DELETE", "PATCH", "POST", "PUT"));
            if (method.equals("DELETE") || (method.equals("POST") && random.nextDouble() < 0.1)) {
                method = "GET"; // keep the shared data: no real deletions or rotations
            }
            String path = pick(paths) + (random.nextDouble() < 0.3 ? "?limit=" + word() + "&after=" + word() : "");
            byte[] body = jsonBody();
            HttpRequest.Builder builder = builder(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            if (random.nextDouble() < 0.85) {
                builder.header("Authorization", random.nextDouble() < 0.85 ? "Bearer " + PackagedApp.ADMIN_KEY
                        : pick(List.of("Bearer nope", "Basic " + word(), "Bearer")));
            }
            if (random.nextDouble() < 0.85) {
                builder.header("Content-Type", random.nextDouble() < 0.8 ? "application/json" : randomContentType());
            }
            HttpRequest request = builder.build();
            HttpResponse<String> r = send(request);
            int status = r.statusCode();
            assertTrue(Set.of(200, 201, 204, 400, 401, 404, 405, 415).contains(status), describe(request, r));
            if (status >= 400) {
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                        describe(request, r));
                assertTrue(r.body().matches("(?s)\\{\"message\":\"" + status + " [^\"]+\",\"description\":\".+\"}"),
                        describe(request, r));
            }
        }
    }

    /**
     * Escapes java.net.URI refuses to send, written on a raw socket, in paths and queries, random ones beside
     * fixed ones. Vert.x's HTTP codec refuses such a request line itself, before any handler or route of ours
     * runs (its invalid-request handler is fixed when Quarkus starts the server), so the answer is a bare 400:
     * asserted as a refusal, not a crash or a hang, with our format whenever a body is present.
     */
    @Test
    void malformedEscapesInTheRequestLineAreRefused() throws Exception {
        List<String> targets = new java.util.ArrayList<>(List.of("/oauth2/authorize?client_id=%ZZ&response_type=code",
                "/oauth2/authorize?client_id=" + client.clientId() + "&scope=%", "/oauth2/authorize?%%%=%",
                "/oauth2/token?grant_type=%G1", "/oauth2/token/%zz", "/api/v1/clients/%ZZ", "/api/v1/users?limit=%",
                "/api/v1/clients/%zz%", "/%%"));
        String[] roots = {"/oauth2/authorize", "/oauth2/token", "/oauth2/introspect", "/api/v1/clients", "/api/v1/scopes"};
        for (int i = 0; i < 20; i++) {
            String bad = "%" + (char) ('G' + random.nextInt(20)) + (random.nextBoolean() ? "" : "%");
            targets.add(roots[random.nextInt(roots.length)] + (random.nextBoolean() ? "/" + bad : "?x=" + bad));
        }
        for (String target : targets) {
            String method = target.startsWith("/oauth2/token") ? "POST" : "GET";
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
                socket.setSoTimeout(10000);
                String request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + PackagedApp.ADMIN_KEY + "\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n";
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int status = Integer.parseInt(response.substring(9, 12));
                assertEquals(400, status, target + " -> " + response);
                String body = response.substring(response.indexOf("\r\n\r\n") + 4);
                if (body.isEmpty()) {
                    continue; // refused by the HTTP codec itself, before any hook of ours (see above)
                }
                if (target.startsWith("/oauth2/authorize")) {
                    assertTrue(response.contains("text/html"), target + " -> " + response);
                } else {
                    assertTrue(response.contains("application/json"), target + " -> " + response);
                }
            }
        }
    }

    @AfterAll
    static void goodRequestsStillWork() throws Exception {
        if (app == null || !app.alive()) {
            return;
        }
        HttpResponse<String> token = send(request("/oauth2/token", "POST", "application/x-www-form-urlencoded",
                "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                "Basic " + Base64.getEncoder().encodeToString((client.clientId() + ":" + client.clientSecret()).getBytes())));
        assertEquals(200, token.statusCode(), token.body());
        HttpResponse<String> scopes = send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/scopes"))
                .header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY).build());
        assertEquals(200, scopes.statusCode());
        HttpResponse<String> ready = send(HttpRequest.newBuilder(URI.create(app.managementUrl() + "/q/health/ready")).build());
        assertEquals(200, ready.statusCode());
    }

    // ---- generators

    static HttpRequest.Builder builder(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(app.baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(20))
                .header("X-Forwarded-For", "198.51.100." + (1 + random.nextInt(254)));
    }

    static HttpRequest request(String path, String method, String contentType, byte[] body, String authorization) {
        HttpRequest.Builder b = builder(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.build();
    }

    static String randomMethod(double postShare) {
        return random.nextDouble() < postShare ? "POST" : pick(METHODS);
    }

    static String maybeQuery() {
        return random.nextDouble() < 0.1 ? "?" + queryString(false) : "";
    }

    static String randomContentType() {
        double p = random.nextDouble();
        if (p < 0.7) {
            return pick(List.of("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
                    "APPLICATION/X-WWW-FORM-URLENCODED"));
        }
        return pick(List.of("application/json", "text/plain", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded; charset=ISO-8859-1", "", ";;;", "text/html"));
    }

    static String randomAuthorization() {
        double p = random.nextDouble();
        if (p < 0.3) {
            return null;
        }
        if (p < 0.6) {
            return "Basic " + Base64.getEncoder().encodeToString((client.clientId() + ":" + client.clientSecret()).getBytes());
        }
        return pick(List.of("Basic", "Basic " + word(), "Bearer " + word(), "Basic " + Base64.getEncoder()
                .encodeToString(word().getBytes()), "Basic " + Base64.getEncoder()
                .encodeToString((client.clientId() + ":" + word()).getBytes()), "Basic " + Base64.getEncoder()
                .encodeToString(("%ZZ:" + word()).getBytes()), "x".repeat(5000)));
    }

    /** A form body: known and random names, repeated, empty, huge, NUL, bad escapes, invalid UTF-8. */
    static byte[] formBody() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pairs = random.nextInt(8);
        for (int i = 0; i < pairs; i++) {
            if (i > 0) {
                out.writeBytes(random.nextDouble() < 0.05 ? "&&".getBytes() : "&".getBytes());
            }
            out.writeBytes((random.nextDouble() < 0.8 ? pick(OAUTH_NAMES) : word()).getBytes(StandardCharsets.UTF_8));
            if (random.nextDouble() < 0.9) {
                out.write('=');
                out.writeBytes(value());
            }
        }
        if (random.nextDouble() < 0.05) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            out.writeBytes(junk);
        }
        return out.toByteArray();
    }

    static byte[] value() {
        double p = random.nextDouble();
        if (p < 0.3) {
            return pick(List.of("authorization_code", "refresh_token", "client_credentials", "password", client.clientId(),
                    client.clientSecret(), client.scope(), "https://app.example/cb", "code", "S256", "plain", "allow",
                    "deny")).getBytes(StandardCharsets.UTF_8);
        }
        if (p < 0.4) {
            return "".getBytes();
        }
        if (p < 0.5) {
            return "A".repeat(random.nextInt(20000)).getBytes();
        }
        if (p < 0.6) {
            return pick(List.of("%00", "a%00b", "%", "%Z", "%ZZ", "%FF%FE", "%C3%28", "%E2%82", "%ED%A0%80"))
                    .getBytes();
        }
        if (p < 0.7) {
            byte[] raw = new byte[1 + random.nextInt(16)];
            random.nextBytes(raw);
            return raw;
        }
        if (p < 0.8) {
            return "é✓😀 \"'<script>".getBytes(StandardCharsets.UTF_8);
        }
        return word().getBytes(StandardCharsets.UTF_8);
    }

    static String queryString(boolean plausible) {
        List<String> parts = new ArrayList<>();
        if (plausible) {
            parts.add("client_id=" + (random.nextDouble() < 0.8 ? client.clientId() : word()));
            parts.add("response_type=" + pick(List.of("code", "token", "", "code%20id_token")));
            if (random.nextBoolean()) {
                parts.add("redirect_uri=" + pick(List.of("https%3A%2F%2Fapp.example%2Fcb", "https%3A%2F%2Fevil.example%2F",
                        "", "%FF")));
            }
            parts.add("code_challenge=" + pick(List.of("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "short", "")));
            parts.add("code_challenge_method=" + pick(List.of("S256", "plain", "")));
        }
        int more = random.nextInt(6);
        for (int i = 0; i < more; i++) {
            String v = new String(value(), StandardCharsets.ISO_8859_1);
            StringBuilder enc = new StringBuilder();
            for (byte b : v.getBytes(StandardCharsets.ISO_8859_1)) {
                int c = b & 0xff;
                if (Character.isLetterOrDigit(c) && c < 128) {
                    enc.append((char) c);
                } else {
                    enc.append('%').append(String.format("%02X", c));
                }
            }
            // within the server's 16 KB request line: beyond it the HTTP codec answers a bare 414
            String value = enc.length() > 2000 ? enc.substring(0, 2000) : enc.toString();
            parts.add((random.nextDouble() < 0.8 ? pick(OAUTH_NAMES) : word()) + "=" + value);
        }
        java.util.Collections.shuffle(parts, random);
        return String.join("&", parts);
    }

    static byte[] jsonBody() {
        double p = random.nextDouble();
        Supplier<String> s = FuzzIT::jsonValue;
        if (p < 0.15) {
            return new byte[0];
        }
        if (p < 0.25) {
            byte[] raw = new byte[random.nextInt(100)];
            random.nextBytes(raw);
            return raw;
        }
        if (p < 0.35) {
            return ("{\"name\": " + s.get()).getBytes(StandardCharsets.UTF_8);
        }
        if (p < 0.4) {
            return ("[".repeat(2000) + "]".repeat(2000)).getBytes();
        }
        StringBuilder json = new StringBuilder("{");
        List<String> fields = List.of("name", "description", "client_type", "redirect_uris", "allowed_scopes",
                "default_scopes", "grant_types", "require_pkce", "enabled", "username", "password", "client_secret",
                "client_name", "token_endpoint_auth_method", "response_types", "scope", "contacts", "client_id",
                "allowed_resources", "uri", "scopes", "access_token_typ", "expires_in", "max_uses", word());
        int n = random.nextInt(7);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(pick(fields)).append("\":").append(s.get());
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    static String jsonValue() {
        return pick(List.of("null", "true", "17", "-1.5e400", "\"\"", "\"" + word() + "\"", "\"a\\u0000b\"",
                "\"" + "x".repeat(5000) + "\"", "[]", "[null]", "[\"https://a.example/cb\"]", "[\"http://evil.example\"]",
                "{}", "[\"authorization_code\",\"nope\"]", "\"confidential\"", "\"public\"", "\"\\ud800\""));
    }

    static String word() {
        String alphabet = "abcXYZ019-_.~:%";
        StringBuilder w = new StringBuilder();
        int n = 1 + random.nextInt(12);
        for (int i = 0; i < n; i++) {
            w.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return w.toString().replace("%", "%25");
    }

    static <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            fail("no answer (seed " + seed + ") to " + request.method() + " " + request.uri() + ": " + e);
            throw e;
        }
    }

    static void assertOAuthJson(HttpRequest request, HttpResponse<String> r, Set<String> codes) {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), describe(request, r));
        Matcher m = Pattern.compile("^\\{\"error\":\"([a-z_]+)\",\"error_description\":\"(.+)\"}$").matcher(r.body());
        assertTrue(m.matches(), describe(request, r));
        assertTrue(codes.contains(m.group(1)), describe(request, r));
    }

    static String describe(HttpRequest request, HttpResponse<String> r) {
        String body = r.body() == null ? "" : r.body();
        String uri = request.uri().toString();
        String headers = request.headers().map().toString();
        return "seed " + seed + ": -> " + r.statusCode() + " " + r.headers().map() + " "
                + body.substring(0, Math.min(400, body.length())) + " <- " + request.method() + " "
                + uri.substring(0, Math.min(200, uri.length())) + " " + headers.substring(0, Math.min(300, headers.length()));
    }
}
