//! Texts of the sign-in pages.

crate::texts! {
    AuthText {
        sign_in_title: "Sign in", "Logg inn";
        sign_in_intro: "Sign in to prepare and run second-round interviews and make the decision afterwards.", "Logg inn for å forberede og gjennomføre annengangsintervjuer og ta beslutningen etterpå.";
        email: "Email", "E-post";
        password: "Password", "Passord";
        sign_in: "Sign in", "Logg inn";
        wrong_credentials: "The email or password is wrong.", "E-postadressen eller passordet er feil.";
        account_disabled: "Your account is disabled. Ask an administrator if this is a mistake.", "Kontoen din er deaktivert. Kontakt en administrator hvis dette er feil.";
        throttled_one: "Too many failed sign-in attempts. Wait {minutes} minute and try again.", "For mange mislykkede innloggingsforsøk. Vent {minutes} minutt og prøv igjen.";
        throttled: "Too many failed sign-in attempts. Wait {minutes} minutes and try again.", "For mange mislykkede innloggingsforsøk. Vent {minutes} minutter og prøv igjen.";
        signed_out: "You are signed out.", "Du er logget ut.";
        session_expired: "Your session has expired. Please sign in again.", "Økten din er utløpt. Logg inn på nytt.";
        email_invalid: "Enter an email address such as kari@example.no.", "Skriv inn en e-postadresse, for eksempel kari@example.no.";
    }
}
