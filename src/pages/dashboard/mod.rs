//! The start page: what each role needs to see first.

mod decisions;
mod queries;
mod text;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;

use crate::auth::role::AnyRole;
use crate::auth::{Authorized, Role};
use crate::error::Result;
use crate::state::AppState;
use crate::web::format;
use crate::web::layout::Layout;
use queries::{OpenDoubt, PositionSummary, Scope, UpcomingInterview};
pub use text::DashboardText;

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(show))
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboard/index.html")]
struct DashboardPage {
    layout: Layout,
    t: &'static DashboardText,
    labels: &'static crate::domain::RoundLabels,
    welcome: String,
    interviews: Vec<UpcomingInterview>,
    doubts: Vec<OpenDoubt>,
    /// Shown to staff only; `None` hides the panel.
    positions: Option<Vec<PositionSummary>>,
    positions_heading: &'static str,
    /// Candidates blocked from a hire and those ready for a decision, for staff.
    board: Option<decisions::Board>,
    follow_ups: Vec<decisions::FollowUp>,
    /// Hires whose follow-up is due within two weeks or overdue, for staff.
    hires_due: Vec<crate::follow_up::Due>,
    doubt_labels: &'static crate::domain::DoubtLabels,
    /// Active and disabled accounts, for admins.
    user_counts: Option<(i64, i64)>,
}

impl DashboardPage {
    /// "20 of 240 open positions", when the list is cut.
    fn positions_cut(&self) -> Option<String> {
        let positions = self.positions.as_ref()?;
        let total = positions.first()?.open_positions;
        (total > positions.len() as i64).then(|| {
            self.t
                .positions_cut
                .replace("{shown}", &positions.len().to_string())
                .replace("{total}", &total.to_string())
        })
    }

    /// "The 20 interviewed last of 600 in play", when the board is cut.
    fn board_cut(&self) -> Option<String> {
        let board = self.board.as_ref()?;
        let total = board.in_play_beyond?;
        Some(
            self.t
                .board_cut
                .replace(
                    "{shown}",
                    &(board.ready.len() + board.blocked.len()).to_string(),
                )
                .replace("{total}", &total.to_string()),
        )
    }

    fn when(&self, interview: &UpcomingInterview) -> String {
        match interview.scheduled_at {
            Some(at) => format::date_time(at, &interview.time_zone),
            None => self.labels.not_scheduled.to_owned(),
        }
    }

    fn raised(&self, doubt: &OpenDoubt) -> String {
        format::date(doubt.raised_at)
    }

    fn follow_up_raised(&self, doubt: &decisions::FollowUp) -> String {
        format::date(doubt.raised_at)
    }

    fn hire_due(&self, due: &crate::follow_up::Due) -> String {
        let milestone = match due.milestone {
            crate::follow_up::Milestone::Probation => self.t.hire_due_probation,
            crate::follow_up::Milestone::TwelveMonths => self.t.hire_due_twelve_months,
        };
        milestone.replace("{date}", &format::date(due.due))
    }

    fn method(&self, method: &crate::doubts::model::Method) -> &'static str {
        self.doubt_labels.method(*method)
    }
}

async fn show(State(app): State<AppState>, auth: Authorized<AnyRole>) -> Result<DashboardPage> {
    let user = &auth.user;
    let t = DashboardText::get(auth.viewer.locale);
    let locale = auth.viewer.locale;
    let soon = chrono::Utc::now() + chrono::Duration::days(14);
    let (positions, board, follow_ups, hires_due) = match Scope::of(user.role) {
        None => (None, None, Vec::new(), Vec::new()),
        Some(scope) => (
            Some(queries::open_positions(&app.pool, user.id, scope).await?),
            Some(decisions::board(&app, user.id, scope, locale).await?),
            decisions::follow_ups(&app.pool, user.id, scope).await?,
            crate::follow_up::due(&app.pool, user.id, scope.all(), soon).await?,
        ),
    };
    let user_counts = match user.role {
        Role::Admin => Some(queries::user_counts(&app.pool).await?),
        _ => None,
    };
    let (interviews, doubts) = queries::own_work(&app.pool, user.id).await?;
    Ok(DashboardPage {
        layout: auth.viewer.layout(t.title).await?,
        t,
        labels: crate::domain::RoundLabels::get(auth.viewer.locale),
        welcome: t.welcome.replace("{name}", &user.display_name),
        interviews,
        doubts,
        positions,
        positions_heading: if user.role == Role::Manager {
            t.my_positions_heading
        } else {
            t.positions_heading
        },
        user_counts,
        board,
        follow_ups,
        hires_due,
        doubt_labels: crate::domain::DoubtLabels::get(locale),
    })
}
