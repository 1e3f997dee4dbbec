package fr.instruire.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;

/**
 * What the demo seeders do as users would: accounts whose password is their name, tasks claimed and completed as
 * their candidates, and the patience to let the job executor move a dossier to its next wait state.
 */
@Component
@ConditionalOnProperty(name = "instruire.demo.enabled", havingValue = "true")
public class DemoTasks {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final IdentityService identity;
    private final TaskService tasks;
    private final Dossiers dossiers;

    DemoTasks(IdentityService identity, TaskService tasks, Dossiers dossiers) {
        this.identity = identity;
        this.tasks = tasks;
        this.dossiers = dossiers;
    }

    public void user(String id, String firstName, String lastName, String email, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            var user = identity.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(email);
            user.setPassword(id);
            identity.saveUser(user);
        }
        if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
            identity.createMembership(id, group);
        }
    }

    public void complete(Task task, String userId, String group, Map<String, Object> variables) {
        identity.setAuthentication(userId, List.of(group));
        try {
            tasks.claim(task.getId(), userId);
            tasks.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    /** Waits for the job executor to bring the dossier to a task. */
    public Task await(String number, String taskKey) {
        var deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            var task = tasks.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey(taskKey).singleResult();
            if (task != null) {
                return task;
            }
            pause();
        }
        throw new IllegalStateException("Démo : le dossier " + number + " n'a pas atteint " + taskKey);
    }

    public void awaitStatus(String number, String status) {
        var deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (status.equals(dossiers.find(number).map(Dossier::status).orElse(null))) {
                return;
            }
            pause();
        }
        throw new IllegalStateException("Démo : le dossier " + number + " n'a pas atteint le statut " + status);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
