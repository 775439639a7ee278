//! Texts of the interview guide (template) pages.

use super::{SectionKind, SectionLead};
use crate::i18n::Locale;

crate::texts! {
    GuideText {
        title: "Interview guides", "Intervjuguider";
        intro: "Guides for the second interview: sections, questions, guidance for the interviewer and the criterion each question probes. A round copies its guide when it is planned, so editing a guide never changes a planned or held interview.", "Guider for annengangsintervjuet: seksjoner, spørsmål, veiledning til intervjueren og kriteriet hvert spørsmål belyser. En runde kopierer guiden når den planlegges, så endringer i en guide endrer aldri et planlagt eller gjennomført intervju.";
        new_guide: "New guide", "Ny guide";
        create: "Create guide", "Opprett guide";
        name: "Name", "Navn";
        language: "Language", "Språk";
        description: "Description", "Beskrivelse";
        default: "Default", "Standard";
        sections: "Sections", "Seksjoner";
        questions: "Questions", "Spørsmål";
        copy: "Copy", "Kopier";
        edit: "Edit", "Rediger";
        delete: "Delete", "Slett";
        copy_suffix: "(copy)", "(kopi)";
        copied: "Copied to {name}.", "Kopiert til {name}.";
        created: "Guide {name} created. Add its sections and questions.", "Guiden {name} er opprettet. Legg til seksjoner og spørsmål.";
        saved: "Changes saved.", "Endringene er lagret.";
        name_taken: "A guide with this name already exists.", "Det finnes allerede en guide med dette navnet.";
        language_invalid: "Choose Norwegian (bokmål) or English.", "Velg norsk (bokmål) eller engelsk.";
        lang_nb: "Norwegian (bokmål)", "Norsk (bokmål)";
        lang_en: "English", "Engelsk";
        details: "Guide", "Guide";
        add_section: "Add section", "Legg til seksjon";
        section_title: "Section title", "Seksjonstittel";
        section_kind: "Kind", "Type";
        section_added: "Section added.", "Seksjonen er lagt til.";
        section_deleted: "Section deleted with its questions.", "Seksjonen er slettet med spørsmålene sine.";
        section_title_required: "A section needs a title.", "En seksjon trenger en tittel.";
        kind_invalid: "Choose a kind of section.", "Velg en type seksjon.";
        section_lead: "Led by", "Ledes av";
        section_lead_hint: "Panel members in this role must rate the section's questions; the others may. \"Everyone\" means all must.", "Paneldeltakere med denne rollen må vurdere spørsmålene i seksjonen; de andre kan gjøre det. «Alle» betyr at alle må.";
        lead_invalid: "Choose who leads the section.", "Velg hvem som leder seksjonen.";
        lead_everyone: "Everyone", "Alle";
        lead_hiring_manager: "Hiring manager", "Ansettende leder";
        lead_subject_matter_expert: "Subject-matter expert", "Fagperson";
        lead_hr: "HR", "HR";
        kind_open_questions: "Open questions since the first interview", "Åpne spørsmål siden førstegangsintervjuet";
        kind_practical_case: "Practical case", "Praktisk case";
        kind_test_results: "Test results", "Testresultater";
        kind_expectations: "Expectations and development", "Forventninger og utvikling";
        kind_leadership: "Leadership and collaboration", "Ledelse og samarbeid";
        kind_closing: "Closing", "Avslutning";
        kind_general: "General", "Generell";
        no_sections: "No sections yet.", "Ingen seksjoner ennå.";
        no_questions: "No questions in this section.", "Ingen spørsmål i denne seksjonen.";
        add_question: "Add question", "Legg til spørsmål";
        edit_question: "Edit question", "Rediger spørsmål";
        question: "Question", "Spørsmål";
        guidance: "Guidance for the interviewer", "Veiledning til intervjueren";
        criterion_hint: "Criterion it probes", "Kriteriet det belyser";
        criterion_hint_hint: "The name of a criterion, such as \"Problem solving\". It is matched to the position's criteria of the same name when a round is planned.", "Navnet på et kriterium, for eksempel «Problemløsning». Det kobles til stillingens kriterium med samme navn når en runde planlegges.";
        conversation_only: "Conversation only (not rated)", "Bare samtale (vurderes ikke)";
        conversation_only_hint: "The panel talks about it and may take a note, but gives no score; submission does not ask for it, the debrief does not count it, and it is linked to no criterion.", "Panelet snakker om det og kan notere, men gir ingen poeng. Innsendingen krever det ikke, oppsummeringen teller det ikke med, og det kobles ikke til noe kriterium.";
        question_added: "Question added.", "Spørsmålet er lagt til.";
        question_deleted: "Question deleted.", "Spørsmålet er slettet.";
        question_required: "A question needs its text.", "Et spørsmål trenger en tekst.";
        move_up: "Move up", "Flytt opp";
        move_down: "Move down", "Flytt ned";
        save_section: "Save section", "Lagre seksjon";
        back: "All guides", "Alle guider";
        back_to_guide: "Back to the guide", "Tilbake til guiden";
    }
}

impl GuideText {
    pub fn kind(&self, kind: &SectionKind) -> &'static str {
        match kind {
            SectionKind::OpenQuestions => self.kind_open_questions,
            SectionKind::PracticalCase => self.kind_practical_case,
            SectionKind::TestResults => self.kind_test_results,
            SectionKind::Expectations => self.kind_expectations,
            SectionKind::Leadership => self.kind_leadership,
            SectionKind::Closing => self.kind_closing,
            SectionKind::General => self.kind_general,
        }
    }

    pub fn lead(&self, lead: &SectionLead) -> &'static str {
        match lead {
            SectionLead::Everyone => self.lead_everyone,
            SectionLead::HiringManager => self.lead_hiring_manager,
            SectionLead::SubjectMatterExpert => self.lead_subject_matter_expert,
            SectionLead::Hr => self.lead_hr,
        }
    }

    pub fn language(&self, language: &Locale) -> &'static str {
        match language {
            Locale::En => self.lang_en,
            Locale::Nb => self.lang_nb,
        }
    }
}
