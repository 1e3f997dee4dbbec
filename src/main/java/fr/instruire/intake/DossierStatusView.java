package fr.instruire.intake;

import java.time.Instant;
import java.util.List;

import fr.instruire.campaign.Campaign;
import fr.instruire.dossier.Complement;
import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierDocuments;
import fr.instruire.call.CallDefinition;
import fr.instruire.dossier.RegionalShare;

/** A dossier as its applicant follows it: status, pending complements request, documents, and the grant once decided. */
record DossierStatusView(String dossierNumber, String campaignKey, String campaignTitle, String status,
                         String statusLabel, Instant submittedAt, Instant updatedAt, String projectTitle,
                         ComplementsRequest complementsRequested, List<DocumentView> documents, Long grantAmount,
                         List<RegionalShare> regionalShares) {

    record ComplementsRequest(Instant requestedAt, String request) {
    }

    record DocumentView(long id, String filename, String contentType, long size, Instant uploadedAt) {
        static DocumentView of(DossierDocuments.Document d) {
            return new DocumentView(d.id(), d.filename(), d.contentType(), d.size(), d.uploadedAt());
        }
    }

    static DossierStatusView of(Dossier d, Campaign c, CallDefinition call, List<RegionalShare> shares, List<Complement> complements,
                                List<DossierDocuments.Document> documents) {
        var open = complements.stream().filter(x -> x.answeredAt() == null && x.expiredAt() == null)
                .map(x -> new ComplementsRequest(x.requestedAt(), x.requestText())).reduce((a, b) -> b).orElse(null);
        boolean granted = call.granted(d.status());
        return new DossierStatusView(d.number(), c.key(), c.title(), d.status(), call.statusLabel(d.status()),
                d.submittedAt(), d.updatedAt(), d.projectTitle(), open,
                documents.stream().map(DocumentView::of).toList(),
                granted ? d.grantAmount() : null, granted ? shares : null);
    }
}
