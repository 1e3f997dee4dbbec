package fr.instruire.instruction;

import java.text.Normalizer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Service;

import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.identity.GroupAccess;
import fr.instruire.system.Clock;
import fr.instruire.system.French;

/**
 * The regional partners who give their opinion on a dossier: the ARS and the CPAM of its region, as Camunda groups
 * {@code ars-<region>} and {@code cpam-<region>} ({@code ars-ile-de-france}), created on first use so that a dossier
 * from a new region needs no setup; and the date their opinions are due.
 */
@Service
class RegionalPartners {

    static final String DEFAULT_OPINION_DELAY = "P15D";

    private final CallFacts facts;
    private final Dossiers dossiers;
    private final Campaigns campaigns;
    private final GroupAccess groups;

    RegionalPartners(CallFacts facts, Dossiers dossiers, Campaigns campaigns, GroupAccess groups) {
        this.facts = facts;
        this.dossiers = dossiers;
        this.campaigns = campaigns;
        this.groups = groups;
    }

    record Assignment(String region, String arsGroup, String cpamGroup, Date opinionDueDate) {
    }

    /** « Île-de-France » → {@code ile-de-france}; « Provence-Alpes-Côte d'Azur » → {@code provence-alpes-cote-d-azur}. */
    static String slug(String region) {
        var ascii = Normalizer.normalize(region, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        var slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("Région illisible : « " + region + " ».");
        }
        return slug;
    }

    /** The dossier's region: the first its call's descriptor finds ({@code regions}). */
    String region(String number) {
        var call = facts.callOf(number);
        return call.regionsOf(facts.of(call, number)).stream().findFirst().orElseThrow(() ->
                new IllegalStateException("Dossier " + number + " : région inconnue (faits « " + String.join(", ", call.regions())
                        + " » non renseignés)"));
    }

    /**
     * The group of a partner on a dossier, as the server knows it (from the dossier's region, as {@link #assign} gave
     * the tasks): {@code ARS} → {@code ars-<region>}, {@code CPAM} → {@code cpam-<region>}; empty for another partner.
     */
    Optional<String> groupOf(String number, String partner) {
        return switch (partner.strip().toUpperCase(Locale.ROOT)) {
            case "ARS" -> Optional.of("ars-" + slug(region(number)));
            case "CPAM" -> Optional.of("cpam-" + slug(region(number)));
            default -> Optional.empty();
        };
    }

    Assignment assign(String number, String opinionDelay) {
        var region = region(number);
        var slug = slug(region);
        var ars = "ars-" + slug;
        var cpam = "cpam-" + slug;
        groups.ensureWorkGroup(ars, campaigns.regionExists(region) ? campaigns.arsName(region) : "ARS " + region);
        groups.ensureWorkGroup(cpam, "CPAM — " + region);
        var delay = opinionDelay == null || opinionDelay.isBlank() ? DEFAULT_OPINION_DELAY : opinionDelay.strip();
        var zone = campaigns.get(dossiers.get(number).campaignKey()).timeZone();
        Instant due;
        try {
            due = French.plus(Clock.now(), delay, zone);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Variable « opinionDelay » : durée ISO 8601 attendue (ex. P15D), reçu « " + delay + " ».", e);
        }
        return new Assignment(region, ars, cpam, Date.from(due));
    }
}
