//! The start page: what each role needs to see first.

mod queries;
mod text;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;

use crate::AppState;
use crate::auth::role::AnyRole;
use crate::auth::{Authorized, Role};
use crate::error::Result;
use crate::web::format;
use crate::web::layout::Layout;
use queries::{OpenDoubt, PositionSummary, UpcomingInterview};
pub use text::DashboardText;

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(show))
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboard/index.html")]
struct DashboardPage {
    layout: Layout,
    t: &'static DashboardText,
    welcome: String,
    interviews: Vec<UpcomingInterview>,
    doubts: Vec<OpenDoubt>,
    /// Shown to staff only; `None` hides the panel.
    positions: Option<Vec<PositionSummary>>,
    positions_heading: &'static str,
    /// Active and disabled accounts, for admins.
    user_counts: Option<(i64, i64)>,
}

impl DashboardPage {
    fn when(&self, interview: &UpcomingInterview) -> String {
        match interview.scheduled_at {
            Some(at) => format::date_time(at, &interview.time_zone),
            None => self.t.not_scheduled.to_owned(),
        }
    }

    fn raised(&self, doubt: &OpenDoubt) -> String {
        format::date(doubt.raised_at)
    }
}

async fn show(State(app): State<AppState>, auth: Authorized<AnyRole>) -> Result<DashboardPage> {
    let user = &auth.user;
    let t = DashboardText::get(auth.viewer.locale);
    let positions = match user.role {
        Role::Panelist => None,
        Role::Manager => Some(queries::open_positions(&app.pool, user.id, false).await?),
        Role::Hr | Role::Admin => Some(queries::open_positions(&app.pool, user.id, true).await?),
    };
    let user_counts = match user.role {
        Role::Admin => Some(queries::user_counts(&app.pool).await?),
        _ => None,
    };
    Ok(DashboardPage {
        layout: auth.viewer.layout(t.title).await?,
        t,
        welcome: t.welcome.replace("{name}", &user.display_name),
        interviews: queries::upcoming_interviews(&app.pool, user.id).await?,
        doubts: queries::open_doubts_raised_by(&app.pool, user.id).await?,
        positions,
        positions_heading: if user.role == Role::Manager {
            t.my_positions_heading
        } else {
            t.positions_heading
        },
        user_counts,
    })
}
