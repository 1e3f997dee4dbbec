package fr.instruire.call;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the models are deployed, checks each call's descriptor against them: every status a model sets
 * ({@code setDossierStatus}'s input {@code status}) is declared with its words, and every decision the descriptor names
 * is deployed. A mismatch stops the start, naming the descriptor, the model and the element.
 */
@Component
class CallModelsCheck {

    private final CallDefinitions calls;
    private final RepositoryService repository;

    CallModelsCheck(CallDefinitions calls, RepositoryService repository) {
        this.calls = calls;
        this.repository = repository;
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        var errors = new ArrayList<String>();
        calls.all().forEach(call -> errors.addAll(problems(call)));
        if (!errors.isEmpty()) {
            throw new InvalidCallDefinitionException(errors);
        }
    }

    List<String> problems(CallDefinition call) {
        var errors = new ArrayList<String>();
        for (var definition : repository.createProcessDefinitionQuery().processDefinitionKeyLike(call.id() + "-%")
                .latestVersion().list()) {
            var model = repository.getBpmnModelInstance(definition.getId());
            for (var task : model.getModelElementsByType(ServiceTask.class)) {
                if (!"${setDossierStatus}".equals(task.getCamundaDelegateExpression())) {
                    continue;
                }
                for (var parameter : model.getModelElementsByType(CamundaInputParameter.class)) {
                    if (isOf(parameter, task) && "status".equals(parameter.getCamundaName())) {
                        var status = parameter.getTextContent().strip();
                        if (!status.startsWith("${") && !call.hasStatus(status)) {
                            errors.add(call.source() + " : statuses — « " + status + " », donné par " + definition.getKey()
                                    + " (" + task.getId() + "), n'est pas déclaré");
                        }
                    }
                }
            }
        }
        call.decisions().forEach((purpose, key) -> {
            if (repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).count() == 0) {
                errors.add(call.source() + " : decisions." + purpose + " — aucune décision « " + key + " » n'est déployée");
            }
        });
        return errors;
    }

    private static boolean isOf(CamundaInputParameter parameter, ServiceTask task) {
        for (var parent = parameter.getParentElement(); parent != null; parent = parent.getParentElement()) {
            if (parent == task) {
                return true;
            }
        }
        return false;
    }
}
