package fr.instruire.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fr.instruire.support.Api;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.EmbeddedServices;

/**
 * Someone guessing a staff member's password over HTTP: each wrong password delays the next try (even with the right
 * password), the delay is capped, and the account is never locked until an administrator steps in. The engine's clock
 * ({@link ClockUtil}, the same JVM as the application) moves instead of the test sleeping through the delays.
 */
@ApplicationIT
class PasswordGuessingIT {

    static final String STAFF = "instructeur.essai";
    static final String PASSWORD = "Mangue-Goyave-2026";
    static final String HASTY = "instructeur.presse";

    /** Camunda's default loginMaxAttempts: past this many failures, the default configuration locks for good. */
    static final int DEFAULT_MAX_ATTEMPTS = 10;
    static final Duration MAX_DELAY = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "password_guessing");
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcClient jdbc;

    private Instant now;

    @BeforeAll
    void staff() {
        for (var id : new String[] { STAFF, HASTY }) {
            var user = identity.newUser(id);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void twelveWrongPasswordsSlowTheGuesserDownWithoutLockingTheAccount() throws Exception {
        now = Instant.now();
        for (int guess = 1; guess <= DEFAULT_MAX_ATTEMPTS + 2; guess++) {
            // past any delay, so that each wrong password counts as a failure
            moveClock(MAX_DELAY.plusSeconds(1));
            assertThat(status(STAFF, "devine-" + guess)).as("wrong password %d", guess).isEqualTo(401);
        }
        assertThat(attempts(STAFF)).isEqualTo(DEFAULT_MAX_ATTEMPTS + 2);

        moveClock(MAX_DELAY.minusSeconds(1));
        assertThat(status(STAFF, PASSWORD)).as("the right password while the delay runs").isEqualTo(401);

        moveClock(Duration.ofSeconds(2));
        assertThat(status(STAFF, PASSWORD)).as("the right password once the delay (capped at a minute) is over")
                .isEqualTo(200);
        assertThat(attempts(STAFF)).isZero();
        assertThat(lockExpiration(STAFF)).isNull();
    }

    @Test
    void aMistypedPasswordCostsAFewSecondsOnly() throws Exception {
        now = Instant.now();
        moveClock(Duration.ZERO);
        assertThat(status(HASTY, "Mangue-Goyave-2025")).isEqualTo(401);

        moveClock(Duration.ofSeconds(1));
        assertThat(status(HASTY, PASSWORD)).as("right away").isEqualTo(401);

        moveClock(Duration.ofSeconds(3));
        assertThat(status(HASTY, PASSWORD)).as("a few seconds later").isEqualTo(200);
    }

    private void moveClock(Duration by) {
        now = now.plus(by);
        ClockUtil.setCurrentTime(Date.from(now));
    }

    private int status(String user, String password) throws Exception {
        return new Api(port).get("/engine-rest/task", Api.basic(user, password)).statusCode();
    }

    private int attempts(String user) {
        return jdbc.sql("SELECT attempts_ FROM act_id_user WHERE id_ = ?").param(user).query(Integer.class).single();
    }

    private Object lockExpiration(String user) {
        return jdbc.sql("SELECT lock_exp_time_ FROM act_id_user WHERE id_ = ?").param(user).query()
                .singleColumn().get(0);
    }
}
