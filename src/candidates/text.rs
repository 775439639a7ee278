//! Texts of the candidate pages and the CSV import.

use crate::candidates::status::CandidateStatus;

crate::texts! {
    CandidateText {
        candidate: "Candidate", "Kandidat";
        new_candidate: "Add candidate", "Legg til kandidat";
        edit_candidate: "Edit candidate", "Rediger kandidat";
        create: "Add candidate", "Legg til kandidat";
        name: "Name", "Navn";
        email: "Email", "E-post";
        email_invalid: "Enter a valid email address, or leave it empty.", "Skriv inn en gyldig e-postadresse, eller la feltet stå tomt.";
        email_taken: "This position already has a candidate with this email.", "Stillingen har allerede en kandidat med denne e-postadressen.";
        phone: "Phone", "Telefon";
        source: "Source", "Kilde";
        source_hint: "Where the candidate came from: an advertisement, a referral, a recruiter.", "Hvor kandidaten kom fra: en annonse, en anbefaling, et rekrutteringsbyrå.";
        first_round_summary: "First-round summary", "Oppsummering av førstegangsintervjuet";
        open_questions: "Open questions from the first interview", "Åpne spørsmål fra førstegangsintervjuet";
        open_questions_hint: "One question per line. They open the second interview.", "Ett spørsmål per linje. De innleder annengangsintervjuet.";
        no_summary: "No summary recorded.", "Ingen oppsummering registrert.";
        no_open_questions: "No open questions.", "Ingen åpne spørsmål.";
        contact: "Contact", "Kontakt";
        status: "Status", "Status";
        status_shortlisted: "Shortlisted", "På kortlisten";
        status_in_second_round: "In second round", "I andre runde";
        status_offer: "Offer", "Tilbud";
        status_hired: "Hired", "Ansatt";
        status_rejected: "Rejected", "Avvist";
        status_withdrawn: "Withdrawn", "Trukket seg";
        change_status: "Change status", "Endre status";
        status_invalid: "Choose one of the statuses.", "Velg en av statusene.";
        status_by_decision: "An offer or a hire is set by recording the decision, which checks that no doubt is open.", "Tilbud og ansettelse settes ved å registrere beslutningen, som sjekker at ingen tvil er åpen.";
        status_decided: "The candidate has a final decision (hire or no hire): the status follows it until the hiring manager reopens the decision on the candidate's page. Nothing was changed.", "Kandidaten har en endelig beslutning (ansett eller ikke ansett): statusen følger den til ansettende leder gjenåpner beslutningen på kandidatens side. Ingenting ble endret.";
        status_follows_decision: "The status follows the final decision below.", "Statusen følger den endelige beslutningen nedenfor.";
        debrief: "Debrief", "Oppsummering";
        audit_log: "Audit log", "Revisjonslogg";
        status_changed: "Status changed to {status}.", "Status endret til {status}.";
        status_unchanged: "The status was already {status}.", "Statusen var allerede {status}.";
        history: "Status history", "Statushistorikk";
        by: "by", "av";
        added: "Candidate {name} added.", "Kandidaten {name} er lagt til.";
        saved: "Changes saved.", "Endringene er lagret.";
        edit: "Edit", "Rediger";
        rounds: "Interview rounds", "Intervjurunder";
        no_rounds: "No round planned yet.", "Ingen runde planlagt ennå.";
        plan_round: "Plan the second interview", "Planlegg annengangsintervjuet";
        plan_extra: "Plan an extra interview", "Planlegg et ekstra intervju";
        round_n: "Round {n}", "Runde {n}";
        imported_one: "{n} candidate imported.", "{n} kandidat er importert.";
        err_more_one: "… and {n} more row with problems. Fix these first, then upload the file again to see the rest.", "… og {n} rad til med feil. Rett disse først, og last opp filen på nytt for å se resten.";
        err_field_count_one: "has {found} field, the header has {expected}.", "har {found} felt, overskriften har {expected}.";
        extra_round: "extra interview", "ekstra intervju";
        panel: "Panel", "Intervjupanel";
        no_panel: "No panel assigned.", "Ikke noe panel satt opp.";
        open_round: "Open round", "Åpne runden";
        position: "Position", "Stilling";
        import_title: "Import candidates", "Importer kandidater";
        import_intro: "Upload a CSV file (UTF-8, separated by commas or semicolons) with a header row. Columns: name, email, phone, source, first-round summary, open questions. Only name is required. If any row is wrong, nothing is imported and every wrong row is listed.", "Last opp en CSV-fil (UTF-8, skilt med komma eller semikolon) med en overskriftsrad. Kolonner: navn, e-post, telefon, kilde, oppsummering, åpne spørsmål. Bare navn er påkrevd. Har en rad feil, importeres ingenting, og alle rader med feil listes opp.";
        csv_example: "name;email;phone;source;first-round summary;open questions\nKari Nordmann;kari@example.no;+47 900 00 000;Finn.no;Strong on design;Why did you leave your last job?", "navn;e-post;telefon;kilde;oppsummering;åpne spørsmål\nKari Nordmann;kari@example.no;+47 900 00 000;Finn.no;Sterk på design;Hvorfor sluttet du i forrige jobb?";
        file: "CSV file", "CSV-fil";
        import: "Import", "Importer";
        import_failed: "Nothing was imported. Correct these rows and upload the file again:", "Ingenting ble importert. Rett disse radene og last opp filen på nytt:";
        imported: "{n} candidates imported.", "{n} kandidater er importert.";
        row: "Row {n}", "Rad {n}";
        err_no_file: "Choose a CSV file to upload.", "Velg en CSV-fil å laste opp.";
        err_unreadable: "The upload could not be read. Choose the file again and try once more.", "Opplastingen kunne ikke leses. Velg filen på nytt og prøv igjen.";
        err_not_utf8: "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.", "Filen er ikke UTF-8-tekst. Lagre den som «CSV UTF-8» og prøv igjen.";
        err_empty: "The file has no rows.", "Filen har ingen rader.";
        err_no_rows: "The file has a header row but no candidates.", "Filen har en overskriftsrad, men ingen kandidater.";
        err_no_name_column: "The header row has no name column (name or navn).", "Overskriftsraden mangler en navnekolonne (navn eller name).";
        err_duplicate_column: "The header row names the column {column} twice.", "Overskriftsraden har kolonnen {column} to ganger.";
        err_too_many_rows: "The file has more than {n} rows; split it up.", "Filen har mer enn {n} rader; del den opp.";
        err_malformed: "The file cannot be read as CSV: {reason}.", "Filen kan ikke leses som CSV: {reason}.";
        err_field_count: "has {found} fields, the header has {expected}.", "har {found} felter, overskriften har {expected}.";
        err_name_missing: "the name is missing.", "navnet mangler.";
        err_too_long: "the field “{field}” has {found} characters; at most {n} are allowed.", "feltet «{field}» har {found} tegn; høyst {n} er tillatt.";
        err_nul: "the field “{field}” holds a NUL character, which cannot be stored.", "feltet «{field}» inneholder et NUL-tegn, som ikke kan lagres.";
        err_email_invalid: "\"{email}\" is not a valid email address.", "«{email}» er ikke en gyldig e-postadresse.";
        err_email_in_file: "the email {email} is also on row {other}.", "e-postadressen {email} står også på rad {other}.";
        err_email_exists: "a candidate with the email {email} already exists for this position.", "en kandidat med e-postadressen {email} finnes allerede for denne stillingen.";
        err_more: "… and {n} more rows with problems. Fix these first, then upload the file again to see the rest.", "… og {n} rader til med feil. Rett disse først, og last opp filen på nytt for å se resten.";
        err_conflict: "Another import added some of these candidates at the same time. Upload the file again.", "En annen import la til noen av disse kandidatene samtidig. Last opp filen på nytt.";
    }
}

impl CandidateText {
    pub fn status(&self, status: &CandidateStatus) -> &'static str {
        match status {
            CandidateStatus::Shortlisted => self.status_shortlisted,
            CandidateStatus::InSecondRound => self.status_in_second_round,
            CandidateStatus::Offer => self.status_offer,
            CandidateStatus::Hired => self.status_hired,
            CandidateStatus::Rejected => self.status_rejected,
            CandidateStatus::Withdrawn => self.status_withdrawn,
        }
    }
}
