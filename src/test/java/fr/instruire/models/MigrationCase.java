package fr.instruire.models;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One model of {@code bpmn/} as {@link ModelMigrationTest} migrates it: its previous version (under
 * {@code src/test/resources/models-previous/}), the files deployed with it, the variables its instances start with,
 * the wait states where instances are left when the new version arrives — each with the step that shows it goes on —
 * and what the engine is expected to refuse.
 */
final class MigrationCase {

    /** How an instance left at a wait state is moved one step further on the new version. */
    enum Resume {
        /** Complete the user task waiting there, with {@link Stop#variables}. */
        COMPLETE_TASK,
        /** Correlate {@link Stop#message} to the instance, with {@link Stop#variables}. */
        CORRELATE,
        /** Fire the timer {@link Stop#timer} (a catch event, a boundary or an event sub-process's start). */
        FIRE_TIMER,
        /** Run the asynchronous continuation pending there (the job executor's work). */
        RUN_JOB,
        /** The dossier waits in a tranche it called: release and pay the tranche, which returns to the dossier. */
        PAY_TRANCHE
    }

    /** A wait state: where the instance is started (before which activity), where it then waits, how it goes on. */
    static final class Stop {
        final String activity;
        String startBefore;
        boolean fromTheStart;
        final Map<String, Object> startVariables = new HashMap<>();
        Resume resume;
        String message;
        String timer;
        final Map<String, Object> variables = new HashMap<>();
        /** Expected refusal of this instance by the engine: the activities its report names (empty: migrates). */
        final List<String> refusedAt = new ArrayList<>();
        String refusalReason;

        private Stop(String activity) {
            this.activity = activity;
            this.startBefore = activity;
        }

        /** Started as the intake starts it (the start event), not before the activity. */
        Stop fromTheStart() {
            this.fromTheStart = true;
            return this;
        }

        /** Started before another activity, then its asynchronous steps run until it waits at this one. */
        Stop startedBefore(String activityId) {
            this.startBefore = activityId;
            return this;
        }

        Stop with(Object... nameValues) {
            put(startVariables, nameValues);
            return this;
        }

        Stop completing(Object... nameValues) {
            this.resume = Resume.COMPLETE_TASK;
            put(variables, nameValues);
            return this;
        }

        Stop correlating(String messageName, Object... nameValues) {
            this.resume = Resume.CORRELATE;
            this.message = messageName;
            put(variables, nameValues);
            return this;
        }

        Stop firing(String timerEvent) {
            this.resume = Resume.FIRE_TIMER;
            this.timer = timerEvent;
            return this;
        }

        Stop runningItsJob() {
            this.resume = Resume.RUN_JOB;
            return this;
        }

        Stop payingTheTranche() {
            this.resume = Resume.PAY_TRANCHE;
            return this;
        }

        /** The engine refuses to migrate an instance waiting here, naming these activities, because of {@code why}. */
        Stop refusedBecause(String why, String... activityIds) {
            this.refusalReason = why;
            this.refusedAt.addAll(List.of(activityIds));
            return this;
        }

        boolean refused() {
            return !refusedAt.isEmpty();
        }

        @Override
        public String toString() {
            return activity;
        }

        private static void put(Map<String, Object> into, Object... nameValues) {
            for (int i = 0; i < nameValues.length; i += 2) {
                into.put((String) nameValues[i], nameValues[i + 1]);
            }
        }
    }

    static Stop at(String activity) {
        return new Stop(activity);
    }

    final String model;
    final String processKey;
    /** The folders of forms and decisions deployed with both versions (the working tree's). */
    final List<String> companions = new ArrayList<>();
    /** The model calls {@code payment-tranche} (binding « deployment »): each version is deployed with its tranche. */
    boolean callsTranche;
    /** The git history holds no earlier version: the « previous » deployment is the current file deployed once more. */
    boolean noEarlierVersion;
    /** What changed from the previous version, in words, for the report and the test's name. */
    String change = "";
    final Map<String, Object> variables = new LinkedHashMap<>();
    final List<Stop> stops = new ArrayList<>();
    /** Explicit mappings, for renamed activities only (each with its reason in the case). */
    final Map<String, String> renamed = new LinkedHashMap<>();
    /** Activities of the previous version that the plan is expected to leave unmapped (removed or changed). */
    final Set<String> unmapped = new java.util.TreeSet<>();

    private MigrationCase(String model, String processKey) {
        this.model = model;
        this.processKey = processKey;
    }

    static MigrationCase model(String model, String processKey) {
        return new MigrationCase(model, processKey);
    }

    MigrationCase deployedWith(String... folders) {
        companions.addAll(List.of(folders));
        return this;
    }

    MigrationCase callingTheTranche() {
        this.callsTranche = true;
        return this;
    }

    MigrationCase unmappedBecause(String... activities) {
        unmapped.addAll(List.of(activities));
        return this;
    }

    MigrationCase withoutEarlierVersion() {
        this.noEarlierVersion = true;
        return this;
    }

    MigrationCase changed(String what) {
        this.change = what;
        return this;
    }

    MigrationCase variables(Object... nameValues) {
        Stop.put(variables, nameValues);
        return this;
    }

    MigrationCase stops(Stop... waitStates) {
        stops.addAll(List.of(waitStates));
        return this;
    }

    String previousResource() {
        return "models-previous/" + model;
    }

    @Override
    public String toString() {
        return processKey + " — " + change;
    }
}
