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
    }
}
