package fr.instruire.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.support.Api;
import fr.instruire.support.ApplicationIT;
import fr.instruire.support.Browser;
import fr.instruire.support.RequiresBrowser;
import fr.instruire.support.EmbeddedServices;
import fr.instruire.support.EsmsNumerique;
import fr.instruire.support.Staff;

/**
 * A committee sitting in a real browser (Debian's headless Chromium): the committee signs into Tasklist, decides each
 * dossier of the list the server prepared in the form's dynamic list, completes — and the submission Tasklist sends
 * passes the server's contract for that form: the dossier is selected.
 */
@ApplicationIT
@RequiresBrowser
class CommitteeInTheBrowserIT {

    static final String CAMPAIGN = "esms-numerique-navigateur-comite";
    static final String REVIEWER = "instructeur.comite-navigateur";
    static final String COMMITTEE = "comite.navigateur";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        EmbeddedServices.register(registry, "browser_committee");
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

    @BeforeAll
    void anInstructedDossierAndAnOpenSitting() throws Exception {
        var today = LocalDate.now(ZoneId.of("America/Guadeloupe"));
        var created = api().post("/api/campaigns", EsmsNumerique.campaign(CAMPAIGN, "Guadeloupe", "COM",
                "instructeurs-comite-navigateur", "comite-navigateur", today),
                Api.basic(ApplicationIT.ADMIN, ApplicationIT.ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Staff.user(identity, REVIEWER, "instructeurs-comite-navigateur");
        Staff.user(identity, COMMITTEE, "comite-navigateur");

        var submitted = api().post("/api/campaigns/" + CAMPAIGN + "/applications",
                EsmsNumerique.application("direction@flamboyants.example", "Guadeloupe", "9701000"), null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        dossier = json.readTree(submitted.body()).get("dossierNumber").asText();
        complete(REVIEWER, awaitTask(dossier, "Activity_VerifierRecevabilite"), Map.of(
                "recevabiliteDecision", Map.of("value", "RECEVABLE")));
        complete(REVIEWER, awaitTask(dossier, "Activity_InstruireDossier"), Map.of(
                "scoreMotivation", Map.of("value", 4), "scorePerimetreFonctionnel", Map.of("value", 4),
                "scoreMutualisation", Map.of("value", 3), "scoreInteroperabilite", Map.of("value", 5),
                "scorePlateformeRegionale", Map.of("value", 2), "instructionComment", Map.of("value", "Projet mûr.")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "INSTRUCTED".equals(statusOf(dossier)));
    }

    @Test
    void theCommitteeDecidesItsListInTasklist() throws Exception {
        var sitting = awaitTask(CAMPAIGN, "Activity_TenirSeanceComite");
        try (var browser = new Browser("http://localhost:" + port)) {
            browser.signInToTasklist(COMMITTEE, COMMITTEE);
            browser.awaitClickable(By.cssSelector(".tasks-list li.task h4 a[href*='" + sitting + "']"));
            browser.awaitClickable(By.cssSelector("[cam-tasklist-task-meta] button.claim"));
            var form = browser.await(By.cssSelector(".fjs-container"));
            browser.until(d -> form.findElements(By.cssSelector(".fjs-form-field-dynamiclist input[type='text']")).stream()
                    .anyMatch(i -> dossier.equals(i.getAttribute("value"))));

            browser.click(form.findElement(By.cssSelector(".fjs-form-field-dynamiclist .fjs-form-field-select .fjs-input-group")));
            browser.click(browser.await(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space()='Retenu']")));
            // typed, then left (Tab) as a reviewer does before « Terminer »: form-js reports the change on leaving the field
            form.findElement(By.cssSelector(".fjs-form-field-dynamiclist textarea")).sendKeys("Projet prioritaire pour la région.",
                    org.openqa.selenium.Keys.TAB);
            browser.screenshot("tasklist-seance-comite");
            browser.awaitClickable(By.cssSelector("button[ng-click='complete()']"));

            browser.until(d -> tasks.createTaskQuery().taskId(sitting).count() == 0
                    || !d.findElements(By.cssSelector(".page-notifications .alert")).isEmpty());
            browser.screenshot("tasklist-seance-comite-terminee");
            assertThat(browser.driver().findElements(By.cssSelector(".page-notifications .alert")))
                    .extracting(org.openqa.selenium.WebElement::getText).isEmpty();
            assertThat(tasks.createTaskQuery().taskId(sitting).count()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> "SELECTED".equals(statusOf(dossier)));
        }
    }

    String awaitTask(String businessKey, String taskKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            var found = tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey).list();
            return found.size() == 1 ? found.get(0).getId() : null;
        }, id -> id != null);
    }

    void complete(String user, String task, Map<String, Object> variables) throws Exception {
        var done = api().post("/engine-rest/task/" + task + "/complete", json.writeValueAsString(Map.of("variables", variables)),
                Api.basic(user, user));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    String statusOf(String number) {
        return jdbc.sql("SELECT status FROM dossier WHERE dossier_number = ?").param(number).query(String.class).single();
    }

    Api api() {
        return new Api(port);
    }
}
