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
    }
}

crate::texts! {
    PredictedText {
        title: "What predicted", "Hva som traff";
        intro: "For the hires of {position} that are followed up: did what the panel saw in the interview go with how the person did? Each criterion's interview mean is set against its follow-up score (the latest follow-up of each hire), by Spearman's rank correlation: +1 when the order is the same, −1 when it is reversed, near 0 when the interview said nothing about it.", "For de ansatte i {position} som er fulgt opp: stemte det panelet så i intervjuet med hvordan det gikk? Hvert kriteriums snitt fra intervjuet er satt opp mot vurderingen i oppfølgingen (den siste oppfølgingen for hver ansatt), med Spearmans rangkorrelasjon: +1 når rekkefølgen er den samme, −1 når den er snudd, nær 0 når intervjuet ikke sa noe om det.";
        followed_up: "Hires followed up: {n}.", "Ansatte som er fulgt opp: {n}.";
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
