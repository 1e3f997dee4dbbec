package fr.instruire.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Date;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.ActiveProfiles;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.campaign.CampaignService;
import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.identity.GroupAccess;
import fr.instruire.intake.IntakeService;
import fr.instruire.system.Clock;

/**
 * The demo of the ARS Île-de-France SNACs call, {@code demo/idf-parcours.yaml}: a session open to letters of intent, the
 * strategy direction's, the departmental directions' and the GCS Sesan's accounts, three letters filed through the intake.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:idfparcoursdemo;DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "camunda.bpm.job-execution.enabled=false",
        "instruire.mail.outbox-dir=",
        "spring.mail.host=localhost",
})
@ActiveProfiles("test")
class IdfParcoursDemoFileTest {

    @Autowired CampaignService campaignService;
    @Autowired Campaigns campaigns;
    @Autowired IntakeService intake;
    @Autowired GroupAccess groups;
    @Autowired IdentityService identity;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired Dossiers dossiers;
    @Autowired DossierFacts facts;

    @Test
    void theDemoOpensASessionWithItsDirectionsAndThreeLettersOfIntent() throws Exception {
        var seeder = new DemoFromFiles(campaignService, campaigns, intake, groups, new DemoTasks(identity, tasks, dossiers));
        DemoFromFiles.DemoFile file;
        try (InputStream in = new ClassPathResource("demo/idf-parcours.yaml").getInputStream()) {
            file = new ObjectMapper().convertValue(new Yaml(new SafeConstructor(new LoaderOptions())).load(in),
                    DemoFromFiles.DemoFile.class);
        }

        seeder.seed("idf-parcours.yaml", file);

        var campaign = campaigns.find("idf-parcours-2026").orElseThrow();
        assertThat(campaign.callId()).isEqualTo("idf-parcours");
        assertThat(campaign.isOpenForSubmission(Clock.now())).as("letters of intent are open").isTrue();
        assertThat(identity.createUserQuery().userId("strategie.idf").memberOfGroup("ars-idf-strategie").count()).isEqualTo(1);
        assertThat(identity.createUserQuery().userId("dd.idf").memberOfGroup("ars-idf-directions-departementales").count()).isEqualTo(1);
        assertThat(identity.createUserQuery().userId("sesan.idf").memberOfGroup("gcs-sesan").count()).isEqualTo(1);
        assertThat(identity.checkPassword("strategie.idf", "strategie.idf")).isTrue();
        assertThat(identity.createUserQuery().memberOfGroup("ars-idf-strategie").singleResult().getEmail())
                .as("the letters are mailed to the strategy direction's members").isNotBlank();

        var numbers = dossiers.list("idf-parcours-2026", null, null, false).stream().map(d -> d.number()).toList();
        assertThat(numbers).hasSize(3);
        for (var number : numbers) {
            assertThat(facts.of(number)).containsKeys("territoire", "departement", "populationEstimee", "structureCoordination");
            var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
            assertThat(instance.getProcessDefinitionId()).startsWith("idf-parcours-dossier:");
            assertThat(runtime.getVariable(instance.getId(), "dgosDeadline")).as("a date of the session").isInstanceOf(Date.class)
                    .matches(d -> ((Date) d).after(new Date()), "given in days from today, still ahead");
            assertThat(runtime.getVariable(instance.getId(), "strategyGroup")).isEqualTo("ars-idf-strategie");
        }
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("idf-parcours-campaign")
                .processInstanceBusinessKey("idf-parcours-2026").count()).isEqualTo(1);
    }
}
