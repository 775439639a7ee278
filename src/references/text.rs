//! Texts of the reference checks.

crate::texts! {
    ReferenceText {
        title: "Reference checks: {name}", "Referansesjekker: {name}";
        section_title: "Reference checks", "Referansesjekker";
        none: "No reference check recorded yet.", "Ingen referansesjekk er registrert ennå.";
        record: "Record a reference check", "Registrer en referansesjekk";
        record_hint: "A conversation with a former manager or colleague, held with the candidate's consent. Facts, not impressions.", "En samtale med en tidligere leder eller kollega, med kandidatens samtykke. Fakta, ikke inntrykk.";
        referee_name: "Referee", "Referanseperson";
        relationship: "Relationship to the candidate (optional)", "Forhold til kandidaten (valgfritt)";
        relationship_hint: "For example: her manager at the previous employer, 2021–2024.", "For eksempel: nærmeste leder hos forrige arbeidsgiver, 2021–2024.";
        contact_method: "How the referee was reached", "Hvordan referansen ble kontaktet";
        by_phone: "Phone", "Telefon";
        by_video: "Video call", "Videosamtale";
        in_person: "In person", "Personlig møte";
        by_email: "Email", "E-post";
        consent: "The candidate consented to our contacting this referee", "Kandidaten har samtykket til at vi kontakter denne referansen";
        consent_required: "Record a reference check only with the candidate's consent to contact the referee.", "Registrer bare en referansesjekk når kandidaten har samtykket til at referansen kontaktes.";
        checked_on: "Date of the conversation", "Dato for samtalen";
        date_in_future: "The date cannot be in the future.", "Datoen kan ikke være fram i tid.";
        date_invalid: "Enter the date as YYYY-MM-DD.", "Skriv datoen som ÅÅÅÅ-MM-DD.";
        questions_answers: "Questions asked, with the answers (optional)", "Spørsmål som ble stilt, med svarene (valgfritt)";
        summary: "Summary", "Oppsummering";
        concerns: "Concerns raised (optional)", "Bekymringer som kom fram (valgfritt)";
        concerns_hint: "A concern is raised as a doubt about the candidate, to be settled with facts.", "En bekymring meldes som tvil om kandidaten, som må avklares med fakta.";
        max_chars: "Up to {n} characters.", "Inntil {n} tegn.";
        too_long: "Use at most {n} characters.", "Bruk høyst {n} tegn.";
        choose_contact_method: "Choose how the referee was reached.", "Velg hvordan referansen ble kontaktet.";
        settles: "This reference check settles:", "Denne referansesjekken avklarer:";
        settles_hint: "Tick the open doubts this conversation settles with facts.", "Kryss av for tvil som samtalen avklarer med fakta.";
        submit: "Record the reference check", "Registrer referansesjekken";
        recorded: "Reference check recorded.", "Referansesjekken er registrert.";
        recorded_with_concern: "Reference check recorded. Its concerns were raised as a doubt.", "Referansesjekken er registrert. Bekymringene er meldt som tvil.";
        already_recorded: "This reference check was already recorded.", "Denne referansesjekken var allerede registrert.";
        settles_stale: "A doubt you ticked has meanwhile been settled or is not this candidate's. Check the list and send again.", "Noe av tvilen du krysset av for, er avklart i mellomtiden eller gjelder ikke denne kandidaten. Sjekk listen og send på nytt.";
        settled_meanwhile: "A doubt you ticked was settled or confirmed by someone else meanwhile, so this reference check was not recorded. That doubt is no longer listed; send the form again.", "Tvil du krysset av for, ble avklart eller bekreftet av noen andre i mellomtiden, så referansesjekken ble ikke registrert. Den tvilen står ikke lenger på listen; send skjemaet på nytt.";
        recorded_by: "Recorded by {name}", "Registrert av {name}";
        concerns_label: "Concerns", "Bekymringer";
        questions_label: "Questions and answers", "Spørsmål og svar";
        consent_given: "consent given", "samtykke gitt";
        back: "Back to the candidate", "Tilbake til kandidaten";
    }
}
