//! Texts of the dashboards.

crate::texts! {
    DashboardText {
        title: "Dashboard", "Oversikt";
        welcome: "Welcome, {name}", "Velkommen, {name}";
        my_interviews: "My upcoming interviews", "Mine kommende intervjuer";
        no_interviews: "You are not on any panel with an interview ahead.", "Du sitter ikke i noe panel med intervju foran deg.";
        position: "Position", "Stilling";
        round: "Round", "Runde";
        submitted: "Submitted", "Levert";
        not_submitted: "Not submitted", "Ikke levert";
        open_interview: "Open", "Åpne";
        add_to_calendar: "Add to calendar", "Legg i kalenderen";
        my_open_doubts: "Doubts I raised that are still open", "Tvil jeg har meldt som fortsatt er åpen";
        no_open_doubts: "No open doubts.", "Ingen åpen tvil.";
        positions_heading: "Open positions", "Åpne stillinger";
        my_positions_heading: "My open positions", "Mine åpne stillinger";
        no_positions: "No open positions.", "Ingen åpne stillinger.";
        hiring_manager: "Hiring manager", "Ansettende leder";
        candidates: "Candidates", "Kandidater";
        rounds_to_plan: "Rounds to plan", "Runder å planlegge";
        open_doubts: "Open doubts", "Åpen tvil";
        decisions_heading: "Decisions", "Beslutninger";
        ready_heading: "Ready for a decision", "Klare for beslutning";
        none_ready: "No candidate is ready for a decision yet.", "Ingen kandidater er klare for beslutning ennå.";
        blocked_heading: "Hire blocked", "Ansettelse sperret";
        none_blocked: "Nothing blocks a hire.", "Ingenting sperrer en ansettelse.";
        warnings_count: "Warnings to acknowledge: {n}", "Advarsler å bekrefte: {n}";
        submit_first: "Submit your own ratings first; then you see where the panel stands.", "Lever vurderingene dine først; da ser du hvor panelet står.";
        follow_ups_heading: "Doubts to settle with facts", "Tvil som skal avklares med fakta";
        hires_due_heading: "Hires to follow up", "Ansettelser som skal følges opp";
        hire_due_probation: "end of probation, due {date}", "slutten av prøvetiden, forfaller {date}";
        hire_due_twelve_months: "after 12 months, due {date}", "etter 12 måneder, forfaller {date}";
        no_follow_ups: "No doubt waits for facts or a practical test.", "Ingen tvil venter på fakta eller en praktisk prøve.";
        settle: "Settle", "Avklar";
        users_heading: "Accounts", "Kontoer";
        active_users: "active", "aktive";
        disabled_users: "disabled", "deaktiverte";
        manage_users: "Manage users", "Administrer brukere";
        compare: "Compare candidates", "Sammenlign kandidater";
        positions_cut: "The first {shown} of {total} open positions.", "De første {shown} av {total} åpne stillinger.";
        all_positions: "All positions", "Alle stillinger";
        board_cut: "The {shown} candidates interviewed last, of {total} in play. Each position's comparison shows all of its candidates.", "De {shown} kandidatene som ble intervjuet sist, av {total} som er aktuelle. Hver stillings sammenligning viser alle kandidatene.";
    }
}
