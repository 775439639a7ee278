//! Texts of the mails and of the mail pages (outbox, settings).

crate::texts! {
    MailText {
        // The mails.
        greeting: "Hello {name},", "Hei {name},";
        footer: "You get this mail because you take part in a hiring process in Secondround. Turn reminders and digests off under Settings.", "Du får denne e-posten fordi du er med i en ansettelsesprosess i Secondround. Slå av påminnelser og sammendrag under Innstillinger.";
        line_candidate: "Candidate", "Kandidat";
        line_position: "Position", "Stilling";
        line_time: "Time", "Tid";
        line_duration: "Duration", "Varighet";
        line_place: "Place", "Sted";
        line_role: "Your role", "Din rolle";
        line_lead: "You lead", "Du leder";
        line_missing: "Still to answer", "Gjenstår";
        line_reminder: "Reminder", "Påminnelse";
        line_open_since: "Open since", "Åpen siden";
        minutes: "{n} minutes", "{n} minutter";
        place_not_set: "not set yet", "ikke satt ennå";
        questions_missing: "{n} questions and your recommendation", "{n} spørsmål og din anbefaling";
        recommendation_missing: "your recommendation", "din anbefaling";
        reminder_count: "{n} of {max}", "{n} av {max}";
        invite_subject: "Interview: {candidate} for {position}, {when}", "Intervju: {candidate} til {position}, {when}";
        invite_intro: "You are on the panel for the second interview with {candidate} for {position}. Prepare by reading the requirement profile; rate each answer on your own during the interview.", "Du er med i panelet på andregangsintervjuet med {candidate} til {position}. Forbered deg ved å lese kravprofilen; vurder hvert svar selvstendig under intervjuet.";
        update_subject: "Changed: interview with {candidate}, {when}", "Endret: intervju med {candidate}, {when}";
        update_intro: "The second interview with {candidate} for {position} has changed. Your calendar entry is updated.", "Andregangsintervjuet med {candidate} til {position} er endret. Kalenderoppføringen din er oppdatert.";
        cancel_subject: "Cancelled: interview with {candidate}", "Avlyst: intervju med {candidate}";
        cancel_removed_intro: "You are no longer on the panel for the interview with {candidate} for {position}. The calendar entry is removed.", "Du er ikke lenger med i panelet på intervjuet med {candidate} til {position}. Kalenderoppføringen er fjernet.";
        cancel_round_intro: "The interview with {candidate} for {position} is cancelled. The calendar entry is removed.", "Intervjuet med {candidate} til {position} er avlyst. Kalenderoppføringen er fjernet.";
        open_round: "Open the round", "Åpne runden";
        reminder_subject: "Reminder: your ratings of {candidate} are missing", "Påminnelse: vurderingene dine av {candidate} mangler";
        reminder_intro: "The interview with {candidate} for {position} ended {when}. Your ratings are not submitted yet, and the panel's debrief waits for them.", "Intervjuet med {candidate} til {position} ble avsluttet {when}. Vurderingene dine er ikke sendt inn ennå, og panelets oppsummering venter på dem.";
        open_walk: "Continue your ratings", "Fortsett vurderingene";
        ready_subject: "Ready for the debrief: {candidate}", "Klar for oppsummering: {candidate}";
        ready_intro: "Everyone on the panel has submitted their ratings of {candidate} for {position}. The debrief shows where the panel agrees, where it differs and what is still in doubt.", "Alle i panelet har sendt inn vurderingene sine av {candidate} til {position}. Oppsummeringen viser hvor panelet er enig, hvor det spriker og hva som fortsatt er i tvil.";
        open_debrief: "Open the debrief", "Åpne oppsummeringen";
        digest_subject: "Doubts still open: {n}", "Tvil som fortsatt er åpen: {n}";
        digest_intro: "These candidates of yours have had a doubt open for more than {days} working days. If in doubt, don't hire: settle each doubt with facts — a reference, more information or one more interview — or decide no.", "Disse kandidatene dine har hatt tvil åpen i mer enn {days} arbeidsdager. Er du i tvil, ikke ansett: avklar hver tvil med fakta – en referanse, mer informasjon eller ett intervju til – eller si nei.";
        open_dashboard: "Open Secondround", "Åpne Secondround";
        doubt_raised_subject: "A doubt about {candidate}", "Tvil om {candidate}";
        doubt_raised_intro: "{who} raised a doubt about {candidate} for {position}. Settle it with facts before the decision.", "{who} meldte tvil om {candidate} til {position}. Avklar den med fakta før beslutningen.";
        doubt_settled_subject: "Doubt settled: {candidate}", "Tvil avklart: {candidate}";
        doubt_settled_intro: "The doubt you raised about {candidate} for {position} is settled.", "Tvilen du meldte om {candidate} til {position} er avklart.";
        open_candidate: "Open the candidate", "Åpne kandidaten";
        decision_subject: "Decision made: {candidate}", "Beslutning tatt: {candidate}";
        decision_intro: "The hiring manager has decided on {candidate} for {position}. Thank you for your part in the panel.", "Ansvarlig leder har tatt en beslutning om {candidate} til {position}. Takk for innsatsen i panelet.";
        follow_up_subject: "Time to follow up {candidate}", "Tid for å følge opp {candidate}";
        follow_up_intro: "{candidate} was hired for {position}. The follow-up {milestone} is due: rate the person on the position's criteria, so the interviews can be set against how hires go.", "{candidate} ble ansatt som {position}. Oppfølgingen {milestone} er nå. Vurder personen på stillingens kriterier, så intervjuene kan settes opp mot hvordan ansettelsene går.";
        follow_up_probation: "at the end of probation", "ved slutten av prøvetiden";
        follow_up_twelve_months: "after 12 months", "etter 12 måneder";
        open_follow_up: "Write the follow-up", "Skriv oppfølgingen";
        // The outbox page.
        outbox_title: "Outbox", "Utboks";
        outbox_intro: "Every mail Secondround writes, newest first: invitations, reminders and notices. A mail that could not be delivered is kept with the reason and can be sent again.", "All e-post Secondround skriver, nyeste først: invitasjoner, påminnelser og varsler. En e-post som ikke kom fram, beholdes med årsaken og kan sendes på nytt.";
        outbox_not_configured: "No mail server is configured (SECONDROUND_SMTP_URL), so nothing is sent: this is what would have been.", "Ingen e-posttjener er satt opp (SECONDROUND_SMTP_URL), så ingenting sendes: dette er det som ville blitt sendt.";
        outbox_empty: "No mail yet.", "Ingen e-post ennå.";
        outbox_filter: "Show", "Vis";
        filter_all: "All", "Alle";
        state_pending: "Waiting", "Venter";
        state_sent: "Sent", "Sendt";
        state_failed: "Failed", "Feilet";
        col_created: "Written", "Skrevet";
        col_recipient: "To", "Til";
        col_subject: "Subject", "Emne";
        col_state: "State", "Status";
        col_attempts: "Attempts", "Forsøk";
        col_error: "Last error", "Siste feil";
        next_attempt: "next try {when}", "neste forsøk {when}";
        retry: "Send again", "Send på nytt";
        retried: "The mail to {to} is queued again.", "E-posten til {to} står i kø igjen.";
        not_failed: "Only a failed mail can be sent again.", "Bare e-post som feilet, kan sendes på nytt.";
        intervals_title: "Reminder intervals", "Intervaller for påminnelser";
        reminder_after_hours: "First reminder, hours after the interview ends", "Første påminnelse, timer etter at intervjuet slutter";
        reminder_max: "Reminders at most (one per working day)", "Høyst antall påminnelser (én per arbeidsdag)";
        digest_after_days: "Digest of doubts open longer than, working days", "Sammendrag av tvil åpen lenger enn, arbeidsdager";
        intervals_saved: "The intervals are saved.", "Intervallene er lagret.";
        whole_number_between: "Write a whole number from {min} to {max}.", "Skriv et helt tall fra {min} til {max}.";
        // The settings page.
        settings_title: "Settings", "Innstillinger";
        settings_intro: "Which mails you get. Invitations and changes to your interviews always come.", "Hvilken e-post du får. Invitasjoner og endringer i intervjuene dine kommer alltid.";
        setting_reminders: "Remind me when my ratings are missing after an interview", "Minn meg på det når vurderingene mine mangler etter et intervju";
        setting_digests: "Send me a daily digest of my candidates' open doubts", "Send meg et daglig sammendrag av åpen tvil om kandidatene mine";
        settings_saved: "Your settings are saved.", "Innstillingene dine er lagret.";
    }
}
