//! Texts for raising, listing, settling and confirming doubts.

crate::texts! {
    DoubtText {
        raise: "Raise a doubt", "Meld tvil";
        raise_hint: "A doubt is settled by facts, never by gut feeling. It is linked to the candidate at once.", "Tvil avklares med fakta, aldri med magefølelse. Den knyttes til kandidaten med en gang.";
        category: "Category", "Kategori";
        description: "What is the doubt?", "Hva er tvilen?";
        method: "How should it be settled?", "Hvordan bør den avklares?";
        submit: "Raise doubt", "Meld tvil";
        raised: "Doubt raised and linked to the candidate.", "Tvilen er meldt og knyttet til kandidaten.";
        choose_category: "Choose a category.", "Velg en kategori.";
        choose_method: "Choose how the doubt should be settled.", "Velg hvordan tvilen skal avklares.";
        too_long: "Use at most 4,000 characters.", "Bruk høyst 4\u{a0}000 tegn.";
        status_open: "Open", "Åpen";
        status_resolved: "Settled by facts", "Avklart med fakta";
        status_confirmed: "Confirmed doubt", "Bekreftet tvil";
        section_title: "Doubts about the candidate", "Tvil om kandidaten";
        no_doubts: "No doubt has been raised.", "Ingen tvil er meldt.";
        panelist_intro: "The doubts you raised, and how they were settled.", "Tvilen du har meldt, og hvordan den ble avklart.";
        raise_on_candidate_hint: "Not tied to a question. Choose how it will be settled; the next step opens at once.", "Ikke knyttet til et spørsmål. Velg hvordan den skal avklares; neste steg åpnes med en gang.";
        raised_by: "Raised by {name}, {date}", "Meldt av {name}, {date}";
        settled_by: "By {name}, {date}", "Av {name}, {date}";
        someone: "a deleted user", "en slettet bruker";
        question: "Question", "Spørsmål";
        round: "Round", "Runde";
        way: "To be settled by", "Avklares ved";
        raised_label: "Raised", "Meldt";
        round_n: "Round {n}", "Runde {n}";
        outside_rounds: "Raised on the candidate page, outside any round.", "Meldt på kandidatsiden, utenfor en intervjurunde.";
        settle_link: "Settle or confirm", "Avklar eller bekreft";
        follow_references: "Record a reference check", "Registrer en referansesjekk";
        follow_interview: "Plan an extra interview", "Planlegg et ekstra intervju";
        follow_test: "Plan a round for the practical test", "Planlegg en runde med praktisk prøve";
        follow_facts: "Record the facts", "Registrer fakta";
        fact: "Fact", "Faktum";
        fact_reference_label: "Reference check with {name}, {date}", "Referansesjekk med {name}, {date}";
        fact_test_label: "Test result ({kind}): {summary}", "Testresultat ({kind}): {summary}";
        fact_round_label: "Round {n}, in which every panel member submitted", "Runde {n}, der hele panelet leverte";
        fact_information_label: "Checked: {what}. Source: {source}. Outcome: {outcome}.", "Kontrollert: {what}. Kilde: {source}. Resultat: {outcome}.";
        page_title: "Doubt about {name}", "Tvil om {name}";
        back_to_candidate: "Back to the candidate", "Tilbake til kandidaten";
        resolve_heading: "Settle with facts", "Avklar med fakta";
        resolve_hint: "The facts show the doubt does not hold. Cite the fact: an opinion or a good feeling is not enough.", "Fakta viser at tvilen ikke holder. Oppgi faktumet: en mening eller en god følelse er ikke nok.";
        resolve_submit: "Settle the doubt", "Avklar tvilen";
        confirm_heading: "Confirm the doubt", "Bekreft tvilen";
        confirm_hint: "The facts show the doubt holds. A confirmed doubt blocks a hire for good.", "Fakta viser at tvilen holder. Bekreftet tvil stenger for ansettelse for godt.";
        confirm_submit: "Confirm the doubt", "Bekreft tvilen";
        fact_kind: "Which fact?", "Hvilket faktum?";
        kind_reference: "A reference check", "En referansesjekk";
        kind_test: "A test result", "Et testresultat";
        kind_round: "A later interview round", "En senere intervjurunde";
        kind_information: "A described check of information", "En beskrevet kontroll av opplysninger";
        no_references: "No reference check recorded yet.", "Ingen referansesjekk er registrert ennå.";
        no_test_results: "No test result recorded yet.", "Ingen testresultater er registrert ennå.";
        no_later_rounds: "No later round in which every panel member has submitted.", "Ingen senere runde der hele panelet har levert.";
        fact_what: "What was checked", "Hva ble kontrollert";
        fact_source: "Source", "Kilde";
        fact_outcome: "Outcome", "Resultat";
        max_4000: "Up to 4,000 characters.", "Inntil 4\u{a0}000 tegn.";
        err_no_kind: "Name the fact that settles it: a reference check, a test result, a later round or a described check. An opinion or a feeling is not a fact.", "Oppgi faktumet som avklarer tvilen: en referansesjekk, et testresultat, en senere runde eller en beskrevet kontroll. En mening eller en følelse er ikke et faktum.";
        err_no_reference: "Choose one of this candidate's reference checks.", "Velg en av kandidatens referansesjekker.";
        err_no_test: "Choose a test result from this candidate's rounds.", "Velg et testresultat fra kandidatens runder.";
        err_no_round: "Choose a later round of this candidate.", "Velg en senere runde for kandidaten.";
        err_what: "Say what was checked: a feeling is not a fact.", "Skriv hva som ble kontrollert: en følelse er ikke et faktum.";
        err_source: "Name where the information comes from.", "Oppgi hvor opplysningene kommer fra.";
        err_outcome: "State what the check showed.", "Skriv hva kontrollen viste.";
        err_not_this_candidate: "This is not about this candidate. Cite a fact about this candidate.", "Dette gjelder ikke denne kandidaten. Oppgi et faktum om denne kandidaten.";
        err_round_not_later: "The round must come after the doubt was raised.", "Runden må komme etter at tvilen ble meldt.";
        err_round_not_submitted: "Not every panel member of that round has submitted yet.", "Ikke alle i panelet for den runden har levert ennå.";
        already_settled: "This doubt has already been settled or confirmed; nothing was changed.", "Denne tvilen er allerede avklart eller bekreftet; ingenting ble endret.";
        resolved_flash: "The doubt is settled by facts.", "Tvilen er avklart med fakta.";
        confirmed_flash: "The doubt is confirmed. It blocks a hire.", "Tvilen er bekreftet. Den stenger for ansettelse.";
    }
}

impl DoubtText {
    /// The problem with a cited fact, in the user's language.
    pub fn fact_problem(&self, problem: crate::doubts::fact::FactProblem) -> &'static str {
        use crate::doubts::fact::FactProblem as P;
        match problem {
            P::NoKind => self.err_no_kind,
            P::NoReferenceCheck => self.err_no_reference,
            P::NoTestResult => self.err_no_test,
            P::NoRound => self.err_no_round,
            P::WhatMissing => self.err_what,
            P::SourceMissing => self.err_source,
            P::OutcomeMissing => self.err_outcome,
            P::TooLong(_) => self.too_long,
            P::NotThisCandidate(_) => self.err_not_this_candidate,
            P::RoundNotLater => self.err_round_not_later,
            P::RoundNotSubmitted => self.err_round_not_submitted,
        }
    }
}
