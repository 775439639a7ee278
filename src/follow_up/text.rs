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
