package dev.latchkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.latchkey.config.LatchkeyConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/ against the real configuration: every variable the files set is one the server reads, every
 * required one is set, probes and ports point where the server answers. (No Docker or cluster here: the
 * files are parsed and checked, not run.)
 */
class DeployFilesTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Set<String> QUARKUS = Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_HTTP_PORT", "QUARKUS_HTTP_HOST",
            "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED",
            "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "JAVA_OPTS_APPEND");
    static final Set<String> REQUIRED = Set.of("LATCHKEY_ISSUER", "LATCHKEY_ADMIN_API_KEY", "LATCHKEY_KEY_ENCRYPTION_KEY",
            "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_PASSWORD");

    /** LATCHKEY_* names of every setting in LatchkeyConfig, found by reading the mapping. */
    static Set<String> latchkeySettings() {
        Set<String> names = new TreeSet<>();
        collect(LatchkeyConfig.class, "LATCHKEY", names);
        return names;
    }

    private static void collect(Class<?> mapping, String prefix, Set<String> names) {
        for (Method m : mapping.getDeclaredMethods()) {
            if (m.getParameterCount() > 0 || m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String name = prefix + "_" + m.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
            Class<?> type = m.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == LatchkeyConfig.class) {
                collect(type, name, names);
            } else {
                names.add(name);
            }
        }
    }

    @Test
    void theSettingsMappingIsReadable() {
        Set<String> settings = latchkeySettings();
        assertTrue(settings.containsAll(Set.of("LATCHKEY_ISSUER", "LATCHKEY_ADMIN_API_KEY",
                "LATCHKEY_KEY_ENCRYPTION_KEY", "LATCHKEY_ERRORS_PROFILE", "LATCHKEY_TOKEN_AUDIENCE")), settings.toString());
    }

    @Test
    void kubernetesManifestsMatchTheServer() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(Path.of("deploy/kubernetes.yml").toFile())) {
            it.forEachRemaining(docs::add);
        }
        JsonNode secret = kind(docs, "Secret");
        JsonNode deployment = kind(docs, "Deployment");
        JsonNode service = kind(docs, "Service");
        assertEquals("v1", secret.path("apiVersion").asText());
        assertEquals("apps/v1", deployment.path("apiVersion").asText());

        Set<String> set = new TreeSet<>();
        secret.path("stringData").fieldNames().forEachRemaining(set::add);
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        container.path("env").forEach(e -> set.add(e.path("name").asText()));
        assertKnown(set);
        assertTrue(set.containsAll(REQUIRED), "required settings missing: " + REQUIRED);
        assertEquals(secret.at("/metadata/name").asText(), container.at("/envFrom/0/secretRef/name").asText());

        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals(8080, container.at("/ports/0/containerPort").asInt());
        String portName = container.at("/ports/0/name").asText();
        assertEquals(portName, service.at("/spec/ports/0/targetPort").asText());
        // health is on the management interface in production, never on the Service's port
        assertEquals(9000, container.at("/ports/1/containerPort").asInt());
        assertEquals(container.at("/ports/1/name").asText(), container.at("/readinessProbe/httpGet/port").asText());
        assertEquals(container.at("/ports/1/name").asText(), container.at("/livenessProbe/httpGet/port").asText());
        assertTrue(set.contains("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"), "forwarded addresses only from the ingress");
        assertEquals(deployment.at("/spec/template/metadata/labels"), service.at("/spec/selector"));
        assertEquals(deployment.at("/spec/selector/matchLabels"), deployment.at("/spec/template/metadata/labels"));
        assertTrue(deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt() > 20,
                "longer than quarkus.shutdown.timeout, so requests in flight finish");
        assertTrue(deployment.at("/spec/replicas").asInt() >= 2);
    }

    @Test
    void composeRunsTwoInstancesBehindTheBalancer() throws IOException {
        JsonNode compose = YAML.readTree(Path.of("deploy/docker-compose.yml").toFile());
        JsonNode services = compose.path("services");
        for (String name : List.of("latchkey-a", "latchkey-b")) {
            JsonNode latchkey = services.path(name);
            Set<String> set = new TreeSet<>();
            latchkey.path("environment").fieldNames().forEachRemaining(set::add);
            assertKnown(set);
            assertTrue(set.containsAll(REQUIRED), name + " lacks a required setting");
            assertTrue(latchkey.at("/healthcheck/test").toString().contains("localhost:9000/q/health/ready"));
            assertEquals(balancer(services), latchkey.at("/environment/QUARKUS_HTTP_PROXY_TRUSTED_PROXIES").asText(),
                    name + " believes forwarded addresses from the balancer alone");
            assertEquals("deploy/Dockerfile", latchkey.at("/build/dockerfile").asText());
            assertEquals("service_healthy", latchkey.at("/depends_on/postgres/condition").asText());
        }
        JsonNode balancer = services.path("balancer");
        assertTrue(balancer.path("depends_on").has("latchkey-a") && balancer.path("depends_on").has("latchkey-b"));
        String nginx = Files.readString(Path.of("deploy/nginx.conf"));
        assertTrue(nginx.contains("server latchkey-a:8080") && nginx.contains("server latchkey-b:8080"));
        assertTrue(nginx.contains("proxy_set_header X-Forwarded-For $remote_addr;"),
                "the balancer replaces X-Forwarded-For with the address it saw");
        String dockerfile = Files.readString(Path.of("deploy/Dockerfile"));
        assertTrue(dockerfile.contains("target/quarkus-app/") && dockerfile.contains("EXPOSE 8080"));
    }

    private static String balancer(JsonNode services) {
        return services.at("/balancer/networks/default/ipv4_address").asText();
    }

    private static void assertKnown(Set<String> names) {
        Set<String> known = new TreeSet<>(latchkeySettings());
        known.addAll(QUARKUS);
        Set<String> unknown = new TreeSet<>(names);
        unknown.removeAll(known);
        assertTrue(unknown.isEmpty(), "settings the server does not read: " + unknown);
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

}
