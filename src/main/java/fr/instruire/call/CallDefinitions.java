package fr.instruire.call;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every call the application knows, read at start from the classpath's {@code calls/*.yaml} and each call's
 * registration form. A descriptor in error stops the start, with every error named by its file and key
 * ({@link InvalidCallDefinitionException}); the format is in docs/adding-a-call.md.
 */
@Component
public class CallDefinitions {

    /** The statuses the platform itself gives a dossier: every call declares them, with its own words. */
    public static final List<String> PLATFORM_STATUSES = List.of("RECEIVED", "SUBMITTED", "ADMISSIBILITY_REVIEW",
            "AWAITING_COMPLEMENTS", "INADMISSIBLE", "UNDER_INSTRUCTION", "INSTRUCTED", "SELECTED", "NOT_SELECTED");
    /** Before admissibility is decided, or refused. */
    static final Set<String> NOT_ADMITTED = Set.of("RECEIVED", "SUBMITTED", "ADMISSIBILITY_REVIEW", "AWAITING_COMPLEMENTS",
            "INADMISSIBLE");

    /** The fact the platform records of every dossier: received before the campaign's closing instant. */
    public static final String SUBMITTED_BEFORE_DEADLINE = "submittedBeforeDeadline";

    private static final Pattern CALL_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern STATUS = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");
    private static final Set<String> TOP_KEYS = Set.of("call", "title", "registrationForm", "facts", "derivedFacts",
            "statuses", "closedToDocuments", "decisions", "views", "regions", "publics", "regionalShares", "regionalMailboxes",
            "filings", "usageIndicators", "campaignDefaults");

    private final Map<String, CallDefinition> calls;

    public CallDefinitions() {
        this("classpath*:calls/*.yaml");
    }

    CallDefinitions(String pattern) {
        var resolver = new PathMatchingResourcePatternResolver();
        var read = new TreeMap<String, CallDefinition>();
        var errors = new ArrayList<String>();
        try {
            for (var resource : resolver.getResources(pattern)) {
                var call = read(resource, resolver, errors);
                if (call != null && read.putIfAbsent(call.id(), call) != null) {
                    errors.add(call.source() + " : l'appel « " + call.id() + " » est décrit deux fois");
                }
            }
        } catch (IOException e) {
            throw new InvalidCallDefinitionException(List.of("calls/*.yaml illisibles : " + e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidCallDefinitionException(errors);
        }
        this.calls = Map.copyOf(read);
    }

    public Optional<CallDefinition> find(String callId) {
        return Optional.ofNullable(callId == null ? null : calls.get(callId));
    }

    /** The call, which must be described: a campaign cannot be opened for a call without a descriptor. */
    public CallDefinition of(String callId) {
        return find(callId).orElseThrow(() -> new IllegalStateException(
                "Appel « " + callId + " » sans descripteur (calls/" + callId + ".yaml)"));
    }

    public Collection<CallDefinition> all() {
        return calls.values();
    }

    /** The facts as the rules and views read them: the stored ones and the call's derived facts. */
    public Map<String, Object> withDerivedFacts(String callId, Map<String, Object> stored) {
        return find(callId).map(call -> FactDerivation.derive(call, stored)).orElse(stored);
    }

    /** One derived fact's value from the facts given (those the call derives before it included). */
    public static Object derive(CallDefinition call, FactDefinition fact, Map<String, Object> facts) {
        return FactDerivation.evaluate(call, fact, facts);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static CallDefinition read(Resource resource, PathMatchingResourcePatternResolver resolver, List<String> errors) {
        var file = "calls/" + resource.getFilename();
        Map<String, Object> yaml;
        try (InputStream in = resource.getInputStream()) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(loaded instanceof Map<?, ?> map)) {
                errors.add(file + " : un objet YAML est attendu (call, title, statuses…)");
                return null;
            }
            yaml = stringKeys(map);
        } catch (IOException | RuntimeException e) {
            errors.add(file + " : YAML illisible — " + e.getMessage());
            return null;
        }
        var local = new ArrayList<String>();
        yaml.keySet().stream().filter(k -> !TOP_KEYS.contains(k)).sorted()
                .forEach(k -> local.add(file + " : clé « " + k + " » inconnue (attendues : " + String.join(", ", new java.util.TreeSet<>(TOP_KEYS)) + ")"));
        var id = text(yaml, "call");
        var expectedId = resource.getFilename() == null ? "" : resource.getFilename().replaceFirst("\\.yaml$", "");
        if (id == null || !CALL_ID.matcher(id).matches()) {
            local.add(file + " : call — identifiant de l'appel en minuscules et tirets attendu (ex. mon-appel)");
            id = expectedId;
        } else if (!id.equals(expectedId)) {
            local.add(file + " : call — « " + id + " » : le fichier doit s'appeler calls/" + id + ".yaml");
        }
        var title = text(yaml, "title");
        if (title == null || title.isBlank()) {
            local.add(file + " : title — obligatoire (le titre de l'appel, en français)");
        }

        // the application's facts: the registration form's fields
        var facts = new LinkedHashMap<String, FactDefinition>();
        var formId = text(yaml, "registrationForm") != null ? text(yaml, "registrationForm") : id + "-enregistrement";
        var form = resolver.getResource("classpath:forms/" + id + "/" + formId + ".form");
        String registrationForm = null;
        if (form.exists()) {
            try (InputStream in = form.getInputStream()) {
                facts.putAll(RegistrationForms.read(in));
                registrationForm = formId;
            } catch (IOException | RuntimeException e) {
                local.add(file + " : registrationForm — forms/" + id + "/" + formId + ".form illisible : " + e.getMessage());
            }
        } else if (yaml.containsKey("registrationForm")) {
            local.add(file + " : registrationForm — forms/" + id + "/" + formId + ".form introuvable");
        }
        var applicationKeys = Set.copyOf(facts.keySet());
        // what the platform records of every dossier
        facts.putIfAbsent(SUBMITTED_BEFORE_DEADLINE, FactDefinition.simple(SUBMITTED_BEFORE_DEADLINE, "Reçu dans les délais",
                FactType.BOOLEAN, Map.of()));

        var filings = new LinkedHashMap<String, CallDefinition.Filing>();
        if (yaml.get("filings") instanceof Map<?, ?> declared) {
            for (var entry : declared.entrySet()) {
                var filingId = String.valueOf(entry.getKey());
                var where = file + " : filings." + filingId;
                if (!(entry.getValue() instanceof Map<?, ?> f) || f.get("form") == null || f.get("message") == null) {
                    local.add(where + " — form (le formulaire du dépôt) et message (le message attendu par le dossier) sont obligatoires");
                    continue;
                }
                var filingForm = resolver.getResource("classpath:forms/" + id + "/" + f.get("form") + ".form");
                if (!filingForm.exists()) {
                    local.add(where + ".form — forms/" + id + "/" + f.get("form") + ".form introuvable");
                    continue;
                }
                try (InputStream in = filingForm.getInputStream()) {
                    var filingFacts = RegistrationForms.read(in);
                    filingFacts.values().forEach(fact -> facts.putIfAbsent(fact.key(), fact));
                    var passed = f.get("processVariables") instanceof List<?> names
                            ? names.stream().map(String::valueOf).toList() : List.<String>of();
                    passed.stream().filter(name -> !filingFacts.containsKey(name)).forEach(name -> local.add(where
                            + ".processVariables — « " + name + " » n'est pas un champ du formulaire du dépôt"));
                    filings.put(filingId, new CallDefinition.Filing(filingId,
                            f.get("label") == null ? filingId : String.valueOf(f.get("label")), String.valueOf(f.get("form")),
                            String.valueOf(f.get("message")), List.copyOf(filingFacts.values()), List.copyOf(passed)));
                } catch (IOException | RuntimeException e) {
                    local.add(where + ".form — illisible : " + e.getMessage());
                }
            }
        } else if (yaml.containsKey("filings")) {
            local.add(file + " : filings — objet attendu (id: { form, message, label })");
        }
        for (var entry : list(yaml, "facts", file, local)) {
            var fact = declared(entry, file, "facts", local);
            if (fact != null && facts.putIfAbsent(fact.key(), fact) != null) {
                local.add(file + " : facts." + fact.key() + " — déjà un champ du formulaire d'enregistrement");
            }
        }
        for (var entry : list(yaml, "derivedFacts", file, local)) {
            var key = text(entry, "key");
            var expression = text(entry, "expression");
            if (key == null || !KEY.matcher(key).matches() || expression == null || expression.isBlank()) {
                local.add(file + " : derivedFacts — chaque fait calculé a une clé (key) et une expression FEEL (expression)");
                continue;
            }
            var label = text(entry, "label") == null ? key : text(entry, "label");
            var type = expression.startsWith("count(") ? FactType.NUMBER
                    : expression.startsWith("some ") || expression.startsWith("every ") ? FactType.BOOLEAN
                    : FactType.ofDescriptor(text(entry, "type") == null ? "text" : text(entry, "type"));
            if (facts.putIfAbsent(key, new FactDefinition(key, label, type, Map.of(), List.of(), false, null, null,
                    null, null, null, false, expression)) != null) {
                local.add(file + " : derivedFacts." + key + " — ce fait existe déjà");
            }
        }

        var statuses = new LinkedHashMap<String, String>();
        if (yaml.get("statuses") instanceof Map<?, ?> map) {
            map.forEach((code, label) -> {
                if (!STATUS.matcher(String.valueOf(code)).matches() || label == null || String.valueOf(label).isBlank()) {
                    local.add(file + " : statuses." + code + " — un code en MAJUSCULES et son libellé en français");
                } else {
                    statuses.put(String.valueOf(code), String.valueOf(label));
                }
            });
        } else {
            local.add(file + " : statuses — obligatoire (code: libellé)");
        }
        PLATFORM_STATUSES.stream().filter(s -> yaml.get("statuses") instanceof Map<?, ?> && !statuses.containsKey(s))
                .forEach(s -> local.add(file + " : statuses." + s + " — statut donné par la plateforme, à déclarer avec son libellé"));

        var closed = new ArrayList<String>(List.of("INADMISSIBLE", "INSTRUCTED", "NOT_SELECTED"));
        if (yaml.get("closedToDocuments") instanceof List<?> codes) {
            for (var code : codes) {
                if (!statuses.containsKey(String.valueOf(code))) {
                    local.add(file + " : closedToDocuments — « " + code + " » n'est pas un statut déclaré");
                } else if (!closed.contains(String.valueOf(code))) {
                    closed.add(String.valueOf(code));
                }
            }
        }
        var decisions = new LinkedHashMap<String, String>();
        if (yaml.get("decisions") instanceof Map<?, ?> map) {
            map.forEach((purpose, key) -> decisions.put(String.valueOf(purpose), String.valueOf(key)));
        } else if (yaml.containsKey("decisions")) {
            local.add(file + " : decisions — objet attendu (but: clé de la décision)");
        }

        var views = yaml.get("views") instanceof Map<?, ?> v ? stringKeys(v) : Map.<String, Object>of();
        var dossierView = keys(views.get("dossier"), "views.dossier", facts, file, local);
        var listView = keys(views.get("list"), "views.list", facts, file, local);

        var regions = paths(yaml, "regions", facts, file, local);
        var publics = paths(yaml, "publics", facts, file, local);

        CallDefinition.RegionalShares shares = null;
        if (yaml.get("regionalShares") instanceof Map<?, ?> s) {
            var records = String.valueOf(s.get("records"));
            var region = String.valueOf(s.get("region"));
            var fact = facts.get(records);
            if (fact == null || fact.type() != FactType.RECORDS || fact.field(region) == null) {
                local.add(file + " : regionalShares — records doit nommer une liste de l'appel et region l'un de ses champs");
            } else {
                shares = new CallDefinition.RegionalShares(records, region);
            }
        }
        var mailboxes = new LinkedHashMap<String, String>();
        if (yaml.get("regionalMailboxes") instanceof Map<?, ?> m) {
            m.forEach((region, mailbox) -> {
                if (mailbox == null || !String.valueOf(mailbox).matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    local.add(file + " : regionalMailboxes." + region + " — adresse électronique attendue");
                } else {
                    mailboxes.put(String.valueOf(region), String.valueOf(mailbox));
                }
            });
        }
        var usage = UsageIndicators.read(yaml.get("usageIndicators"), file, local);
        var defaults = new LinkedHashMap<String, Object>();
        if (yaml.get("campaignDefaults") instanceof Map<?, ?> given) {
            given.forEach((name, value) -> {
                if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    local.add(file + " : campaignDefaults." + name + " — valeur simple attendue (texte, nombre, oui/non)");
                } else {
                    defaults.put(String.valueOf(name), value);
                }
            });
        } else if (yaml.containsKey("campaignDefaults")) {
            local.add(file + " : campaignDefaults — objet attendu (variable: valeur)");
        }
        errors.addAll(local);
        if (!local.isEmpty()) {
            return null;
        }
        return new CallDefinition(id, title, file, registrationForm, java.util.Collections.unmodifiableMap(facts),
                applicationKeys, java.util.Collections.unmodifiableMap(statuses), Set.copyOf(closed), Map.copyOf(decisions), dossierView,
                listView, regions, publics, shares, Map.copyOf(mailboxes), java.util.Collections.unmodifiableMap(filings),
                usage, java.util.Collections.unmodifiableMap(defaults));
    }

    /** Where a dossier's values of a kind (its regions, its publics) are read: facts, or a field of a list's records. */
    private static List<String> paths(Map<String, Object> yaml, String key, Map<String, FactDefinition> facts, String file,
                                      List<String> local) {
        var found = new ArrayList<String>();
        if (yaml.get(key) instanceof List<?> paths) {
            for (var p : paths) {
                var path = String.valueOf(p);
                var dot = path.indexOf('.');
                var fact = facts.get(dot < 0 ? path : path.substring(0, dot));
                boolean known = fact != null && (dot < 0 ? fact.type() != FactType.RECORDS
                        : fact.type() == FactType.RECORDS && fact.field(path.substring(dot + 1)) != null);
                if (!known) {
                    local.add(file + " : " + key + " — « " + path + " » ne désigne ni un fait ni un champ d'une liste de l'appel");
                } else {
                    found.add(path);
                }
            }
        }
        return List.copyOf(found);
    }

    private static FactDefinition declared(Map<String, Object> entry, String file, String where, List<String> errors) {
        var key = text(entry, "key");
        if (key == null || !KEY.matcher(key).matches()) {
            errors.add(file + " : " + where + " — chaque fait a une clé (key) : lettres et chiffres, comme les tables de décision la lisent");
            return null;
        }
        FactType type;
        try {
            type = FactType.ofDescriptor(text(entry, "type"));
        } catch (IllegalArgumentException e) {
            errors.add(file + " : " + where + "." + key + ".type — " + e.getMessage());
            return null;
        }
        var choices = new LinkedHashMap<String, String>();
        if (entry.get("values") instanceof Map<?, ?> values) {
            values.forEach((value, label) -> choices.put(String.valueOf(value), String.valueOf(label)));
            type = FactType.CHOICE;
        }
        return FactDefinition.simple(key, text(entry, "label") == null ? key : text(entry, "label"), type, choices);
    }

    private static List<String> keys(Object value, String where, Map<String, FactDefinition> facts, String file, List<String> errors) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            errors.add(file + " : " + where + " — liste de faits attendue");
            return List.of();
        }
        var keys = new LinkedHashSet<String>();
        for (var k : list) {
            if (!facts.containsKey(String.valueOf(k))) {
                errors.add(file + " : " + where + " — « " + k + " » n'est pas un fait de l'appel (formulaire d'enregistrement, facts ou derivedFacts)");
            } else {
                keys.add(String.valueOf(k));
            }
        }
        return List.copyOf(keys);
    }

    private static List<Map<String, Object>> list(Map<String, Object> yaml, String key, String file, List<String> errors) {
        var value = yaml.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items) || items.stream().anyMatch(i -> !(i instanceof Map))) {
            errors.add(file + " : " + key + " — liste d'objets attendue ({ key: …, label: … })");
            return List.of();
        }
        return items.stream().map(i -> stringKeys((Map<?, ?>) i)).toList();
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        var copy = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private static String text(Map<String, Object> map, String key) {
        var value = map.get(key);
        return value == null ? null : String.valueOf(value);
    }
}
