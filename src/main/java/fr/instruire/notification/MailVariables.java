package fr.instruire.notification;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.LazyContextVariable;

import fr.instruire.campaign.Campaign;
import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierEvent;
import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.payment.PaymentLedger;
import fr.instruire.system.French;

/**
 * What a mail template may read about a dossier. {@code dossier}, {@code campaign}, {@code arsName},
 * {@code submittedOn} and {@code publicUrl} are always there; the others are computed only when a template reads
 * them, and fail when the dossier is not at that step (a decision mail for an undecided dossier): the send then
 * fails and the job raises an incident, rather than tell an applicant something the dossier does not say.
 */
@Component
class MailVariables {

    /** History kinds, as the dossier's history records them; each carries its reason in {@code detail}. */
    static final String ADMISSIBILITY_REVIEW = "ADMISSIBILITY_REVIEW";
    static final String INADMISSIBLE = "INADMISSIBLE";
    static final String COMMITTEE_DECISION = "COMMITTEE_DECISION";


    /** « Notification des crédits : dans le mois suivant la notification de l'acceptation de la candidature ». */
    private static final Period CONVENTION_DELAY = Period.ofMonths(1);

    /** The key of the tranche a mail is about, given by its step ({@code tranche} input of {@code sendMail}). */
    static final String TRANCHE = "tranche";
    /** A dossier's new access token, in the one mail that gives it to the applicant (never stored in clear). */
    static final String ACCESS_TOKEN = Mailer.ACCESS_TOKEN;

    private final Dossiers dossiers;
    private final Campaigns campaigns;
    private final CallFacts facts;
    private final PaymentLedger ledger;
    private final String publicUrl;

    MailVariables(Dossiers dossiers, Campaigns campaigns, CallFacts facts, PaymentLedger ledger,
                  @Value("${instruire.public-url}") String publicUrl) {
        this.ledger = ledger;
        this.dossiers = dossiers;
        this.campaigns = campaigns;
        this.facts = facts;
        this.publicUrl = publicUrl;
    }

    Map<String, Object> of(Dossier dossier, Campaign campaign) {
        return of(dossier, campaign, Map.of());
    }

    /** {@code about}: what the model's step names beyond the dossier — {@link #TRANCHE}: the key of a tranche. */
    Map<String, Object> of(Dossier dossier, Campaign campaign, Map<String, String> about) {
        var zone = campaign.timeZone();
        var variables = new LinkedHashMap<String, Object>();
        variables.put("dossier", dossier);
        variables.put("campaign", campaign);
        variables.put("arsName", campaigns.arsName(campaign.region()));
        variables.put("submittedOn", French.dayAndHour(dossier.submittedAt(), zone));
        variables.put("publicUrl", publicUrl);
        // the call's facts by name, derived ones included
        variables.put("facts", lazy(() -> facts.of(dossier.number())));
        variables.put("complements", lazy(() -> complements(dossier, campaign)));
        variables.put("admissibility", lazy(() -> admissibility(dossier)));
        variables.put("decision", lazy(() -> decision(dossier, zone)));
        variables.put("grant", lazy(() -> grant(dossier)));
        variables.put("funding", lazy(() -> funding(dossier, zone)));
        if (about.get(ACCESS_TOKEN) != null) {
            variables.put(ACCESS_TOKEN, about.get(ACCESS_TOKEN));
        }
        if (about.get(TRANCHE) != null) {
            variables.put(TRANCHE, lazy(() -> tranche(dossier, about.get(TRANCHE), zone)));
        }
        return variables;
    }

    /** What the reviewer asked: the request still open, or the last one if the applicant has just answered it. */
    record ComplementsRequest(String request, String requestedOn, String delay, String deadline) {
    }

    private ComplementsRequest complements(Dossier dossier, Campaign campaign) {
        var request = dossiers.openComplementRequest(dossier.number())
                .or(() -> dossiers.complements(dossier.number()).stream().reduce((a, b) -> b))
                .orElseThrow(() -> notAtStep(dossier, "aucune demande de compléments"));
        var zone = campaign.timeZone();
        var delay = campaign.complementsDelay();
        return new ComplementsRequest(request.requestText().strip(), French.day(request.requestedAt(), zone),
                French.delay(delay), French.dayAndHour(French.plus(request.requestedAt(), delay, zone), zone));
    }

    /** The outcome of the admissibility review; an inadmissible dossier always comes with its reasons. */
    record Admissibility(boolean admissible, List<String> reasons) {
    }

    private Admissibility admissibility(Dossier dossier) {
        if (facts.callOf(dossier.number()).admitted(dossier.status())) {
            return new Admissibility(true, List.of());
        }
        if (!DossierStatus.INADMISSIBLE.equals(dossier.status())) {
            throw notAtStep(dossier, "recevabilité pas encore décidée");
        }
        // the reviewer's comment and the reason the status was set with (the rules' reasons), each said once
        var history = dossiers.history(dossier.number());
        var reasons = new LinkedHashSet<String>();
        last(history, ADMISSIBILITY_REVIEW).ifPresent(e -> reasons.addAll(lines(e.detail())));
        last(history, INADMISSIBLE).ifPresent(e -> reasons.addAll(lines(e.detail())));
        if (reasons.isEmpty()) {
            throw notAtStep(dossier, "irrecevable sans motif dans l'historique");
        }
        return new Admissibility(false, List.copyOf(reasons));
    }

    /** The committee's decision; a project not selected always comes with the committee's reason. */
    record CommitteeDecision(boolean selected, Instant decidedAt, ZoneId zone, String reason) {

        public String decidedOn() {
            return French.day(decidedAt, zone);
        }

        /** The convention is signed within the month that follows the notification of the selection. */
        public String conventionDueBy() {
            if (!selected) {
                throw new IllegalStateException("Projet non retenu : pas de convention à signer");
            }
            return French.day(decidedAt.atZone(zone).plus(CONVENTION_DELAY).toInstant(), zone);
        }
    }

    private CommitteeDecision decision(Dossier dossier, ZoneId zone) {
        boolean selected = facts.callOf(dossier.number()).granted(dossier.status());
        if (!selected && !DossierStatus.NOT_SELECTED.equals(dossier.status())) {
            throw notAtStep(dossier, "pas encore de décision du comité");
        }
        var event = last(dossiers.history(dossier.number()), COMMITTEE_DECISION)
                .orElseThrow(() -> notAtStep(dossier, "décision du comité absente de l'historique"));
        var reason = event.detail() == null ? "" : event.detail().strip();
        if (!selected && reason.isEmpty()) {
            throw notAtStep(dossier, "non retenu sans motif du comité");
        }
        return new CommitteeDecision(selected, event.occurredAt(), zone, reason);
    }

    /** One ARS's part of a grant. */
    /** {@code count}: the records of the region the share is computed on. */
    record Share(String arsName, int count, String amount) {
    }

    /** The grant, and each region's share of it when its call shares grants between regions ({@code regionalShares}). */
    record Grant(long euros, List<Share> shares) {

        public String amount() {
            return French.euros(euros);
        }

        public boolean multiRegional() {
            return shares.size() > 1;
        }

        /** The grant paid in instalments of these percentages; the last takes what rounding left. */
        public List<String> installments(int... percents) {
            if (Arrays.stream(percents).sum() != 100) {
                throw new IllegalArgumentException("Échéancier qui ne fait pas 100 % : " + Arrays.toString(percents));
            }
            var amounts = new ArrayList<String>();
            long paid = 0;
            for (int i = 0; i < percents.length - 1; i++) {
                long part = euros * percents[i] / 100;
                amounts.add(French.euros(part));
                paid += part;
            }
            amounts.add(French.euros(euros - paid));
            return amounts;
        }
    }

    private Grant grant(Dossier dossier) {
        if (dossier.grantAmount() == null) {
            throw notAtStep(dossier, "aucun montant accordé");
        }
        var call = facts.callOf(dossier.number());
        var shares = CallFacts.shares(call, facts.of(call, dossier.number()), dossier.grantAmount()).stream()
                .map(s -> new Share(campaigns.arsName(s.region()), s.count(), French.euros(s.amount())))
                .toList();
        return new Grant(dossier.grantAmount(), shares);
    }

    /** The dossier's grant in the ledger: what was paid of it and what remains. */
    record Funding(String grant, String paid, String remaining) {
    }

    private Funding funding(Dossier dossier, ZoneId zone) {
        var funding = ledger.of(dossier.number()).orElseThrow(() -> notAtStep(dossier, "subvention non ouverte"));
        return new Funding(French.euros(funding.grant()), French.euros(funding.paid()),
                French.euros(funding.grant() - funding.paid()));
    }

    /** One tranche of the grant, as the ledger has it: its label, amount, evidence, payment and when. */
    record Tranche(String label, String amount, String evidence, String paymentReference, String paidOn) {
    }

    private Tranche tranche(Dossier dossier, String key, ZoneId zone) {
        var tranche = ledger.tranche(dossier.number(), key).orElseThrow(() -> notAtStep(dossier, "aucune tranche " + key));
        return new Tranche(tranche.label(), French.euros(tranche.amount()), tranche.evidence(), tranche.paymentReference(),
                tranche.paidAt() == null ? null : French.day(tranche.paidAt(), zone));
    }

    private static Optional<DossierEvent> last(List<DossierEvent> history, String kind) {
        return history.stream().filter(e -> kind.equals(e.kind())).reduce((a, b) -> b);
    }

    /** A reason per line, without the dashes or bullets it was typed with. */
    private static List<String> lines(String detail) {
        if (detail == null) {
            return List.of();
        }
        return detail.lines().map(l -> l.strip().replaceFirst("^[-•*]\\s*", "")).filter(l -> !l.isEmpty()).toList();
    }

    private static IllegalStateException notAtStep(Dossier dossier, String why) {
        return new IllegalStateException("Dossier %s (%s) : %s".formatted(dossier.number(), dossier.status(), why));
    }

    private static <T> LazyContextVariable<T> lazy(Supplier<T> value) {
        return new LazyContextVariable<>() {
            @Override
            protected T loadValue() {
                return value.get();
            }
        };
    }
}
