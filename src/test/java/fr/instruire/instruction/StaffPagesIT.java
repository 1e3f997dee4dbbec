package fr.instruire.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.French;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.EmbeddedServices;

/**
 * The staff's pages over HTTP, as browsers and API clients meet them: two regions' campaigns (Guadeloupe,
 * Martinique) with their reviewers and committees, every staff route answered by team (anonymous, other region,
 * other campaign's committee, own team, unknown number), the one login shared with Tasklist, the form token on
 * annotations, and what the dossier page shows.
 */
@ApplicationIT
class StaffPagesIT {

    static final String GUADELOUPE = "esms-numerique-pages-guadeloupe";
    static final String MARTINIQUE = "esms-numerique-pages-martinique";
    static final String SIGN_IN = "/camunda/app/tasklist/default/";
    static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "staff_pages");
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    CallFacts callFacts;
    @Autowired
    TaskService tasks;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Dossiers dossiers;

    final ObjectMapper json = new ObjectMapper();

    Client anonymous;
    Client reviewer;
    Client committee;
    Client otherReviewer;
    Client otherCommittee;

    /** Multi-regional (Guadeloupe and Martinique ESMS), instructed, with a document and the mails sent. */
    String multiRegional;
    String multiRegionalToken;
    long document;
    /** Fails the rules: a small managing organisation alone, with three ESMS. */
    String failing;
    /** In the Martinique campaign. */
    String martinican;

    @BeforeAll
    void twoRegionsWithTheirTeamsAndDossiers() throws Exception {
        var admin = new Client(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD);
        for (var c : List.of(campaign(GUADELOUPE, "Guadeloupe", "America/Guadeloupe", "guadeloupe"),
                campaign(MARTINIQUE, "Martinique", "America/Martinique", "martinique"))) {
            var created = admin.postJson("/api/campaigns", c, null);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        user("instructeur.gp", "instructeurs-guadeloupe");
        user("comite.gp", "comite-guadeloupe");
        user("instructeur.mq", "instructeurs-martinique");
        user("comite.mq", "comite-martinique");
        anonymous = new Client(null, null);
        reviewer = new Client("instructeur.gp", "instructeur.gp");
        committee = new Client("comite.gp", "comite.gp");
        otherReviewer = new Client("instructeur.mq", "instructeur.mq");
        otherCommittee = new Client("comite.mq", "comite.mq");

        var submitted = json.readTree(anonymous.postJson("/api/campaigns/" + GUADELOUPE + "/applications",
                application("reseau@antilles.example", "MOYEN_GRAND", 1, Map.of("Guadeloupe", 6, "Martinique", 3)), null).body());
        multiRegional = submitted.get("dossierNumber").asText();
        multiRegionalToken = submitted.get("accessToken").asText();
        failing = json.readTree(anonymous.postJson("/api/campaigns/" + GUADELOUPE + "/applications",
                application("petit@og.example", "PETIT", 1, Map.of("Guadeloupe", 3)), null).body()).get("dossierNumber").asText();
        martinican = json.readTree(anonymous.postJson("/api/campaigns/" + MARTINIQUE + "/applications",
                application("og@martinique.example", "MOYEN_GRAND", 1, Map.of("Martinique", 4)), null).body()).get("dossierNumber").asText();

        var upload = anonymous.upload("/api/dossiers/" + multiRegional + "/documents", "budget prévisionnel.pdf",
                "%PDF-1.7\n1 0 obj\n".getBytes(StandardCharsets.US_ASCII), "Bearer " + multiRegionalToken);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        document = json.readTree(upload.body()).get("id").asLong();

        complete(awaitTask(multiRegional, "Activity_VerifierRecevabilite"), Map.of("recevabiliteDecision", "RECEVABLE",
                "recevabiliteComment", "Dossier complet."));
        complete(awaitTask(multiRegional, "Activity_InstruireDossier"), Map.of("scoreMotivation", 4,
                "scorePerimetreFonctionnel", 4, "scoreMutualisation", 3, "scoreInteroperabilite", 4,
                "scorePlateformeRegionale", 2, "instructionComment", "Projet multirégional cohérent."));
        awaitTask(failing, "Activity_VerifierRecevabilite");
        await().atMost(Duration.ofSeconds(30)).until(() -> dossiers.get(multiRegional).grantAmount() != null
                && mailCount(multiRegional) >= 2);
    }

    @Test
    void everyStaffRouteAnswersTheOwnTeamOnlyAndNamesTheUnknown() throws Exception {
        var page = "/dossiers/" + multiRegional;
        assertGuardedPage(page, "/dossiers/ESMS-1999-0001");
        assertThat(committee.get(page).statusCode()).as("the campaign's committee").isEqualTo(200);
        assertGuardedPage(page + "/documents/" + document, "/dossiers/ESMS-1999-0001/documents/" + document);
        assertThat(reviewer.get(page + "/documents/999999").statusCode()).as("unknown document").isEqualTo(404);
        assertThat(reviewer.get("/dossiers/" + failing + "/documents/" + document).statusCode())
                .as("another dossier's document").isEqualTo(404);
        assertThat(reviewer.get(page + "/documents/pas-un-numero").statusCode()).isEqualTo(404);
        assertGuardedPage("/dossiers?campaign=" + GUADELOUPE, "/dossiers?campaign=inconnue");
        assertThat(otherReviewer.get("/dossiers?campaign=" + MARTINIQUE).statusCode()).isEqualTo(200);
        assertGuardedApi("/api/campaigns/" + GUADELOUPE + "/dossiers", "/api/campaigns/inconnue/dossiers");
        assertGuardedApi("/api/dossiers/" + multiRegional, "/api/dossiers/ESMS-1999-0001");

        var annotations = "/dossiers/" + multiRegional + "/annotations";
        var before = annotationCount(multiRegional);
        var anonymousPost = anonymous.postForm(annotations, Map.of("text", "anonyme"));
        assertThat(anonymousPost.statusCode()).isEqualTo(302);
        assertThat(anonymousPost.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(SIGN_IN));
        for (var outsider : List.of(otherReviewer, otherCommittee)) {
            var refused = outsider.postForm(annotations, Map.of("_csrf", outsider.formToken(), "text", "d'une autre région"));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("Accès refusé");
        }
        assertThat(reviewer.postForm("/dossiers/ESMS-1999-0001/annotations",
                Map.of("_csrf", reviewer.formToken(), "text", "x")).statusCode()).isEqualTo(404);
        assertThat(annotationCount(multiRegional)).as("nothing written by a refused request").isEqualTo(before);
        assertThat(reviewer.postForm(annotations, Map.of("_csrf", reviewer.formToken(), "text", "Vu.")).statusCode()).isEqualTo(303);
        assertThat(annotationCount(multiRegional)).isEqualTo(before + 1);
    }

    @Test
    void theCampaignsListShowsOnlyTheMembersCampaignsAndFiltersInSql() throws Exception {
        var mine = reviewer.get("/dossiers");
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).contains("/dossiers?campaign=" + GUADELOUPE).doesNotContain(MARTINIQUE);

        var list = "/dossiers?campaign=" + GUADELOUPE;
        assertThat(reviewer.get(list).body()).contains(multiRegional, failing).doesNotContain(martinican);
        var inMartinique = reviewer.get(list + "&region=Martinique").body();
        assertThat(inMartinique).contains(multiRegional).doesNotContain(">" + failing + "<");
        var instructed = reviewer.get(list + "&status=INSTRUCTED&sort=score").body();
        assertThat(instructed).contains(multiRegional, "Instruit, en attente du comité").doesNotContain(">" + failing + "<");
        var byDate = reviewer.get(list).body();
        assertThat(byDate.indexOf(">" + failing + "<")).as("newest first").isLessThan(byDate.indexOf(">" + multiRegional + "<"));
        var byScore = reviewer.get(list + "&sort=score").body();
        assertThat(byScore.indexOf(">" + multiRegional + "<")).as("best score first").isLessThan(byScore.indexOf(">" + failing + "<"));
        assertThat(reviewer.get(list + "&status=PAS_UN_STATUT").statusCode()).isEqualTo(400);
    }

    @Test
    void aReviewerSignedIntoTasklistOpensPagesAndTheStaffApiUntilSigningOut() throws Exception {
        var browser = new Client(null, null);
        browser.signIntoTasklist("instructeur.gp");
        var page = browser.get("/dossiers/" + multiRegional);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("instructeur.gp");
        assertThat(browser.get("/dossiers/" + multiRegional + "/documents/" + document).statusCode()).isEqualTo(200);
        assertThat(browser.get("/api/dossiers/" + multiRegional).statusCode()).isEqualTo(200);
        assertThat(browser.get("/dossiers/" + martinican).statusCode()).isEqualTo(403);

        browser.get("/camunda/api/admin/auth/user/default"); // Tasklist fetches this after signing in: a fresh XSRF token
        var signOut = browser.post("/camunda/api/admin/auth/user/default/logout", HttpRequest.BodyPublishers.noBody(),
                "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
        assertThat(signOut.statusCode()).isEqualTo(200);
        var after = browser.get("/dossiers/" + multiRegional);
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(SIGN_IN));
        assertThat(browser.get("/dossiers/" + multiRegional + "/documents/" + document).statusCode()).isEqualTo(302);
        assertThat(browser.get("/api/dossiers/" + multiRegional).statusCode()).isEqualTo(401);
    }

    @Test
    void thePagesSignOutEndsTheTasklistSessionToo() throws Exception {
        var browser = new Client(null, null);
        browser.signIntoTasklist("instructeur.gp");
        var token = browser.formToken();
        assertThat(browser.postForm("/sign-out", Map.of()).statusCode()).as("without the form token").isEqualTo(403);
        assertThat(browser.get("/dossiers/" + multiRegional).statusCode()).isEqualTo(200);

        var signOut = browser.postForm("/sign-out", Map.of("_csrf", token));
        assertThat(signOut.statusCode()).isEqualTo(303);
        assertThat(signOut.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(SIGN_IN));
        assertThat(browser.get("/dossiers/" + multiRegional).statusCode()).isEqualTo(302);
        assertThat(browser.get("/camunda/api/admin/auth/user/default").statusCode()).as("Tasklist's own session").isEqualTo(404);
    }

    @Test
    void annotationsNeedTheSessionsFormTokenAndAreNeverShownToTheApplicant() throws Exception {
        var browser = new Client(null, null);
        browser.signIntoTasklist("instructeur.gp");
        var path = "/dossiers/" + failing + "/annotations";
        var text = "Appeler le porteur : grappe à constituer <avant> le comité";

        var withoutToken = browser.postForm(path, Map.of("text", text));
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(withoutToken.body()).contains("Formulaire refusé");
        var otherSessionsToken = reviewer.formToken();
        assertThat(browser.postForm(path, Map.of("_csrf", otherSessionsToken, "text", text)).statusCode()).isEqualTo(403);
        var token = browser.formToken();
        assertThat(browser.postForm(path, Map.of("_csrf", token, "text", "   ")).statusCode()).isEqualTo(400);
        var tooLong = browser.postForm(path, Map.of("_csrf", token, "text", "é".repeat(4001)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("dépasse 4000 caractères");
        assertThat(annotationCount(failing)).as("nothing written by a refused request").isZero();

        var added = browser.postForm(path, Map.of("_csrf", token, "text", text));
        assertThat(added.statusCode()).isEqualTo(303);
        assertThat(added.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/dossiers/" + failing + "#annotations"));
        var page = browser.get("/dossiers/" + failing).body();
        assertThat(page).contains("Appeler le porteur : grappe à constituer &lt;avant&gt; le comité", "instructeur.gp");

        var applicant = anonymous.get("/api/dossiers/" + multiRegional, "Bearer " + multiRegionalToken);
        assertThat(applicant.statusCode()).isEqualTo(200);
        var note = "Note privée sur le réseau";
        assertThat(reviewer.postForm("/dossiers/" + multiRegional + "/annotations",
                Map.of("_csrf", reviewer.formToken(), "text", note)).statusCode()).isEqualTo(303);
        assertThat(anonymous.get("/api/dossiers/" + multiRegional, "Bearer " + multiRegionalToken).body())
                .doesNotContain(note).doesNotContain("annotation");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dossier_event WHERE detail LIKE ?").param("%" + note + "%")
                .query(Integer.class).single()).as("annotations stay out of the history that feeds mails").isZero();
    }

    @Test
    void theDossierPageShowsTheRulesReasonsTheSharesTheMailsAndTheDocuments() throws Exception {
        var failed = reviewer.get("/dossiers/" + failing);
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.body()).contains("Recevabilité ESMS numérique", "critères en défaut",
                "doit réunir au moins deux organismes gestionnaires", "doit concerner au moins huit ESMS",
                "Vérifier la recevabilité", "/camunda/app/tasklist/default/#/?task=");

        var page = reviewer.get("/dossiers/" + multiRegional).body();
        var d = dossiers.get(multiRegional);
        assertThat(page).contains("ARS Guadeloupe, Saint-Martin, Saint-Barthélemy", "ARS Martinique",
                French.euros(d.grantAmount()), "Aucun critère en défaut", "Personnes âgées (PA)", "instructeur.gp");
        var call = callFacts.callOf(multiRegional);
        CallFacts.shares(call, callFacts.of(call, multiRegional), d.grantAmount())
                .forEach(s -> assertThat(page).contains(French.euros(s.amount())));
        assertThat(page).contains("Montant de la subvention : " + French.euros(d.grantAmount()), "17 / 25");
        jdbc.sql("SELECT subject FROM mail_log WHERE dossier_number = ?").param(multiRegional).query(String.class).list()
                .forEach(subject -> assertThat(page).contains(subject));
        assertThat(page).contains("reseau@antilles.example", "Envoyé");
        assertThat(page).contains("budget prévisionnel.pdf", "/dossiers/" + multiRegional + "/documents/" + document);

        var download = reviewer.getBytes("/dossiers/" + multiRegional + "/documents/" + document);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(new String(download.body(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.7");
        assertThat(download.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename*=UTF-8''budget%20pr%C3%A9visionnel.pdf");
        assertThat(download.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(download.headers().allValues("Content-Security-Policy")).containsExactly("default-src 'none'; sandbox");
    }

    // --- the answers every staff route owes each team ---

    void assertGuardedPage(String path, String unknown) throws Exception {
        var anonymousAnswer = anonymous.get(path);
        assertThat(anonymousAnswer.statusCode()).as("anonymous on " + path).isEqualTo(302);
        assertThat(anonymousAnswer.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(SIGN_IN));
        for (var outsider : List.of(otherReviewer, otherCommittee)) {
            var refused = outsider.get(path);
            assertThat(refused.statusCode()).as(outsider.user + " on " + path).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(refused.body()).contains("Accès refusé");
        }
        assertThat(reviewer.get(path).statusCode()).as("own reviewer on " + path).isEqualTo(200);
        var missing = reviewer.get(unknown);
        assertThat(missing.statusCode()).as(unknown).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(missing.body()).contains("Introuvable");
    }

    void assertGuardedApi(String path, String unknown) throws Exception {
        var anonymousAnswer = anonymous.get(path);
        assertThat(anonymousAnswer.statusCode()).as("anonymous on " + path).isEqualTo(401);
        assertThat(anonymousAnswer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(otherReviewer.get(path).statusCode()).as("other region on " + path).isEqualTo(403);
        assertThat(otherCommittee.get(path).statusCode()).as("other committee on " + path).isEqualTo(403);
        assertThat(reviewer.get(path).statusCode()).as("own reviewer on " + path).isEqualTo(200);
        assertThat(committee.get(path).statusCode()).as("own committee on " + path).isEqualTo(200);
        var missing = reviewer.get(unknown);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    // --- setup helpers ---

    static String campaign(String key, String region, String zone, String team) {
        var today = LocalDate.now(ZoneId.of(zone));
        return """
                {"key": "%s", "callId": "esms-numerique", "title": "ESMS numérique — %s", "region": "%s", "timeZone": "%s",
                 "submissionOpens": "%s", "submissionCloses": "%s", "selectionOpens": "%s", "selectionCloses": "%s",
                 "budgetEnvelope": 2000000, "dossierPrefix": "ESMS", "reviewerGroup": "instructeurs-%s",
                 "committeeGroup": "comite-%s"}""".formatted(key, region, region, zone, today.minusDays(10), today.plusDays(10),
                today.minusDays(1), today.plusDays(40), team, team);
    }

    static String application(String email, String size, int organisations, Map<String, Integer> esmsByRegion) {
        var esms = new ArrayList<String>();
        int n = 0;
        for (var region : esmsByRegion.keySet().stream().sorted().toList()) {
            for (int i = 0; i < esmsByRegion.get(region); i++) {
                n++;
                esms.add("""
                        {"finess": "%s", "name": "EHPAD n°%d", "region": "%s", "size": "%s", "medicalised": true}"""
                        .formatted("Guadeloupe".equals(region) ? "97010%04d".formatted(n) : "97220%04d".formatted(n), n, region, size));
            }
        }
        return """
                {"organisation": {"name": "Réseau %s", "contactEmail": "%s"},
                 "project": {"title": "DUI mutualisé", "description": "Acquisition d'un DUI."},
                 "publicType": "PA", "projectType": "ACQUISITION", "managingOrganisationSize": "%s",
                 "managingOrganisationCount": %d, "coreServicesCount": 2, "honourStatementProvided": true,
                 "purchasingFrameworkCompliant": true, "esms": [%s]}""".formatted(email, email, size, organisations,
                String.join(",", esms));
    }

    void user(String id, String group) {
        var user = identity.newUser(id);
        user.setPassword(id);
        identity.saveUser(user);
        identity.createMembership(id, group);
    }

    Task awaitTask(String number, String taskKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(number)
                .taskDefinitionKey(taskKey).singleResult(), t -> t != null);
    }

    void complete(Task task, Map<String, Object> variables) {
        identity.setAuthentication("instructeur.gp", List.of("instructeurs-guadeloupe"));
        try {
            tasks.claim(task.getId(), "instructeur.gp");
            tasks.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    int mailCount(String number) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_log WHERE dossier_number = ?").param(number).query(Integer.class).single();
    }

    int annotationCount(String number) {
        return jdbc.sql("SELECT COUNT(*) FROM dossier_annotation WHERE dossier_number = ?").param(number).query(Integer.class).single();
    }

    /** One browser or API client: its own cookies (the session), HTTP Basic credentials if given, no redirects followed. */
    class Client {

        final String user;
        final String basic;
        final CookieManager cookies = new CookieManager();
        final HttpClient http;

        Client(String user, String password) {
            this.user = user;
            this.basic = user == null ? null
                    : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        }

        HttpRequest.Builder request(String path) {
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
            if (basic != null) {
                request.header("Authorization", basic);
            }
            return request;
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path, String authorization) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<byte[]> getBytes(String path) throws Exception {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<String> post(String path, HttpRequest.BodyPublisher body, String... headers) throws Exception {
            var request = request(path).POST(body);
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postJson(String path, String body, String authorization) throws Exception {
            var request = request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (authorization != null) {
                request.setHeader("Authorization", authorization);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postForm(String path, Map<String, String> fields) throws Exception {
            var form = new StringBuilder();
            fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return post(path, HttpRequest.BodyPublishers.ofString(form.toString()), "Content-Type", "application/x-www-form-urlencoded");
        }

        HttpResponse<String> upload(String path, String filename, byte[] content, String authorization) throws Exception {
            var boundary = "----instruire" + System.nanoTime();
            var body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The form token of this client's session, as a page's forms carry it. */
        String formToken() throws Exception {
            var page = get("/dossiers");
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            var token = FORM_TOKEN.matcher(page.body());
            assertThat(token.find()).isTrue();
            return token.group(1);
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElseThrow();
        }

        /** As a browser does: open Tasklist (XSRF cookie), post the sign-in form with the token header. */
        void signIntoTasklist(String userId) throws Exception {
            assertThat(get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
            var signIn = post("/camunda/api/admin/auth/user/default/login/tasklist",
                    HttpRequest.BodyPublishers.ofString("username=" + userId + "&password=" + userId),
                    "Content-Type", "application/x-www-form-urlencoded", "X-XSRF-TOKEN", cookie("XSRF-TOKEN"));
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        }
    }
}
