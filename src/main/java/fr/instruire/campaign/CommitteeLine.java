package fr.instruire.campaign;

import java.util.List;
import java.util.stream.Collectors;

import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.RegionalShare;

/** One dossier on the committee's list: its score, its funding and what each ARS pays of it. */
record CommitteeLine(String dossierNumber, String organisation, String projectTitle, Integer score, Long grantAmount,
                     List<RegionalShare> regionalShares, String regionalSharesText) {

    static CommitteeLine of(Dossier d, CallFacts facts) {
        var call = facts.callOf(d.number());
        var shares = CallFacts.shares(call, facts.of(call, d.number()), d.grantAmount());
        return new CommitteeLine(d.number(), d.organisationName(), d.projectTitle(), d.score(), d.grantAmount(),
                shares, text(shares));
    }

    static String text(List<RegionalShare> shares) {
        return shares.stream()
                .map(s -> "%s : %s € (%d)".formatted(s.region(), s.amount() == null ? "—" : String.format(java.util.Locale.FRENCH, "%,d", s.amount()), s.count()))
                .collect(Collectors.joining(" ; "));
    }
}
