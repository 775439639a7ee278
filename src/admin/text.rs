//! Texts of the administration pages.

crate::texts! {
    AdminText {
        users_title: "Users", "Brukere";
        users_intro: "Everyone who can sign in, with their role. Disabled accounts are signed out at once and keep their history.", "Alle som kan logge inn, med rolle. Deaktiverte kontoer logges ut med en gang og beholder historikken sin.";
        new_user: "New user", "Ny bruker";
        create_user: "Create user", "Opprett bruker";
        name: "Name", "Navn";
        email: "Email", "E-post";
        role: "Role", "Rolle";
        language: "Language", "Språk";
        status: "Status", "Status";
        created: "Created", "Opprettet";
        actions: "Actions", "Handlinger";
        active: "Active", "Aktiv";
        disabled: "Disabled", "Deaktivert";
        disable: "Disable", "Deaktiver";
        enable: "Enable", "Aktiver";
        you: "you", "deg";
        password: "Initial password", "Startpassord";
        password_hint: "At least 12 characters. Give it to the user by a separate channel.", "Minst 12 tegn. Gi det til brukeren på en annen kanal.";
        password_too_short: "Use at least 12 characters.", "Bruk minst 12 tegn.";
        email_taken: "A user with this email already exists.", "Det finnes allerede en bruker med denne e-postadressen.";
        role_invalid: "Choose one of the roles.", "Velg en av rollene.";
        user_created: "User {email} created.", "Brukeren {email} er opprettet.";
        user_disabled: "{name} is disabled and signed out.", "{name} er deaktivert og logget ut.";
        user_enabled: "{name} can sign in again.", "{name} kan logge inn igjen.";
        cannot_disable_self: "You cannot disable your own account.", "Du kan ikke deaktivere din egen konto.";
        lang_nb: "Norwegian (bokmål)", "Norsk (bokmål)";
        lang_en: "English", "Engelsk";
        tokens_title: "API tokens", "API-nøkler";
        tokens_intro: "Tokens let other systems use the API at /api/v1 (see /api/v1/openapi.json). A read token reads positions, shortlists and decisions; a write token can also import candidates.", "Nøkler gir andre systemer tilgang til API-et på /api/v1 (se /api/v1/openapi.json). En lesenøkkel leser stillinger, kortlister og beslutninger; en skrivenøkkel kan også importere kandidater.";
        new_token: "New token", "Ny nøkkel";
        create_token: "Create token", "Opprett nøkkel";
        token_name: "Name", "Navn";
        token_name_hint: "What uses the token, e.g. \"HR system\".", "Hva som bruker nøkkelen, f.eks. «HR-system».";
        token_scope: "Scope", "Tilgang";
        scope_read: "Read", "Lese";
        scope_write: "Read and write", "Lese og skrive";
        scope_invalid: "Choose read or write.", "Velg lese eller skrive.";
        token_created: "The token is created.", "Nøkkelen er opprettet.";
        token_shown_once: "Copy it now: it is shown only this once and cannot be recovered.", "Kopier den nå: den vises bare denne ene gangen og kan ikke hentes fram igjen.";
        token_already_created: "This form already created its token, and its secret was shown then. If it was not copied, revoke that token and create a new one.", "Dette skjemaet har allerede opprettet nøkkelen sin, og den ble vist da. Hvis den ikke ble kopiert, trekker du den tilbake og oppretter en ny.";
        token_starts_with: "Starts with", "Begynner med";
        token_last_used: "Last used", "Sist brukt";
        token_revoked_tag: "Revoked", "Trukket tilbake";
        token_revoked: "The token is revoked; requests with it are refused from now on.", "Nøkkelen er trukket tilbake; forespørsler med den avvises fra nå av.";
        revoke: "Revoke", "Trekk tilbake";
        no_tokens: "No tokens yet.", "Ingen nøkler ennå.";
        retention_title: "Data retention", "Lagringstid";
        retention_intro: "Candidates of a position closed longer ago than this are anonymised every day: names, contact details and all free text are removed; scores, flags and decisions stay for statistics.", "Hver dag anonymiseres kandidatene til stillinger som ble lukket for lenger siden enn dette: navn, kontaktinformasjon og all fritekst slettes; poeng, flagg og beslutninger beholdes for statistikk.";
        retention_months: "Months after a position closes", "Måneder etter at en stilling er lukket";
        retention_invalid: "Use a whole number of months from 1 to 120.", "Bruk et helt antall måneder fra 1 til 120.";
        retention_saved: "The retention is saved.", "Lagringstiden er lagret.";
        probation_title: "Probation period", "Prøvetid";
        probation_intro: "A hire's first follow-up falls due at the end of the probation period, the second after 12 months.", "Den første oppfølgingen av en ansatt forfaller ved slutten av prøvetiden, den andre etter 12 måneder.";
        probation_months: "Months of probation", "Måneder med prøvetid";
        probation_invalid: "Use a whole number of months from 1 to 12.", "Bruk et helt antall måneder fra 1 til 12.";
        probation_saved: "The probation period is saved.", "Prøvetiden er lagret.";
    }
}
