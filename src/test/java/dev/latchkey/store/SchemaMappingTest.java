package dev.latchkey.store;

import jakarta.persistence.Entity;
import org.flywaydb.core.Flyway;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URISyntaxException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The entity mapping and the Flyway migrations cannot drift apart silently: Hibernate boots over every
 * entity and validates it against a database the migrations just built (a database of this test's own),
 * and the same validation refuses that schema once a mapped column is gone.
 */
class SchemaMappingTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "latchkey_schema_check";
    private static final String URL = SERVER + DATABASE;

    @BeforeAll
    static void migrate() throws SQLException {
        admin("drop database if exists " + DATABASE);
        admin("create database " + DATABASE);
        Flyway.configure().dataSource(URL, "postgres", null).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void drop() throws SQLException {
        admin("drop database if exists " + DATABASE);
    }

    @Test
    void whenMigratedThenEveryEntityMatchesItsTable() throws Exception {
        List<Class<?>> entities = entities();
        assertTrue(entities.size() >= 13, "entities found: " + entities);
        validate(entities);
    }

    @Test
    void whenAMappedColumnIsMissingThenValidationFails() throws Exception {
        try (var c = DriverManager.getConnection(URL, "postgres", null); var st = c.createStatement()) {
            st.execute("alter table scope rename column description to summary");
        }
        try {
            var e = assertThrows(SchemaManagementException.class, () -> validate(entities()));
            assertTrue(e.getMessage().contains("description"), e.getMessage());
        } finally {
            try (var c = DriverManager.getConnection(URL, "postgres", null); var st = c.createStatement()) {
                st.execute("alter table scope rename column summary to description");
            }
        }
    }

    private static void validate(List<Class<?>> entities) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.url", URL)
                .applySetting("hibernate.connection.username", "postgres")
                .applySetting("hibernate.connection.pool_size", "1")
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            try (var sessionFactory = sources.buildMetadata().buildSessionFactory()) {
                sessionFactory.getSchemaManager().validateMappedObjects();
            }
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    /** Every {@code @Entity} in this package, so that a new one is validated without being listed here. */
    private static List<Class<?>> entities() throws URISyntaxException {
        File classes = new File(ClientEntity.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        File dir = new File(classes, ClientEntity.class.getPackageName().replace('.', '/'));
        List<Class<?>> found = Arrays.stream(Objects.requireNonNull(dir.list((d, name) -> name.endsWith(".class"))))
                .<Class<?>>map(name -> load(ClientEntity.class.getPackageName() + "." + name.replace(".class", "")))
                .filter(c -> c.isAnnotationPresent(Entity.class))
                .toList();
        assertFalse(found.isEmpty());
        return found;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void admin(String sql) throws SQLException {
        try (var c = DriverManager.getConnection(SERVER + "postgres", "postgres", null); var st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
