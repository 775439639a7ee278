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
        exports_heading: "Shortlist", "Kortliste";
        export_csv: "Download CSV", "Last ned CSV";
        export_csv_comma: "CSV with commas", "CSV med komma";
        export_xlsx: "Download Excel (XLSX)", "Last ned Excel (XLSX)";
        export_print: "Print view", "Utskriftsvisning";
        print_title: "Shortlist · {title}", "Kortliste · {title}";
        printed: "Printed {date}", "Skrevet ut {date}";
        print_blockers: "What blocks a hire", "Hva som sperrer ansettelse";
        bad_separator: "The separator must be ';' or ','.", "Skilletegnet må være ';' eller ','.";
    }
}

impl CompareText {
    pub fn must_haves(&self, code: &str) -> &'static str {
        match code {
            "met" => self.must_met,
            "missed" => self.must_missed,
            _ => self.must_unrated,
        }
    }
}
