package dev.latchkey.store;

import dev.latchkey.config.LatchkeyConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings the schema up to date before anything else starts: in dev and test it first creates the
 * project's own database on the local server when missing (there is no Docker for Dev Services here),
 * then runs the Flyway migrations. Production only migrates.
 */
@Singleton
public class DatabaseBootstrap {

    private static final Logger LOG = Logger.getLogger(DatabaseBootstrap.class);
    private static final Pattern PG_URL = Pattern.compile("^(jdbc:postgresql://[^/]*/)([^?]+)(\\?.*)?$");

    void onStart(@Observes @Priority(1) StartupEvent event, Flyway flyway, LatchkeyConfig config,
                 @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                 @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                 @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        if (config.database().createIfMissing()) {
            createIfMissing(url, user.orElse(null), password.orElse(null));
        }
        var result = flyway.migrate();
        LOG.infof("Database schema at version %s (%d migration(s) applied now)",
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted);
    }

    static void createIfMissing(String url, String user, String password) {
        Matcher m = PG_URL.matcher(url);
        if (!m.matches()) {
            return;
        }
        String database = m.group(2);
        String maintenanceUrl = m.group(1) + "postgres" + (m.group(3) == null ? "" : m.group(3));
        try (var connection = DriverManager.getConnection(maintenanceUrl, user, password);
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (var rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
                LOG.infof("Created database %s", database);
            }
        } catch (SQLException e) {
            // 42P04: created meanwhile by another process; anything else surfaces when Flyway connects.
            if (!"42P04".equals(e.getSQLState())) {
                LOG.warnf("Could not create database %s: %s", database, e.getMessage());
            }
        }
    }
}
