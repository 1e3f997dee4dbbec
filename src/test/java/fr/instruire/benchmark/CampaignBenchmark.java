package fr.instruire.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.support.EmbeddedServices;
import fr.instruire.support.Staff;

/**
 * The campaign benchmark (README « Performance »): not part of {@code mvn verify}; run with
 * {@code mvn -Pbenchmark verify} ({@code -Dbenchmark.dossiers=10000 -Dbenchmark.nodes=1}).
 *
 * <p>One run on embedded PostgreSQL and GreenMail, the application in its {@code postgres} profile, measures side by
 * side: the bare engine starting a trivial process (start → one-row decision → user task) (a) through its Java API
 * and (b) through {@code /engine-rest}; (c) Instruire's submission of ESMS numérique applications (8 ESMS each) by 8
 * clients over HTTP; the reviewer's Tasklist queries (the 15 newest tasks and the count) with every task open; the
 * whole campaign — recevabilité, instruction, committee, notifications — driven over HTTP as its users would; peak heap
 * and database bytes per dossier. With {@code benchmark.nodes=2} a second node (the packaged jar, its own JVM) shares
 * the database and the load, and the run checks that no job and no mail ran twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.admin-user.id=" + CampaignBenchmark.ADMIN,
        "camunda.bpm.admin-user.password=" + CampaignBenchmark.ADMIN_PASSWORD,
        "camunda.bpm.generate-unique-process-engine-name=false",
        "instruire.demo.enabled=false",
        "instruire.secret=" + CampaignBenchmark.SECRET})
@ActiveProfiles("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignBenchmark {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "banc-d-essai-2026";
    static final String SECRET = "secret-du-banc-d-essai-au-moins-32-caracteres";
    static final String DATABASE = "benchmark";
    static final int DOSSIERS = Integer.getInteger("benchmark.dossiers", 10_000);
    static final int NODES = Integer.getInteger("benchmark.nodes", 1);
    static final int CLIENTS = Integer.getInteger("benchmark.clients", 8);
    static final int BARE_STARTS = Integer.getInteger("benchmark.bare", Math.min(2_000, Math.max(200, DOSSIERS / 5)));
    static final int OTHER_REGION = Math.max(10, DOSSIERS / 10);
    static final String GUADELOUPE = "esms-numerique-banc-guadeloupe";
    static final String MARTINIQUE = "esms-numerique-banc-martinique";
    static final String REVIEWER = "instructeur.banc.guadeloupe";
    static final String REVIEWER_MARTINIQUE = "instructeur.banc.martinique";
    static final String COMMITTEE = "comite.banc.guadeloupe";
    static final String COMMITTEE_MARTINIQUE = "comite.banc.martinique";
    static final String DOSSIER_PROCESS = "esms-numerique-dossier";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, DATABASE);
        registry.add("spring.mail.port", () -> EmbeddedServices.greenMail().getSmtp().getPort());
    }

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcClient jdbc;

    final Http http = new Http();
    final ObjectMapper json = new ObjectMapper();
    final Report report = new Report();
    SecondNode secondNode;
    List<String> nodes;

    @AfterAll
    void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void campaign() throws Exception {
        setUp();
        var heap = new HeapWatch();
        long campaignStarted = System.nanoTime();

        // warm-up, then the database before any dossier
        bareJava("échauffement", 200);
        bareRest("échauffement", 200);
        awaitJobsDone();
        long databaseBefore = databaseBytes();

        // the other region's dossiers warm Instruire's path up, and make the reviewer's query keep regions apart
        var martinique = submit(MARTINIQUE, OTHER_REGION, "Dépôts (Martinique, échauffement)");
        awaitTasks("Activity_VerifierRecevabilite", OTHER_REGION);
        awaitJobsDone();

        long beforeBare = databaseBytes();
        var a = bareJava("(a) moteur nu, API Java", BARE_STARTS);
        var b = bareRest("(b) moteur nu, /engine-rest", BARE_STARTS);
        awaitJobsDone();
        long bareBytes = databaseBytes() - beforeBare;

        heap.reset();
        long submissionsStarted = System.nanoTime();
        var guadeloupe = submit(GUADELOUPE, DOSSIERS, "(c) Instruire, dépôts");
        var c = report.loads.get(report.loads.size() - 1);
        awaitTasks("Activity_VerifierRecevabilite", DOSSIERS + OTHER_REGION);
        report.phase("Dépôts traités (accusés de réception, règles, tâches créées)", secondsSince(submissionsStarted));
        report.ratios(a, b, c);

        holdForInspection();
        tasklist();

        long reviewing = System.nanoTime();
        var all = new ArrayList<String>(guadeloupe);
        all.addAll(martinique);
        work(REVIEWER, "Activity_VerifierRecevabilite", DOSSIERS, Map.of(
                "recevabiliteDecision", typed("RECEVABLE", "String"),
                "recevabiliteComment", typed("Dossier complet", "String")));
        work(REVIEWER_MARTINIQUE, "Activity_VerifierRecevabilite", OTHER_REGION, Map.of(
                "recevabiliteDecision", typed("RECEVABLE", "String"),
                "recevabiliteComment", typed("Dossier complet", "String")));
        report.phase("Recevabilité (" + all.size() + " tâches, réclamées et terminées)", secondsSince(reviewing));

        long instructing = System.nanoTime();
        var scores = Map.<String, Object>of(
                "scoreMotivation", typed(4, "Integer"), "scorePerimetreFonctionnel", typed(4, "Integer"),
                "scoreMutualisation", typed(3, "Integer"), "scoreInteroperabilite", typed(5, "Integer"),
                "scorePlateformeRegionale", typed(2, "Integer"),
                "instructionComment", typed("Projet mûr et mutualisé.", "String"));
        work(REVIEWER, "Activity_InstruireDossier", DOSSIERS, scores);
        work(REVIEWER_MARTINIQUE, "Activity_InstruireDossier", OTHER_REGION, scores);
        awaitStatus("INSTRUCTED", all.size());
        report.phase("Instruction (" + all.size() + " tâches)", secondsSince(instructing));

        long deciding = System.nanoTime();
        committee(COMMITTEE, GUADELOUPE, guadeloupe);
        committee(COMMITTEE_MARTINIQUE, MARTINIQUE, martinique);
        awaitUntil("décisions notifiées", Duration.ofMinutes(60), () -> count(
                "SELECT COUNT(*) FROM mail_log WHERE template = 'decision'") >= all.size());
        awaitJobsDone();
        report.phase("Comité et notifications (" + all.size() + " décisions, " + all.size() + " courriels)",
                secondsSince(deciding));
        report.phase("Campagne entière, des dépôts aux notifications", secondsSince(submissionsStarted));
        report.phase("Exécution entière (échauffement compris)", secondsSince(campaignStarted));

        report.heap(heap.stop());
        long databaseAfter = databaseBytes();
        report.database(databaseAfter - databaseBefore - bareBytes, all.size(), largestTables());
        report.variables(heaviestVariables(), mostUpdatedVariables());
        checkNothingTwice(all.size());

        report.write(Path.of("target", "benchmark"), DOSSIERS, NODES, CLIENTS);
    }

    // --- set-up ---

    void setUp() throws Exception {
        nodes = new ArrayList<>(List.of("http://127.0.0.1:" + port));
        var today = LocalDate.now(ZoneId.of("America/Guadeloupe"));
        createCampaign(GUADELOUPE, "Guadeloupe", "America/Guadeloupe", "ESGP", "guadeloupe", today);
        createCampaign(MARTINIQUE, "Martinique", "America/Martinique", "ESMQ", "martinique", today);
        Staff.user(identity, REVIEWER, "instructeurs-guadeloupe");
        Staff.user(identity, REVIEWER_MARTINIQUE, "instructeurs-martinique");
        Staff.user(identity, COMMITTEE, "comite-guadeloupe");
        Staff.user(identity, COMMITTEE_MARTINIQUE, "comite-martinique");
        repository.createDeployment().name("benchmark-moteur-nu")
                .addClasspathResource("benchmark/moteur-nu.bpmn")
                .addClasspathResource("benchmark/regle-unique.dmn").deploy();
        if (NODES > 1) {
            secondNode = SecondNode.start(EmbeddedServices.postgres().getJdbcUrl("postgres", DATABASE),
                    EmbeddedServices.greenMail().getSmtp().getPort(), ADMIN, ADMIN_PASSWORD, SECRET);
            nodes.add(secondNode.url());
        }
    }

    void createCampaign(String key, String region, String zone, String prefix, String team, LocalDate today) throws Exception {
        var body = """
                {"key": "%s", "callId": "esms-numerique", "title": "ESMS numérique — banc d'essai — %s",
                 "region": "%s", "timeZone": "%s",
                 "submissionOpens": "%s", "submissionCloses": "%s", "selectionOpens": "%s", "selectionCloses": "%s",
                 "budgetEnvelope": 2000000, "dossierPrefix": "%s", "reviewerGroup": "instructeurs-%s",
                 "committeeGroup": "comite-%s"}""".formatted(key, region, region, zone, today.minusDays(1),
                today.plusDays(30), today.minusDays(1), today.plusDays(60), prefix, team, team);
        var created = http.post(nodes.get(0) + "/api/campaigns", body, Http.basic(ADMIN, ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    // --- the loads ---

    Load.Result bareJava(String label, int count) {
        var result = Load.run(label, count, CLIENTS, i -> () -> {
            runtime.startProcessInstanceByKey("benchmark-moteur-nu", "java-" + label.hashCode() + "-" + i,
                    Map.of("montant", 1000L + i));
            return 0;
        });
        report.load(result);
        return result;
    }

    Load.Result bareRest(String label, int count) {
        var auth = Http.basic(ADMIN, ADMIN_PASSWORD);
        var result = Load.run(label, count, CLIENTS, i -> () -> http.post(node(i)
                        + "/engine-rest/process-definition/key/benchmark-moteur-nu/start",
                "{\"businessKey\": \"rest-" + label.hashCode() + "-" + i + "\", \"variables\": {\"montant\": {\"value\": "
                        + (1000 + i) + ", \"type\": \"Long\"}}}", auth).statusCode());
        report.load(result);
        return result;
    }

    List<String> submit(String campaign, int count, String label) {
        var numbers = new ConcurrentLinkedQueue<String>();
        var result = Load.run(label, count, CLIENTS, i -> () -> {
            var response = http.post(node(i) + "/api/campaigns/" + campaign + "/applications",
                    application(campaign, i), null, "Idempotency-Key", campaign + "-" + i);
            if (response.statusCode() == 201) {
                numbers.add(json.readTree(response.body()).get("dossierNumber").asText());
            }
            return response.statusCode();
        });
        report.load(result);
        assertThat(numbers).hasSize(count);
        return new ArrayList<>(numbers);
    }

    String node(int i) {
        return nodes.get(i % nodes.size());
    }

    static String application(String campaign, int i) {
        var region = campaign.endsWith("martinique") ? "Martinique" : "Guadeloupe";
        var esms = new StringBuilder();
        for (int e = 1; e <= 8; e++) {
            esms.append(e > 1 ? "," : "").append("""
                    {"finess": "97%07d", "name": "EHPAD n°%d", "region": "%s", "size": "MOYEN_GRAND", "medicalised": true}"""
                    .formatted((i * 8 + e) % 10_000_000, e, region));
        }
        return """
                {"organisation": {"name": "Organisme gestionnaire n°%d", "contactEmail": "og%d@%s.banc.example"},
                 "project": {"title": "Dossier usager informatisé mutualisé n°%d", "description": "Acquisition d'un DUI."},
                 "publicType": "PA", "projectType": "ACQUISITION", "managingOrganisationSize": "MOYEN_GRAND",
                 "managingOrganisationCount": 1, "coreServicesCount": 2, "honourStatementProvided": true,
                 "purchasingFrameworkCompliant": true, "esms": [%s]}"""
                .formatted(i, i, region.toLowerCase(), i, esms);
    }

    // --- Tasklist: what the reviewer's screen asks for, with every task open ---

    void tasklist() throws Exception {
        var filter = filterId(REVIEWER);
        var body = "{\"processVariables\": [], \"taskVariables\": [], \"caseInstanceVariables\": [],"
                + " \"sorting\": [{\"sortBy\": \"created\", \"sortOrder\": \"desc\"}], \"active\": true}";
        for (var user : List.of(REVIEWER, REVIEWER_MARTINIQUE)) {
            var auth = Http.basic(user, user);
            var list = http.post(node(0) + "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15", body,
                    auth, "Accept", "application/hal+json");
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            var count = json.readTree(http.post(node(0) + "/engine-rest/filter/" + filter + "/count", body, auth).body())
                    .get("count").asLong();
            report.note("Tâches que voit " + user + " : " + count);
            // regions kept apart: each reviewer sees their own region's tasks, never the other's
            assertThat(count).isEqualTo(user.equals(REVIEWER) ? DOSSIERS : OTHER_REGION);
        }
        var auth = Http.basic(REVIEWER, REVIEWER);
        int repetitions = 30;
        Load.repeat("warm-up", 3, () -> http.post(node(0) + "/engine-rest/filter/" + filter
                + "/list?firstResult=0&maxResults=15", body, auth, "Accept", "application/hal+json").statusCode());
        report.query(Load.repeat("Tasklist : 15 tâches les plus récentes (" + DOSSIERS + " ouvertes)", repetitions,
                () -> http.post(node(0) + "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15", body, auth,
                        "Accept", "application/hal+json").statusCode()));
        report.query(Load.repeat("Tasklist : nombre de tâches du filtre", repetitions,
                () -> http.post(node(0) + "/engine-rest/filter/" + filter + "/count", body, auth).statusCode()));
        report.query(Load.repeat("Tasklist : liste des filtres avec leurs nombres", repetitions,
                () -> http.get(node(0) + "/engine-rest/filter?resourceType=Task&itemCount=true", auth,
                        "application/json").statusCode()));
    }

    /** {@code -Dbenchmark.hold=600}: the database kept as it is, every task open, for EXPLAIN in psql. */
    void holdForInspection() throws InterruptedException {
        int seconds = Integer.getInteger("benchmark.hold", 0);
        if (seconds > 0) {
            System.out.println("[benchmark] base en attente " + seconds + " s : "
                    + EmbeddedServices.postgres().getJdbcUrl("postgres", DATABASE));
            Thread.sleep(seconds * 1000L);
        }
    }

    String filterId(String user) throws Exception {
        var filters = json.readTree(http.get(node(0) + "/engine-rest/filter?resourceType=Task", Http.basic(user, user),
                "application/json").body());
        assertThat(filters.size()).as("le filtre partagé").isGreaterThan(0);
        return filters.get(0).get("id").asText();
    }

    // --- the reviewers and the committee at work, over HTTP ---

    /**
     * The reviewer's work list, page by page, each task's form read (its view of the dossier is computed then), the task
     * claimed then completed by one of the clients — as a reviewer does in Tasklist.
     */
    void work(String user, String taskKey, int expected, Map<String, Object> variables) throws Exception {
        var auth = Http.basic(user, user);
        var done = new AtomicLong();
        var completion = json.writeValueAsString(Map.of("variables", variables));
        long waitingSince = System.nanoTime();
        while (done.get() < expected) {
            var page = json.readTree(http.get(node(0) + "/engine-rest/task?processDefinitionKey=" + DOSSIER_PROCESS
                    + "&taskDefinitionKey=" + taskKey + "&unassigned=true&maxResults=400", auth, "application/json").body());
            if (page.isEmpty()) {
                if (System.nanoTime() - waitingSince > Duration.ofMinutes(10).toNanos()) {
                    throw new IllegalStateException(taskKey + " : " + done.get() + " tâches sur " + expected);
                }
                Thread.sleep(200);
                continue;
            }
            waitingSince = System.nanoTime();
            var ids = new ArrayList<String>();
            page.forEach(t -> ids.add(t.get("id").asText()));
            var result = Load.run(taskKey, ids.size(), CLIENTS, i -> () -> {
                var id = ids.get(i);
                int read = http.get(node(i) + "/engine-rest/task/" + id + "/form-variables?deserializeValues=false", auth,
                        "application/json").statusCode();
                if (read >= 300) {
                    return read;
                }
                int claimed = http.post(node(i) + "/engine-rest/task/" + id + "/claim", "{\"userId\": \"" + user + "\"}", auth)
                        .statusCode();
                if (claimed >= 300) {
                    return claimed;
                }
                return http.post(node(i) + "/engine-rest/task/" + id + "/complete", completion, auth).statusCode();
            });
            assertThat(result.errors()).as(taskKey).isZero();
            done.addAndGet(ids.size());
            report.work(taskKey, result);
        }
    }

    void committee(String user, String campaign, Collection<String> numbers) throws Exception {
        var auth = Http.basic(user, user);
        var tasks = json.readTree(http.get(node(0) + "/engine-rest/task?processInstanceBusinessKey=" + campaign
                + "&taskDefinitionKey=Activity_TenirSeanceComite", auth, "application/json").body());
        assertThat(tasks.size()).as("la séance du comité de " + campaign).isEqualTo(1);
        var id = tasks.get(0).get("id").asText();
        long reading = System.nanoTime();
        var form = http.get(node(0) + "/engine-rest/task/" + id + "/form-variables?deserializeValues=false", auth, "application/json");
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        report.phase("Le comité ouvre sa séance (" + numbers.size() + " dossiers à l'ordre du jour)", secondsSince(reading));
        // the agenda, in the order the form shows it: its rows are read-only but for the decision and the reason
        var agenda = json.readTree(json.readTree(form.body()).get("committeeDecisions").get("value").asText());
        assertThat(agenda.size()).isEqualTo(numbers.size());
        var decisions = new ArrayList<Map<String, String>>();
        int retained = 0;
        for (var row : agenda) {
            var number = row.get("dossierNumber").asText();
            decisions.add(retained++ < 5 ? Map.of("dossierNumber", number, "decision", "RETENU", "reason", "Projet prioritaire")
                    : Map.of("dossierNumber", number, "decision", "NON_RETENU", "reason", "Enveloppe épuisée"));
        }
        assertThat(http.post(node(0) + "/engine-rest/task/" + id + "/claim", "{\"userId\": \"" + user + "\"}", auth)
                .statusCode()).isEqualTo(204);
        long deciding = System.nanoTime();
        var completed = http.post(node(0) + "/engine-rest/task/" + id + "/complete", json.writeValueAsString(Map.of(
                "variables", Map.of("committeeDecisions", typed(json.writeValueAsString(decisions), "Json"),
                        "lastSitting", typed(true, "Boolean")))), auth);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
        report.phase("Le comité enregistre ses " + numbers.size() + " décisions", secondsSince(deciding));
    }

    static Map<String, Object> typed(Object value, String type) {
        return Map.of("value", value, "type", type);
    }

    // --- waiting for the engine, measuring the database ---

    void awaitTasks(String taskKey, int count) {
        awaitUntil(count + " tâches " + taskKey, Duration.ofMinutes(60), () -> count(
                "SELECT COUNT(*) FROM act_ru_task WHERE task_def_key_ = '" + taskKey + "'") >= count);
    }

    void awaitStatus(String status, int count) {
        awaitUntil(count + " dossiers " + status, Duration.ofMinutes(60), () -> count(
                "SELECT COUNT(*) FROM dossier WHERE status = '" + status + "'") >= count);
    }

    /** Until no job is due (timers set for later aside) and none failed. */
    void awaitJobsDone() {
        awaitUntil("travaux exécutés", Duration.ofMinutes(60), () -> count("SELECT COUNT(*) FROM act_ru_job WHERE"
                + " retries_ > 0 AND (duedate_ IS NULL OR duedate_ <= CURRENT_TIMESTAMP) AND suspension_state_ = 1") == 0);
        assertThat(count("SELECT COUNT(*) FROM act_ru_incident")).as("incidents").isZero();
    }

    void awaitUntil(String what, Duration atMost, BooleanSupplier done) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Attente trop longue : " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    long databaseBytes() {
        return count("SELECT pg_database_size(current_database())");
    }

    List<String> heaviestVariables() {
        return jdbc.sql("SELECT v.name_, COUNT(*), SUM(COALESCE(LENGTH(b.bytes_), 0) + COALESCE(LENGTH(v.text_), 0)"
                + " + COALESCE(LENGTH(v.text2_), 0)) FROM act_hi_varinst v LEFT JOIN act_ge_bytearray b ON b.id_ = v.bytearray_id_"
                + " GROUP BY v.name_ ORDER BY 3 DESC LIMIT 12")
                .query((rs, i) -> "%s ×%d %s".formatted(rs.getString(1), rs.getLong(2), Report.kilobytes(rs.getLong(3)))).list();
    }

    List<String> mostUpdatedVariables() {
        return jdbc.sql("SELECT name_, COUNT(*) FROM act_hi_detail GROUP BY name_ ORDER BY 2 DESC LIMIT 12")
                .query((rs, i) -> "%s ×%d".formatted(rs.getString(1), rs.getLong(2))).list();
    }

    List<String> largestTables() {
        return jdbc.sql("SELECT relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid ="
                + " c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC LIMIT 10")
                .query((rs, i) -> "%s %s".formatted(rs.getString(1), Report.megabytes(rs.getLong(2)))).list();
    }

    /**
     * Every job ran once (a success logged twice would be a job run by both nodes) — but the history cleanup, one job
     * that reschedules itself within its nightly window — and every mail reached its recipient once.
     */
    void checkNothingTwice(int dossiers) throws Exception {
        long jobsTwice = count("SELECT COUNT(*) FROM (SELECT job_id_ FROM act_hi_job_log WHERE job_state_ = 2"
                + " AND job_def_type_ <> 'history-cleanup' GROUP BY job_id_ HAVING COUNT(*) > 1) twice");
        long jobsRun = count("SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 2");
        var received = EmbeddedServices.greenMail().getReceivedMessages();
        var ids = new java.util.HashMap<String, Integer>();
        for (var message : received) {
            ids.merge(message.getMessageID(), 1, Integer::sum);
        }
        long mailsTwice = ids.values().stream().filter(n -> n > 1).count();
        long logged = count("SELECT COUNT(*) FROM mail_log");
        report.note("Travaux exécutés : " + jobsRun + ", dont exécutés deux fois : " + jobsTwice);
        jdbc.sql("SELECT job_id_, job_def_type_, act_id_, job_def_configuration_, COUNT(*) FROM act_hi_job_log"
                + " WHERE job_state_ = 2 AND job_def_type_ <> 'history-cleanup'"
                + " GROUP BY job_id_, job_def_type_, act_id_, job_def_configuration_ HAVING COUNT(*) > 1")
                .query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
                        + " ×" + rs.getInt(5)).list().forEach(twice -> report.note("Exécuté deux fois : " + twice));
        report.note("Courriels journalisés : " + logged + ", reçus : " + received.length + " (" + ids.size()
                + " Message-ID distincts), reçus deux fois : " + mailsTwice);
        assertThat(jobsTwice).isZero();
        assertThat(mailsTwice).isZero();
        assertThat(ids.size()).isEqualTo((int) logged).isGreaterThanOrEqualTo(dossiers * 3);
    }

    static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    /**
     * The heap of this JVM (the node the benchmark runs in): the most it used at once (sampled every 100 ms — the sum of
     * each pool's own peak, read before, added peaks reached at different times and could exceed -Xmx), and the largest
     * live set after a collection.
     */
    static final class HeapWatch {
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "heap-watch");
            thread.setDaemon(true);
            return thread;
        });
        private final AtomicLong liveAfterGc = new AtomicLong();
        private final AtomicLong peakUsed = new AtomicLong();

        HeapWatch() {
            sampler.scheduleAtFixedRate(() -> peakUsed.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 100, TimeUnit.MILLISECONDS);
            sampler.scheduleAtFixedRate(() -> {
                long live = 0;
                for (var pool : heapPools()) {
                    var after = pool.getCollectionUsage();
                    live += after == null ? 0 : after.getUsed();
                }
                liveAfterGc.accumulateAndGet(live, Math::max);
            }, 0, 500, TimeUnit.MILLISECONDS);
        }

        void reset() {
            liveAfterGc.set(0);
            peakUsed.set(0);
        }

        long[] stop() {
            sampler.shutdownNow();
            return new long[] {peakUsed.get(), liveAfterGc.get(), Runtime.getRuntime().maxMemory()};
        }

        static List<MemoryPoolMXBean> heapPools() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        }
    }
}
