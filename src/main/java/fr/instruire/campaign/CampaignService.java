package fr.instruire.campaign;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.instruire.identity.GroupAccess;
import fr.instruire.call.CallDefinitions;
import fr.instruire.system.ApiProblem;
import fr.instruire.system.ApiProblem.FieldError;

/** Opens a session of a call: its row, its groups, and the campaign process instance that runs its calendar. */
@Service
public class CampaignService {

    static final String DEFAULT_COMPLEMENTS_DELAY = "P15D";
    static final String DEFAULT_CONVENTION_REMINDER = "P21D";

    private final CallDefinitions calls;
    private final Campaigns campaigns;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final GroupAccess groups;

    CampaignService(Campaigns campaigns, RuntimeService runtime, RepositoryService repository, GroupAccess groups, CallDefinitions calls) {
        this.calls = calls;
        this.campaigns = campaigns;
        this.runtime = runtime;
        this.repository = repository;
        this.groups = groups;
    }

    @Transactional
    public Campaign open(CampaignDefinition d) {
        var errors = new ArrayList<FieldError>();
        ZoneId zone = null;
        try {
            zone = ZoneId.of(d.timeZone());
        } catch (DateTimeException e) {
            errors.add(new FieldError("timeZone", "fuseau horaire inconnu (ex. America/Guadeloupe, Europe/Paris)"));
        }
        if (!campaigns.regionExists(d.region())) {
            errors.add(new FieldError("region", "région inconnue ; attendu l'une de : " + String.join(", ", campaigns.regions())));
        }
        if (d.callId() != null && calls.find(d.callId()).isEmpty()) {
            errors.add(new FieldError("callId", "appel inconnu : aucun descripteur calls/" + d.callId() + ".yaml"));
        }
        var processKey = d.callId() + "-campaign";
        if (repository.createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion().count() == 0) {
            errors.add(new FieldError("callId", "aucun processus « " + processKey + " » n'est déployé pour cet appel"));
        }
        Instant opens = null, closes = null, selOpens = null, selCloses = null;
        if (zone != null) {
            opens = start(d.submissionOpens(), zone, "submissionOpens", errors);
            closes = end(d.submissionCloses(), zone, "submissionCloses", errors);
            selOpens = start(d.selectionOpens(), zone, "selectionOpens", errors);
            selCloses = end(d.selectionCloses(), zone, "selectionCloses", errors);
            if (opens != null && closes != null && !opens.isBefore(closes)) {
                errors.add(new FieldError("submissionCloses", "doit suivre l'ouverture du dépôt"));
            }
            if (selOpens != null && selCloses != null && !selOpens.isBefore(selCloses)) {
                errors.add(new FieldError("selectionCloses", "doit suivre l'ouverture de la sélection"));
            }
        }
        errors.addAll(CampaignVariables.check(d.variables()));
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        if (campaigns.find(d.key()).isPresent()) {
            throw ApiProblem.conflict("La campagne « " + d.key() + " » existe déjà.");
        }
        var campaign = new Campaign(d.key(), d.callId(), d.title(), d.region(), zone, opens, closes, selOpens, selCloses,
                d.budgetEnvelope(), d.dossierPrefix(), d.reviewerGroup(), d.committeeGroup(),
                d.complementsDelay() == null ? DEFAULT_COMPLEMENTS_DELAY : d.complementsDelay(),
                d.conventionReminderDelay() == null ? DEFAULT_CONVENTION_REMINDER : d.conventionReminderDelay(),
                d.contactEmail());
        campaigns.insert(campaign);
        campaigns.insertVariables(campaign.key(), CampaignVariables.json(d.variables()));
        groups.ensureWorkGroup(campaign.reviewerGroup(), "Instructeurs — " + campaign.region());
        groups.ensureWorkGroup(campaign.committeeGroup(), "Comité de sélection — " + campaign.region());
        var variables = new java.util.LinkedHashMap<String, Object>(calls.of(d.callId()).campaignDefaults());
        if (d.variables() != null) {
            variables.putAll(d.variables());
        }
        // a call's own variable named …Group names a work group of its models (e.g. a partner's group); managerGroup
        // names the campaign's managers, who watch it in Cockpit
        variables.forEach((name, value) -> {
            if (name.endsWith("Group") && value instanceof String group && !group.isBlank()) {
                if (GroupAccess.namesManagers(name)) {
                    groups.ensureManagerGroup(group, "Pilotage — " + campaign.title());
                } else {
                    groups.ensureWorkGroup(group, group + " — " + campaign.title());
                }
            }
        });
        runtime.createProcessInstanceByKey(campaign.campaignProcessKey())
                .businessKey(campaign.key())
                .setVariables(variables(campaign))
                .setVariables(campaigns.variables(campaign))
                .execute();
        return campaign;
    }

    /** The campaign instance's variables: its calendar and groups, never literals in the model. */
    static Map<String, Object> variables(Campaign c) {
        return Map.ofEntries(
                Map.entry("campaignKey", c.key()),
                Map.entry("callId", c.callId()),
                Map.entry("region", c.region()),
                Map.entry("timeZone", c.timeZone().getId()),
                Map.entry("submissionOpensAt", Date.from(c.submissionOpensAt())),
                Map.entry("submissionClosesAt", Date.from(c.submissionClosesAt())),
                Map.entry("selectionOpensAt", Date.from(c.selectionOpensAt())),
                Map.entry("selectionClosesAt", Date.from(c.selectionClosesAt())),
                Map.entry("budgetEnvelope", c.budgetEnvelope()),
                Map.entry("reviewerGroup", c.reviewerGroup()),
                Map.entry("committeeGroup", c.committeeGroup()));
    }

    /** An opening day starts at 00:00 in the campaign's zone. */
    static Instant start(String value, ZoneId zone, String field, List<FieldError> errors) {
        return parse(value, zone, field, errors, false);
    }

    /** A closing day without an hour ends at 24:00 in the campaign's zone (the instant is exclusive). */
    static Instant end(String value, ZoneId zone, String field, List<FieldError> errors) {
        return parse(value, zone, field, errors, true);
    }

    private static Instant parse(String value, ZoneId zone, String field, List<FieldError> errors, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                var day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            errors.add(new FieldError(field, "date attendue au format AAAA-MM-JJ ou AAAA-MM-JJThh:mm:ss±hh:mm"));
            return null;
        }
    }
}
