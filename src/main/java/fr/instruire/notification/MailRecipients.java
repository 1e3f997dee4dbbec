package fr.instruire.notification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

import fr.instruire.campaign.Campaigns;
import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossiers;

/** Who a mail goes to besides the dossier's contact: a group's members, the ARS mailbox of the dossier's region. */
@Component
class MailRecipients {

    private final IdentityService identity;
    private final Dossiers dossiers;
    private final CallFacts facts;
    private final Campaigns campaigns;

    MailRecipients(IdentityService identity, Dossiers dossiers, CallFacts facts, Campaigns campaigns) {
        this.identity = identity;
        this.dossiers = dossiers;
        this.facts = facts;
        this.campaigns = campaigns;
    }

    /** Empty: the dossier's contact. A group with no member having an address fails: a reminder to no one is an error. */
    List<String> to(String to) {
        if (to == null || to.isBlank()) {
            return List.of();
        }
        if (!to.startsWith(Mailer.GROUP_PREFIX)) {
            return List.of(to.strip());
        }
        var group = to.substring(Mailer.GROUP_PREFIX.length()).strip();
        var addresses = new LinkedHashSet<String>();
        identity.createUserQuery().memberOfGroup(group).orderByUserId().asc().list().stream()
                .map(u -> u.getEmail()).filter(e -> e != null && !e.isBlank()).forEach(addresses::add);
        if (addresses.isEmpty()) {
            throw new IllegalStateException("Aucun membre du groupe « " + group + " » n'a d'adresse électronique");
        }
        return List.copyOf(addresses);
    }

    /** The dossier's region (the first its call's descriptor finds) and that region's mailbox for the call (regionalMailboxes). */
    Optional<String> arsMailbox(String number) {
        var call = facts.callOf(number);
        return call.regionsOf(facts.of(call, number)).stream().findFirst().flatMap(call::regionalMailbox);
    }
}
