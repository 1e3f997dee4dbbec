package fr.instruire.instruction;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

import fr.instruire.dossier.Dossier;
import fr.instruire.dossier.DossierDocuments;
import fr.instruire.identity.StaffPage;
import fr.instruire.identity.StaffUser;
import fr.instruire.system.ApiProblem;
import fr.instruire.system.Attachments;

/** The staff's dossier page: the whole dossier on one page, its documents, and the reviewers' private annotations. */
@Controller
@StaffPage
@RequestMapping("/dossiers/{number}")
class DossierPageController {


    private final StaffDossierAccess access;
    private final DossierPages pages;
    private final DossierDocuments documents;
    private final Annotations annotations;

    DossierPageController(StaffDossierAccess access, DossierPages pages, DossierDocuments documents, Annotations annotations) {
        this.access = access;
        this.pages = pages;
        this.documents = documents;
        this.annotations = annotations;
    }

    @GetMapping
    String page(@PathVariable String number, StaffUser user, Model model) {
        return render(access.require(user, number), model);
    }

    /**
     * A document as stored, with the type recognised from its content at upload; never rendered inline, never
     * sniffed, sandboxed if opened anyway (these headers replace the pages' own, set by the {@link StaffPage} guard).
     */
    @GetMapping("/documents/{id}")
    ResponseEntity<byte[]> document(@PathVariable String number, @PathVariable long id, StaffUser user,
                                    HttpServletResponse response) {
        access.require(user, number);
        var document = documents.of(number).stream().filter(d -> d.id() == id).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Le dossier " + number + " n'a pas de document n° " + id + "."));
        var content = documents.content(id).orElseThrow(() -> ApiProblem.notFound("Document n° " + id + " introuvable."));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(document.contentType()))
                .contentLength(content.length)
                .header(HttpHeaders.CONTENT_DISPOSITION, Attachments.contentDisposition(document.filename()))
                .body(content);
    }

    /**
     * Adds a private annotation (the form token is checked before, see {@link StaffPage}). An empty or too long text
     * shows the page again with the text typed and what to fix, nothing written.
     */
    @PostMapping("/annotations")
    Object annotate(@PathVariable String number, @RequestParam(name = "text", required = false) String text,
                    StaffUser user, Model model, HttpServletResponse response) {
        var dossier = access.require(user, number);
        var note = text == null ? "" : text.replace("\r\n", "\n").strip();
        String error = null;
        if (note.isEmpty()) {
            error = "Écrivez l'annotation avant de l'enregistrer.";
        } else if (note.codePointCount(0, note.length()) > Annotations.MAX_LENGTH) {
            error = "L'annotation dépasse " + Annotations.MAX_LENGTH + " caractères ("
                    + note.codePointCount(0, note.length()) + ") : raccourcissez-la.";
        }
        if (error != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("annotationError", error);
            model.addAttribute("annotationDraft", text == null ? "" : text);
            return render(dossier, model);
        }
        annotations.add(number, user.id(), note);
        var backToPage = new RedirectView("/dossiers/" + URLEncoder.encode(number, StandardCharsets.UTF_8) + "#annotations", true);
        backToPage.setStatusCode(HttpStatus.SEE_OTHER);
        backToPage.setExposeModelAttributes(false);
        return backToPage;
    }

    private String render(Dossier dossier, Model model) {
        var page = pages.of(dossier);
        model.addAttribute("page", page);
        model.addAttribute("fmt", new PageFormat(page.campaign().timeZone(), page.call()));
        return "dossiers/page";
    }
}
