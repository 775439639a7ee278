//! Texts of the position and requirement-profile pages.

use super::PositionStatus;

crate::texts! {
    PositionText {
        title: "Positions", "Stillinger";
        intro_all: "All positions, with their hiring manager and candidates.", "Alle stillinger, med ansettende leder og kandidater.";
        intro_own: "The positions you are hiring for.", "Stillingene du ansetter til.";
        page_of: "Page {page} of {pages}", "Side {page} av {pages}";
        previous_page: "Previous page", "Forrige side";
        next_page: "Next page", "Neste side";
        pages_label: "Pages of positions", "Sider med stillinger";
        new_position: "New position", "Ny stilling";
        predicted_across: "What predicted: the interview set against how the hires went, across positions", "Hva som traff: intervjuet satt opp mot hvordan det gikk med de ansatte, på tvers av stillinger";
        edit_position: "Edit position", "Rediger stilling";
        create: "Create position", "Opprett stilling";
        position: "Position", "Stilling";
        position_title: "Title", "Tittel";
        department: "Department", "Avdeling";
        description: "Description", "Beskrivelse";
        hiring_manager: "Hiring manager", "Ansettende leder";
        hiring_manager_invalid: "Choose an active hiring manager.", "Velg en aktiv ansettende leder.";
        status: "Status", "Status";
        status_open: "Open", "Åpen";
        status_closed: "Closed", "Lukket";
        candidates: "Candidates", "Kandidater";
        rounds_to_plan: "Rounds to plan", "Runder å planlegge";
        criteria_count: "Criteria", "Kriterier";
        no_positions: "No positions yet.", "Ingen stillinger ennå.";
        edit: "Edit", "Rediger";
        close: "Close position", "Lukk stillingen";
        reopen: "Reopen position", "Gjenåpne stillingen";
        closed_note: "This position is closed. Reopen it to change it.", "Stillingen er lukket. Gjenåpne den for å endre den.";
        created: "Position {title} created. Now describe its requirement profile.", "Stillingen {title} er opprettet. Beskriv nå kravprofilen.";
        saved: "Changes saved.", "Endringene er lagret.";
        closed_flash: "The position is closed.", "Stillingen er lukket.";
        reopened_flash: "The position is open again.", "Stillingen er åpnet igjen.";
        position_closed_error: "The position is closed; reopen it first.", "Stillingen er lukket; gjenåpne den først.";
        profile: "Requirement profile", "Kravprofil";
        profile_intro: "What the position needs, with weights, minimums for must-haves and what each score looks like in this job.", "Hva stillingen krever, med vekt, minstekrav for absolutte krav og hvordan hver poengsum ser ut i denne jobben.";
        no_criteria: "No criteria yet. Add the first one.", "Ingen kriterier ennå. Legg til det første.";
        new_criterion: "Add criterion", "Legg til kriterium";
        edit_criterion: "Edit criterion", "Rediger kriterium";
        criterion: "Criterion", "Kriterium";
        name: "Name", "Navn";
        weight: "Weight", "Vekt";
        weight_hint: "How much this criterion counts, relative to the others (for example 1, 2 or 1.5).", "Hvor mye kriteriet teller, sammenlignet med de andre (for eksempel 1, 2 eller 1,5).";
        weight_invalid: "Enter a weight greater than 0 and at most 100.", "Skriv inn en vekt større enn 0 og høyst 100.";
        must_have: "Must-have", "Absolutt krav";
        must_have_label: "This is a must-have: a candidate under the minimum cannot be hired.", "Dette er et absolutt krav: en kandidat under minstekravet kan ikke ansettes.";
        minimum: "Minimum score", "Minstekrav";
        minimum_hint: "Required for a must-have: the lowest panel mean that is good enough (1–5).", "Påkrevd for et absolutt krav: det laveste panelsnittet som er godt nok (1–5).";
        minimum_invalid: "Choose a minimum score from 1 to 5.", "Velg et minstekrav fra 1 til 5.";
        none: "None", "Ingen";
        anchors: "Behavioural anchors", "Atferdsankre";
        anchors_hint: "What a 1, 2, 3, 4 and 5 look like in this job. Required for a must-have.", "Hvordan en 1-er, 2-er, 3-er, 4-er og 5-er ser ut i denne jobben. Påkrevd for et absolutt krav.";
        anchor_level: "Score {n}", "Poeng {n}";
        anchor_required: "A must-have needs an anchor for this score.", "Et absolutt krav trenger et anker for denne poengsummen.";
        name_taken: "This position already has a criterion with this name.", "Stillingen har allerede et kriterium med dette navnet.";
        add: "Add criterion", "Legg til kriterium";
        delete: "Delete", "Slett";
        move_up: "Move up", "Flytt opp";
        move_down: "Move down", "Flytt ned";
        criterion_added: "Criterion {name} added.", "Kriteriet {name} er lagt til.";
        criterion_in_use: "Rounds already ask questions about this criterion, so it cannot be deleted. Rename it or lower its weight instead.", "Kriteriet er allerede brukt i spørsmål i en intervjurunde, så det kan ikke slettes. Gi det heller et nytt navn eller lavere vekt.";
        criterion_deleted: "Criterion {name} deleted.", "Kriteriet {name} er slettet.";
        anchors_missing: "anchors missing", "mangler ankre";
        min_short: "min. {n}", "min. {n}";
        candidate: "Candidate", "Kandidat";
        email: "Email", "E-post";
        rounds: "Rounds", "Runder";
        no_candidates: "No candidates yet. Add them by hand or import a CSV file.", "Ingen kandidater ennå. Legg dem til for hånd eller importer en CSV-fil.";
        add_candidate: "Add candidate", "Legg til kandidat";
        import_candidates: "Import CSV", "Importer CSV";
        plan_round: "Plan a round", "Planlegg runde";
        round_n: "Round {n}", "Runde {n}";
        not_planned: "Not planned", "Ikke planlagt";
        back_to_positions: "All positions", "Alle stillinger";
        actions: "Actions", "Handlinger";
        compare: "Compare candidates", "Sammenlign kandidater";
        what_predicted: "What predicted", "Hva som traff";
    }
}

impl PositionText {
    pub fn status(&self, status: &PositionStatus) -> &'static str {
        match status {
            PositionStatus::Open => self.status_open,
            PositionStatus::Closed => self.status_closed,
        }
    }
}
