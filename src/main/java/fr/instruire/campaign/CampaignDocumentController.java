package fr.instruire.campaign;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

import fr.instruire.identity.StaffPage;
import fr.instruire.identity.StaffUser;
import fr.instruire.system.ApiProblem;
import fr.instruire.system.Attachments;

/**
 * A campaign's documents (the arrêté's annex) for its staff: its reviewer and committee groups and administrators
 * ({@link Campaign#isOpenTo}); 404 for an unknown campaign or document, 403 for another team's campaign. Always an
 * attachment, never sniffed, sandboxed if opened anyway, as the dossiers' documents.
 */
@Controller
@StaffPage
@RequestMapping("/campaigns/{key}/documents")
class CampaignDocumentController {

    private final Campaigns campaigns;
    private final CampaignDocuments documents;

    CampaignDocumentController(Campaigns campaigns, CampaignDocuments documents) {
        this.campaigns = campaigns;
        this.documents = documents;
    }

    @GetMapping("/{id}")
    ResponseEntity<byte[]> document(@PathVariable String key, @PathVariable long id, StaffUser user,
                                    HttpServletResponse response) {
        var campaign = campaigns.find(key).orElseThrow(() -> ApiProblem.notFound("Aucune campagne « " + key + " »."));
        if (!campaigns.isOpenTo(campaign, user)) {
            throw ApiProblem.forbidden("La campagne « " + key + " » relève d'une autre équipe.");
        }
        var document = documents.of(key).stream().filter(d -> d.id() == id).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("La campagne " + key + " n'a pas de document n° " + id + "."));
        var content = documents.content(id).orElseThrow(() -> ApiProblem.notFound("Document n° " + id + " introuvable."));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(document.contentType()))
                .contentLength(content.length)
                .header(HttpHeaders.CONTENT_DISPOSITION, Attachments.contentDisposition(document.filename()))
                .body(content);
    }
}
