//! Texts of the debrief, the flags and the decision.

use crate::scoring::flags::Outcome;

crate::texts! {
    DecisionText {
        decision: "Decision", "Beslutning";
        decide: "Record the decision", "Registrer beslutningen";
        earlier_retrospectives: "Before you decide: earlier hires on this position that the follow-up did not bear out, with what was known at their decision.", "Før du bestemmer deg: tidligere ansettelser i denne stillingen som oppfølgingen ikke bekreftet, med det man visste ved beslutningen.";
        decision_page_title: "Decision on {name}", "Beslutning om {name}";
        outcome: "Decision", "Beslutning";
        outcome_hire: "Hire", "Ansett";
        outcome_no_hire: "No hire", "Ikke ansett";
        outcome_another_round: "Another round", "En runde til";
        outcome_on_hold: "On hold", "Satt på vent";
        choose_outcome: "Choose a decision.", "Velg en beslutning.";
        rationale: "Rationale", "Begrunnelse for beslutningen";
        rationale_hint: "Why this decision, on the facts. Up to 4,000 characters.", "Hvorfor denne beslutningen, ut fra fakta. Inntil 4\u{a0}000 tegn.";
        rationale_too_long: "Use at most 4,000 characters.", "Bruk høyst 4\u{a0}000 tegn.";
        blockers_heading: "Hire is blocked", "Ansettelse er sperret";
        blockers_intro: "In doubt, don't hire. These must be settled with facts before a hire can be recorded:", "Er du i tvil, ansetter du ikke. Dette må avklares med fakta før en ansettelse kan registreres:";
        hire_refused: "Hire was refused: settle what is listed under \"Hire is blocked\" first. Nothing was stored.", "Ansettelsen ble ikke registrert: avklar først det som står under «Ansettelse er sperret». Ingenting ble lagret.";
        warnings_heading: "Warnings to acknowledge", "Advarsler som må bekreftes";
        warnings_intro: "A hire needs each warning acknowledged, with the reason in the rationale.", "En ansettelse krever at hver advarsel er bekreftet og omtalt i begrunnelsen.";
        acknowledge: "I have read this and address it in the rationale", "Jeg har lest dette og omtaler det i begrunnelsen";
        unacknowledged: "Acknowledge every warning before hiring.", "Bekreft hver advarsel før du ansetter.";
        clear: "No blockers and no warnings: the panel's picture is complete.", "Ingen sperrer og ingen advarsler: panelets bilde er komplett.";
        fix_it: "Go to it", "Gå dit";
        settle_doubt: "Settle or confirm", "Avklar eller bekreft";
        recorded: "Decision recorded: {outcome}.", "Beslutningen er registrert: {outcome}.";
        recorded_another_round: "Decision recorded: another round. Plan it here.", "Beslutningen er registrert: en runde til. Planlegg den her.";
        already_recorded: "This decision was already recorded.", "Denne beslutningen var allerede registrert.";
        history: "Decisions so far", "Beslutninger så langt";
        no_decision: "No decision recorded yet.", "Ingen beslutning registrert ennå.";
        decided_by: "by {name}, {when}", "av {name}, {when}";
        only_manager: "The position's hiring manager records the decision.", "Stillingens ansettende leder registrerer beslutningen.";
        decided_heading: "Decided", "Besluttet";
        decided_final: "A hire or a no hire is final: the candidate takes no new decision and no new round until the decision is reopened.", "Ansett og ikke ansett er endelige beslutninger: kandidaten får ingen ny beslutning og ingen ny runde før beslutningen er gjenåpnet.";
        decided_refused: "The decision already stands: {decided}. Reopen it first if it no longer holds. Nothing was stored.", "Beslutningen står allerede: {decided}. Gjenåpne den først hvis den ikke lenger gjelder. Ingenting ble lagret.";
        reopen_heading: "Reopen the decision", "Gjenåpne beslutningen";
        reopen_reason: "Why it is reopened", "Hvorfor den gjenåpnes";
        reopen_hint: "For example: the offer was declined, or the hire was withdrawn. Up to 1,000 characters, kept in the audit log.", "For eksempel: tilbudet ble avslått, eller ansettelsen ble trukket tilbake. Inntil 1\u{a0}000 tegn, lagres i revisjonsloggen.";
        reopen_too_long: "Use at most 1,000 characters.", "Bruk høyst 1\u{a0}000 tegn.";
        reopen_submit: "Reopen the decision", "Gjenåpne beslutningen";
        reopen_done: "Decision reopened: the candidate is {status} again, and a new decision or round can be recorded.", "Beslutningen er gjenåpnet: kandidaten har status {status} igjen, og en ny beslutning eller runde kan registreres.";
        nothing_to_reopen: "No final decision stands for this candidate, so there is nothing to reopen. Nothing was changed.", "Det står ingen endelig beslutning for denne kandidaten, så det er ingenting å gjenåpne. Ingenting ble endret.";
        only_manager_reopens: "Only the position's hiring manager or an administrator can reopen it.", "Bare stillingens ansettende leder eller en administrator kan gjenåpne den.";
        reopened: "Reopened", "Gjenåpnet";
        flag_no_interview: "No second interview has been held yet.", "Det er ikke holdt noe annengangsintervju ennå.";
        flag_open_doubt: "Open doubt: {what}", "Åpen tvil: {what}";
        flag_confirmed_doubt: "Confirmed doubt: {what}", "Bekreftet tvil: {what}";
        flag_not_submitted: "{name} has not submitted their ratings.", "{name} har ikke levert vurderingene sine.";
        flag_below_minimum: "Must-have {criterion}: the panel's mean {mean} is under the minimum {minimum}.", "Absolutt krav {criterion}: panelets snitt {mean} er under minimum {minimum}.";
        flag_must_have_unrated: "Must-have {criterion}: nobody has rated it.", "Absolutt krav {criterion}: ingen har vurdert det.";
        flag_disagreement: "The panel disagrees on {criterion}: the means differ by {spread}.", "Panelet er uenig om {criterion}: snittene spriker med {spread}.";
        flag_extreme_without_note: "{name} gave {criterion} a {score} without an evidence note.", "{name} ga {criterion} en {score}-er uten observasjon.";
        flag_criterion_unrated: "Nobody rated {criterion}.", "Ingen har vurdert {criterion}.";
        flag_no_expert: "No subject-matter expert sat on the panel.", "Intervjupanelet hadde ingen fagperson.";
        flag_no_reference_check: "No reference check has been recorded.", "Ingen referansesjekk er registrert.";
        no_criterion: "a question without a criterion", "et spørsmål uten kriterium";
        blocker: "Blocker", "Sperre";
        warning: "Warning", "Advarsel";
        debrief: "Debrief", "Oppsummering";
        debrief_title: "Debrief · {name} · round {n}", "Oppsummering · {name} · runde {n}";
        matrix_heading: "Panel × criterion", "Panel × kriterium";
        matrix_caption: "Each member's mean per criterion, how many members rated it (n), the panel's mean, range and spread. Not assessed does not count.", "Hver deltakers snitt per kriterium, hvor mange deltakere som vurderte det (n), panelets snitt, spenn og sprik. «Ikke vurdert» teller ikke.";
        rated_by: "n", "n";
        rated_by_title: "Members who rated it", "Deltakere som vurderte det";
        criterion: "Criterion", "Kriterium";
        weight: "Weight", "Vekt";
        panel_mean: "Panel mean", "Panelets snitt";
        range: "Min–max", "Min–maks";
        spread: "Spread", "Sprik";
        must_have: "Must-have", "Absolutt krav";
        minimum: "minimum {n}", "minimum {n}";
        must_met: "met", "oppfylt";
        must_below: "under minimum", "under minimum";
        must_unrated: "not rated", "ikke vurdert";
        disagreement: "disagreement", "uenighet";
        weighted_total: "Weighted total", "Vektet total";
        coverage: "covers {share} of the profile's weight", "dekker {share} av kravprofilens vekt";
        no_total: "No criterion rated yet.", "Ingen kriterier er vurdert ennå.";
        notes: "Evidence notes", "Observasjoner";
        no_notes: "No evidence notes.", "Ingen observasjoner.";
        not_assessed: "not assessed", "ikke vurdert";
        conversation_only: "conversation only", "bare samtale";
        chart_heading: "Criterion means", "Snitt per kriterium";
        chart_alt: "Bar chart of the panel's mean per criterion on the 1–5 scale, with each criterion's lowest and highest member mean as whiskers and must-have minimums marked.", "Stolpediagram over panelets snitt per kriterium på skalaen 1–5, med laveste og høyeste deltakersnitt som streker og minimum for absolutte krav markert.";
        chart_minimum: "minimum", "minimum";
        recommendations: "Recommendations", "Anbefalinger";
        no_recommendations: "No recommendations yet.", "Ingen anbefalinger ennå.";
        not_submitted_yet: "not submitted yet", "ikke levert ennå";
        test_results: "Test results", "Testresultater";
        no_test_results: "No test results recorded.", "Ingen testresultater registrert.";
        doubts: "Doubts", "Tvil";
        no_doubts: "No doubts raised.", "Ingen tvil er meldt.";
        doubt_open: "open", "åpen";
        doubt_resolved: "settled with facts", "avklart med fakta";
        doubt_confirmed: "confirmed", "bekreftet";
        references: "Reference checks", "Referansesjekker";
        no_references: "No reference checks recorded.", "Ingen referansesjekker registrert.";
        record_reference: "Record a reference check", "Registrer en referansesjekk";
        flags_heading: "Flags", "Flagg";
        no_flags: "No flags.", "Ingen flagg.";
        back_to_candidate: "Back to the candidate", "Tilbake til kandidaten";
    }
}

impl DecisionText {
    pub fn outcome(&self, outcome: &Outcome) -> &'static str {
        match outcome {
            Outcome::Hire => self.outcome_hire,
            Outcome::NoHire => self.outcome_no_hire,
            Outcome::AnotherRound => self.outcome_another_round,
            Outcome::OnHold => self.outcome_on_hold,
        }
    }

    pub fn doubt_status(&self, status: &crate::doubts::model::Status) -> &'static str {
        use crate::doubts::model::Status;
        match status {
            Status::Open => self.doubt_open,
            Status::Confirmed => self.doubt_confirmed,
            Status::Resolved => self.doubt_resolved,
        }
    }
}
