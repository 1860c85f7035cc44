package dev.latchkey.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.support.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real MCP client: the MCP TypeScript SDK's client auth functions (metadata discovery, {@code registerClient},
 * {@code startAuthorization}, {@code exchangeAuthorization}, {@code refreshAuthorization}, with {@code resource})
 * against the packaged server in {@code open} registration mode. The SDK comes from npm at the version pinned in
 * {@code src/it/mcp-client/package-lock.json}; the test is skipped, saying so, only where node is missing.
 */
class McpClientIT {
    static final String SCOPE = "mcp:tools";
    static final String REDIRECT = "http://127.0.0.1:33418/oauth/callback";
    static PackagedApp app;
    static Path client;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(run(List.of("node", "--version"), Path.of(".")).exit() == 0,
                "node is not installed: the MCP SDK client test needs it");
        client = install();
        app = PackagedApp.start(Map.of("LATCHKEY_REGISTRATION_MODE", "open",
                "LATCHKEY_REGISTRATION_OPEN_SCOPES", SCOPE + ",openid"));
        // an operator's setup: the scope, the MCP server as a resource that accepts it, a user
        int status = ItClients.admin(app).body(Map.of("name", SCOPE, "description", "Use the MCP server's tools"))
                .post("/api/v1/scopes").statusCode();
        assertTrue(status == 201 || status == 400, "scope created or there from an earlier run: " + status);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void mcpClientRegistersItselfAndGetsATokenForTheMcpServer() throws Exception {
        String mcpServer = "https://" + ItClients.unique("mcp") + ".example/mcp";
        ItClients.admin(app).body(Map.of("uri", mcpServer, "name", "Test MCP server", "scopes", List.of(SCOPE)))
                .post("/api/v1/resources").then().statusCode(201);
        String username = ItClients.unique("mcp-user");
        ItClients.admin(app).body(Map.of("username", username, "password", ItClients.PASSWORD))
                .post("/api/v1/users").then().statusCode(201);

        Run started = run(List.of("node", "client.mjs", "start", app.baseUrl(), REDIRECT, mcpServer, SCOPE), client);
        assertEquals(0, started.exit(), started.output());
        JsonNode state = new ObjectMapper().readTree(lastLine(started.output()));
        assertEquals(app.baseUrl() + "/oauth2/register", state.path("registrationEndpoint").asText());
        String clientId = state.path("client").path("client_id").asText();
        assertEquals("none", state.path("client").path("token_endpoint_auth_method").asText(), state.toString());

        // the user's part: the login and consent pages, as a browser would
        URI done = new ItBrowser().authorize(URI.create(state.path("authorizationUrl").asText()),
                new ItClients.Registered(clientId, null, SCOPE, username));
        Map<String, String> answer = Browser.query(done.toString());
        assertTrue(done.toString().startsWith(REDIRECT), done.toString());
        assertEquals("mcp-state", answer.get("state"));
        assertEquals(app.baseUrl(), answer.get("iss"));

        Path stateFile = Files.createTempFile(client, "state", ".json");
        Files.writeString(stateFile, state.toString());
        Run finished = run(List.of("node", "client.mjs", "finish", app.baseUrl(), stateFile.toAbsolutePath().toString(),
                answer.get("code")), client);
        assertEquals(0, finished.exit(), finished.output());
        JsonNode tokens = new ObjectMapper().readTree(lastLine(finished.output()));
        for (String which : List.of("tokens", "refreshed")) {
            var claims = SignedJWT.parse(tokens.path(which).path("access_token").asText()).getJWTClaimsSet();
            assertEquals(List.of(mcpServer), claims.getAudience(), which + ": the token is for the MCP server only");
            assertEquals(SCOPE, claims.getStringClaim("scope"));
            assertEquals(clientId, claims.getStringClaim("client_id"));
        }
        // an ordinary client now: the administrator sees it, marked as one that registered itself
        var listed = ItClients.admin(app).get("/api/v1/clients/" + clientId).then().statusCode(200).extract().jsonPath();
        assertEquals(true, listed.getBoolean("self_registered"));
        // every registered resource that accepts one of its scopes (earlier runs' MCP servers too)
        assertTrue(listed.getList("allowed_resources").contains(mcpServer), listed.prettify());
    }

    /** npm ci into target/it-apps/mcp-client (once), from the pinned lock file. */
    private static Path install() throws IOException, InterruptedException {
        Path dir = Path.of("target", "it-apps", "mcp-client");
        Files.createDirectories(dir);
        for (String file : List.of("package.json", "package-lock.json", "client.mjs")) {
            Files.copy(Path.of("src", "it", "mcp-client", file), dir.resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(dir.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            Run npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir);
            assertEquals(0, npm.exit(), "npm ci for the MCP SDK failed:\n" + npm.output());
        }
        return dir;
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return new Run(-1, e.getMessage());
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Run(-1, command + " timed out");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        assertNotNull(lines);
        return lines[lines.length - 1];
    }
}
