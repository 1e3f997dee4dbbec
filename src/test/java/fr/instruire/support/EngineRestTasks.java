package fr.instruire.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a reviewer does in Tasklist, over {@code /engine-rest} as that user (HTTP Basic): wait for a task of a dossier or
 * a campaign, claim it, complete it with typed variables. Each step asserts the engine accepted it.
 */
public final class EngineRestTasks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api api;

    public EngineRestTasks(int port) {
        this.api = new Api(port);
    }

    /** The id of the one task {@code taskKey} of the instance {@code businessKey} that {@code user} sees, once there. */
    public String await(String user, String businessKey, String taskKey) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode found = JSON.readTree(api.get("/engine-rest/task?processInstanceBusinessKey=" + businessKey
                    + "&taskDefinitionKey=" + taskKey, Api.basic(user, user)).body());
            return found.size() == 1 ? found.get(0).get("id").asText() : null;
        }, id -> id != null);
    }

    public void claim(String user, String taskId) throws Exception {
        var claim = api.post("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"" + user + "\"}", Api.basic(user, user));
        assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
    }

    /** Completes the task as {@code user}; the engine's answer, which may be a refusal. */
    public HttpResponse<String> complete(String user, String taskId, Map<String, Object> variables) throws Exception {
        return api.post("/engine-rest/task/" + taskId + "/complete",
                JSON.writeValueAsString(Map.of("variables", variables)), Api.basic(user, user));
    }

    /** Completes the task as {@code user}, which the engine must accept. */
    public HttpResponse<String> completed(String user, String taskId, Map<String, Object> variables) throws Exception {
        var response = complete(user, taskId, variables);
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return response;
    }

    /** A variable as /engine-rest takes it: {@code {"value": …, "type": "Integer"}}. */
    public static Map<String, Object> typed(Object value, String type) {
        return Map.of("value", value, "type", type);
    }
}
