package fr.instruire.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.support.ApplicationIT;
import fr.instruire.support.Api;
import fr.instruire.support.Browser;
import fr.instruire.support.RequiresBrowser;
import fr.instruire.support.EmbeddedServices;

/**
 * A reviewer's morning, in a real browser (Debian's headless Chromium): sign into Tasklist, claim a recevabilité
 * task, read the dossier's facts and the rules' reasons in the French form, open the dossier page from the form,
 * download a document, add a private annotation, complete the task. Then a reviewer of another region: the task is
 * not theirs to see and the dossier page refuses them. Screenshots land in target/screenshots.
 */
@ApplicationIT
@RequiresBrowser
class ReviewerInTheBrowserIT {

    static final String GUADELOUPE = "esms-numerique-navigateur-guadeloupe";
    static final String MARTINIQUE = "esms-numerique-navigateur-martinique";
    static final byte[] BUDGET_PDF = "%PDF-1.7\n% budget prévisionnel\n".getBytes(StandardCharsets.UTF_8);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "browser");
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    TaskService tasks;
    @Autowired
    JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();
    String dossier;
    String martiniqueDossier;

    @BeforeAll
    void twoRegionsWithADossierEach() throws Exception {
        openCampaign(GUADELOUPE, "Guadeloupe", "America/Guadeloupe", "instructeurs-guadeloupe", "comite-guadeloupe");
        openCampaign(MARTINIQUE, "Martinique", "America/Martinique", "instructeurs-martinique", "comite-martinique");
        user("instructeur.guadeloupe", "instructeurs-guadeloupe");
        user("instructeur.martinique", "instructeurs-martinique");
        // a small managing organisation alone with seven ESMS: the grappe rule fails (two OG and eight ESMS needed)
        var submitted = json.readTree(post("/api/campaigns/" + GUADELOUPE + "/applications", application("Guadeloupe", "PETIT", 1, 7), "application/json", null).body());
        dossier = submitted.get("dossierNumber").asText();
        var upload = upload(dossier, "Budget prévisionnel.pdf", BUDGET_PDF, "Bearer " + submitted.get("accessToken").asText());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        martiniqueDossier = json.readTree(post("/api/campaigns/" + MARTINIQUE + "/applications", application("Martinique", "MOYEN_GRAND", 1, 3),
                "application/json", null).body()).get("dossierNumber").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> taskOf(dossier) != null && taskOf(martiniqueDossier) != null);
    }

    @Test
    void aReviewerInstructsFromTasklistAndTheDossierPageWhileAnotherRegionStaysOut() throws Exception {
        var taskId = taskOf(dossier);
        try (var browser = new Browser("http://localhost:" + port)) {
            var driver = browser.driver();
            browser.signInToTasklist("instructeur.guadeloupe", "instructeur.guadeloupe");
            browser.awaitClickable(By.cssSelector(".tasks-list li.task h4 a[href*='" + taskId + "']"));
            browser.awaitClickable(By.cssSelector("[cam-tasklist-task-meta] button.claim"));
            var form = browser.await(By.cssSelector(".fjs-container"));
            browser.until(d -> form.getText().contains(dossier));
            assertThat(form.getText()).contains(dossier, "Association Les Flamboyants", "huit ESMS", "deux organismes gestionnaires");
            browser.screenshot("tasklist-recevabilite");

            var tasklistUrl = driver.getCurrentUrl();
            browser.click(form.findElement(By.cssSelector("a[href$='/dossiers/" + dossier + "']")));
            browser.until(d -> d.getCurrentUrl().contains("/dossiers/" + dossier) || d.getWindowHandles().size() > 1);
            if (!driver.getCurrentUrl().contains("/dossiers/")) {
                driver.switchTo().window(driver.getWindowHandles().stream().reduce((a, b) -> b).orElseThrow());
            }
            var heading = browser.await(By.tagName("h1"));
            assertThat(heading.getText()).contains(dossier);
            assertThat(driver.findElement(By.tagName("body")).getText()).contains("Guadeloupe", "Budget prévisionnel.pdf");
            browser.screenshot("dossier-page");

            browser.click(driver.findElement(By.linkText("Budget prévisionnel.pdf")));
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.list(browser.downloads())
                    .anyMatch(f -> f.getFileName().toString().endsWith(".pdf")));
            var downloaded = Files.list(browser.downloads()).filter(f -> f.getFileName().toString().endsWith(".pdf")).findFirst().orElseThrow();
            assertThat(Files.readAllBytes(downloaded)).isEqualTo(BUDGET_PDF);

            driver.findElement(By.id("annotation-text")).sendKeys("Vérifier avec l'OG la possibilité d'une grappe avec l'EHPAD voisin.");
            browser.click(driver.findElement(By.cssSelector("form.annotation-form button[type='submit']")));
            browser.until(d -> d.findElement(By.id("annotations")).getText().contains("grappe avec l'EHPAD voisin"));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM dossier_annotation WHERE dossier_number = ?").param(dossier).query(Integer.class).single()).isEqualTo(1);

            driver.get(tasklistUrl);
            var reloaded = browser.await(By.cssSelector(".fjs-container"));
            browser.until(d -> reloaded.getText().contains(dossier));
            choose(browser, reloaded, "Irrecevable");
            var motive = browser.await(By.cssSelector(".fjs-container textarea[id$='Field_RecevabiliteComment']"));
            // a motive of blanks passes the form, not the server: Tasklist shows its French refusal, the task stays
            motive.sendKeys("   ");
            browser.awaitClickable(By.cssSelector("button[ng-click='complete()']"));
            browser.until(d -> d.findElement(By.tagName("body")).getText().contains("Motivez l'irrecevabilité"));
            browser.screenshot("tasklist-refus-serveur");
            assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "document.querySelectorAll('.page-notifications .close').forEach(b => b.click())");
            browser.until(d -> d.findElements(By.cssSelector(".page-notifications .alert")).isEmpty());
            motive.sendKeys("La grappe ne réunit qu'un organisme gestionnaire et sept ESMS.");
            browser.awaitClickable(By.cssSelector("button[ng-click='complete()']"));
            await().atMost(Duration.ofSeconds(20)).until(() -> tasks.createTaskQuery().taskId(taskId).count() == 0);
            await().atMost(Duration.ofSeconds(20)).until(() -> "INADMISSIBLE".equals(
                    jdbc.sql("SELECT status FROM dossier WHERE dossier_number = ?").param(dossier).query(String.class).single()));

            driver.manage().deleteAllCookies();
            browser.signInToTasklist("instructeur.martinique", "instructeur.martinique");
            var martiniqueTask = taskOf(martiniqueDossier);
            browser.await(By.cssSelector(".tasks-list li.task h4 a[href*='" + martiniqueTask + "']"));
            assertThat(driver.findElements(By.cssSelector(".tasks-list li.task h4 a[href*='" + taskId + "']"))).isEmpty();
            assertThat(driver.findElements(By.cssSelector(".tasks-list li.task"))).hasSize(1);
            browser.screenshot("tasklist-martinique");

            browser.open("/dossiers/" + dossier);
            browser.until(d -> d.findElement(By.tagName("body")).getText().contains("Accès refusé")
                    || d.findElement(By.tagName("body")).getText().contains("refusé"));
            browser.screenshot("dossier-page-autre-region");
            assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("Association Les Flamboyants");
        }
    }

    private static void choose(Browser browser, WebElement form, String label) {
        browser.click(form.findElements(By.cssSelector(".fjs-form-field-radio label, .fjs-form-field-radio .fjs-form-field-label")).stream()
                .filter(l -> l.getText().trim().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("pas d'option « " + label + " » dans le formulaire")));
    }

    private String taskOf(String number) {
        var task = tasks.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Activity_VerifierRecevabilite").singleResult();
        return task == null ? null : task.getId();
    }

    private void openCampaign(String key, String region, String zone, String reviewers, String committee) throws Exception {
        var today = LocalDate.now(ZoneId.of(zone));
        var body = """
                {"key": "%s", "callId": "esms-numerique", "title": "ESMS numérique — %s", "region": "%s", "timeZone": "%s",
                 "submissionOpens": "%s", "submissionCloses": "%s", "selectionOpens": "%s", "selectionCloses": "%s",
                 "budgetEnvelope": 1000000, "dossierPrefix": "NAV", "reviewerGroup": "%s", "committeeGroup": "%s"}"""
                .formatted(key, region, region, zone, today.minusDays(5), today.plusDays(30), today.plusDays(10),
                        today.plusDays(60), reviewers, committee);
        var response = post("/api/campaigns", body, "application/json",
                Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private void user(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            var user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Test");
            user.setPassword(id);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    private static String application(String region, String size, int organisations, int esmsCount) {
        var esms = new StringBuilder();
        for (int i = 1; i <= esmsCount; i++) {
            esms.append(i > 1 ? "," : "").append("""
                    {"finess": "97%s%05d", "name": "EHPAD n°%d", "region": "%s", "size": "%s", "medicalised": true}"""
                    .formatted("Martinique".equals(region) ? "22" : "01", i, i, region, size));
        }
        return """
                {"organisation": {"name": "Association Les Flamboyants", "contactEmail": "direction@flamboyants.example"},
                 "project": {"title": "Dossier usager informatisé", "description": "Acquisition d'un DUI pour les EHPAD de l'association."},
                 "publicType": "PA", "projectType": "ACQUISITION", "managingOrganisationSize": "%s",
                 "managingOrganisationCount": %d, "coreServicesCount": 2, "honourStatementProvided": true,
                 "purchasingFrameworkCompliant": true, "esms": [%s]}""".formatted(size, organisations, esms);
    }

    private HttpResponse<String> post(String path, String body, String type, String authorization) throws Exception {
        return new Api(port).post(path, body, authorization, "Content-Type", type);
    }

    private HttpResponse<String> upload(String number, String filename, byte[] content, String authorization) throws Exception {
        return new Api(port).upload(number, filename, content, "application/pdf", authorization);
    }
}
