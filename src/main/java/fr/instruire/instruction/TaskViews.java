package fr.instruire.instruction;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.Complement;
import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierDocuments;
import fr.instruire.dossier.DossierDocuments.Document;
import fr.instruire.dossier.DossierDocuments.DocumentAdded;
import fr.instruire.dossier.Dossiers;
import fr.instruire.dossier.Esms;
import fr.instruire.dossier.RegionalShare;
import fr.instruire.system.Clock;
import fr.instruire.system.French;

/**
 * What a reviewer's form shows of a dossier, read from the dossier's tables when the task is created (and again
 * when a document arrives): the application in French words, the facts the rules read, the ESMS, each ARS's
 * share, the documents, the complements asked and answered, and the payment schedule. The names of
 * {@link TaskView}'s components are the variables the forms read (docs/process-contract.md, « Task views »).
 */
@Service
class TaskViews {

    /** What a task's view reads of the process: the funding decision's result and the task's payment schedule. */
    static final String GRANT_AMOUNT = "grantAmount";
    static final String PAYMENT_SCHEDULE = "paymentSchedule";
    /** The variable that marks a task as having a view. */
    static final String DOSSIER = "dossier";

    private static final Logger log = LoggerFactory.getLogger(TaskViews.class);
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final Dossiers dossiers;
    private final DossierDocuments documents;
    private final Campaigns campaigns;
    private final TaskService tasks;

    TaskViews(Dossiers dossiers, DossierDocuments documents, Campaigns campaigns, TaskService tasks) {
        this.dossiers = dossiers;
        this.documents = documents;
        this.campaigns = campaigns;
        this.tasks = tasks;
    }

    /** The view of the dossier a task's process is about, from what the process knows at that step. */
    TaskView of(String number, VariableScope process) {
        var grant = process.getVariable(GRANT_AMOUNT) instanceof Number n ? n.longValue() : null;
        return of(number, grant, PaymentStep.list(process.getVariable(PAYMENT_SCHEDULE)));
    }

    /**
     * An applicant adds documents after submitting, often once the recevabilité task exists: its open tasks get
     * their view again, so that a reviewer does not read « Aucune pièce déposée » beside a complete dossier. After
     * the upload commits, in a transaction of its own: a view that could not be refreshed never refuses a document.
     */
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refreshOpenTasks(DocumentAdded added) {
        try {
            refresh(added.dossierNumber());
        } catch (RuntimeException e) {
            log.warn("Vue des tâches du dossier {} non mise à jour après l'ajout d'une pièce", added.dossierNumber(), e);
        }
    }

    void refresh(String number) {
        for (var task : tasks.createTaskQuery().processInstanceBusinessKey(number).list()) {
            if (tasks.getVariableLocal(task.getId(), DOSSIER) != null) {
                var grant = tasks.getVariable(task.getId(), GRANT_AMOUNT) instanceof Number n ? n.longValue() : null;
                var schedule = PaymentStep.list(tasks.getVariable(task.getId(), PAYMENT_SCHEDULE));
                tasks.setVariablesLocal(task.getId(), of(number, grant, schedule).variables());
            }
        }
    }

    /**
     * The view of a dossier. {@code computedGrant} is the funding decision's result while the dossier has not yet
     * stored it (during instruction); {@code schedule} the payment schedule the model gives the task, if any.
     */
    TaskView of(String number, Long computedGrant, List<PaymentStep> schedule) {
        var dossier = dossiers.get(number);
        var zone = campaigns.get(dossier.campaignKey()).timeZone();
        var grant = dossier.grantAmount() != null ? dossier.grantAmount() : computedGrant;
        return new TaskView(
                summary(dossier, grant, zone),
                facts(dossier),
                dossier.esms().stream().map(TaskViews::esms).toList(),
                grant == null ? List.of() : shares(grant, dossier.esms()),
                documents.of(number).stream().map(d -> document(d, zone)).toList(),
                dossiers.complements(number).stream().map(c -> complement(c, zone)).toList(),
                grant == null ? List.of() : payments(grant, schedule));
    }

    /** The view as the forms' variables: one JSON value each, set local to the task. */
    record TaskView(Summary dossier, List<Fact> dossierFacts, List<EsmsRow> dossierEsms,
                    List<ShareRow> dossierShares, List<DocumentRow> dossierDocuments,
                    List<ComplementRow> dossierComplements, List<PaymentRow> dossierPayments) {

        Map<String, TypedValue> variables() {
            var variables = new LinkedHashMap<String, TypedValue>();
            variables.put(DOSSIER, json(dossier));
            variables.put("dossierFacts", json(dossierFacts));
            variables.put("dossierEsms", json(dossierEsms));
            variables.put("dossierShares", json(dossierShares));
            variables.put("dossierDocuments", json(dossierDocuments));
            variables.put("dossierComplements", json(dossierComplements));
            variables.put("dossierPayments", json(dossierPayments));
            return variables;
        }

        private static TypedValue json(Object value) {
            try {
                return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The application. Its strings are the applicant's as written: forms show them in html components, which
     * escape what they insert (a text component would read them as Markdown). {@code grant} and {@code score}
     * are absent until known.
     */
    record Summary(String number, String url, String organisation, String siren, String contactName,
                   String contactEmail, String projectTitle, String projectDescription, String publicType,
                   String projectType, String organisationSize, Integer organisationCount, int esmsCount,
                   String medicalised, int medicalisedEsmsCount, Integer coreServicesCount, int smallEsmsEquipmentCount,
                   String honourStatement, String purchasingFramework, String status, String submittedOn,
                   String timeZone, String preparedOn, String grant, String score) {
    }

    /** A fact the rules read, under the name of the call's criterion; plain text (a table cell). */
    record Fact(String criterion, String value) {
    }

    /** One ESMS of the project, in words. */
    record EsmsRow(String finess, String name, String region, String size, String medicalised,
                   String equipment) {
    }

    /** What one ARS pays of the grant; plain text (a table row). */
    record ShareRow(String ars, String region, int esmsCount, String amount) {
    }

    /** The forms list documents as links (html component): {@code url} is the staff page's download. */
    record DocumentRow(String filename, String type, String size, String uploadedOn, String url) {
    }

    /** A complements request and its answer, as written (html component). */
    record ComplementRow(String requestedOn, String requestedBy, String request, String answeredOn,
                         String answer) {
    }

    /** One instalment of the grant; plain text (a table row). */
    record PaymentRow(String percent, String when, String amount) {
    }

    /** One step of a payment schedule, as the model gives it: a percentage of the grant and when it is paid. */
    record PaymentStep(int percent, String when) {

        /** The model's {@code paymentSchedule} input: a list of maps {percent, when}; none when absent. */
        static List<PaymentStep> list(Object value) {
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> steps)) {
                throw new IllegalStateException("paymentSchedule : liste d'étapes {percent, when} attendue, reçu " + value);
            }
            return steps.stream().map(step -> {
                if (!(step instanceof Map<?, ?> map) || map.get("percent") == null || map.get("when") == null) {
                    throw new IllegalStateException("paymentSchedule : étape {percent, when} attendue, reçu " + step);
                }
                return new PaymentStep(Integer.parseInt(map.get("percent").toString().trim()), map.get("when").toString());
            }).toList();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Summary summary(Dossier d, Long grant, ZoneId zone) {
        var medicalisedEsms = d.esms().stream().filter(Esms::medicalised).count();
        return new Summary(
                d.number(),
                "/dossiers/" + d.number(),
                d.organisationName(),
                d.organisationSiren(),
                d.contactName(),
                d.contactEmail(),
                d.projectTitle(),
                d.projectDescription() == null || d.projectDescription().isBlank()
                        ? "(aucune description)" : d.projectDescription(),
                publicType(d.publicType()),
                projectType(d.projectType()),
                organisationSize(d.managingOrganisationSize()),
                d.managingOrganisationCount(),
                d.esmsCount(),
                yesNo(d.medicalised()),
                (int) medicalisedEsms,
                d.coreServicesCount(),
                d.smallEsmsEquipmentCount(),
                yesNo(d.honourStatementProvided()),
                yesNo(d.purchasingFrameworkCompliant()),
                d.status().label(),
                French.dateTime(d.submittedAt(), zone),
                French.zoneName(zone),
                French.dateTime(Clock.now(), zone),
                grant == null ? null : French.euros(grant),
                d.score() == null ? null : !esmsShaped(d) ? String.valueOf(d.score()) : "%d/%d".formatted(d.score(),
                        RecordInstructionDelegate.CRITERIA.size() * RecordInstructionDelegate.MAX_PER_CRITERION));
    }

    /** A dossier filed with ESMS numérique's application (another call's content is in its facts). */
    private static boolean esmsShaped(Dossier d) {
        return d.managingOrganisationCount() != null;
    }

    /** The decision tables' inputs, named as the call's « Critères de recevabilité » (and its funding rules). */
    private static List<Fact> facts(Dossier d) {
        if (!esmsShaped(d)) {
            return List.of();
        }
        var medicalisedEsms = d.esms().stream().filter(Esms::medicalised).count();
        return List.of(
                new Fact("Type de public", publicType(d.publicType())),
                new Fact("Description du projet", projectType(d.projectType())),
                new Fact("Typologie de projet", organisationSize(d.managingOrganisationSize())),
                new Fact("Nombre de structures concernées : organismes gestionnaires",
                        String.valueOf(d.managingOrganisationCount())),
                new Fact("Nombre de structures concernées : ESMS", String.valueOf(d.esmsCount())),
                new Fact("Services socles : ESMS médicalisés", medicalisedEsms > 0
                        ? "Oui (%d ESMS sur %d)".formatted(medicalisedEsms, d.esmsCount()) : "Non"),
                new Fact("Services socles : nombre de services socles interfacés (MSSanté, DMP, e-prescription)",
                        String.valueOf(d.coreServicesCount())),
                new Fact("Respect du cahier des charges national DUI : attestation sur l'honneur",
                        d.honourStatementProvided() ? "Fournie" : "Non fournie"),
                new Fact("Conformité des achats : marché national de la centrale d'achat (ou dérogation)",
                        yesNo(d.purchasingFrameworkCompliant())),
                new Fact("Équipements des petits ESMS (financement)",
                        d.smallEsmsEquipmentCount() == 0 ? "Aucun petit ESMS ne demande d'équipements"
                                : "%d petit%s ESMS demande%s des équipements".formatted(d.smallEsmsEquipmentCount(),
                                d.smallEsmsEquipmentCount() > 1 ? "s" : "", d.smallEsmsEquipmentCount() > 1 ? "nt" : "")));
    }

    private static EsmsRow esms(Esms e) {
        return new EsmsRow(e.finess(), e.name(), e.region(), esmsSize(e.size()), yesNo(e.medicalised()),
                yesNo(e.equipmentRequested()));
    }

    private List<ShareRow> shares(long grant, List<Esms> esms) {
        return RegionalShare.of(grant, esms).stream()
                .map(s -> new ShareRow(campaigns.arsName(s.region()), s.region(), s.esmsCount(), French.euros(s.amount())))
                .toList();
    }

    private static DocumentRow document(Document d, ZoneId zone) {
        return new DocumentRow(d.filename(), documentType(d.contentType()), French.size(d.size()),
                French.dateTime(d.uploadedAt(), zone), "/dossiers/%s/documents/%d".formatted(d.dossierNumber(), d.id()));
    }

    private static ComplementRow complement(Complement c, ZoneId zone) {
        return new ComplementRow(
                French.dateTime(c.requestedAt(), zone),
                c.requestedBy(),
                c.requestText(),
                c.answeredAt() == null ? "en attente de réponse" : French.dateTime(c.answeredAt(), zone),
                c.answerText() == null || c.answerText().isBlank() ? "—" : c.answerText());
    }

    /** The grant paid in instalments; the last takes what rounding left, so that they add up to the grant. */
    private static List<PaymentRow> payments(long grant, List<PaymentStep> schedule) {
        if (schedule == null || schedule.isEmpty()) {
            return List.of();
        }
        if (schedule.stream().mapToInt(PaymentStep::percent).sum() != 100) {
            throw new IllegalStateException("Échéancier de paiement qui ne fait pas 100 % : " + schedule);
        }
        var rows = new ArrayList<PaymentRow>();
        long paid = 0;
        for (int i = 0; i < schedule.size(); i++) {
            var step = schedule.get(i);
            long amount = i == schedule.size() - 1 ? grant - paid : grant * step.percent() / 100;
            paid += amount;
            rows.add(new PaymentRow(step.percent() + "\u00a0%", step.when(), French.euros(amount)));
        }
        return rows;
    }

    static String publicType(String code) {
        return switch (code == null ? "" : code) {
            case "PA" -> "Personnes âgées (PA)";
            case "PH" -> "Personnes handicapées (PH)";
            default -> code;
        };
    }

    static String projectType(String code) {
        return switch (code == null ? "" : code) {
            case "ACQUISITION" -> "Acquisition d'une nouvelle solution de dossier usager informatisé (DUI)";
            case "MISE_EN_CONFORMITE" -> "Mise en conformité d'une solution DUI existante";
            default -> code;
        };
    }

    static String organisationSize(String code) {
        return switch (code == null ? "" : code) {
            case "PETIT" -> "Petit organisme gestionnaire (grappe de petites structures)";
            case "MOYEN_GRAND" -> "Moyen ou grand organisme gestionnaire";
            default -> code;
        };
    }

    private static String esmsSize(String code) {
        return switch (code == null ? "" : code) {
            case "PETIT" -> "Petit";
            case "MOYEN_GRAND" -> "Moyen ou grand";
            default -> code;
        };
    }

    private static String documentType(String contentType) {
        return switch (contentType == null ? "" : contentType) {
            case "application/pdf" -> "PDF";
            case "image/png" -> "Image PNG";
            case "image/jpeg" -> "Image JPEG";
            case "application/vnd.oasis.opendocument.text" -> "Texte OpenDocument";
            case "application/vnd.oasis.opendocument.spreadsheet" -> "Tableur OpenDocument";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "Document Word";
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> "Classeur Excel";
            case "application/msword" -> "Document Word (ancien format)";
            case "application/vnd.ms-excel" -> "Classeur Excel (ancien format)";
            default -> contentType;
        };
    }

    private static String yesNo(Boolean value) {
        return value == null ? "—" : value ? "Oui" : "Non";
    }
}
