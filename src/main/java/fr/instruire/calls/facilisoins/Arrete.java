package fr.instruire.calls.facilisoins;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.French;
import fr.instruire.campaign.CampaignDocuments;
import fr.instruire.campaign.Campaigns;

/**
 * The ministers' arrêté that selects the campaign's projects (« Les candidatures sélectionnées feront l'objet d'un
 * arrêté ministériel »): its date and reference kept with the campaign, and in the history of each selected dossier.
 */
@Service
class Arrete {

    static final String KIND = "ARRETE";

    private final CampaignDocuments documents;
    private final Campaigns campaigns;
    private final Dossiers dossiers;

    Arrete(CampaignDocuments documents, Campaigns campaigns, Dossiers dossiers) {
        this.documents = documents;
        this.campaigns = campaigns;
        this.dossiers = dossiers;
    }

    /** A date as a form gives it: a {@link Date}, or text {@code 2022-04-15} (possibly with a time, ignored). */
    static LocalDate date(Object value, ZoneId zone) {
        if (value instanceof Date d) {
            return d.toInstant().atZone(zone).toLocalDate();
        }
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("Indiquez la date de l'arrêté.");
        }
        var text = value.toString().strip();
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Date de l'arrêté illisible : « " + text + " » (attendu AAAA-MM-JJ).");
        }
    }

    @Transactional
    public void record(String campaignKey, Object dateValue, Object referenceValue, String actor) {
        var campaign = campaigns.get(campaignKey);
        var reference = referenceValue == null ? "" : referenceValue.toString().strip();
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("Indiquez la référence de l'arrêté (ex. NOR SSAS2210000A).");
        }
        if (reference.length() > 300) {
            throw new IllegalArgumentException("La référence de l'arrêté dépasse 300 caractères.");
        }
        var date = date(dateValue, campaign.timeZone());
        documents.record(campaignKey, KIND, reference, date, actor);
        var detail = "Arrêté des ministres %s du %s : projet retenu".formatted(reference,
                French.day(date.atStartOfDay(campaign.timeZone()).toInstant(), campaign.timeZone()));
        for (var dossier : dossiers.inCampaign(campaignKey, DossierStatus.SELECTED)) {
            dossiers.recordEvent(dossier.number(), actor, KIND, detail);
        }
    }
}
