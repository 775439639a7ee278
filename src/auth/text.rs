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
        passwords_off: "Signing in with a password is switched off here: use single sign-on.", "Innlogging med passord er slått av her: bruk felles innlogging.";
        sso_or: "or", "eller";
        sso_unavailable: "Single sign-on is unavailable right now: its provider cannot be reached. Try again in a minute.", "Felles innlogging er utilgjengelig akkurat nå: innloggingstjenesten svarer ikke. Prøv igjen om et minutt.";
        sso_state: "This sign-in did not start here, or it has been used already. Start again with the sign-on button.", "Denne innloggingen startet ikke her, eller den er brukt allerede. Start på nytt med knappen for felles innlogging.";
        sso_provider_error: "The sign-in provider did not sign you in. Start again with the sign-on button.", "Innloggingstjenesten logget deg ikke inn. Start på nytt med knappen for felles innlogging.";
        sso_exchange: "The sign-in provider refused this sign-in (it may have been used already). Start again with the sign-on button.", "Innloggingstjenesten avviste denne innloggingen (den kan være brukt allerede). Start på nytt med knappen for felles innlogging.";
        sso_token: "The sign-in provider's answer could not be verified, so you are not signed in. Start again, and tell an administrator if it happens again.", "Svaret fra innloggingstjenesten kunne ikke bekreftes, så du er ikke logget inn. Start på nytt, og si fra til en administrator hvis det skjer igjen.";
        sso_unverified: "Your sign-in provider has not verified your email address, so it cannot be matched with an account here.", "Innloggingstjenesten har ikke bekreftet e-postadressen din, så den kan ikke knyttes til en konto her.";
        sso_unknown: "There is no account for {email} here. Ask an administrator to create one.", "Det finnes ingen konto for {email} her. Be en administrator om å opprette en.";
        email_invalid: "Enter an email address such as kari@example.no.", "Skriv inn en e-postadresse, for eksempel kari@example.no.";
    }
}
