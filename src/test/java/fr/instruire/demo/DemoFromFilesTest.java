package fr.instruire.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

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

/** A call with no Java gets its demo campaign from a file: the campaign, its accounts, its dossiers through the intake. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:demofiles;DB_CLOSE_DELAY=-1",
        "camunda.bpm.generate-unique-process-engine-name=true",
        "camunda.bpm.job-execution.enabled=false",
        "instruire.mail.outbox-dir=",
        "spring.mail.host=localhost",
})
@ActiveProfiles("test")
class DemoFromFilesTest {

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
    void aDemoFileOpensItsCampaignWithItsAccountsAndDossiersOnce() throws Exception {
        var seeder = new DemoFromFiles(campaignService, campaigns, intake, groups, new DemoTasks(identity, tasks, dossiers));
        DemoFromFiles.DemoFile file;
        try (InputStream in = new ClassPathResource("demo-files/appel-essai.yaml").getInputStream()) {
            file = new ObjectMapper().convertValue(new Yaml(new SafeConstructor(new LoaderOptions())).load(in),
                    DemoFromFiles.DemoFile.class);
        }

        seeder.seed("appel-essai.yaml", file);
        seeder.seed("appel-essai.yaml", file);

        var campaign = campaigns.find("appel-essai-demo").orElseThrow();
        assertThat(campaign.callId()).as("the call is the file's name").isEqualTo("appel-essai");
        assertThat(campaign.isOpenForSubmission(Clock.now())).isTrue();
        assertThat(identity.createUserQuery().userId("comite.essai").memberOfGroup("partenaires-essai-demo").count()).isEqualTo(1);
        assertThat(identity.checkPassword("instructeur.essai", "instructeur.essai")).isTrue();
        var numbers = dossiers.list("appel-essai-demo", null, null, false).stream().map(d -> d.number()).toList();
        assertThat(numbers).as("submitted once, through the intake").hasSize(2);
        assertThat(facts.of(numbers.get(0))).containsKeys("typeStructure", "requestedAmount", "submittedBeforeDeadline");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(numbers.get(0)).count()).isEqualTo(1);
    }
}
