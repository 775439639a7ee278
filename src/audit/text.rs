//! Texts of the audit log, with the audited entities and actions in words.

crate::texts! {
    AuditText {
        title: "Audit log", "Revisjonslogg";
        intro: "Every change to ratings, submissions, doubts, test results, references, decisions, candidate status and a round's questions, and every paper uploaded, downloaded or deleted: who, when, and from what to what. Newest first.", "Alle endringer i vurderinger, innleveringer, tvil, testresultater, referanser, beslutninger, kandidatstatus og spørsmålene i en runde, og hvert dokument som er lastet opp, lastet ned eller slettet: hvem, når, og fra hva til hva. Nyeste først.";
        intro_manager: "Only events about candidates for your own positions are shown.", "Bare hendelser om kandidater til dine egne stillinger vises.";
        filter_candidate: "Candidate", "Kandidat";
        filter_actor: "Person", "Person";
        any_candidate: "All candidates", "Alle kandidater";
        any_actor: "Everyone", "Alle";
        filter: "Filter", "Filtrer";
        clear: "Clear filters", "Fjern filtre";
        candidate_invalid: "The candidate filter is not a valid candidate id. Choose a candidate from the list.", "Kandidatfilteret er ikke en gyldig kandidat-id. Velg en kandidat fra listen.";
        actor_invalid: "The person filter is not a valid user id. Choose a person from the list.", "Personfilteret er ikke en gyldig bruker-id. Velg en person fra listen.";
        cursor_invalid: "The page link is damaged. Start again from the newest events.", "Sidelenken er skadet. Begynn på nytt fra de nyeste hendelsene.";
        when: "When", "Når";
        who: "Who", "Hvem";
        what: "What", "Hva";
        candidate: "Candidate", "Kandidat";
        change: "Before → after", "Før → etter";
        unknown_actor: "Unknown (account removed)", "Ukjent (konto fjernet)";
        removed_candidate: "Removed candidate", "Fjernet kandidat";
        no_candidate: "—", "—";
        empty_value: "(empty)", "(tom)";
        no_events: "No events match these filters.", "Ingen hendelser passer med disse filtrene.";
        newer: "← Newer", "← Nyere";
        older: "Older →", "Eldre →";
        pages: "Pages", "Sider";
        entity_rating: "Rating", "Vurdering";
        entity_panel_member: "Panel member's scores", "Paneldeltakerens vurderinger";
        entity_doubt: "Doubt", "Tvil";
        entity_test_result: "Test result", "Testresultat";
        entity_reference_check: "Reference check", "Referansesjekk";
        entity_decision: "Decision", "Beslutning";
        entity_candidate: "Candidate", "Kandidat";
        entity_interview_round: "Interview round", "Intervjurunde";
        entity_round_question: "Question in a round", "Spørsmål i en runde";
        entity_position: "Position", "Stilling";
        entity_paper: "Paper", "Dokument";
        action_created: "created", "opprettet";
        action_updated: "changed", "endret";
        action_deleted: "deleted", "slettet";
        action_submitted: "submitted", "levert";
        action_reopened: "reopened", "gjenåpnet";
        action_raised: "raised", "meldt";
        action_resolved: "resolved by facts", "avklart med fakta";
        action_confirmed: "confirmed", "bekreftet";
        action_recorded: "recorded", "registrert";
        action_decided: "decided", "besluttet";
        action_planned: "planned", "planlagt";
        action_status_changed: "status changed", "status endret";
        action_exported: "shortlist exported", "kortliste eksportert";
        action_data_exported: "personal data exported", "personopplysninger eksportert";
        action_uploaded: "uploaded", "lastet opp";
        action_downloaded: "downloaded", "lastet ned";
    }
}

impl AuditText {
    /// The entity in words; an entity this version does not know keeps its code.
    pub fn entity<'a>(&self, code: &'a str) -> &'a str {
        match code {
            "rating" => self.entity_rating,
            "panel_member" => self.entity_panel_member,
            "doubt" => self.entity_doubt,
            "test_result" => self.entity_test_result,
            "reference_check" => self.entity_reference_check,
            "decision" => self.entity_decision,
            "candidate" => self.entity_candidate,
            "interview_round" => self.entity_interview_round,
            "round_question" => self.entity_round_question,
            "position" => self.entity_position,
            "paper" => self.entity_paper,
            other => other,
        }
    }

    /// The action in words, or its code with spaces for one not known here.
    pub fn action(&self, code: &str) -> String {
        match code {
            "created" => self.action_created,
            "updated" => self.action_updated,
            "deleted" => self.action_deleted,
            "submitted" => self.action_submitted,
            "reopened" => self.action_reopened,
            "raised" => self.action_raised,
            "resolved" => self.action_resolved,
            "confirmed" => self.action_confirmed,
            "recorded" => self.action_recorded,
            "decided" => self.action_decided,
            "planned" => self.action_planned,
            "status_changed" => self.action_status_changed,
            "exported" => self.action_exported,
            "data_exported" => self.action_data_exported,
            "uploaded" => self.action_uploaded,
            "downloaded" => self.action_downloaded,
            other => return other.replace('_', " "),
        }
        .to_owned()
    }
}
