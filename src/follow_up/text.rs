//! Texts of the follow-up page.

crate::texts! {
    FollowUpText {
        title: "Follow-up", "Oppfølging";
        intro: "How did the hire go? Rate {name} on the position's criteria with the same anchors as in the interview. Set against what the panel saw, this shows which criteria predict — and which doubts should have stopped the hire.", "Hvordan gikk ansettelsen? Vurder {name} på stillingens kriterier med de samme ankrene som i intervjuet. Satt opp mot det panelet så, viser dette hvilke kriterier som treffer – og hvilken tvil som burde ha stoppet ansettelsen.";
        hired_on: "Hired", "Ansatt";
        probation: "End of probation", "Slutten av prøvetiden";
        twelve_months: "After 12 months", "Etter 12 måneder";
        milestone_due: "{name} (due {date})", "{name} (forfaller {date})";
        milestone: "Which follow-up", "Hvilken oppfølging";
        written_heading: "Written", "Skrevet";
        written_on: "written {date}", "skrevet {date}";
        none_written: "No follow-up written yet.", "Ingen oppfølging skrevet ennå.";
        all_written: "Both follow-ups are written.", "Begge oppfølgingene er skrevet.";
        scores_legend: "The criteria, 1 to 5", "Kriteriene, 1 til 5";
        would_hire_again: "Would you hire again?", "Ville du ansatt igjen?";
        still_here: "Still here?", "Fortsatt her?";
        yes: "Yes", "Ja";
        no: "No", "Nei";
        note: "Note", "Notat";
        note_hint: "What stands out, in facts. No health or other special categories of personal data.", "Det som skiller seg ut, med fakta. Ingen helseopplysninger eller andre særlige kategorier personopplysninger.";
        write_heading: "Write a follow-up", "Skriv en oppfølging";
        save: "Save the follow-up", "Lagre oppfølgingen";
        saved: "The follow-up is saved.", "Oppfølgingen er lagret.";
        not_hired: "Only a hired candidate is followed up.", "Bare en ansatt kandidat følges opp.";
        milestone_invalid: "Choose which follow-up this is.", "Velg hvilken oppfølging dette er.";
        score_every_criterion: "Give every criterion a score from 1 to 5.", "Gi hvert kriterium en vurdering fra 1 til 5.";
        answer_yes_or_no: "Answer yes or no.", "Svar ja eller nei.";
        already_written: "This follow-up is already written.", "Denne oppfølgingen er allerede skrevet.";
        retro_title: "What was known at the decision: {name}", "Hva man visste ved beslutningen: {name}";
        retro_link: "What was known at the decision", "Hva man visste ved beslutningen";
        retro_prompt: "The follow-up did not bear this hire out. Look back at the decision, to learn what would have caught it:", "Oppfølgingen bekreftet ikke denne ansettelsen. Se tilbake på beslutningen for å lære hva som ville fanget det opp:";
        retro_intro: "The follow-up did not bear the hire out. Here is what the panel and the decider had in front of them — not to find someone to blame, but to see which signal was there and what would have caught it.", "Oppfølgingen bekreftet ikke ansettelsen. Her er det panelet og den som besluttet hadde foran seg – ikke for å finne noen å klandre, men for å se hvilket signal som var der og hva som ville fanget det opp.";
        retro_none: "No follow-up of this hire calls for a look back: so far it went as the panel expected.", "Ingen oppfølging av denne ansettelsen tilsier et tilbakeblikk: så langt gikk det slik panelet ventet.";
        retro_would_not: "Would not hire again", "Ville ikke ansatt igjen";
        retro_left: "Left during probation", "Sluttet i prøvetiden";
        retro_would_not_and_left: "Would not hire again, and left", "Ville ikke ansatt igjen, og personen har sluttet";
        retro_follow_ups: "The follow-up", "Oppfølgingen";
        retro_decision: "The hire decision", "Ansettelsesbeslutningen";
        retro_decided: "Decided by {name} on {date}", "Besluttet av {name} {date}";
        retro_no_decision: "No hire decision is on record.", "Ingen ansettelsesbeslutning er registrert.";
        retro_warnings: "Warnings acknowledged at the decision", "Advarsler som ble bekreftet ved beslutningen";
        retro_no_warnings: "No warning was acknowledged: the gate showed none.", "Ingen advarsel ble bekreftet: porten viste ingen.";
        retro_warnings_gone_one: "One more acknowledged warning is no longer raised by the facts.", "Én bekreftet advarsel til utløses ikke lenger av fakta.";
        retro_warnings_gone: "{n} more acknowledged warnings are no longer raised by the facts.", "{n} bekreftede advarsler til utløses ikke lenger av fakta.";
        retro_doubts: "Doubts and how they were settled", "Tvil og hvordan den ble avklart";
        retro_no_doubts: "No doubt was raised.", "Ingen tvil ble meldt.";
        retro_doubt_open: "Open", "Åpen";
        retro_doubt_resolved: "Settled", "Avklart";
        retro_doubt_confirmed: "Confirmed", "Bekreftet";
        retro_by_reference: "By the reference check with {name}", "Ved referansesjekken med {name}";
        retro_by_test: "By a test result", "Ved et testresultat";
        retro_by_round: "By interview round {n}", "Ved intervjurunde {n}";
        retro_spread: "How far apart the panel was", "Hvor langt fra hverandre panelet var";
        retro_spread_hint: "Each member's mean per criterion; a spread of 2 or more is marked.", "Hvert medlems snitt per kriterium; en spredning på 2 eller mer er markert.";
        retro_criterion: "Criterion", "Kriterium";
        retro_mean: "Mean", "Snitt";
        retro_range: "Lowest – highest", "Lavest – høyest";
        retro_spread_column: "Spread", "Spredning";
        retro_members: "Members", "Medlemmer";
        retro_list_title: "Retrospectives", "Tilbakeblikk";
        retro_list_intro: "Hires the follow-up did not bear out, each with what was known at the decision.", "Ansettelser som oppfølgingen ikke bekreftet, hver med det man visste ved beslutningen.";
        retro_list_empty: "None yet: no follow-up has said \"would not hire again\", and nobody has left during probation.", "Ingen ennå: ingen oppfølging har sagt «ville ikke ansatt igjen», og ingen har sluttet i prøvetiden.";
        retro_candidate: "Candidate", "Kandidat";
        retro_position: "Position", "Stilling";
        retro_what: "What the follow-up said", "Hva oppfølgingen sa";
        retro_when: "Written", "Skrevet";
    }
}

crate::texts! {
    PredictedText {
        title: "What predicted", "Hva som traff";
        intro: "For the hires of {position} that are followed up: did what the panel saw in the interview go with how the person did? Each criterion's interview mean is set against its follow-up score (the latest follow-up of each hire), by Spearman's rank correlation: +1 when the order is the same, −1 when it is reversed, near 0 when the interview said nothing about it.", "For de ansatte i {position} som er fulgt opp: stemte det panelet så i intervjuet med hvordan det gikk? Hvert kriteriums snitt fra intervjuet er satt opp mot vurderingen i oppfølgingen (den siste oppfølgingen for hver ansatt), med Spearmans rangkorrelasjon: +1 når rekkefølgen er den samme, −1 når den er snudd, nær 0 når intervjuet ikke sa noe om det.";
        followed_up: "Hires followed up: {n}.", "Ansatte som er fulgt opp: {n}.";
        title_across: "What predicted, across positions", "Hva som traff, på tvers av stillinger";
        intro_across: "For every followed-up hire of the positions you see: did what the panel saw in the interview go with how the person did? A criterion several positions share by name counts as one. Each criterion's interview mean is set against its follow-up score by Spearman's rank correlation: +1 when the order is the same, −1 when it is reversed, near 0 when the interview said nothing about it.", "For alle ansatte som er fulgt opp i stillingene du ser: stemte det panelet så i intervjuet med hvordan det gikk? Et kriterium med samme navn i flere stillinger regnes som ett. Hvert kriteriums snitt fra intervjuet er satt opp mot vurderingen i oppfølgingen med Spearmans rangkorrelasjon: +1 når rekkefølgen er den samme, −1 når den er snudd, nær 0 når intervjuet ikke sa noe om det.";
        across_link: "What predicted, across positions", "Hva som traff, på tvers av stillinger";
        criterion: "Criterion", "Kriterium";
        hires: "Hires (n)", "Ansatte (n)";
        rho: "Rank correlation", "Rangkorrelasjon";
        too_few: "too few hires to tell", "for få ansatte til å si noe";
        undefined: "undefined: the same score for everyone", "udefinert: samme vurdering for alle";
        total_vs_again: "Weighted interview total against “would hire again”", "Vektet totalsum fra intervjuet mot «ville ansatt igjen»";
        reading_heading: "In plain words", "Med enkle ord";
        reading_too_few: "Too few hires to tell yet: {n} followed up, {min} needed for any criterion.", "For få ansatte til å si noe ennå: {n} fulgt opp, {min} trengs for et kriterium.";
        reading_went_with: "In {n} hires, {criteria} in the interview went with performance.", "I {n} ansettelser gikk {criteria} i intervjuet sammen med prestasjonen.";
        reading_did_not: "{criteria} did not.", "{criteria} gjorde det ikke.";
        reading_none_went_with: "In {n} hires, no criterion in the interview went with performance.", "I {n} ansettelser gikk ingen kriterier i intervjuet sammen med prestasjonen.";
        and: "and", "og";
    }
}
