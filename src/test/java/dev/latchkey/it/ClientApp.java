package dev.latchkey.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An app of the kind Latchkey's users write (Quarkus or Spring Boot), built from {@code src/it/<name>} with the
 * project's own Maven wrapper (once per run) and started as a process of its own against the packaged server.
 */
final class ClientApp implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private ClientApp(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    private static final java.util.Set<String> BUILT = new java.util.HashSet<>();

    /**
     * Builds {@code src/it/<name>} into {@code target/it-apps/<name>} unless a previous test of this run did.
     *
     * @param jar where the build puts the runnable jar, below {@code target/it-apps/<name>}
     */
    static synchronized Path build(String name, String jar) {
        return build(name, Path.of("target", "it-apps", name).resolve(jar));
    }

    private static Path build(String name, Path jar) {
        if (BUILT.contains(name)) {
            return jar;
        }
        try {
            Path buildLog = Path.of("target", "it-apps", name + "-build.log");
            Files.createDirectories(buildLog.getParent());
            Process maven = new ProcessBuilder(new File("mvnw").getAbsolutePath(), "-B", "-q", "-f",
                    "src/it/" + name + "/pom.xml", "package", "-DskipTests")
                    .redirectErrorStream(true).redirectOutput(buildLog.toFile()).start();
            if (!maven.waitFor(10, TimeUnit.MINUTES) || maven.exitValue() != 0) {
                maven.destroyForcibly();
                throw new IllegalStateException("building src/it/" + name + " failed; see " + buildLog);
            }
            BUILT.add(name);
            return jar;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the jar on {@code port} and waits until it answers HTTP at all. */
    static ClientApp start(Path jar, int port, Map<String, String> env) {
        try {
            Path log = Path.of("target", "it-apps", "app-" + port + ".log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
            ClientApp app = new ClientApp(builder.start(), port, log);
            app.awaitListening(Duration.ofSeconds(60));
            return app;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    private void awaitListening(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited with " + process.exitValue() + "; see " + log);
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                PackagedApp.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the app did not listen within " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
