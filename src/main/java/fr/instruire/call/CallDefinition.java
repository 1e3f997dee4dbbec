package fr.instruire.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A call, read from its files: {@code calls/<call>.yaml} (the descriptor) and {@code forms/<call>/<call>-enregistrement.form}
 * (the application's facts). The descriptor names what the models do not already say: the title, the facts beyond the
 * application (declared, recorded by steps, or derived in FEEL), the statuses and their labels, the decisions by purpose,
 * what the pages show, where a dossier's regions are read, how a grant is shared between regions, the regional mailboxes.
 *
 * @param source           the descriptor's file, for messages
 * @param registrationForm the registration form's id, when the call has one (its applications are then generic)
 * @param facts            every fact by key, in order: the application's, the declared ones, the derived ones
 * @param applicationKeys  the facts an application carries (the registration form's fields)
 * @param statuses         code → French label, in the order of a dossier's life
 * @param closedToDocuments the statuses in which an applicant may no longer add documents (a decision was taken on the
 *                         file as it stood, or the dossier is closed)
 * @param decisions        purpose (admissibility, funding, score…) → decision key
 * @param dossierView      the facts the dossier page and the reviewers' task view show, in order
 * @param listView         the facts the dossier list shows as columns
 * @param regions          where a dossier's regions are read: a fact ({@code region}) or a record field ({@code establishments.region})
 * @param publics          where a dossier's publics are read (the people it serves: {@code publicType}), the same way
 * @param regionalShares   how a grant is shared between regions (pro rata of records), if it is
 * @param regionalMailboxes region → the mailbox copied on the call's mails (« copie ARS concernée »)
 * @param filings          the applicant's later filings, by id
 * @param usageIndicators  the usage indicators the beneficiary reports monthly after the award, if the call pays on them
 * @param campaignDefaults the variables a campaign of the call gets unless it gives its own (a delay, a group)
 */
public record CallDefinition(String id, String title, String source, String registrationForm,
                             Map<String, FactDefinition> facts, java.util.Set<String> applicationKeys, Map<String, String> statuses,
                             java.util.Set<String> closedToDocuments,
                             Map<String, String> decisions, List<String> dossierView, List<String> listView,
                             List<String> regions, List<String> publics, RegionalShares regionalShares, Map<String, String> regionalMailboxes,
                             Map<String, Filing> filings, UsageIndicators usageIndicators,
                             Map<String, Object> campaignDefaults) {

    /**
     * A later filing by the applicant (the full dossier after a letter of intent): its facts are the fields of its
     * form ({@code forms/<call>/<form>.form}); once stored, {@code message} is correlated to the dossier's process, with
     * the facts named in {@code processVariables} as its variables (what the model's gateways read: a final statement).
     */
    public record Filing(String id, String label, String form, String message, List<FactDefinition> facts,
                         List<String> processVariables) {
    }

    /** A grant shared between regions pro rata of a list's records, by each record's region field. */
    public record RegionalShares(String records, String region) {
    }

    /** The status in French words; a code the call does not declare is shown as is, flagged, rather than hidden. */
    public String statusLabel(String status) {
        return status == null ? "—" : statuses.getOrDefault(status, status + " (statut non déclaré)");
    }

    public boolean hasStatus(String status) {
        return statuses.containsKey(status);
    }

    /** Past admissibility, and admitted. */
    public boolean admitted(String status) {
        return status != null && !CallDefinitions.NOT_ADMITTED.contains(status);
    }

    /** Selected, or a later status of the selected (a convention signed, an experimentation…): not refused. */
    public boolean granted(String status) {
        var order = List.copyOf(statuses.keySet());
        int selected = order.indexOf("SELECTED");
        int at = order.indexOf(status);
        return "SELECTED".equals(status) || (selected >= 0 && at > selected && !"NOT_SELECTED".equals(status));
    }

    /** The statuses declared at or after {@code status} (a dossier in one of them has gone through that stage), in order. */
    public List<String> statusesFrom(String status) {
        var order = List.copyOf(statuses.keySet());
        int at = order.indexOf(status);
        return at < 0 ? List.of() : order.subList(at, order.size());
    }

    /** The statuses in which the call counts a dossier as granted ({@link #granted}). */
    public List<String> grantedStatuses() {
        return statuses.keySet().stream().filter(this::granted).toList();
    }

    public Optional<FactDefinition> fact(String key) {
        return Optional.ofNullable(facts.get(key));
    }

    /** The facts an applicant sends: those of the registration form. */
    public List<FactDefinition> applicationFacts() {
        return facts.values().stream().filter(f -> f.expression() == null && applicationKeys.contains(f.key())).toList();
    }

    public List<FactDefinition> derivedFacts() {
        return facts.values().stream().filter(FactDefinition::derived).toList();
    }

    public Optional<String> decision(String purpose) {
        return Optional.ofNullable(decisions.get(purpose));
    }

    /** The decision key for a purpose: the descriptor's, else {@code <call>-<purpose>}. */
    public String decisionKey(String purpose) {
        return decisions.getOrDefault(purpose, id + "-" + purpose);
    }

    public Optional<String> regionalMailbox(String region) {
        return Optional.ofNullable(regionalMailboxes.get(region));
    }

    /** The dossier's regions, read from its facts where the descriptor says, in alphabetical order. */
    public List<String> regionsOf(Map<String, Object> facts) {
        var found = new java.util.TreeSet<String>();
        for (var path : regions) {
            var dot = path.indexOf('.');
            if (dot < 0) {
                if (facts.get(path) instanceof String s && !s.isBlank()) {
                    found.add(s);
                }
            } else if (facts.get(path.substring(0, dot)) instanceof List<?> rows) {
                var field = path.substring(dot + 1);
                rows.stream().filter(Map.class::isInstance).map(r -> ((Map<?, ?>) r).get(field))
                        .filter(String.class::isInstance).map(String.class::cast).forEach(found::add);
            }
        }
        return List.copyOf(found);
    }

    /** The facts of a view that the dossier has (or that are derived), with their definitions, in the view's order. */
    public List<FactDefinition> view(List<String> keys) {
        var view = new ArrayList<FactDefinition>();
        keys.forEach(k -> fact(k).ifPresent(view::add));
        return view;
    }
}
