package fr.instruire.intake;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import fr.instruire.dossier.DossierDocuments;
import fr.instruire.dossier.CallFacts;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.ApiProblem;

/**
 * When a dossier takes one more document through the API: while it is worked on or carried out — not once it is
 * inadmissible, instructed and awaiting the committee, not selected, or its experimentation ended — and within its
 * number and total size of documents ({@link IntakeLimits}). Decided under the dossier's row lock, in the upload's
 * transaction, so two uploads at once cannot both take the last place.
 */
@Component
class DocumentLimits {

    private final Dossiers dossiers;
    private final DossierDocuments documents;
    private final IntakeLimits limits;
    private final CallFacts calls;

    DocumentLimits(Dossiers dossiers, DossierDocuments documents, IntakeLimits limits, CallFacts calls) {
        this.calls = calls;
        this.dossiers = dossiers;
        this.documents = documents;
        this.limits = limits;
    }

    /** 409 when the dossier takes no more documents; 409 past the number; 413 past the total size. */
    @Transactional(propagation = Propagation.MANDATORY)
    void requireRoomFor(String number, long size) {
        var status = dossiers.lockStatus(number)
                .orElseThrow(() -> ApiProblem.notFound("Aucun dossier « " + number + " »."));
        var call = calls.callOf(number);
        // a decision taken on the file as it stood (admissibility, instruction, committee) or the dossier closed
        if (call.closedToDocuments().contains(status)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Dossier fermé aux documents",
                    "Le dossier " + number + " (« " + call.statusLabel(status) + " ») ne reçoit plus de documents.");
        }
        var existing = documents.of(number);
        if (existing.size() >= limits.maxDocuments()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Nombre de documents atteint",
                    "Le dossier " + number + " a déjà " + existing.size() + " documents, le maximum ; "
                            + "regroupez des pièces en un seul fichier ou adressez-vous à l'équipe qui instruit le dossier.");
        }
        var total = existing.stream().mapToLong(DossierDocuments.Document::size).sum();
        if (total + size > limits.maxDocumentsBytes().toBytes()) {
            throw new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "Documents trop volumineux",
                    "Avec ce document, les documents du dossier " + number + " dépasseraient " + megabytes(limits.maxDocumentsBytes().toBytes())
                            + " au total (déjà " + megabytes(total) + ").");
        }
    }

    private static String megabytes(long bytes) {
        return bytes >= 1024 * 1024
                ? String.format(java.util.Locale.FRANCE, "%.1f Mo", bytes / (1024.0 * 1024.0)).replace(",0 Mo", " Mo")
                : String.format(java.util.Locale.FRANCE, "%d Ko", (bytes + 1023) / 1024);
    }
}
