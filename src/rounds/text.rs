//! Texts of round planning, the round page and the calendar invitation.

use crate::domain::PanelRole;

crate::texts! {
    RoundText {
        plan_title: "Plan an interview round", "Planlegg en intervjurunde";
        plan_intro: "Choose the candidate, the time and place, the interview guide and the panel. The guide's questions are copied into the round now, so later changes to the guide do not change this interview.", "Velg kandidat, tid og sted, intervjuguide og panel. Spørsmålene i guiden kopieres inn i runden nå, så senere endringer i guiden endrer ikke dette intervjuet.";
        candidate: "Candidate", "Kandidat";
        candidate_invalid: "Choose a candidate of this position.", "Velg en kandidat til denne stillingen.";
        candidate_decided: "{name} has a final decision (status: {status}), so no new round can be planned. If it no longer holds (an offer declined, a hire withdrawn), the hiring manager reopens it on the candidate's page first.", "{name} har en endelig beslutning (status: {status}), så ingen ny runde kan planlegges. Gjelder den ikke lenger (tilbudet ble avslått, ansettelsen trukket tilbake), gjenåpner ansettende leder den først på kandidatens side.";
        no_candidates: "The position has no candidates yet. Add or import candidates first.", "Stillingen har ingen kandidater ennå. Legg til eller importer kandidater først.";
        date: "Date", "Dato";
        date_invalid: "Enter a date as YYYY-MM-DD.", "Skriv inn en dato som ÅÅÅÅ-MM-DD.";
        time: "Start time", "Starttid";
        time_invalid: "Enter a time as HH:MM.", "Skriv inn et klokkeslett som TT:MM.";
        time_missing: "This time does not exist on that day in this time zone (the clocks change). Choose another time.", "Dette klokkeslettet finnes ikke den dagen i denne tidssonen (klokken stilles). Velg et annet klokkeslett.";
        time_zone: "Time zone", "Tidssone";
        time_zone_invalid: "Choose a time zone from the list.", "Velg en tidssone fra listen.";
        duration: "Duration (minutes)", "Varighet (minutter)";
        duration_invalid: "Enter a duration from 15 to 600 minutes.", "Skriv inn en varighet fra 15 til 600 minutter.";
        location: "Place", "Sted";
        location_hint: "A meeting room, an address or a video link.", "Et møterom, en adresse eller en videolenke.";
        template: "Interview guide", "Intervjuguide";
        template_invalid: "Choose an interview guide.", "Velg en intervjuguide.";
        panel: "Panel", "Intervjupanel";
        panel_hint: "Give each panel member a role. Include a subject-matter expert who will work closely with the new hire.", "Gi hver paneldeltaker en rolle. Ta med en fagperson som skal jobbe tett med den som ansettes.";
        panel_empty: "Put at least one person on the panel.", "Sett minst én person i panelet.";
        panel_invalid: "Someone on the panel is no longer an active user.", "Noen i panelet er ikke lenger en aktiv bruker.";
        panel_twice: "The same person is on the panel twice; choose one role for them.", "Samme person står to ganger i panelet; velg én rolle for vedkommende.";
        not_on_panel: "Not on the panel", "Ikke i panelet";
        person: "Person", "Person";
        panel_role: "Panel role", "Rolle i panelet";
        role_hiring_manager: "Hiring manager", "Ansettende leder";
        role_subject_matter_expert: "Subject-matter expert", "Fagperson";
        role_hr: "HR", "HR";
        role_other: "Other panel member", "Annen paneldeltaker";
        plan: "Plan the round", "Planlegg runden";
        planned_one: "Round {n} for {name} is planned with {q} question.", "Runde {n} for {name} er planlagt med {q} spørsmål.";
        planned: "Round {n} for {name} is planned with {q} questions.", "Runde {n} for {name} er planlagt med {q} spørsmål.";
        change_round: "Change time, place or panel", "Endre tid, sted eller panel";
        change_title: "Change round {n} with {name}", "Endre runde {n} med {name}";
        change_intro: "Everyone concerned gets mail: a member added gets the invitation, a member removed a cancellation, the rest an update of their calendar entry when the time, place or their role changes.", "Alle det gjelder, får e-post: et nytt medlem får invitasjonen, et medlem som tas ut får en avlysning, og resten en oppdatert kalenderoppføring når tid, sted eller rollen deres endres.";
        save_change: "Save and tell the panel", "Lagre og gi beskjed til panelet";
        changed_flash: "The round is changed; {n} mails are on their way.", "Runden er endret; {n} e-poster er på vei.";
        unchanged_flash: "Nothing changed.", "Ingenting ble endret.";
        change_only_planned: "A round can be changed or cancelled only before anyone has rated in it.", "En runde kan bare endres eller avlyses før noen har vurdert i den.";
        cancel_heading: "Cancel the round", "Avlys runden";
        cancel_intro: "The round and its questions are removed, and everyone on the panel gets a cancellation of their calendar entry.", "Runden og spørsmålene fjernes, og alle i panelet får en avlysning av kalenderoppføringen sin.";
        cancel_confirm: "Yes, cancel the interview and tell the panel", "Ja, avlys intervjuet og gi beskjed til panelet";
        cancel_button: "Cancel the round", "Avlys runden";
        cancel_confirm_required: "Tick the box to confirm the cancellation.", "Kryss av for å bekrefte avlysningen.";
        cancelled_flash: "Round {n} with {name} is cancelled; the panel is told.", "Runde {n} med {name} er avlyst; panelet har fått beskjed.";
        cancel_settled_doubt: "This round settled a doubt, so it stays on record and cannot be cancelled.", "Denne runden ble brukt til å avklare tvil, så den blir stående og kan ikke avlyses.";
        no_expert_warning: "The panel has no subject-matter expert. A colleague who will work closely with the new hire should present a real problem from the job.", "Panelet har ingen fagperson. En kollega som skal jobbe tett med den som ansettes, bør legge fram et reelt problem fra jobben.";
        who_leads: "Who leads what", "Hvem leder hva";
        who_leads_hint: "A panel member must rate the sections their role leads and those everyone rates; the other sections are optional for them.", "En paneldeltaker må vurdere seksjonene som rollen leder, og dem som alle skal vurdere; de andre seksjonene er valgfrie.";
        everyone_leads: "Everyone rates every section.", "Alle vurderer alle seksjonene.";
        rest_everyone: "Everyone rates the rest.", "Alle vurderer resten.";
        round_title: "Round {n}: {name}", "Runde {n}: {name}";
        extra_interview: "Extra interview", "Ekstra intervju";
        second_interview: "Second interview", "Annengangsintervju";
        when: "When", "Tidspunkt";
        time_and_place: "Time and place", "Tid og sted";
        status: "Status", "Status";
        download_invite: "Calendar invitation (.ics)", "Kalenderinvitasjon (.ics)";
        open_debrief: "Open the debrief", "Åpne oppsummeringen";
        questions: "Questions in this round", "Spørsmål i denne runden";
        questions_intro: "A copy of the interview guide taken when the round was planned. Questions are linked to the position's criteria by name; link the rest by hand.", "En kopi av intervjuguiden, tatt da runden ble planlagt. Spørsmålene er koblet til stillingens kriterier etter navn; koble resten for hånd.";
        no_questions: "This round has no questions.", "Runden har ingen spørsmål.";
        criterion: "Criterion", "Kriterium";
        conversation_only: "Conversation only (not rated)", "Bare samtale (vurderes ikke)";
        unmatched: "Not linked to a criterion", "Ikke koblet til et kriterium";
        unmatched_count_one: "{n} question is not linked to a criterion.", "{n} spørsmål er ikke koblet til et kriterium.";
        unmatched_count: "{n} questions are not linked to a criterion.", "{n} spørsmål er ikke koblet til et kriterium.";
        choose_criterion: "Choose a criterion", "Velg et kriterium";
        link: "Link", "Koble";
        linked: "The question is linked to {name}.", "Spørsmålet er koblet til {name}.";
        criterion_invalid: "Choose one of the position's criteria.", "Velg et av stillingens kriterier.";
        round_started: "The round has started; its questions can no longer be changed.", "Runden har startet; spørsmålene kan ikke lenger endres.";
        edit: "Edit", "Rediger";
        back: "Back", "Tilbake";
        edit_question_title: "Edit the question", "Rediger spørsmålet";
        edit_question_intro: "Write the real case from the job into the question, or adjust its guidance, for this round only; the interview guide stays as it is. Every change is logged, and the questions are locked as soon as anyone on the panel has given a rating.", "Skriv det reelle caset fra jobben inn i spørsmålet, eller juster veiledningen, bare for denne runden; intervjuguiden forblir som den er. Alle endringer logges, og spørsmålene låses så snart noen i panelet har gitt en vurdering.";
        question_text: "Question", "Spørsmål";
        question_required: "Write the question.", "Skriv spørsmålet.";
        question_saved: "The question is saved.", "Spørsmålet er lagret.";
        questions_locked: "Rating has started in this round, so its questions can no longer be changed.", "Vurderingen har startet i denne runden, så spørsmålene kan ikke lenger endres.";
        questions_editable_note: "The hiring manager and the subject-matter expert can edit the questions until the first rating; then they are locked.", "Ansettende leder og fagpersonen kan redigere spørsmålene fram til den første vurderingen; da låses de.";
        questions_locked_note: "Rating has started: the questions are locked.", "Vurderingen har startet: spørsmålene er låst.";
        tests_intro: "Results of tests the candidate took outside the app: personality tests, ability tests and work samples. The panel sees them in the walk-through.", "Resultater av tester kandidaten har tatt utenfor appen: personlighetstester, evnetester og arbeidsprøver. Panelet ser dem under intervjuet.";
        not_scheduled: "The round has no time yet.", "Runden har ikke noe tidspunkt ennå.";
        carried_over: "Open questions from the first interview", "Åpne spørsmål fra førstegangsintervjuet";
        doubts_to_settle: "Doubts to settle", "Tvil som skal avklares";
        doubt_guidance: "Category: {category}. To be settled by: {method}. Ask for facts, not impressions.", "Kategori: {category}. Skal avklares ved: {method}. Spør etter fakta, ikke inntrykk.";
        invite_summary: "Second-round interview: {name} ({position})", "Annengangsintervju: {name} ({position})";
        invite_description: "Interview round {n} for {position}. Panel: {panel}.", "Intervjurunde {n} for {position}. Panel: {panel}.";
        guidance: "Guidance", "Veiledning";
    }
}

impl RoundText {
    pub fn panel_role(&self, role: &PanelRole) -> &'static str {
        match role {
            PanelRole::HiringManager => self.role_hiring_manager,
            PanelRole::SubjectMatterExpert => self.role_subject_matter_expert,
            PanelRole::Hr => self.role_hr,
            PanelRole::Other => self.role_other,
        }
    }
}
