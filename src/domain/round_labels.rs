//! Labels of a round's status, time and panel roles, beside the types
//! they name, for every page that shows a round.

use crate::domain::RoundStatus;
use crate::i18n::Locale;

crate::texts! {
    RoundLabels {
        status_planned: "Planned", "Planlagt";
        status_in_progress: "In progress", "Pågår";
        status_scoring: "Scoring", "Til oppsummering";
        status_closed: "Closed", "Avsluttet";
        not_scheduled: "Not scheduled", "Ikke satt opp";
        panel_role_heading: "Panel role", "Rolle i panelet";
        panel_hiring_manager: "Hiring manager", "Ansettende leder";
        panel_subject_matter_expert: "Subject-matter expert", "Fagperson";
        panel_hr: "HR", "HR";
        panel_other: "Panel member", "Paneldeltaker";
    }
}

impl RoundLabels {
    pub fn round_status(&self, status: &RoundStatus) -> &'static str {
        match status {
            RoundStatus::Planned => self.status_planned,
            RoundStatus::InProgress => self.status_in_progress,
            RoundStatus::Scoring => self.status_scoring,
            RoundStatus::Closed => self.status_closed,
        }
    }

    /// `round_panel_member.panel_role`, by its code.
    pub fn panel_role(&self, code: &str) -> &'static str {
        match code {
            "hiring_manager" => self.panel_hiring_manager,
            "subject_matter_expert" => self.panel_subject_matter_expert,
            "hr" => self.panel_hr,
            _ => self.panel_other,
        }
    }
}

impl RoundStatus {
    pub fn label(self, locale: Locale) -> &'static str {
        RoundLabels::get(locale).round_status(&self)
    }
}
