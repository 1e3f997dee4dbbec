package fr.instruire.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every call of the common tranche process is what its Modeler element template
 * ({@code .camunda/element-templates/instruire-payment-tranche.json}) writes: the business key and the local inputs
 * passed, the inputs the template declares and no other, one way of giving the amount.
 */
class PaymentTrancheTemplateTest {

    private static final Set<String> REQUIRED = Set.of("tranche", "trancheLabel", "evidenceAsked", "reviewerGroup", "financeGroup");
    private static final Set<String> AMOUNT = Set.of("tranchePercent", "trancheAmount", "trancheRest");

    @Test
    void everyCallOfPaymentTrancheMatchesItsElementTemplate() throws IOException {
        var template = new ObjectMapper().readTree(Path.of(".camunda/element-templates/instruire-payment-tranche.json").toFile()).get(0);
        var declared = new HashSet<String>();
        template.get("properties").forEach(p -> {
            if ("camunda:inputParameter".equals(p.get("binding").get("type").asText())) {
                declared.add(p.get("binding").get("name").asText());
            }
        });
        assertThat(declared).containsAll(REQUIRED).containsAll(AMOUNT);

        int calls = 0;
        List<Path> models;
        try (Stream<Path> files = Files.walk(Path.of("bpmn"))) {
            models = files.filter(f -> f.toString().endsWith(".bpmn")).toList();
        }
        for (var file : models) {
            var model = Bpmn.readModelFromFile(file.toFile());
            for (var call : model.getModelElementsByType(CallActivity.class)) {
                if (!"payment-tranche".equals(call.getCalledElement())) {
                    continue;
                }
                calls++;
                var where = file + " " + call.getId();
                assertThat(call.getCamundaCalledElementBinding()).as(where).isEqualTo("deployment");
                var ins = call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list();
                assertThat(ins).as(where + " passes the dossier's business key")
                        .anyMatch(in -> "#{execution.processBusinessKey}".equals(in.getCamundaBusinessKey()));
                assertThat(ins).as(where + " passes its local inputs")
                        .anyMatch(in -> "all".equals(in.getCamundaVariables()) && in.getCamundaLocal());
                // in a multi-instance over the agencies' shares, what depends on the element variable is a camunda:in
                // (input parameters are evaluated before the element variable is set)
                var inputs = new java.util.ArrayList<String>(call.getExtensionElements().getElementsQuery()
                        .filterByType(CamundaInputOutput.class).list()
                        .stream().flatMap(io -> io.getCamundaInputParameters().stream())
                        .map(CamundaInputParameter::getCamundaName).toList());
                ins.stream().filter(in -> in.getCamundaTarget() != null).forEach(in -> inputs.add(in.getCamundaTarget()));
                assertThat(inputs).as(where).containsAll(REQUIRED);
                assertThat(declared).as(where + " declares only the template's inputs").containsAll(inputs);
                assertThat(inputs.stream().filter(AMOUNT::contains)).as(where + " gives its amount one way").hasSize(1);
            }
        }
        assertThat(calls).as("the calls' models pay through payment-tranche").isGreaterThanOrEqualTo(8);
    }
}
