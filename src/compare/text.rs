//! Texts of the comparison, the shortlist exports and the print view.

crate::texts! {
    CompareText {
        title: "Comparison · {title}", "Sammenligning · {title}";
        compare: "Compare candidates", "Sammenlign kandidater";
        back_to_position: "Back to the position", "Tilbake til stillingen";
        intro: "Each candidate's panel mean per criterion from their latest rated round, the weighted total with its coverage, and what blocks a hire now. Sort by any column.", "Hver kandidats panelsnitt per kriterium fra siste vurderte runde, den vektede totalen med dekning, og hva som sperrer en ansettelse nå. Sorter på hvilken som helst kolonne.";
        table_caption: "Candidates × criteria", "Kandidater × kriterier";
        sorted_by: "Sorted by {column}, {dir}.", "Sortert etter {column}, {dir}.";
        ascending: "ascending", "stigende";
        descending: "descending", "synkende";
        rank: "Rank", "Rangering";
        candidate: "Candidate", "Kandidat";
        email: "Email", "E-post";
        status: "Status", "Status";
        total: "Weighted total", "Vektet total";
        coverage: "Coverage", "Dekning";
        must_haves: "Must-haves", "Absolutte krav";
        must_haves_met: "Must-haves met", "Absolutte krav oppfylt";
        open_doubts: "Open doubts", "Åpen tvil";
        blockers: "Blockers", "Sperrer";
        decision: "Latest decision", "Siste beslutning";
        no_decision: "none", "ingen";
        must_met: "met", "oppfylt";
        must_missed: "missed", "ikke oppfylt";
        must_unrated: "not rated", "ikke vurdert";
        yes: "yes", "ja";
        no: "no", "nei";
        unrated: "–", "–";
        minimum: "min. {n}", "min. {n}";
        no_candidates: "No candidates on this position yet.", "Ingen kandidater på denne stillingen ennå.";
        no_criteria: "The requirement profile has no criteria yet.", "Kravprofilen har ingen kriterier ennå.";
        no_blockers: "none", "ingen";
        chart_heading: "Criterion means per candidate", "Snitt per kriterium for hver kandidat";
        chart_alt: "One row per candidate in rank order, one bar per criterion showing the panel's mean on the 1–5 scale; a dashed mark on a bar is the must-have's minimum, and a red bar is under it.", "Én rad per kandidat i rangert rekkefølge, én stolpe per kriterium med panelets snitt på skalaen 1–5; et stiplet merke på en stolpe er minimum for et absolutt krav, og en rød stolpe er under det.";
        chart_legend: "The chart's columns by number", "Diagrammets kolonner etter nummer";
        exports_heading: "Shortlist", "Kortliste";
        export_csv: "Download CSV", "Last ned CSV";
        export_csv_comma: "CSV with commas", "CSV med komma";
        export_xlsx: "Download Excel (XLSX)", "Last ned Excel (XLSX)";
        export_print: "Print view", "Utskriftsvisning";
        print_title: "Shortlist · {title}", "Kortliste · {title}";
        printed: "Printed {date}", "Skrevet ut {date}";
        print_blockers: "What blocks a hire", "Hva som sperrer ansettelse";
        kind_no_interview: "No second interview held", "Ikke intervjuet i andre runde";
        kind_open_doubt: "Open doubt", "Åpen tvil";
        kind_open_doubts: "Open doubts", "Åpen tvil";
        kind_confirmed_doubt: "Confirmed doubt", "Bekreftet tvil";
        kind_confirmed_doubts: "Confirmed doubts", "Bekreftet tvil";
        kind_not_submitted: "Not submitted", "Ikke levert";
        kind_below_minimum: "Must-have under its minimum", "Absolutt krav under minimum";
        kind_below_minimums: "Must-haves under their minimum", "Absolutte krav under minimum";
        kind_must_have_unrated: "Must-have unrated", "Absolutt krav ikke vurdert";
        kind_must_haves_unrated: "Must-haves unrated", "Absolutte krav ikke vurdert";
        below_subject: "{criterion} ({mean}, min. {minimum})", "{criterion} ({mean}, min. {minimum})";
        quoted: "“{what}”", "«{what}»";
        bad_separator: "The separator must be ';' or ','.", "Skilletegnet må være ';' eller ','.";
    }
}

impl CompareText {
    /// A blocker kind's name on the shortlist, for `subjects` members,
    /// criteria or doubts; the code itself for a kind that is not a blocker.
    pub fn blocker_kind(&self, code: &'static str, subjects: usize) -> &'static str {
        let one = subjects <= 1;
        match code {
            "no_interview" => self.kind_no_interview,
            "open_doubt" if one => self.kind_open_doubt,
            "open_doubt" => self.kind_open_doubts,
            "confirmed_doubt" if one => self.kind_confirmed_doubt,
            "confirmed_doubt" => self.kind_confirmed_doubts,
            "not_submitted" => self.kind_not_submitted,
            "must_have_below_minimum" if one => self.kind_below_minimum,
            "must_have_below_minimum" => self.kind_below_minimums,
            "must_have_unrated" if one => self.kind_must_have_unrated,
            "must_have_unrated" => self.kind_must_haves_unrated,
            other => other,
        }
    }

    pub fn must_haves(&self, code: &str) -> &'static str {
        match code {
            "met" => self.must_met,
            "missed" => self.must_missed,
            _ => self.must_unrated,
        }
    }
}
