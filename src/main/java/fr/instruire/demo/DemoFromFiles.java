package fr.instruire.demo;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.campaign.CampaignDefinition;
import fr.instruire.campaign.CampaignService;
import fr.instruire.campaign.Campaigns;
import fr.instruire.identity.GroupAccess;
import fr.instruire.intake.ApplicationRequest;
import fr.instruire.intake.IntakeService;
import fr.instruire.system.Clock;

/**
 * Demo data as files, for a call that needs no Java: each {@code demo/<call>.yaml} on the classpath opens a campaign of that call (its
 * dates in days from today), creates its groups and accounts (password = id) and submits its applications through the
 * same intake as the API — once: a campaign already there is left as it is. Format: docs/adding-a-call.md, « Demo ».
 */
@Component
@ConditionalOnProperty(name = "instruire.demo.enabled", havingValue = "true")
class DemoFromFiles {

    private static final Logger log = LoggerFactory.getLogger(DemoFromFiles.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CampaignService campaignService;
    private final Campaigns campaigns;
    private final IntakeService intake;
    private final GroupAccess groups;
    private final DemoTasks demo;

    DemoFromFiles(CampaignService campaignService, Campaigns campaigns, IntakeService intake, GroupAccess groups, DemoTasks demo) {
        this.campaignService = campaignService;
        this.campaigns = campaigns;
        this.intake = intake;
        this.groups = groups;
        this.demo = demo;
    }

    /** Demo campaigns in a file of their own. */
    record DemoFile(Map<String, Object> campaign, List<Map<String, String>> groups, List<Map<String, Object>> users,
                    List<Map<String, Object>> applications) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedInBackground() {
        var seeding = new Thread(() -> {
            try {
                for (var resource : new PathMatchingResourcePatternResolver().getResources("classpath*:demo/*.yaml")) {
                    try (InputStream in = resource.getInputStream()) {
                        seed(resource.getFilename(), JSON.convertValue(new Yaml(new SafeConstructor(new LoaderOptions())).load(in), DemoFile.class));
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.error("Démo : les campagnes décrites dans demo/*.yaml n'ont pas pu être créées", e);
            }
        }, "demo-files");
        seeding.setDaemon(true);
        seeding.start();
    }

    void seed(String file, DemoFile demoFile) {
        var c = demoFile.campaign();
        var key = String.valueOf(c.get("key"));
        if (campaigns.find(key).isPresent()) {
            return;
        }
        log.info("Démo : création de la campagne {} ({}), de ses comptes et de dossiers d'exemple", key, file);
        var zone = ZoneId.of(String.valueOf(c.get("timeZone")));
        var today = LocalDate.ofInstant(Clock.now(), zone);
        if (demoFile.groups() != null) {
            demoFile.groups().forEach(g -> groups.ensureWorkGroup(g.get("id"), g.get("name")));
        }
        @SuppressWarnings("unchecked")
        var given = (Map<String, Object>) c.get("variables");
        // a call's own date given as days from today ("+120d"), so that the demo's calendar does not go stale
        var variables = given == null ? null : new java.util.LinkedHashMap<String, Object>(given);
        if (variables != null) {
            variables.replaceAll((name, value) -> value instanceof String text && text.matches("[+-]\\d+d")
                    ? today.plusDays(Long.parseLong(text.substring(0, text.length() - 1).replace("+", ""))).toString() : value);
        }
        var callId = c.get("callId") != null ? String.valueOf(c.get("callId")) : file.replaceFirst("\\.yaml$", "");
        campaignService.open(new CampaignDefinition(key, callId, String.valueOf(c.get("title")),
                String.valueOf(c.get("region")), zone.getId(), day(today, c, "submissionOpens"), day(today, c, "submissionCloses"),
                day(today, c, "selectionOpens"), day(today, c, "selectionCloses"), ((Number) c.get("budgetEnvelope")).longValue(),
                String.valueOf(c.get("dossierPrefix")), String.valueOf(c.get("reviewerGroup")), String.valueOf(c.get("committeeGroup")),
                text(c, "complementsDelay"), text(c, "conventionReminderDelay"), text(c, "contactEmail"), variables));
        if (demoFile.users() != null) {
            for (var u : demoFile.users()) {
                @SuppressWarnings("unchecked")
                var userGroups = (List<String>) u.get("groups");
                userGroups.forEach(g -> demo.user(String.valueOf(u.get("id")), String.valueOf(u.get("firstName")),
                        String.valueOf(u.get("lastName")), String.valueOf(u.get("email")), g));
            }
        }
        if (demoFile.applications() != null) {
            for (var application : demoFile.applications()) {
                var request = new ApplicationRequest(JSON.convertValue(application.get("organisation"), ApplicationRequest.Organisation.class),
                        JSON.convertValue(application.get("project"), ApplicationRequest.Project.class),
                        JSON.convertValue(application.getOrDefault("facts", Map.of()), new TypeReference<Map<String, JsonNode>>() { }));
                intake.submit(key, request);
            }
        }
        log.info("Démo prête : campagne {} ({} dossiers)", key, demoFile.applications() == null ? 0 : demoFile.applications().size());
    }

    /** A date given as days from today (-10, 0, 60) or as a date. */
    private static String day(LocalDate today, Map<String, Object> campaign, String key) {
        var value = campaign.get(key);
        return value instanceof Number days ? today.plusDays(days.longValue()).toString() : String.valueOf(value);
    }

    private static String text(Map<String, Object> campaign, String key) {
        return campaign.get(key) == null ? null : String.valueOf(campaign.get(key));
    }
}
