package fr.instruire.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start a production run (the {@code postgres} profile) with a demo or weak admin password, with the
 * {@code demo} profile beside it, with the demo data switched on ({@code instruire.demo.enabled}), or with a demo
 * account as administrator.
 *
 * <p>It runs as an {@link EnvironmentPostProcessor} (registered in {@code META-INF/spring.factories}), once the
 * configuration files are read and before any bean exists: the engine never creates its admin user with a known
 * password and no demo data reaches the production database. Camunda creates {@code camunda.bpm.admin-user} only if
 * absent, so a weak password that got in once would stay even after the variable is fixed.
 */
class ProductionSafety implements EnvironmentPostProcessor, Ordered {

    static final String PRODUCTION_PROFILE = "postgres";
    static final String DEMO_PROFILE = "demo";
    static final String ADMIN_ID_PROPERTY = "camunda.bpm.admin-user.id";
    static final String ADMIN_PASSWORD_PROPERTY = "camunda.bpm.admin-user.password";
    /** Switches on the demo seeders: demo campaigns, dossiers and accounts whose password is their name. */
    static final String DEMO_DATA_PROPERTY = "instruire.demo.enabled";
    static final int MINIMUM_PASSWORD_LENGTH = 12;
    /** Keys the applicants' Idempotency-Keys (IntakeService); public in application.yaml, for the embedded run only. */
    static final String SECRET_PROPERTY = "instruire.secret";
    static final String DEMO_SECRET = "instruire-execution-embarquee-secret-public-de-demonstration";
    static final int MINIMUM_SECRET_LENGTH = 32;

    /** The demo accounts' passwords (password = name) and the usual first guesses. */
    private static final Set<String> DEMO_PASSWORDS = Set.of("demo", "instructeur.guadeloupe", "comite.guadeloupe",
            "instructeur.martinique", "admin", "password");

    /** The demo seeders' accounts (fr.instruire.demo), whose password is their name, and the demo administrator. */
    private static final Set<String> DEMO_ACCOUNTS = Set.of("demo", "instructeur.guadeloupe", "comite.guadeloupe",
            "instructeur.martinique", "comite.martinique", "equipe.nationale", "dgcs", "ars.iledefrance", "cpam.iledefrance", "ctis");

    private static final String PASSWORD = "INSTRUIRE_ADMIN_PASSWORD (" + ADMIN_PASSWORD_PROPERTY + ")";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        check(environment);
    }

    /** After the configuration files are loaded: they decide the active profiles and the admin password. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static void check(Environment environment) {
        var problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new UnsafeProductionConfigurationException(problems);
        }
    }

    /** What forbids this start, each in French then English; empty outside production or when all is well. */
    static List<String> problems(Environment environment) {
        if (!environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE))) {
            return List.of();
        }
        var problems = new ArrayList<String>();
        // with an active profile, the default one (demo) is not applied: demo here means someone asked for it
        if (environment.acceptsProfiles(Profiles.of(DEMO_PROFILE))) {
            problems.add("SPRING_PROFILES_ACTIVE (spring.profiles.active) contient « demo » avec « postgres » : "
                    + "les comptes de démonstration seraient créés en production. Retirez « demo ». / "
                    + "SPRING_PROFILES_ACTIVE (spring.profiles.active) has \"demo\" beside \"postgres\": the demo "
                    + "accounts would be created in production. Remove \"demo\".");
        }
        if ("true".equalsIgnoreCase(environment.getProperty(DEMO_DATA_PROPERTY, "").strip())) {
            problems.add("INSTRUIRE_DEMO_ENABLED (" + DEMO_DATA_PROPERTY + ") vaut « true » avec « postgres » : des "
                    + "campagnes, des dossiers et des comptes de démonstration (mot de passe = identifiant) seraient "
                    + "créés en production. Retirez ce réglage. / INSTRUIRE_DEMO_ENABLED (" + DEMO_DATA_PROPERTY
                    + ") is \"true\" with \"postgres\": demo campaigns, dossiers and accounts (password = name) "
                    + "would be created in production. Remove it.");
        }
        var adminId = environment.getProperty(ADMIN_ID_PROPERTY, "").strip();
        if (DEMO_ACCOUNTS.contains(adminId.toLowerCase(Locale.ROOT)) || demoFileAccounts().contains(adminId.toLowerCase(Locale.ROOT))) {
            problems.add("INSTRUIRE_ADMIN_USER (" + ADMIN_ID_PROPERTY + ") « " + adminId + " » est un compte de "
                    + "démonstration : choisissez un autre identifiant. / INSTRUIRE_ADMIN_USER (" + ADMIN_ID_PROPERTY
                    + ") \"" + adminId + "\" is a demo account: choose another id.");
        }
        passwordProblem(environment).ifPresent(problems::add);
        var secret = environment.getProperty(SECRET_PROPERTY, "").strip();
        if (secret.length() < MINIMUM_SECRET_LENGTH || secret.equals(DEMO_SECRET)) {
            problems.add("INSTRUIRE_SECRET (" + SECRET_PROPERTY + ") doit compter au moins " + MINIMUM_SECRET_LENGTH
                    + " caractères et n'être pas celui de l'exécution embarquée (par exemple : openssl rand -base64 48). / "
                    + "INSTRUIRE_SECRET (" + SECRET_PROPERTY + ") must have at least " + MINIMUM_SECRET_LENGTH
                    + " characters and not be the embedded run's (e.g. openssl rand -base64 48).");
        }
        return List.copyOf(problems);
    }

    /** The accounts of the demo campaigns given as files ({@code demo/<call>.yaml}, {@code users[].id}). */
    static Set<String> demoFileAccounts() {
        var ids = new java.util.HashSet<String>();
        try {
            for (var resource : new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                    .getResources("classpath*:demo/*.yaml")) {
                try (var in = resource.getInputStream()) {
                    var ID = java.util.regex.Pattern.compile("(?m)\\bid:\\s*([A-Za-z0-9._-]+)");
                    var matcher = ID.matcher(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    while (matcher.find()) {
                        ids.add(matcher.group(1).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("demo/*.yaml illisibles", e);
        }
        return ids;
    }

    private static Optional<String> passwordProblem(Environment environment) {
        var password = environment.getProperty(ADMIN_PASSWORD_PROPERTY, "").strip();
        var adminId = environment.getProperty(ADMIN_ID_PROPERTY, "").strip();
        String french;
        String english;
        if (password.isEmpty()) {
            french = "n'est pas défini";
            english = "is not set";
        } else if (DEMO_PASSWORDS.contains(password.toLowerCase(Locale.ROOT))) {
            french = "est un mot de passe de démonstration";
            english = "is a demo password";
        } else if (password.equalsIgnoreCase(adminId)) {
            french = "est égal à l'identifiant de l'administrateur (INSTRUIRE_ADMIN_USER)";
            english = "equals the admin user id (INSTRUIRE_ADMIN_USER)";
        } else if (password.length() < MINIMUM_PASSWORD_LENGTH) {
            french = "fait moins de " + MINIMUM_PASSWORD_LENGTH + " caractères";
            english = "is shorter than " + MINIMUM_PASSWORD_LENGTH + " characters";
        } else {
            return Optional.empty();
        }
        return Optional.of(PASSWORD + " " + french + " : choisissez un mot de passe d'au moins "
                + MINIMUM_PASSWORD_LENGTH + " caractères qui ne soit pas celui d'un compte de démonstration. / "
                + PASSWORD + " " + english + ": choose a password of at least " + MINIMUM_PASSWORD_LENGTH
                + " characters that no demo account uses.");
    }
}
