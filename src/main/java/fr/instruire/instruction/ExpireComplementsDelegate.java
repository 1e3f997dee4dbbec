package fr.instruire.instruction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.instruire.dossier.DossierStatus;
import fr.instruire.dossier.Dossiers;
import fr.instruire.system.Actors;

/**
 * {@code expireComplements}, when a complements request's delay ran out without an answer: the request is closed (a
 * late answer finds none), the dossier returns to its admissibility review — « la recevabilité sera appréciée au vu
 * des seules pièces en notre possession » — and its history says so. The reviewer decides; nothing is declared
 * inadmissible for the applicant's silence alone. A retry changes nothing more.
 */
@Component("expireComplements")
class ExpireComplementsDelegate implements JavaDelegate {

    static final String EXPIRED = "COMPLEMENTS_EXPIRED";

    private final Dossiers dossiers;

    ExpireComplementsDelegate(Dossiers dossiers) {
        this.dossiers = dossiers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var number = execution.getProcessBusinessKey();
        if (dossiers.expireComplements(number)) {
            dossiers.updateStatus(number, DossierStatus.ADMISSIBILITY_REVIEW);
            dossiers.recordEvent(number, Actors.SYSTEM, EXPIRED, "Délai de compléments écoulé sans réponse : la "
                    + "recevabilité est appréciée au vu des seules pièces du dossier");
        }
    }
}
