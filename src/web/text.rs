//! Strings shared by every page: layout, navigation, errors.

crate::texts! {
    /// Texts of the base layout and the error pages.
    CommonText {
        app_name: "Secondround", "Secondround";
        tagline: "Structured second-round interviews", "Strukturerte annengangsintervjuer";
        skip_to_content: "Skip to content", "Hopp til innhold";
        nav_label: "Main navigation", "Hovedmeny";
        nav_dashboard: "Dashboard", "Oversikt";
        nav_positions: "Positions", "Stillinger";
        nav_users: "Users", "Brukere";
        nav_templates: "Interview guides", "Intervjuguider";
        nav_audit: "Audit log", "Revisjonslogg";
        nav_api_tokens: "API tokens", "API-nøkler";
        nav_retention: "Retention", "Lagringstid";
        nav_outbox: "Outbox", "Utboks";
        nav_interviewers: "Interviewers", "Intervjuere";
        nav_settings: "Settings", "Innstillinger";
        special_categories: "Do not record health, religion, union membership or other special categories of personal data.", "Ikke skriv inn opplysninger om helse, religion, fagforeningsmedlemskap eller andre særlige kategorier av personopplysninger.";
        signed_in_as: "Signed in as", "Innlogget som";
        sign_out: "Sign out", "Logg ut";
        sign_out_unsaved_one: "{n} rating on this tablet is not saved yet. Sign out and discard it? Choose Cancel to stay signed in until it is saved.", "{n} vurdering på dette nettbrettet er ikke lagret ennå. Vil du logge ut og forkaste den? Velg Avbryt for å være innlogget til den er lagret.";
        sign_out_unsaved: "{n} ratings on this tablet are not saved yet. Sign out and discard them? Choose Cancel to stay signed in until they are saved.", "{n} vurderinger på dette nettbrettet er ikke lagret ennå. Vil du logge ut og forkaste dem? Velg Avbryt for å være innlogget til de er lagret.";
        language: "Language", "Språk";
        save: "Save", "Lagre";
        cancel: "Cancel", "Avbryt";
        form_has_errors: "Please correct the fields marked below.", "Rett opp feltene som er merket nedenfor.";
        field_required: "This field is required.", "Dette feltet må fylles ut.";
        name_too_long: "Use at most 200 characters.", "Bruk høyst 200 tegn.";
        up_to_chars: "Up to {n} characters.", "Inntil {n} tegn.";
        too_long_chars: "Use at most {n} characters.", "Bruk høyst {n} tegn.";
        error_not_found_title: "Page not found", "Fant ikke siden";
        error_not_found_body: "The page does not exist, or it was removed.", "Siden finnes ikke, eller den er fjernet.";
        error_forbidden_title: "Access denied", "Ingen tilgang";
        error_forbidden_body: "Your role does not give access to this page.", "Rollen din gir ikke tilgang til denne siden.";
        error_other_position_body: "This page belongs to a position another hiring manager is responsible for. Its hiring manager, HR or an administrator can open it.", "Denne siden hører til en stilling som en annen ansettende leder har ansvar for. Stillingens ansettende leder, HR eller en administrator kan åpne den.";
        error_csrf_body: "The form had expired or came from another site. Reload the page and try again; nothing was changed.", "Skjemaet var utløpt eller kom fra et annet nettsted. Last inn siden på nytt og prøv igjen; ingenting ble endret.";
        error_conflict_title: "Conflict", "Konflikt";
        error_invalid_title: "Invalid request", "Ugyldig forespørsel";
        error_invalid_body: "Something you sent could not be used: a value is missing, malformed, far too long or contains characters that are not allowed. Go back, check what you entered and try again.", "Noe du sendte, kunne ikke brukes: en verdi mangler, har feil format, er altfor lang eller inneholder tegn som ikke er tillatt. Gå tilbake, sjekk det du fylte inn, og prøv igjen.";
        error_internal_title: "Something went wrong", "Noe gikk galt";
        error_internal_body: "An unexpected error occurred. Nothing you entered is lost; please try again. If it happens again, give this reference to your administrator:", "Det oppstod en uventet feil. Det du har fylt inn, er ikke tapt; prøv igjen. Skjer det igjen, gi denne referansen til administratoren:";
        error_unavailable_title: "Briefly unavailable", "Midlertidig utilgjengelig";
        error_unavailable_body: "The service is briefly unavailable; nothing was lost. Try again in a moment.", "Tjenesten er midlertidig utilgjengelig; ingenting gikk tapt. Prøv igjen om et øyeblikk.";
        error_timeout_title: "The request took too long", "Forespørselen tok for lang tid";
        error_too_large_title: "The upload is too large", "Opplastingen er for stor";
        error_not_utf8_body: "The form held characters that cannot be read: its text was not sent as UTF-8. Nothing was saved. Go back, retype or paste the text again and send it.", "Skjemaet inneholdt tegn som ikke kan leses: teksten ble ikke sendt som UTF-8. Ingenting ble lagret. Gå tilbake, skriv eller lim inn teksten på nytt og send den.";
        request_id: "Reference", "Referanse";
        back_home: "Back to the dashboard", "Tilbake til oversikten";
    }
}
