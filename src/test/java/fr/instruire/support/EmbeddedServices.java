package fr.instruire.support;

import java.io.IOException;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Real services for integration tests, started once per test JVM: a PostgreSQL server (binaries from Maven
 * Central, no Docker) and a GreenMail SMTP/IMAP server.
 */
public final class EmbeddedServices {

    private static EmbeddedPostgres postgres;
    private static GreenMail greenMail;

    private EmbeddedServices() {
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("PostgreSQL embarqué n'a pas démarré", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return postgres;
    }

    public static synchronized GreenMail greenMail() {
        if (greenMail == null) {
            greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
            greenMail.start();
            Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop));
        }
        return greenMail;
    }

    /** Points the application at a fresh database of the embedded server and at GreenMail. */
    public static void register(DynamicPropertyRegistry registry, String database) {
        var pg = postgres();
        try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (java.sql.SQLException e) {
            if (!e.getMessage().contains("already exists")) {
                throw new IllegalStateException(e);
            }
        }
        registry.add("spring.datasource.url", () -> pg.getJdbcUrl("postgres", database));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> greenMail().getSmtp().getPort());
    }
}
