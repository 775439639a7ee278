//! Texts of the calibration page.

crate::texts! {
    CalibrationText {
        title: "Interviewer calibration", "Kalibrering av intervjuere";
        retrospectives: "Retrospectives: hires the follow-up did not bear out, with what was known at the decision", "Tilbakeblikk: ansettelser som oppfølgingen ikke bekreftet, med det man visste ved beslutningen";
        intro: "How each interviewer scores next to the others on the same panels, over the period you choose. Use it to talk about the anchors and about evidence, not to rank people: a figure says where to look, not who is right.", "Hvordan hver intervjuer vurderer ved siden av de andre i de samme panelene, for perioden du velger. Bruk det til å snakke om ankrene og om belegg, ikke til å rangere folk: et tall sier hvor det er verdt å se, ikke hvem som har rett.";
        scope_all: "You see everyone who sat on a panel.", "Du ser alle som har sittet i et panel.";
        scope_panels: "You see the members of your positions' panels, and yourself.", "Du ser medlemmene i panelene på dine stillinger, og deg selv.";
        scope_own: "You see your own figures.", "Du ser dine egne tall.";
        filter_heading: "Period and position", "Periode og stilling";
        from: "From", "Fra";
        to: "To", "Til";
        position: "Position", "Stilling";
        all_positions: "All positions", "Alle stillinger";
        show: "Show", "Vis";
        date_invalid: "Write a date as YYYY-MM-DD.", "Skriv datoen som ÅÅÅÅ-MM-DD.";
        period_reversed: "The period must end on or after the day it starts.", "Perioden må slutte samme dag som den starter eller senere.";
        position_unknown: "Choose a position from the list.", "Velg en stilling fra listen.";
        none: "No interviews in this period.", "Ingen intervjuer i denne perioden.";
        rounds_sat: "Rounds sat", "Runder i panelet";
        submitted: "Submitted", "Levert";
        of: "{n} of {total}", "{n} av {total}";
        hours_to_submit: "From the interview's end to submission (median)", "Fra intervjuets slutt til levering (median)";
        hours: "{n} h", "{n} t";
        before_end: "before the scheduled end", "før planlagt slutt";
        not_yet: "—", "—";
        ratings_given: "Scores given", "Vurderinger gitt";
        extremes: "1s, 2s and 5s with an evidence note", "1-ere, 2-ere og 5-ere med belegg i notatet";
        extremes_none: "No 1s, 2s or 5s", "Ingen 1-ere, 2-ere eller 5-ere";
        extremes_share: "{n} of {total} ({percent})", "{n} av {total} ({percent})";
        focus: "Own focus scored in full", "Eget fokus vurdert i sin helhet";
        focus_rounds: "{n} of {total} rounds with a focus of their own", "{n} av {total} runder med eget fokus";
        focus_none: "No focus of their own in these rounds", "Ikke eget fokus i disse rundene";
        agreement: "Recommendation matched the decision", "Anbefalingen stemte med beslutningen";
        agreement_rounds: "{n} of {total} decided", "{n} av {total} avgjort";
        agreement_none: "No decision yet", "Ingen beslutning ennå";
        leniency: "Next to the others on the same panels", "Ved siden av de andre i de samme panelene";
        too_few: "Too few paired scores to tell: {n} of the {min} it takes.", "For få parvise vurderinger til å si noe: {n} av de {min} som trengs.";
        in_line: "In line with the others: {mean} on average ({low} to {high}, {n} pairs).", "På linje med de andre: {mean} i snitt ({low} til {high}, {n} par).";
        higher: "Scores higher than the others: {mean} on average ({low} to {high}, {n} pairs). Worth checking the 4s and 5s against the anchors.", "Vurderer høyere enn de andre: {mean} i snitt ({low} til {high}, {n} par). Verdt å holde 4-erne og 5-erne opp mot ankrene.";
        lower: "Scores lower than the others: {mean} on average ({low} to {high}, {n} pairs). Worth checking the 1s and 2s against the anchors.", "Vurderer lavere enn de andre: {mean} i snitt ({low} til {high}, {n} par). Verdt å holde 1-erne og 2-erne opp mot ankrene.";
        leniency_help: "A pair is a candidate and a criterion that this person and at least one other member scored; the figure is the mean of (their score − the others' mean), with a 95 % interval.", "Et par er en kandidat og et kriterium som denne personen og minst ett annet medlem har vurdert; tallet er snittet av (egen vurdering − de andres snitt), med et 95 %-intervall.";
        chart_title: "Scores given by {name}", "Vurderinger gitt av {name}";
        chart_desc: "Scores 1 to 5: {counts}. Difference from the others: {leniency}.", "Vurdering 1 til 5: {counts}. Forskjell fra de andre: {leniency}.";
        chart_no_leniency: "too few pairs", "for få par";
    }
}
