package fr.instruire.models.idfparcours;

import static fr.instruire.models.idfparcours.IdfParcoursDossier.Elements.*;
import static fr.instruire.models.idfparcours.IdfParcoursDossier.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.instruire.models.idfparcours.IdfParcoursDossier.Delegates;
import fr.instruire.models.idfparcours.IdfParcoursDossier.Facts;
import fr.instruire.models.idfparcours.IdfParcoursDossier.MailTemplates;
import fr.instruire.models.idfparcours.IdfParcoursDossier.Messages;
import fr.instruire.models.idfparcours.IdfParcoursDossier.Recevabilite;
import fr.instruire.models.idfparcours.IdfParcoursDossier.SnacsDecision;
import fr.instruire.models.idfparcours.IdfParcoursDossier.Statuses;
import fr.instruire.models.PaymentTranches;

/**
 * A territory's timeline, run on an in-memory engine with the real decision tables and the delegates replaced by
 * recorders: the happy path whole — letter of intent, SNACs dossier, DGOS, launch, usage two years later — then each
 * detour started where it begins. Dates are the 2017 session's: letters until 31 July, the DGOS on 15 September.
 */
@Deployment(resources = {
        IdfParcoursDossier.BPMN,
        IdfParcoursDossier.ELIGIBILITY_DMN,
        IdfParcoursDossier.FUNDING_DMN,
        IdfParcoursDossier.FORM_EXAMEN_LETTRE,
        IdfParcoursDossier.FORM_PREPARATION_SNACS,
        IdfParcoursDossier.FORM_TRANSMISSION_DGOS,
        IdfParcoursDossier.FORM_DECISION_DGOS,
        IdfParcoursDossier.FORM_LANCEMENT,
        IdfParcoursDossier.FORM_DEPLOIEMENT,
        IdfParcoursDossier.FORM_INDICATEURS,
        IdfParcoursDossier.USAGE_PAYMENT_DMN,
        IdfParcoursDossier.PAYMENT_TRANCHE_BPMN,
        IdfParcoursDossier.FORM_LIBERATION,
        IdfParcoursDossier.FORM_MISE_EN_PAIEMENT })
class IdfParcoursDossierProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-tests.camunda.cfg.xml").build();

    private static final String DOSSIER = "SNACS-2017-0003";
    private static final String CAMPAIGN = "idf-parcours-2017";
    private static final String STRATEGY = "ars-idf-strategie";
    private static final String DEPARTMENT = "ars-idf-directions-departementales";
    private static final String SESAN = "gcs-sesan";
    private static final String FINANCE = "ars-idf-finances";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZonedDateTime LETTER_FILED_AT = ZonedDateTime.of(2017, 7, 20, 10, 30, 0, 0, PARIS);
    private static final Date DGOS_DEADLINE_ON = Date.from(ZonedDateTime.of(2017, 9, 15, 0, 0, 0, 0, PARIS).toInstant());

    /** A territory of 450 000 inhabitants meeting every criterion: 800 000 € × 450 000 / 300 000, 40 % of it tied to usage. */
    private static final Map<String, Object> ELIGIBLE_SNACS = Map.of(
            Facts.POPULATION, 450_000L,
            Facts.INCLUDES_LIBERAL_PROFESSIONALS, true,
            Facts.INCLUDES_HEALTH_ESTABLISHMENTS, true,
            Facts.INCLUDES_MEDICO_SOCIAL_ESTABLISHMENTS, true,
            Facts.GOVERNANCE_DESCRIBED, true,
            Facts.TERRITORIAL_SUPPORT_SCHEME, true,
            Facts.PLATFORM_SERVICES_COMMITTED, true);
    private static final long GRANT = 1_200_000L;
    private static final long USAGE_LINKED = 480_000L;

    /** The model's elements the tests went through, all tests together. */
    private static final Set<String> VISITED = new HashSet<>();

    /** Registered after the engine's extension, so it reads each test's history before the engine clears it. */
    @RegisterExtension
    final AfterTestExecutionCallback visits = context -> historyService().createHistoricActivityInstanceQuery().list()
            .forEach(a -> VISITED.add(a.getActivityId()));

    /** What the delegates were called with, in order: {@code bean:argument}. */
    private final List<String> journal = new ArrayList<>();
    /** The reviewers' tasks whose view was prepared. */
    private final List<String> views = new ArrayList<>();
    /** The dossier's facts as loadDossierFacts would read them; a test sets them as the applicant's filing would. */
    private final Map<String, Object> facts = new HashMap<>();

    @BeforeEach
    void replaceDelegatesWithRecorders() {
        init(engine.getProcessEngine());
        ClockUtil.setCurrentTime(Date.from(LETTER_FILED_AT.toInstant()));
        Mocks.register(Delegates.SEND_MAIL, (JavaDelegate) execution -> journal.add("sendMail:"
                + execution.getVariableLocal(TEMPLATE)
                + (execution.hasVariableLocal(TO) ? ">" + execution.getVariableLocal(TO) : "")));
        Mocks.register(Delegates.SET_DOSSIER_STATUS, (JavaDelegate) execution -> journal.add("setDossierStatus:"
                + execution.getVariableLocal(STATUS) + ":" + execution.getVariableLocal(REASON)));
        Mocks.register(Delegates.LOAD_DOSSIER_FACTS, (ExecutionListener) execution -> {
            journal.add("loadDossierFacts");
            facts.forEach((name, value) -> execution.setVariable(name, Variables.untypedValue(value, true)));
        });
        Mocks.register(Delegates.PREPARE_TASK_VIEW, (TaskListener) task -> views.add(task.getTaskDefinitionKey()));
        Mocks.register(Delegates.RECORD_ADMISSIBILITY_REVIEW,
                (TaskListener) task -> journal.add("recordAdmissibilityReview:" + task.getVariable(RECEVABILITE_DECISION)));
        Mocks.register(Delegates.REQUEST_COMPLEMENTS,
                (JavaDelegate) execution -> journal.add("requestComplements:" + execution.getVariable(COMPLEMENTS_REQUEST)));
        Mocks.register(Delegates.RECORD_FORM_FACTS, (TaskListener) task -> {
            var recorded = new LinkedHashMap<String, Object>();
            for (var name : String.valueOf(task.getVariable(FACTS)).split(",")) {
                var key = name.strip().replace("*", "");
                recorded.put(key, task.getVariable(key));
            }
            journal.add("recordFormFacts:" + recorded);
        });
        Mocks.register(Delegates.RECORD_FACTS, (JavaDelegate) execution -> {
            // as the platform's recordFacts does: no amount is an error (an incident), never a grant of 0 €
            var names = String.valueOf(execution.getVariableLocal(FACTS)).split(",");
            var values = new ArrayList<String>();
            for (var name : names) {
                if (!(execution.getVariable(name.strip()) instanceof Number amount)) {
                    throw new IllegalStateException(name.strip() + " n'est pas un montant");
                }
                values.add(String.valueOf(amount));
            }
            journal.add("recordFacts:" + execution.getVariableLocal(FACTS) + "=" + String.join(",", values));
        });
        Mocks.register(Delegates.OPEN_FUNDING, (JavaDelegate) execution -> journal.add("openFunding"));
        Mocks.register(Delegates.SCHEDULE_TRANCHE, (JavaDelegate) execution -> {
            var percent = execution.getVariable("tranchePercent");
            long amount = percent != null ? GRANT * Integer.parseInt(percent.toString()) / 100
                    : ((Number) execution.getVariable("trancheAmount")).longValue();
            execution.setVariable("trancheAmount", amount);
            journal.add("scheduleTranche:" + execution.getVariable("tranche") + ":" + amount);
        });
        Mocks.register(Delegates.RELEASE_TRANCHE, (TaskListener) task -> journal.add("releaseTranche:" + task.getVariable("tranche")));
        Mocks.register(Delegates.RECORD_PAYMENT, (TaskListener) task -> journal.add("recordPayment:" + task.getVariable("tranche")));
    }

    @AfterEach
    void resetDelegatesAndClock() {
        Mocks.reset();
        ClockUtil.reset();
    }

    @AfterAll
    static void everyElementOfTheModelIsVisitedBySomeTest() {
        var model = Bpmn.readModelFromFile(new File(IdfParcoursDossier.BPMN));
        var elements = model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).toList();
        assertThat(VISITED).containsAll(elements);
    }

    @Test
    void aLetterBecomesASnacsDossierRetainedByTheDgosLaunchedAndItsUsageChecked() {
        var dossier = runtimeService().startProcessInstanceByKey(IdfParcoursDossier.PROCESS_ID, DOSSIER, dossierVariables());
        // the mails go in their own jobs: the intake's transaction commits first
        assertThat(dossier).isStarted().isWaitingAt(ACCUSER_RECEPTION_LETTRE);
        assertThat(journal).isEmpty();

        runAsyncSteps(dossier);
        // « adresser par mel une lettre d'intention à la Direction de la Stratégie de l'ARS (…) avec copie à la Direction départementale »
        assertThat(journal).containsExactly(
                "sendMail:" + MailTemplates.ACCUSE_RECEPTION,
                "sendMail:" + MailTemplates.LETTRE_INTENTION + ">group:" + STRATEGY,
                "sendMail:" + MailTemplates.LETTRE_INTENTION_COPIE + ">group:" + DEPARTMENT);
        assertThat(dossier).isWaitingAt(EXAMINER_LETTRE_INTENTION);
        assertThat(task()).hasCandidateGroup(STRATEGY);
        assertThat(deployedForm(task())).contains("\"id\": \"idf-parcours-examen-lettre\"");
        complete(task(), withVariables(RECEVABILITE_DECISION, Recevabilite.RECEVABLE));
        runAsyncSteps(dossier);

        // the SNACs dossier is prepared with the ARS until the DGOS deadline, a date of the session
        assertThat(dossier).isWaitingAt(DOSSIER_SNACS_DEPOSE);
        assertThat(timer(dossier, ECHEANCE_DGOS_ATTEINTE).getDuedate()).isEqualTo(DGOS_DEADLINE_ON);
        fileSnacs(ELIGIBLE_SNACS);
        assertThat(dossier).as("the rules run in a job of their own, after the filing's transaction")
                .isWaitingAt(APPLIQUER_CRITERES_ELIGIBILITE);
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(FINALISER_DOSSIER_SNACS).hasPassed(CALCULER_FINANCEMENT, ENREGISTRER_FINANCEMENT)
                .variables().containsEntry(GRANT_AMOUNT, GRANT).containsEntry(USAGE_LINKED_AMOUNT, USAGE_LINKED);
        assertThat(eligibilityReasons(dossier)).isEmpty();
        assertThat(task()).hasCandidateGroup(STRATEGY);
        complete(task(), withVariables(SNACS_DECISION, SnacsDecision.TRANSMETTRE));
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(TRANSMETTRE_DOSSIER_DGOS);
        assertThat(task()).hasCandidateGroup(STRATEGY).hasDueDate(DGOS_DEADLINE_ON);
        assertThat(managementService().createJobQuery().processInstanceId(dossier.getId()).timers().count())
                .as("the DGOS deadline no longer applies once the dossier is ready").isZero();
        complete(task(), withVariables(DGOS_SENT_ON, "2017-09-12"));
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(ENREGISTRER_DECISION_DGOS);
        assertThat(task()).hasCandidateGroup(STRATEGY);
        complete(task(), withVariables(DGOS_DECISION, "RETENU", DGOS_DECISION_ON, "2017-11-20",
                DGOS_DECISION_REASON, "Territoire retenu pour la vague 2017."));
        runAsyncSteps(dossier);

        // « Le pilotage opérationnel sera assuré par la Direction Départementale s'appuyant sur un Comité de projet du territoire. »
        assertThat(dossier).isWaitingAt(LANCER_PROJET);
        assertThat(task()).hasCandidateGroup(DEPARTMENT);
        var launchedAt = ZonedDateTime.of(2018, 1, 8, 9, 0, 0, 0, PARIS);
        ClockUtil.setCurrentTime(Date.from(launchedAt.toInstant()));
        complete(task(), withVariables(PROJECT_STARTED_ON, "2018-01-08", COMITE_PROJET, "Comité installé le 8 janvier 2018."));
        runAsyncSteps(dossier);
        // the grant opens with the launch: 60 % paid at once (the strategy direction releases, finance pays)
        assertThat(dossier).isWaitingAt(VERSER_TRANCHE_DEMARRAGE);
        payTranche("demarrage");
        runAsyncSteps(dossier);

        // « Le déploiement des services numériques sera conduit par le GCS Sesan. », while the two years run
        assertThat(dossier).isWaitingAt(DEPLOYER_SERVICES, DELAI_USAGES_ECOULE);
        assertThat(task()).hasCandidateGroup(SESAN);
        assertThat(timer(dossier, DELAI_USAGES_ECOULE).getDuedate())
                .as("« dans les 2 ans suivant le démarrage du projet »: usageIndicatorsDelay from the launch")
                .isEqualTo(Date.from(launchedAt.plusYears(2).toInstant()));
        complete(task(), withVariables(SERVICES_DEPLOYES, "Dossier de coordination, messagerie sécurisée.",
                SERVICES_DEPLOYED_ON, "2018-03-01"));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(DELAI_USAGES_ECOULE);

        passTime(dossier, DELAI_USAGES_ECOULE, launchedAt.plusYears(2));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(VERIFIER_INDICATEURS_USAGE);
        assertThat(task()).hasCandidateGroup(STRATEGY);
        complete(task(), withVariables(USAGE_INDICATORS_MET, "ATTEINTS",
                USAGE_INDICATORS_COMMENT, "85 % des professionnels utilisent le dossier de coordination."));
        runAsyncSteps(dossier);
        // the usage-linked 40 %, from idf-parcours-usage-payment
        assertThat(dossier).isWaitingAt(VERSER_TRANCHE_USAGE).variables().containsEntry("usagePaymentAmount", USAGE_LINKED);
        payTranche("usage");
        runAsyncSteps(dossier);

        assertThat(dossier).isEnded().hasPassedInOrder(
                LETTRE_INTENTION_DEPOSEE, ACCUSER_RECEPTION_LETTRE, TRANSMETTRE_LETTRE_STRATEGIE,
                COPIER_LETTRE_DIRECTION_DEPARTEMENTALE, EXAMINER_LETTRE_INTENTION, NOTIFIER_ACCEPTATION_LETTRE,
                DOSSIER_SNACS_DEPOSE, APPLIQUER_CRITERES_ELIGIBILITE, CALCULER_FINANCEMENT, ENREGISTRER_FINANCEMENT,
                FINALISER_DOSSIER_SNACS, DOSSIER_SNACS_PRET, TRANSMETTRE_DOSSIER_DGOS, ENREGISTRER_TRANSMISSION,
                INFORMER_PORTEUR_TRANSMISSION, ENREGISTRER_DECISION_DGOS, ENREGISTRER_ACCORD_DGOS, NOTIFIER_ACCORD_DGOS,
                LANCER_PROJET, ENREGISTRER_LANCEMENT, OUVRIR_SUBVENTION, VERSER_TRANCHE_DEMARRAGE, DELAI_USAGES_ECOULE,
                RAPPELER_VERIFICATION_USAGES, VERIFIER_INDICATEURS_USAGE, ENREGISTRER_USAGES_ATTEINTS, NOTIFIER_RESULTAT_USAGES,
                CALCULER_PAIEMENT_USAGE, ENREGISTRER_PAIEMENT_USAGE, VERSER_TRANCHE_USAGE, USAGES_EVALUES)
                .hasPassed(DEPLOYER_SERVICES).hasNotPassed(DEMANDER_REPRISE_SNACS, ENREGISTRER_REFUS_DGOS);
        assertThat(journal).containsExactly(
                "sendMail:" + MailTemplates.ACCUSE_RECEPTION,
                "sendMail:" + MailTemplates.LETTRE_INTENTION + ">group:" + STRATEGY,
                "sendMail:" + MailTemplates.LETTRE_INTENTION_COPIE + ">group:" + DEPARTMENT,
                "recordAdmissibilityReview:" + Recevabilite.RECEVABLE,
                "recordFormFacts:{recevabiliteComment=null}",
                "sendMail:" + MailTemplates.RECEVABILITE,
                "loadDossierFacts",
                "loadDossierFacts",
                "recordFacts:grantAmount, usageLinkedAmount=" + GRANT + "," + USAGE_LINKED,
                "recordFormFacts:{snacsRequest=null}",
                "recordFormFacts:{dgosSentOn=2017-09-12}",
                "setDossierStatus:" + Statuses.INSTRUCTED + ":Dossier SNACs transmis à la DGOS le 2017-09-12",
                "sendMail:" + MailTemplates.TRANSMISSION_DGOS,
                "recordFormFacts:{dgosDecision=RETENU, dgosDecisionOn=2017-11-20, dgosDecisionReason=Territoire retenu pour la vague 2017.}",
                "setDossierStatus:" + Statuses.SELECTED + ":Dossier retenu par la DGOS le 2017-11-20",
                "sendMail:" + MailTemplates.DECISION_DGOS,
                "recordFormFacts:{projectStartedOn=2018-01-08, comiteProjet=Comité installé le 8 janvier 2018.}",
                "setDossierStatus:" + Statuses.PROJECT_LAUNCHED + ":Projet lancé le 2018-01-08 avec le comité de projet du territoire",
                "openFunding",
                "scheduleTranche:demarrage:720000",
                "releaseTranche:demarrage",
                "recordPayment:demarrage",
                "sendMail:versement-tranche",
                "recordFormFacts:{servicesDeployes=Dossier de coordination, messagerie sécurisée., servicesDeployedOn=2018-03-01}",
                "sendMail:" + MailTemplates.VERIFICATION_USAGES + ">group:" + STRATEGY,
                "recordFormFacts:{usageIndicatorsMet=ATTEINTS, usageIndicatorsComment=85 % des professionnels utilisent le dossier de coordination.}",
                "setDossierStatus:" + Statuses.USAGE_TARGETS_MET
                        + ":Indicateurs d'usage atteints : la part du financement liée à l'usage (40 %) est due",
                "sendMail:" + MailTemplates.RESULTAT_USAGES,
                "recordFacts:usagePaymentAmount=" + USAGE_LINKED,
                "scheduleTranche:usage:" + USAGE_LINKED,
                "releaseTranche:usage",
                "recordPayment:usage",
                "sendMail:versement-tranche");
        // every reviewer's task gets its view of the dossier when created
        assertThat(views).containsExactly(EXAMINER_LETTRE_INTENTION, FINALISER_DOSSIER_SNACS, TRANSMETTRE_DOSSIER_DGOS,
                ENREGISTRER_DECISION_DGOS, LANCER_PROJET, "Activity_LibererTranche", "Activity_MettreEnPaiement",
                DEPLOYER_SERVICES, VERIFIER_INDICATEURS_USAGE, "Activity_LibererTranche", "Activity_MettreEnPaiement");
    }

    @Test
    void theStrategyDirectionAsksForComplementsThenExaminesTheLetterAgainOnABlankForm() {
        var dossier = startBefore(EXAMINER_LETTRE_INTENTION);
        assertThat(dossier).isWaitingAt(EXAMINER_LETTRE_INTENTION);
        complete(task(), withVariables(RECEVABILITE_DECISION, Recevabilite.COMPLEMENTS,
                COMPLEMENTS_REQUEST, "Précisez les établissements médico-sociaux associés."));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(ATTENTE_COMPLEMENTS);
        assertThat(timer(dossier, DELAI_COMPLEMENTS_ECOULE).getDuedate())
                .isEqualTo(Date.from(LETTER_FILED_AT.plusDays(15).toInstant()));

        runtimeService().createMessageCorrelation(Messages.COMPLEMENTS_RECEIVED).processInstanceBusinessKey(DOSSIER).correlate();
        assertThat(dossier).isWaitingAt(EXAMINER_LETTRE_INTENTION);
        assertThat(runtimeService().getVariables(dossier.getId())).containsEntry(RECEVABILITE_DECISION, null)
                .containsEntry(COMPLEMENTS_REQUEST, null).containsEntry(RECEVABILITE_COMMENT, null);
        complete(task(), withVariables(RECEVABILITE_DECISION, Recevabilite.RECEVABLE));
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(DOSSIER_SNACS_DEPOSE).hasPassed(ENREGISTRER_DEMANDE_COMPLEMENTS,
                ENVOYER_DEMANDE_COMPLEMENTS, COMPLEMENTS_RECUS, NOTIFIER_ACCEPTATION_LETTRE);
        assertThat(journal).containsExactly(
                "recordAdmissibilityReview:" + Recevabilite.COMPLEMENTS,
                "recordFormFacts:{recevabiliteComment=null}",
                "requestComplements:Précisez les établissements médico-sociaux associés.",
                "sendMail:" + MailTemplates.DEMANDE_COMPLEMENTS,
                "recordAdmissibilityReview:" + Recevabilite.RECEVABLE,
                "recordFormFacts:{recevabiliteComment=null}",
                "sendMail:" + MailTemplates.RECEVABILITE);
    }

    @Test
    void aLetterWhoseComplementsDoNotComeInTimeIsClassed() {
        var dossier = startBefore(EXAMINER_LETTRE_INTENTION);
        assertThat(dossier).isWaitingAt(EXAMINER_LETTRE_INTENTION);
        complete(task(), withVariables(RECEVABILITE_DECISION, Recevabilite.COMPLEMENTS,
                COMPLEMENTS_REQUEST, "Joignez le schéma de gouvernance."));
        runAsyncSteps(dossier);
        journal.clear();

        passTime(dossier, DELAI_COMPLEMENTS_ECOULE, LETTER_FILED_AT.plusDays(15));
        runAsyncSteps(dossier);

        assertThat(dossier).isEnded().hasPassed(CLASSER_LETTRE_SANS_COMPLEMENTS, NOTIFIER_CLASSEMENT_LETTRE, LETTRE_CLASSEE)
                .hasNotPassed(COMPLEMENTS_RECUS);
        assertThat(journal).containsExactly(
                "setDossierStatus:" + Statuses.INADMISSIBLE + ":Compléments non reçus dans le délai imparti",
                "sendMail:" + MailTemplates.CLASSEMENT_LETTRE);
    }

    @Test
    void aLetterTheStrategyDirectionDoesNotFollowUpIsNotifiedWithItsReason() {
        var dossier = startBefore(EXAMINER_LETTRE_INTENTION);
        assertThat(dossier).isWaitingAt(EXAMINER_LETTRE_INTENTION);
        complete(task(), withVariables(RECEVABILITE_DECISION, Recevabilite.IRRECEVABLE,
                RECEVABILITE_COMMENT, "Aucune structure de coordination polyvalente sur le territoire."));
        runAsyncSteps(dossier);

        assertThat(dossier).isEnded().hasPassed(NOTIFIER_LETTRE_NON_RETENUE, LETTRE_NON_RETENUE)
                .hasNotPassed(NOTIFIER_ACCEPTATION_LETTRE, PREPARER_DOSSIER_SNACS);
        assertThat(journal).containsExactly(
                "recordAdmissibilityReview:" + Recevabilite.IRRECEVABLE,
                "recordFormFacts:{recevabiliteComment=Aucune structure de coordination polyvalente sur le territoire.}",
                "sendMail:" + MailTemplates.RECEVABILITE);
    }

    @Test
    void anIneligibleSnacsDossierGoesBackToTheApplicantEvenIfTheReviewerWouldSendIt() {
        var dossier = startBefore(DOSSIER_SNACS_DEPOSE);
        var withoutLiberals = new HashMap<>(ELIGIBLE_SNACS);
        withoutLiberals.put(Facts.INCLUDES_LIBERAL_PROFESSIONALS, false);
        fileSnacs(withoutLiberals);
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(FINALISER_DOSSIER_SNACS);
        assertThat(eligibilityReasons(dossier)).singleElement().asString().startsWith("Portage par les professionnels libéraux");

        // the form hides the choice from a non-eligible dossier; the model refuses it all the same
        complete(task(), withVariables(SNACS_DECISION, SnacsDecision.TRANSMETTRE,
                SNACS_REQUEST, "Associez les professionnels libéraux et l'URPS médecins."));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(DOSSIER_SNACS_DEPOSE).hasPassed(DEMANDER_REPRISE_SNACS)
                .hasNotPassed(DOSSIER_SNACS_PRET, TRANSMETTRE_DOSSIER_DGOS);
        assertThat(runtimeService().getVariables(dossier.getId()))
                .as("the form's answers are the task's: none lingers for the next review").doesNotContainKey(SNACS_REQUEST);

        // the applicant files again, now eligible
        fileSnacs(ELIGIBLE_SNACS);
        runAsyncSteps(dossier);
        assertThat(eligibilityReasons(dossier)).isEmpty();
        complete(task(), withVariables(SNACS_DECISION, SnacsDecision.TRANSMETTRE));
        runAsyncSteps(dossier);

        assertThat(dossier).isWaitingAt(TRANSMETTRE_DOSSIER_DGOS);
        assertThat(journal).containsExactly(
                "loadDossierFacts", "loadDossierFacts",
                "recordFacts:grantAmount, usageLinkedAmount=" + GRANT + "," + USAGE_LINKED,
                "recordFormFacts:{snacsRequest=Associez les professionnels libéraux et l'URPS médecins.}",
                "sendMail:" + MailTemplates.REPRISE_SNACS,
                "loadDossierFacts", "loadDossierFacts",
                "recordFacts:grantAmount, usageLinkedAmount=" + GRANT + "," + USAGE_LINKED,
                "recordFormFacts:{snacsRequest=null}");
    }

    @Test
    void anEligibleSnacsDossierIsReworkedAtTheStrategyDirectionsRequestAndItsFundingComputedAgain() {
        var dossier = startBefore(DOSSIER_SNACS_DEPOSE);
        var small = new HashMap<>(ELIGIBLE_SNACS);
        small.put(Facts.POPULATION, 280_000L);
        fileSnacs(small);
        runAsyncSteps(dossier);
        assertThat(dossier).variables().containsEntry(GRANT_AMOUNT, 1_000_000L).containsEntry(USAGE_LINKED_AMOUNT, 400_000L);

        complete(task(), withVariables(SNACS_DECISION, SnacsDecision.A_REPRENDRE,
                SNACS_REQUEST, "Le territoire couvre aussi Boulogne : corrigez la population."));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(DOSSIER_SNACS_DEPOSE);

        var larger = new HashMap<>(ELIGIBLE_SNACS);
        larger.put(Facts.POPULATION, 600_000L);
        fileSnacs(larger);
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(FINALISER_DOSSIER_SNACS).variables()
                .containsEntry(GRANT_AMOUNT, 1_600_000L).containsEntry(USAGE_LINKED_AMOUNT, 640_000L);
        assertThat(journal).contains(
                "recordFormFacts:{snacsRequest=Le territoire couvre aussi Boulogne : corrigez la population.}",
                "sendMail:" + MailTemplates.REPRISE_SNACS,
                "recordFacts:grantAmount, usageLinkedAmount=1600000,640000");
    }

    @Test
    void aSnacsDossierNotFiledByTheDgosDeadlineIsClassedWithoutTransmission() {
        var dossier = startBefore(DOSSIER_SNACS_DEPOSE);

        passTime(dossier, ECHEANCE_DGOS_ATTEINTE, DGOS_DEADLINE_ON);
        runAsyncSteps(dossier);

        assertThat(dossier).isEnded().hasPassed(CLASSER_SANS_TRANSMISSION, NOTIFIER_CLASSEMENT, DOSSIER_NON_TRANSMIS)
                .hasNotPassed(APPLIQUER_CRITERES_ELIGIBILITE, TRANSMETTRE_DOSSIER_DGOS);
        assertThat(journal).containsExactly(
                "setDossierStatus:" + Statuses.SNACS_NOT_SENT + ":Dossier SNACs non prêt à l'échéance de transmission à la DGOS",
                "sendMail:" + MailTemplates.CLASSEMENT);
        assertThatThrownBy(() -> fileSnacs(ELIGIBLE_SNACS)).as("a filing after the deadline finds no dossier waiting for it (409)")
                .hasMessageContaining(Messages.SNACS_FILED);
    }

    @Test
    void theDgosDeadlineInterruptsAPreparationStillInProgress() {
        var dossier = startBefore(DOSSIER_SNACS_DEPOSE);
        fileSnacs(ELIGIBLE_SNACS);
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(FINALISER_DOSSIER_SNACS);

        passTime(dossier, ECHEANCE_DGOS_ATTEINTE, DGOS_DEADLINE_ON);
        runAsyncSteps(dossier);

        assertThat(dossier).isEnded().hasPassed(CLASSER_SANS_TRANSMISSION, NOTIFIER_CLASSEMENT, DOSSIER_NON_TRANSMIS)
                .hasNotPassed(TRANSMETTRE_DOSSIER_DGOS);
        assertThat(taskService().createTaskQuery().processInstanceId(dossier.getId()).count()).isZero();
    }

    @Test
    void aLetterExaminedAfterTheDgosDeadlineIsClassedAtOnce() {
        var dossier = startBefore(EXAMINER_LETTRE_INTENTION);
        assertThat(dossier).isWaitingAt(EXAMINER_LETTRE_INTENTION);
        ClockUtil.setCurrentTime(Date.from(DGOS_DEADLINE_ON.toInstant().plus(Duration.ofDays(1))));
        complete(task(), withVariables(RECEVABILITE_DECISION, Recevabilite.RECEVABLE));
        runAsyncSteps(dossier);
        assertThat(timer(dossier, ECHEANCE_DGOS_ATTEINTE).getDuedate()).as("already due").isEqualTo(DGOS_DEADLINE_ON);

        execute(timer(dossier, ECHEANCE_DGOS_ATTEINTE));
        runAsyncSteps(dossier);
        assertThat(dossier).isEnded().hasPassed(DOSSIER_NON_TRANSMIS);
    }

    @Test
    void aSnacsDossierWithoutPopulationGetsNoAmountAndItsRecordingFailsIntoAnIncident() {
        var dossier = startBefore(DOSSIER_SNACS_DEPOSE);
        var noPopulation = new HashMap<>(ELIGIBLE_SNACS);
        noPopulation.remove(Facts.POPULATION);
        fileSnacs(noPopulation);
        execute(managementService().createJobQuery().processInstanceId(dossier.getId())
                .activityId(APPLIQUER_CRITERES_ELIGIBILITE).singleResult()); // the rules, then the funding: no row

        var recording = managementService().createJobQuery().processInstanceId(dossier.getId())
                .activityId(ENREGISTRER_FINANCEMENT).singleResult();
        assertThat(runtimeService().getVariable(dossier.getId(), GRANT_AMOUNT)).isNull();
        assertThatThrownBy(() -> managementService().executeJob(recording.getId())).hasMessageContaining("grantAmount");
        var retried = managementService().createJobQuery().processInstanceId(dossier.getId()).activityId(ENREGISTRER_FINANCEMENT)
                .singleResult();
        assertThat(retried.getRetries()).as("R5/PT5M, then an incident").isEqualTo(4);
        assertThat(dossier).isWaitingAt(ENREGISTRER_FINANCEMENT);
    }

    @Test
    void aDossierTheDgosDoesNotRetainIsNotifiedWithItsReasons() {
        var dossier = startBefore(ENREGISTRER_DECISION_DGOS);
        assertThat(dossier).isWaitingAt(ENREGISTRER_DECISION_DGOS);
        complete(task(), withVariables(DGOS_DECISION, "NON_RETENU", DGOS_DECISION_ON, "2017-11-20",
                DGOS_DECISION_REASON, "Dispositif d'appui insuffisamment intégré."));
        runAsyncSteps(dossier);

        assertThat(dossier).isEnded().hasPassed(ENREGISTRER_REFUS_DGOS, NOTIFIER_REFUS_DGOS, DOSSIER_NON_RETENU)
                .hasNotPassed(ENREGISTRER_ACCORD_DGOS, LANCER_PROJET);
        assertThat(journal).containsExactly(
                "recordFormFacts:{dgosDecision=NON_RETENU, dgosDecisionOn=2017-11-20, dgosDecisionReason=Dispositif d'appui insuffisamment intégré.}",
                "setDossierStatus:" + Statuses.NOT_SELECTED + ":Dispositif d'appui insuffisamment intégré.",
                "sendMail:" + MailTemplates.DECISION_DGOS);
    }

    @Test
    void usageIndicatorsNotMetWithinTwoYearsAreRecordedAndNotified() {
        var dossier = startBefore(SUIVI_PROJET);
        assertThat(dossier).isWaitingAt(DEPLOYER_SERVICES, DELAI_USAGES_ECOULE);
        complete(task(), withVariables(SERVICES_DEPLOYES, "Dossier de coordination.", SERVICES_DEPLOYED_ON, "2018-02-01"));
        runAsyncSteps(dossier);
        passTime(dossier, DELAI_USAGES_ECOULE, LETTER_FILED_AT.plusYears(2));
        runAsyncSteps(dossier);
        journal.clear();

        complete(task(), withVariables(USAGE_INDICATORS_MET, "NON_ATTEINTS",
                USAGE_INDICATORS_COMMENT, "30 % des professionnels seulement utilisent le dossier de coordination."));
        runAsyncSteps(dossier);
        runAllJobs();

        assertThat(dossier).isEnded().hasPassed(ENREGISTRER_USAGES_NON_ATTEINTS, NOTIFIER_RESULTAT_USAGES,
                VERSER_TRANCHE_USAGE, USAGES_EVALUES).hasNotPassed(ENREGISTRER_USAGES_ATTEINTS);
        // the usage-linked part is 0 €: nothing to release nor pay
        assertThat(journal).containsExactly(
                "recordFormFacts:{usageIndicatorsMet=NON_ATTEINTS, usageIndicatorsComment=30 % des professionnels seulement utilisent le dossier de coordination.}",
                "setDossierStatus:" + Statuses.USAGE_TARGETS_MISSED + ":Indicateurs d'usage non atteints dans les 2 ans suivant "
                        + "le démarrage : la part du financement liée à l'usage (40 %) n'est pas due",
                "sendMail:" + MailTemplates.RESULTAT_USAGES,
                "recordFacts:usagePaymentAmount=0",
                "scheduleTranche:usage:0");
    }

    @Test
    void theUsageCheckMayComeBeforeTheDeploymentIsRecordedAndTheDossierWaitsForBoth() {
        var dossier = startBefore(SUIVI_PROJET);
        passTime(dossier, DELAI_USAGES_ECOULE, LETTER_FILED_AT.plusYears(2));
        runAsyncSteps(dossier);
        var check = taskService().createTaskQuery().processInstanceId(dossier.getId())
                .taskDefinitionKey(VERIFIER_INDICATEURS_USAGE).singleResult();
        complete(check, withVariables(USAGE_INDICATORS_MET, "ATTEINTS", USAGE_INDICATORS_COMMENT, "Usages atteints."));
        runAsyncSteps(dossier);
        assertThat(dossier).isWaitingAt(DEPLOYER_SERVICES);

        complete(task(), withVariables(SERVICES_DEPLOYES, "Dossier de coordination.", SERVICES_DEPLOYED_ON, "2018-02-01"));
        runAsyncSteps(dossier);
        payTranche("usage");
        runAsyncSteps(dossier);
        assertThat(dossier).isEnded().hasPassed(USAGES_EVALUES);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** What the intake sets, and the campaign's own variables (its groups and dates) it gives every dossier. */
    private static Map<String, Object> dossierVariables() {
        return withVariables(
                DOSSIER_NUMBER, DOSSIER,
                CAMPAIGN_KEY, CAMPAIGN,
                REVIEWER_GROUP, STRATEGY,
                COMPLEMENTS_DELAY, "P15D",
                CHANNEL, "API",
                RECEIVED_LATE, false,
                STRATEGY_GROUP, STRATEGY,
                DEPARTMENT_GROUP, DEPARTMENT,
                SESAN_GROUP, SESAN,
                DGOS_DEADLINE, DGOS_DEADLINE_ON,
                USAGE_INDICATORS_DELAY, "P2Y",
                "financeGroup", FINANCE);
    }

    /** A detour, started where it begins, with what the intake would have set (the grant once past the SNACs dossier). */
    private static ProcessInstance startBefore(String activityId) {
        var start = runtimeService().createProcessInstanceByKey(IdfParcoursDossier.PROCESS_ID)
                .businessKey(DOSSIER)
                .setVariables(dossierVariables());
        if (activityId.equals(SUIVI_PROJET)) {
            start.setVariable(GRANT_AMOUNT, GRANT);
        }
        return start.startBeforeActivity(activityId).execute();
    }

    /** The dossier's tranche released by its reviewers, paid by its finance team (the common tranche process). */
    private static void payTranche(String tranche) {
        PaymentTranches.pay(DOSSIER, tranche, STRATEGY, FINANCE);
    }

    private static void runAllJobs() {
        PaymentTranches.runAllJobs();
    }

    /** What the platform does on {@code POST /api/dossiers/{number}/filings/snacs}: the facts stored, then the message. */
    private void fileSnacs(Map<String, Object> filed) {
        facts.clear();
        facts.putAll(filed);
        runtimeService().createMessageCorrelation(Messages.SNACS_FILED).processInstanceBusinessKey(DOSSIER).correlate();
    }

    /**
     * Runs the dossier's pending asynchronous continuations (mails, service tasks, savepoints after user tasks) one
     * job at a time, as the job executor would; timers are left to the test.
     */
    private static void runAsyncSteps(ProcessInstance dossier) {
        for (int i = 0; i < 30; i++) {
            List<Job> jobs = managementService().createJobQuery().processInstanceId(dossier.getId()).messages().list();
            if (jobs.isEmpty()) {
                return;
            }
            execute(jobs.get(0));
        }
        throw new AssertionError("the dossier keeps creating asynchronous jobs");
    }

    private static void passTime(ProcessInstance dossier, String timerEvent, ZonedDateTime to) {
        passTime(dossier, timerEvent, Date.from(to.toInstant()));
    }

    private static void passTime(ProcessInstance dossier, String timerEvent, Date to) {
        ClockUtil.setCurrentTime(to);
        execute(timer(dossier, timerEvent));
    }

    private static Job timer(ProcessInstance dossier, String timerEvent) {
        return managementService().createJobQuery().processInstanceId(dossier.getId()).timers().activityId(timerEvent)
                .singleResult();
    }

    @SuppressWarnings("unchecked")
    private static List<String> eligibilityReasons(ProcessInstance dossier) {
        return (List<String>) runtimeService().getVariable(dossier.getId(), ELIGIBILITY_REASONS);
    }

    private static String deployedForm(Task task) {
        try (InputStream form = formService().getDeployedTaskForm(task.getId())) {
            return new String(form.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
