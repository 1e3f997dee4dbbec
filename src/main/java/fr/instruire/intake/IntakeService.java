package fr.instruire.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.call.CallDefinition;
import fr.instruire.call.CallDefinitions;
import fr.instruire.campaign.Campaign;
import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierFacts;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.ApiProblem;
import fr.instruire.system.French;
import fr.instruire.system.ApiProblem.FieldError;
import fr.instruire.system.Clock;

/**
 * Turns an accepted application into a dossier and its process instance, in one transaction: either both exist
 * or neither. A retry carrying the same Idempotency-Key gets the first answer back. Applications received by mail
 * ({@code intake.mail}) become dossiers through the same {@link #createDossier}.
 */
@Service
public class IntakeService {

    /** The message a dossier process waits on after asking for complements. */
    static final String COMPLEMENTS_RECEIVED = "complements-received";
    /** The call-specific fact every dossier has: false when it arrived after the campaign's closing instant. */
    public static final String SUBMITTED_BEFORE_DEADLINE = "submittedBeforeDeadline";

    private final Campaigns campaigns;
    private final Dossiers dossiers;
    private final DossierFacts facts;
    private final RuntimeService runtime;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final CallDefinitions calls;
    private final String secret;
    private final TransactionTemplate transaction;
    /** Until when a key may still find an answer stored before V11 (a week after the last one); read once. */
    private volatile Instant keysBefore11Until;

    IntakeService(Campaigns campaigns, Dossiers dossiers, DossierFacts facts, RuntimeService runtime, JdbcClient jdbc,
                  ObjectMapper json, CallDefinitions calls, PlatformTransactionManager transactions,
                  @org.springframework.beans.factory.annotation.Value("${instruire.secret}") String secret) {
        this.calls = calls;
        this.secret = secret;
        this.campaigns = campaigns;
        this.dossiers = dossiers;
        this.facts = facts;
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = new TransactionTemplate(transactions);
    }

    public record Submitted(SubmissionResponse response, boolean replayed) {
    }

    /**
     * The answer already given for this key, if the same request was accepted before — with the dossier's token,
     * unsealed with the key and body just presented; 422 if the key was used for another request. A key stored before
     * tokens were sealed (migration V7) finds its answer in {@code idempotency_key_before_v7}, without its token: that
     * token was never kept in a form that can be given back.
     */
    Optional<Submitted> replay(IdempotencyKey key) {
        if (key == null) {
            return Optional.empty();
        }
        var stored = replayStored(key);
        if (stored.isEmpty() && Clock.now().isBefore(keysBefore11Until())) {
            stored = replayStored(key.storedBefore11());
        }
        if (stored.isPresent()) {
            return stored;
        }
        return jdbc.sql("""
                SELECT request_hash, response_body FROM idempotency_key_before_v7
                WHERE campaign_key = ? AND idempotency_key = ?""")
                .params(key.campaignKey(), key.raw())
                .query((rs, i) -> {
                    requireSameRequest(key, rs.getString(1));
                    return new Submitted(read(rs.getString(2)), true);
                })
                .optional();
    }

    /** A client's key for this campaign and request body, derived with the server's secret. */
    IdempotencyKey idempotencyKey(String campaignKey, String raw, String requestHash) {
        return IdempotencyKey.of(secret, campaignKey, raw, requestHash);
    }

    private Instant keysBefore11Until() {
        if (keysBefore11Until == null) {
            keysBefore11Until = jdbc.sql("SELECT created_at FROM idempotency_key WHERE derivation = 'PBKDF2' ORDER BY created_at DESC LIMIT 1")
                    .query(java.time.OffsetDateTime.class).optional()
                    .map(last -> last.toInstant().plus(java.time.Duration.ofDays(7))).orElse(Instant.EPOCH);
        }
        return keysBefore11Until;
    }

    private Optional<Submitted> replayStored(IdempotencyKey key) {
        return jdbc.sql("""
                SELECT request_hash, dossier_number, response_body, sealed_token FROM idempotency_key
                WHERE campaign_key = ? AND key_hash = ?""")
                .params(key.campaignKey(), key.lookupHash())
                .query((rs, i) -> {
                    requireSameRequest(key, rs.getString(1));
                    var response = read(rs.getString(3));
                    var sealed = rs.getString(4);
                    var token = sealed == null ? Optional.<String>empty() : key.unseal(sealed, rs.getString(2));
                    return new Submitted(token.map(response::withAccessToken).orElse(response), true);
                })
                .optional();
    }

    private static void requireSameRequest(IdempotencyKey key, String storedRequestHash) {
        if (!storedRequestHash.equals(key.requestHash())) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Clé d'idempotence réutilisée",
                    "La clé d'idempotence « " + key.raw() + " » a déjà servi pour une autre candidature ; "
                            + "utilisez une nouvelle clé pour une nouvelle candidature.");
        }
    }

    /** The call of an open campaign, when it takes applications through the API (it has a registration form). */
    Optional<CallDefinition> applicationCall(String campaignKey) {
        return campaigns.find(campaignKey).flatMap(c -> calls.find(c.callId())).filter(c -> c.registrationForm() != null);
    }

    /** An application whose facts are checked here (the demonstration's, a platform's import): as the API would. */
    @Transactional
    public Submitted submit(String campaignKey, ApplicationRequest request) {
        var call = applicationCall(campaignKey).orElseThrow(() -> ApiProblem.notFound(
                "Aucune campagne « " + campaignKey + " » recevant des candidatures par l'API."));
        var checked = RegistrationForm.check(call, request.facts(), key -> "facts.");
        if (!checked.errors().isEmpty()) {
            throw ApiProblem.invalid(checked.errors());
        }
        return submit(campaignKey, request, checked.values(), null);
    }

    /**
     * An application in the generic shape, its facts already checked against the call's registration form: the dossier
     * (organisation, contact and project columns), its facts stored before its process starts — the process reads them
     * from its first step (the acknowledgement's copy to the ARS of the region…) — and the process, channel API. The
     * number is taken before the submission's transaction opens (see {@link Dossiers#nextNumber}): a request holds one
     * pooled connection at a time, however many arrive together.
     */
    Submitted submit(String campaignKey, ApplicationRequest request, Map<String, Object> checkedFacts,
                     IdempotencyKey idempotencyKey) {
        var campaign = openCampaign(campaignKey);
        var number = number(campaign);
        return transaction.execute(status -> {
            var now = Clock.now();
            var token = AccessTokens.newToken();
            var organisation = request.organisation();
            var project = request.project();
            var dossier = create(campaign, number,
                    Arrival.api(organisation.contactEmail(), "Candidature déposée pour « " + campaign.title() + " »"),
                    AccessTokens.hash(token),
                    n -> new Dossier(n, campaign.key(), DossierStatus.SUBMITTED, organisation.name().trim(),
                            organisation.siren(), organisation.contactName(), organisation.contactEmail().trim(),
                            project.title().trim(), project.description(), null, null, now, now),
                    n -> facts.setAll(n, checkedFacts));
            return remember(idempotencyKey, SubmissionResponse.of(dossier, campaign, token, calls.of(campaign.callId()).statusLabel(dossier.status())), now);
        });
    }

    private Campaign openCampaign(String campaignKey) {
        var campaign = campaigns.find(campaignKey)
                .orElseThrow(() -> ApiProblem.notFound("Aucune campagne « " + campaignKey + " »."));
        var now = Clock.now();
        if (!campaign.isOpenForSubmission(now)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Campagne fermée au dépôt",
                    "La campagne « " + campaign.title() + " » n'accepte pas de dépôt à cette date : le dépôt est ouvert "
                            + campaign.submissionWindowInFrench() + ".",
                    java.util.List.of(),
                    Map.of("submissionOpensAt", campaign.submissionOpensAt().toString(),
                            "submissionClosesAt", campaign.submissionClosesAt().toString(),
                            "timeZone", campaign.timeZone().getId()));
        }
        var closed = campaigns.selectionClosedAt(campaign.key());
        if (closed.isPresent()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Sélection close",
                    "La sélection de la campagne « " + campaign.title() + " » est close depuis sa dernière décision, le "
                            + French.dateTime(closed.get(), campaign.timeZone()) + " : aucun comité ne se réunira pour "
                            + "décider d'un nouveau dossier.",
                    java.util.List.of(), Map.of("selectionClosedAt", closed.get().toString()));
        }
        return campaign;
    }

    /**
     * Keeps the answer under the Idempotency-Key, in the dossier's transaction: the key's hash, the answer without its
     * token, and the token sealed with the key and the request's hash.
     */
    private Submitted remember(IdempotencyKey key, SubmissionResponse response, Instant now) {
        if (key != null) {
            jdbc.sql("""
                    INSERT INTO idempotency_key (campaign_key, key_hash, request_hash, dossier_number, response_body,
                        sealed_token, created_at, derivation)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(key.campaignKey(), key.lookupHash(), key.requestHash(), response.dossierNumber(),
                            write(response.withAccessToken(null)), key.seal(response.accessToken(), response.dossierNumber()),
                            now.atOffset(java.time.ZoneOffset.UTC), key.derivation().name())
                    .update();
        }
        return new Submitted(response, false);
    }

    /** How a dossier arrived: filled in through the API, or sent by mail to the campaign's mailbox. */
    public enum Channel { API, MAIL }

    /**
     * The circumstances of a new dossier: its channel, whether it arrived after the campaign's closing instant (only
     * a mail can), and the first line of its history — who and what.
     */
    public record Arrival(Channel channel, boolean late, String actor, String eventKind, String eventDetail) {

        static Arrival api(String applicant, String detail) {
            return new Arrival(Channel.API, false, applicant, "SUBMITTED", detail);
        }

        public static Arrival mail(String sender, boolean late, String detail) {
            return new Arrival(Channel.MAIL, late, sender, "RECEIVED_BY_MAIL", detail);
        }
    }

    /**
     * The one way a dossier comes into being, whichever its channel: a number from the campaign's prefix and year,
     * the dossier's row, the fact {@code submittedBeforeDeadline}, the first history event, then the campaign's dossier
     * process ({@code {callId}-dossier}, business key = number) — all in the caller's transaction, so a failure
     * leaves none of them. {@code content} makes the row for the number allocated; {@code beforeStart} adds what the
     * process may read from its first step (documents…). Without {@code accessTokenHash} (a mail), the dossier gets
     * the hash of a token no one holds: the applicant has no API access to it until one is issued.
     */
    @Transactional
    public Dossier createDossier(Campaign campaign, Arrival arrival, String accessTokenHash,
                                 Function<String, Dossier> content, Consumer<String> beforeStart) {
        return create(campaign, number(campaign), arrival, accessTokenHash, content, beforeStart);
    }

    /** The next number of the campaign's prefix and year (the year its submission opens, in its time zone). */
    private String number(Campaign campaign) {
        return dossiers.nextNumber(campaign.dossierPrefix(), campaign.submissionOpensAt().atZone(campaign.timeZone()).getYear());
    }

    private Dossier create(Campaign campaign, String number, Arrival arrival, String accessTokenHash,
                           Function<String, Dossier> content, Consumer<String> beforeStart) {
        var dossier = content.apply(number);
        dossiers.insert(dossier, accessTokenHash != null ? accessTokenHash : AccessTokens.hash(AccessTokens.newToken()));
        if (arrival.channel() == Channel.MAIL) {
            dossiers.markReceivedByMail(number, arrival.late());
        }
        facts.set(number, SUBMITTED_BEFORE_DEADLINE, !arrival.late());
        dossiers.recordEvent(number, arrival.actor(), arrival.eventKind(), arrival.eventDetail());
        beforeStart.accept(number);
        runtime.createProcessInstanceByKey(campaign.dossierProcessKey())
                .businessKey(number)
                .setVariables(campaigns.variables(campaign))
                .setVariables(Map.of(
                        "dossierNumber", number,
                        "campaignKey", campaign.key(),
                        "reviewerGroup", campaign.reviewerGroup(),
                        "complementsDelay", campaign.complementsDelay(),
                        "conventionReminderDelay", campaign.conventionReminderDelay(),
                        "channel", arrival.channel().name(),
                        "receivedLate", arrival.late()))
                .execute();
        return dossier;
    }

    /** A dossier whose first step needs nothing beyond its row (no documents to add before the process starts). */
    public Dossier createDossier(Campaign campaign, Arrival arrival, String accessTokenHash, Function<String, Dossier> content) {
        return createDossier(campaign, arrival, accessTokenHash, content, number -> { });
    }

    /** The applicant answers a complements request: recorded, then the dossier process resumes. */
    @Transactional
    public void answerComplements(String number, String message) {
        var open = dossiers.openComplementRequest(number)
                .orElseThrow(() -> ApiProblem.conflict("Aucune demande de compléments n'est en attente pour le dossier " + number + "."));
        dossiers.answerComplements(open.id(), message);
        dossiers.updateStatus(number, DossierStatus.ADMISSIBILITY_REVIEW);
        dossiers.recordEvent(number, dossiers.get(number).contactEmail(), "COMPLEMENTS_RECEIVED", message);
        try {
            runtime.createMessageCorrelation(COMPLEMENTS_RECEIVED).processInstanceBusinessKey(number).correlate();
        } catch (MismatchingMessageCorrelationException e) {
            throw ApiProblem.conflict("Le dossier " + number + " n'attend plus de compléments (délai écoulé ou décision prise).");
        }
    }

    /** Message the dossier's experimentation waits for, at any time: « en cas d'écart substantiel ». */
    static final String ECART_SUBSTANTIEL = "ecart-substantiel";

    /**
     * A later filing, its facts checked against its form: stored, then its message sent to the dossier's process — in one
     * transaction, so a dossier that is not waiting for it keeps nothing of it (409).
     */
    @Transactional
    public void file(String number, CallDefinition.Filing filing, Map<String, Object> checkedFacts) {
        var dossier = dossiers.get(number);
        facts.setAll(number, checkedFacts);
        dossiers.recordEvent(number, dossier.contactEmail(), "FILING_RECEIVED", filing.label());
        try {
            var passed = new java.util.HashMap<String, Object>();
            filing.processVariables().forEach(name -> passed.put(name, checkedFacts.get(name)));
            runtime.createMessageCorrelation(filing.message()).processInstanceBusinessKey(number).setVariables(passed).correlate();
        } catch (MismatchingMessageCorrelationException e) {
            throw ApiProblem.conflict("Le dossier " + number + " n'attend pas de « " + filing.label() + " » à cette étape.");
        }
    }

    /**
     * The establishment reports a substantial gap from its action plan: recorded in the dossier's history, and sent at
     * once to the dossier's process (the national team's task). Refused, with nothing written, when the dossier is not
     * in its experimentation.
     */
    @Transactional
    public void reportEcart(String number, String description) {
        dossiers.recordEvent(number, dossiers.get(number).contactEmail(), "ECART_SUBSTANTIEL", description);
        try {
            runtime.createMessageCorrelation(ECART_SUBSTANTIEL).processInstanceBusinessKey(number)
                    .setVariable("ecartSummary", description).correlate();
        } catch (MismatchingMessageCorrelationException e) {
            throw ApiProblem.conflict("Le dossier " + number + " n'est pas en cours d'expérimentation : "
                    + "un écart substantiel ne peut être signalé que pendant l'expérimentation.");
        }
    }

    private String write(SubmissionResponse response) {
        try {
            return json.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private SubmissionResponse read(String body) {
        try {
            return json.readValue(body, SubmissionResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
