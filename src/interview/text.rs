//! Texts of the interview walk-through and submission.

use crate::error::AppError;
use crate::interview::save::Refusal;

crate::texts! {
    InterviewText {
        title: "Interview", "Intervju";
        round: "Round", "Runde";
        progress: "Question {n} of {total}", "Spørsmål {n} av {total}";
        answered_of: "{done} of {total} answered", "{done} av {total} besvart";
        all_questions: "All questions", "Alle spørsmål";
        jump_label: "Jump to a question", "Gå til et spørsmål";
        answered: "answered", "besvart";
        not_answered: "not answered", "ikke besvart";
        carried_over: "Carried over from the first interview", "Fra førstegangsintervjuet";
        guidance: "Guidance", "Veiledning";
        edit_question: "Edit this question (possible until the first rating)", "Rediger spørsmålet (mulig fram til den første vurderingen)";
        criterion: "Criterion", "Kriterium";
        rating: "Rating", "Vurdering";
        not_assessed: "Not assessed", "Ikke vurdert";
        not_assessed_hint: "No evidence either way. This is not a zero.", "Ingen holdepunkter i noen retning. Det er ikke det samme som 0 poeng.";
        conversation_only: "Conversation only (not rated)", "Bare samtale (vurderes ikke)";
        conversation_only_hint: "Talk it through; no score is given. A note is optional and stays with the round.", "Snakk om det; det gis ingen poeng. En observasjon er valgfri og følger runden.";
        note: "Note (optional)", "Notat (valgfritt)";
        not_rated_score: "This question is conversation only: it takes a note, but no score and no “not assessed”.", "Dette spørsmålet er bare samtale: det kan få et notat, men ingen poengsum og ingen «ikke vurdert».";
        no_anchor: "No criterion is linked; rate the answer as a whole.", "Ingen kriterier er knyttet til spørsmålet; vurder svaret som helhet.";
        evidence: "Evidence note", "Observasjon";
        evidence_hint: "What did the candidate say or do? A 1, 2 or 5 without a note is flagged in the debrief as opinion without facts.", "Hva sa eller gjorde kandidaten? En 1-er, 2-er eller 5-er uten observasjon markeres i oppsummeringen som synsing uten fakta.";
        previous: "Previous", "Forrige";
        next: "Next", "Neste";
        save_next: "Save and next", "Lagre og neste";
        save: "Save", "Lagre";
        to_submission: "Save and review submission", "Lagre og se over før du leverer";
        state_saved: "All changes saved", "Alt er lagret";
        state_saving: "Saving…", "Lagrer …";
        state_offline: "Offline — will retry", "Frakoblet — prøver igjen";
        state_unsaved: "Unsaved changes", "Ulagrede endringer";
        state_draft: "Note not saved — choose a score or “not assessed”", "Observasjonen er ikke lagret — velg en poengsum eller «ikke vurdert»";
        state_error: "Not saved: ", "Ikke lagret: ";
        leave_warning: "Some ratings are not saved yet.", "Noen vurderinger er ikke lagret ennå.";
        choose_score: "Choose a score from 1 to 5, or “not assessed”.", "Velg en poengsum fra 1 til 5, eller «ikke vurdert».";
        score_invalid: "The score must be 1 to 5, or not assessed.", "Poengsummen må være 1 til 5, eller ikke vurdert.";
        evidence_too_long: "Use at most 10,000 characters.", "Bruk høyst 10\u{a0}000 tegn.";
        already_submitted: "You have submitted your ratings; they are read-only unless the hiring manager reopens them.", "Du har levert vurderingene dine; de kan ikke endres med mindre ansettende leder åpner dem igjen.";
        round_closed: "This round is closed; ratings can no longer change.", "Runden er avsluttet; vurderingene kan ikke lenger endres.";
        conflict_title: "This rating was changed elsewhere", "Vurderingen ble endret et annet sted";
        conflict_body: "Another tab or device saved this rating after you opened it. Nothing was overwritten. Choose which version to keep.", "En annen fane eller enhet lagret vurderingen etter at du åpnet den. Ingenting ble overskrevet. Velg hvilken versjon du vil beholde.";
        conflict_json: "The rating was changed in another tab or device since you loaded it; nothing was overwritten.", "Vurderingen er endret i en annen fane eller på en annen enhet siden du lastet den; ingenting ble overskrevet.";
        yours: "Your version", "Din versjon";
        theirs: "Saved version", "Lagret versjon";
        keep_mine: "Keep my version", "Behold min versjon";
        take_theirs: "Take the saved version", "Bruk den lagrede versjonen";
        no_note: "(no note)", "(ingen observasjon)";
        read_only_banner: "Submitted {when}. Your ratings are read-only.", "Levert {when}. Vurderingene dine kan ikke endres.";
        submit_title: "Submit your ratings", "Lever vurderingene";
        submit_intro: "When you submit, your ratings lock and the panel can compare them in the debrief. Until then nobody else sees them, and you see nobody else's.", "Når du leverer, låses vurderingene dine, og panelet kan sammenligne dem i oppsummeringen. Før det ser ingen andre dem, og du ser ingen andres.";
        missing_title: "Still to rate", "Gjenstår å vurdere";
        missing_intro: "Rate these questions, or mark them “not assessed”, before you submit:", "Vurder disse spørsmålene, eller merk dem «ikke vurdert», før du leverer:";
        all_rated: "Every question is rated or marked not assessed.", "Alle spørsmål er vurdert eller merket «ikke vurdert».";
        recommendation: "Your recommendation", "Din anbefaling";
        recommendation_hint: "There is no neutral option. A “no” opens a doubt on the candidate that must be settled with facts.", "Det finnes ikke noe nøytralt valg. Et «nei» melder tvil om kandidaten, og tvilen må avklares med fakta.";
        verdict_strong_no: "Strong no", "Klart nei";
        verdict_no: "No", "Nei";
        verdict_yes: "Yes", "Ja";
        verdict_strong_yes: "Strong yes", "Klart ja";
        justification: "Justification", "Begrunnelse";
        justification_hint: "The facts behind your recommendation.", "Fakta bak anbefalingen din.";
        choose_verdict: "Choose a recommendation.", "Velg en anbefaling.";
        submit: "Submit ratings", "Lever vurderingene";
        submitted_flash: "Your ratings and recommendation are submitted.", "Vurderingene og anbefalingen din er levert.";
        back_to_questions: "Back to the questions", "Tilbake til spørsmålene";
        your_recommendation: "Your recommendation", "Din anbefaling";
        panel_title: "Panel", "Panel";
        state_signed_out_one: "Sign in again: your {n} unsaved rating is kept on this tablet and saved once you are back.", "Logg inn på nytt: den {n} ulagrede vurderingen din ligger trygt på dette nettbrettet og lagres når du er tilbake.";
        state_signed_out: "Sign in again: your {n} unsaved ratings are kept on this tablet and saved once you are back.", "Logg inn på nytt: de {n} ulagrede vurderingene dine ligger trygt på dette nettbrettet og lagres når du er tilbake.";
        sign_in_again: "Sign in", "Logg inn";
        open_debrief: "Open the debrief", "Åpne oppsummeringen";
        panel_intro: "Who has submitted. Ratings stay hidden here; they are compared in the debrief.", "Hvem som har levert. Vurderingene vises ikke her; de sammenlignes i oppsummeringen.";
        member: "Panel member", "Paneldeltaker";
        status: "Status", "Status";
        submitted: "Submitted", "Levert";
        not_submitted: "Not submitted", "Ikke levert";
        reopen: "Reopen ratings", "Åpne vurderingene igjen";
        reopened_flash: "{name} can change their ratings again.", "{name} kan endre vurderingene sine igjen.";
        not_submitted_yet: "This panel member has not submitted.", "Paneldeltakeren har ikke levert.";
        tests_title: "Test results", "Testresultater";
        tests_intro: "Record the results of tests taken outside the app.", "Registrer resultatene av tester som er tatt utenfor appen.";
        tests_none: "No test results recorded yet.", "Ingen testresultater registrert ennå.";
        test_kind: "Kind", "Type";
        test_summary: "Summary", "Sammendrag";
        test_score: "Score (optional)", "Poeng (valgfritt)";
        test_add: "Record test result", "Registrer testresultat";
        no_questions: "This round has no questions yet.", "Runden har ingen spørsmål ennå.";
        your_focus: "Your focus", "Ditt fokus";
        optional_for_you: "Optional for you", "Valgfritt for deg";
        led_by: "Led by", "Ledes av";
        focus_intro: "Your focus is marked. You must rate the sections your role leads and those everyone rates; the other sections are welcome but optional, and your ratings there count like any other.", "Ditt fokus er markert. Du må vurdere seksjonene som rollen din leder, og dem som alle skal vurdere. De andre seksjonene kan du vurdere om du vil; da teller vurderingene som alle andre.";
        brief_title: "The candidate: first interview", "Kandidaten: førstegangsintervjuet";
        brief_summary: "Summary of the first interview", "Oppsummering av førstegangsintervjuet";
        brief_open_questions: "Open questions", "Åpne spørsmål";
        brief_empty: "Nothing was written down from the first interview.", "Ingenting ble skrevet ned fra førstegangsintervjuet.";
        brief_papers: "Papers", "Dokumenter";
        brief_papers_offline: "Opened once with a connection, the papers stay readable on this tablet without one.", "Åpnet én gang med forbindelse kan dokumentene leses på dette nettbrettet også uten.";
        paper_unavailable: "This paper is not on this tablet yet: open it once with a connection.", "Dette dokumentet er ikke på nettbrettet ennå: åpne det én gang med forbindelse.";
        skip_section: "Mark the rest of the section not assessed", "Marker resten av seksjonen som ikke vurdert";
        skip_section_body: "The questions in “{section}” you have not answered yet will be marked not assessed. Ratings you have given stay as they are.", "Spørsmålene i «{section}» som du ikke har svart på ennå, blir markert som ikke vurdert. Vurderinger du har gitt, blir stående.";
        skip_section_confirm: "Yes, mark them not assessed", "Ja, marker dem som ikke vurdert";
        skip_section_none: "Every question in this section is already answered.", "Alle spørsmålene i denne seksjonen er allerede besvart.";
        section_skipped_one: "{n} question marked not assessed.", "{n} spørsmål er markert som ikke vurdert.";
        section_skipped: "{n} questions marked not assessed.", "{n} spørsmål er markert som ikke vurdert.";
        form_queued: "Noted on this tablet; it is sent as soon as there is a connection.", "Notert på nettbrettet; det sendes så snart det er forbindelse.";
        form_saved: "Saved.", "Lagret.";
        doubt_incomplete: "Choose a category and a way to settle it, and describe the doubt.", "Velg kategori og hvordan tvilen skal avklares, og beskriv tvilen.";
        test_incomplete: "Choose the kind of test and write a summary.", "Velg testtype og skriv et sammendrag.";
        form_refused: "Not saved; open the question again to see why.", "Ikke lagret; åpne spørsmålet igjen for å se hvorfor.";
    }
}

impl InterviewText {
    /// A refused save or submission as the viewer reads it: 422 for a value the
    /// rating cannot hold, 409 for a state in which it cannot change.
    pub fn refusal(&self, refusal: Refusal) -> AppError {
        match refusal {
            Refusal::EvidenceTooLong => AppError::Validation(self.evidence_too_long.into()),
            Refusal::ScoreOnConversationOnly => AppError::Validation(self.not_rated_score.into()),
            Refusal::AlreadySubmitted => AppError::Conflict(self.already_submitted.into()),
            Refusal::RoundClosed => AppError::Conflict(self.round_closed.into()),
            Refusal::Unanswered => AppError::Conflict(self.missing_intro.into()),
        }
    }

    pub fn progress(&self, n: usize, total: usize) -> String {
        self.progress
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }

    pub fn answered_of(&self, done: usize, total: usize) -> String {
        self.answered_of
            .replace("{done}", &done.to_string())
            .replace("{total}", &total.to_string())
    }

    pub fn verdict(&self, verdict: crate::scoring::Verdict) -> &'static str {
        use crate::scoring::Verdict;
        match verdict {
            Verdict::StrongNo => self.verdict_strong_no,
            Verdict::No => self.verdict_no,
            Verdict::Yes => self.verdict_yes,
            Verdict::StrongYes => self.verdict_strong_yes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{RoundLabels, RoundStatus};

    /// A round waiting for its debrief must not read like one rating.
    #[test]
    fn no_round_status_is_named_like_a_rating() {
        for (labels, interview) in [
            (&RoundLabels::NB, &InterviewText::NB),
            (&RoundLabels::EN, &InterviewText::EN),
        ] {
            for status in RoundStatus::ALL {
                assert_ne!(labels.round_status(&status), interview.rating, "{status:?}");
            }
        }
    }

    fn number_in(text: &str) -> usize {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        digits.parse().unwrap()
    }

    /// The justification's and the test summary's messages are made from their
    /// limits (`web::form::too_long_message`); the evidence note's is written out.
    #[test]
    fn the_evidence_length_message_names_the_limit_that_is_enforced() {
        for t in [&InterviewText::EN, &InterviewText::NB] {
            assert_eq!(
                number_in(t.evidence_too_long),
                crate::interview::save::MAX_EVIDENCE
            );
        }
    }

    /// "Observasjon" is what the candidate said or did; "Begrunnelse" is why you recommend.
    #[test]
    fn the_evidence_note_and_the_justification_have_their_own_words() {
        let t = &InterviewText::NB;
        assert_eq!(t.evidence, "Observasjon");
        assert_eq!(t.justification, "Begrunnelse");
        for text in [
            t.evidence_hint,
            t.state_draft,
            t.no_note,
            t.evidence_too_long,
        ] {
            assert!(!text.to_lowercase().contains("begrunnelse"), "{text}");
        }
    }
}
