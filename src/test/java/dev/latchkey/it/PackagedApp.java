package dev.latchkey.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar}, production profile) as a separate
 * process on a free port against the local PostgreSQL, the way an operator runs it.
 */
public final class PackagedApp implements AutoCloseable {
    /** Strong enough for the production profile's check (32 characters and more, not a pattern). */
    public static final String ADMIN_KEY = "it-admin-key-" + java.util.UUID.randomUUID();
    /** The test profile's key, so that this process can read the signing keys the @QuarkusTest run stored. */
    public static final String KEK = "dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=";
    public static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/latchkey_test";

    private static PackagedApp shared;

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final Duration startup;

    private PackagedApp(Process process, int port, int managementPort, Path log, Duration startup) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.startup = startup;
    }

    /** One server for all the tests of a run that need no special settings; stopped when the JVM exits. */
    public static synchronized PackagedApp shared() {
        if (shared == null) {
            forgetLocalFailures();
            shared = start(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public static PackagedApp start(Map<String, String> extraEnv) {
        int port = freePort();
        return start(port, "http://127.0.0.1:" + port, extraEnv);
    }

    public static PackagedApp start(int port, String issuer, Map<String, String> extraEnv) {
        return start(port, issuer, extraEnv, java.util.List.of());
    }

    /** With {@code jvmOptions} before {@code -jar} (the production heap, say). */
    public static PackagedApp start(int port, String issuer, Map<String, String> extraEnv, java.util.List<String> jvmOptions) {
        String jar = System.getProperty("latchkey.jar", "target/quarkus-app/quarkus-run.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("no packaged app at " + jar + ": run ./mvnw verify (package comes first)");
        }
        Map<String, String> env = new HashMap<>();
        int managementPort = freePort();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // production serves health, metrics and OpenAPI on the management interface, a port of its own
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", JDBC_URL);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("LATCHKEY_ISSUER", issuer);
        env.put("LATCHKEY_ADMIN_API_KEY", ADMIN_KEY);
        env.put("LATCHKEY_KEY_ENCRYPTION_KEY", KEK);
        env.putAll(extraEnv);
        try {
            Path log = Path.of("target", "it-app-" + port + ".log");
            Files.createDirectories(log.getParent());
            java.util.List<String> command = new java.util.ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(jar);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Instant begin = Instant.now();
            Process process = builder.start();
            PackagedApp app = new PackagedApp(process, port, managementPort, log, Duration.ZERO);
            app.awaitReady(Duration.ofSeconds(60));
            return new PackagedApp(process, port, managementPort, log, Duration.between(begin, Instant.now()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The management interface: health, metrics, the OpenAPI document. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public Duration startup() {
        return startup;
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException("the app was not ready within " + timeout + "; see " + log);
    }

    /** SIGTERM, then wait for a graceful exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public int exitValue() {
        return process.exitValue();
    }

    /**
     * The failure counters are shared through the database: an earlier run's failures from 127.0.0.1
     * (within the 5-minute window) must not throttle this run's first request.
     */
    static void forgetLocalFailures() {
        try (var c = java.sql.DriverManager.getConnection(JDBC_URL, "postgres", null);
             var st = c.prepareStatement("delete from throttle where key like '%|127.0.0.1%'")) {
            st.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
