package fr.instruire.instruction;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.springframework.stereotype.Component;

import fr.instruire.system.Actors;
import fr.instruire.system.TaskRefusal;

/**
 * {@code recordOpinion}, complete listener of an opinion task: form variables {@code opinion} (FAVORABLE | RESERVE |
 * DEFAVORABLE) and {@code opinionText} (required unless favorable). Stores the facts {@code arsOpinion}/{@code
 * arsOpinionText} (…) and a history event. Whose opinion it is comes from the model itself — the activity's input
 * parameter {@code opinionOf} ({@code ARS}, {@code CPAM} or any label) as written in the deployed BPMN, never the
 * variable of that name, which a submission could overwrite — and the user completing the task must belong to that
 * party: for the ARS and the CPAM, the group the server derives from the dossier's region ({@link RegionalPartners});
 * for another label, one of the task's candidate groups. Otherwise the completion is refused ({@link TaskRefusal}).
 * {@code opinion}/{@code opinionText} are read with {@code task.getVariable}: the model maps them as inputs of the
 * activity ({@code null} there, so two parallel opinion tasks never share them) and its output mapping copies
 * {@code opinion} to {@code arsOpinion}/{@code cpamOpinion} after completion — so they are left in place.
 */
@Component("recordOpinion")
class RecordOpinionListener implements TaskListener {

    static final String OPINION_OF = "opinionOf";
    static final String OPINION = "opinion";
    static final String OPINION_TEXT = "opinionText";
    private static final Map<String, String> PARTY = Map.of("ARS", "l'ARS", "CPAM", "la CPAM");

    private final Opinions opinions;
    private final RegionalPartners partners;

    RecordOpinionListener(Opinions opinions, RegionalPartners partners) {
        this.opinions = opinions;
        this.partners = partners;
    }

    @Override
    public void notify(DelegateTask task) {
        var number = task.getExecution().getProcessBusinessKey();
        var party = modelParty(task);
        checkMember(task, number, party);
        try {
            opinions.record(number, party, task.getVariable(OPINION), task.getVariable(OPINION_TEXT), Actors.completer(task));
        } catch (IllegalArgumentException e) {
            throw new TaskRefusal(e.getMessage());
        }
    }

    /** The activity's input parameter {@code opinionOf} as the deployed model writes it (a literal). */
    static String modelParty(DelegateTask task) {
        var element = task.getBpmnModelElementInstance();
        var extensions = element == null ? null : element.getChildElementsByType(ExtensionElements.class).stream().findFirst().orElse(null);
        if (extensions != null) {
            for (var io : extensions.getChildElementsByType(CamundaInputOutput.class)) {
                for (CamundaInputParameter parameter : io.getCamundaInputParameters()) {
                    if (OPINION_OF.equals(parameter.getCamundaName())) {
                        var text = parameter.getTextContent() == null ? "" : parameter.getTextContent().strip();
                        if (!text.isEmpty() && !text.contains("${") && !text.contains("#{")) {
                            return text;
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("Tâche « " + task.getTaskDefinitionKey() + " » : le modèle doit dire de qui est l'avis "
                + "(paramètre d'entrée « opinionOf » littéral : ARS, CPAM…)");
    }

    /** The signed-in user completing the task must be of the party; an internal call (no user) is the server's own. */
    private void checkMember(DelegateTask task, String number, String party) {
        var identity = task.getProcessEngineServices().getIdentityService();
        var auth = identity.getCurrentAuthentication();
        if (auth == null || auth.getUserId() == null) {
            return;
        }
        var groups = new HashSet<String>();
        if (auth.getGroupIds() != null) {
            groups.addAll(auth.getGroupIds());
        }
        identity.createGroupQuery().groupMember(auth.getUserId()).list().forEach(g -> groups.add(g.getId()));
        var partyGroup = partners.groupOf(number, party);
        boolean member = partyGroup.isPresent() ? groups.contains(partyGroup.get())
                : task.getCandidates().stream().filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                        .anyMatch(link -> link.getGroupId() != null && groups.contains(link.getGroupId()));
        if (!member) {
            var who = PARTY.getOrDefault(party.toUpperCase(Locale.ROOT), "« " + party + " »");
            throw new TaskRefusal("Seul un membre de " + who + " de ce dossier peut donner cet avis : il n'est pas "
                    + "enregistré.");
        }
    }
}
