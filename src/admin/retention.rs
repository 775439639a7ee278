//! Admin: the data retention setting, in months after a position closes, and
//! the probation period (prøvetid) a hire's first follow-up falls due after.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get};
use serde::Deserialize;

use crate::admin::text::AdminText;
use crate::auth::Authorized;
use crate::auth::role::AdminOnly;
use crate::error::Result;
use crate::privacy::{self, MAX_RETENTION_MONTHS, MIN_RETENTION_MONTHS};
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors};
use crate::web::layout::Layout;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/retention", get(show).post(save))
        .route("/admin/probation", axum::routing::post(save_probation))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RetentionForm {
    months: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ProbationForm {
    probation_months: String,
}

/// The probation period's bounds, as the `setting` table allows.
const PROBATION_MONTHS: std::ops::RangeInclusive<i32> = 1..=12;

#[derive(Template, WebTemplate)]
#[template(path = "admin/retention.html")]
struct RetentionPage {
    layout: Layout,
    t: &'static AdminText,
    form: RetentionForm,
    errors: FormErrors,
    probation: ProbationForm,
    probation_errors: FormErrors,
}

/// The page with each form as given; the one not posted shows what is stored.
async fn render(
    app: &AppState,
    auth: &Authorized<AdminOnly>,
    retention: Option<(RetentionForm, FormErrors)>,
    probation: Option<(ProbationForm, FormErrors)>,
) -> Result<RetentionPage> {
    let t = AdminText::get(auth.viewer.locale);
    let (form, errors) = match retention {
        Some(posted) => posted,
        None => {
            let months = privacy::retention_months(&app.pool).await?;
            let form = RetentionForm {
                months: months.to_string(),
            };
            (form, FormErrors::default())
        }
    };
    let (probation, probation_errors) = match probation {
        Some(posted) => posted,
        None => {
            let months = sqlx::query_scalar!("select probation_months from setting")
                .fetch_one(&app.pool)
                .await?;
            let form = ProbationForm {
                probation_months: months.to_string(),
            };
            (form, FormErrors::default())
        }
    };
    Ok(RetentionPage {
        layout: auth.viewer.layout(t.retention_title).await?,
        t,
        form,
        errors,
        probation,
        probation_errors,
    })
}

async fn show(State(app): State<AppState>, auth: Authorized<AdminOnly>) -> Result<RetentionPage> {
    render(&app, &auth, None, None).await
}

async fn save_probation(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Form(form): Form<ProbationForm>,
) -> Result<Response> {
    let t = AdminText::get(auth.viewer.locale);
    let months = form
        .probation_months
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|months| PROBATION_MONTHS.contains(months));
    let Some(months) = months else {
        let mut errors = FormErrors::default();
        errors.add("probation_months", t.probation_invalid);
        let page = render(&app, &auth, None, Some((form, errors))).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    sqlx::query!("update setting set probation_months = $1", months)
        .execute(&app.pool)
        .await?;
    tracing::info!(months, "probation period changed");
    auth.viewer
        .flash(FlashKind::Success, t.probation_saved)
        .await?;
    Ok(Redirect::to("/admin/retention").into_response())
}

/// A whole number of months within the allowed range.
fn parse_months(raw: &str) -> Option<i32> {
    raw.trim()
        .parse::<i32>()
        .ok()
        .filter(|months| (MIN_RETENTION_MONTHS..=MAX_RETENTION_MONTHS).contains(months))
}

async fn save(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Form(form): Form<RetentionForm>,
) -> Result<Response> {
    let t = AdminText::get(auth.viewer.locale);
    let Some(months) = parse_months(&form.months) else {
        let mut errors = FormErrors::default();
        errors.add("months", t.retention_invalid);
        let page = render(&app, &auth, Some((form, errors)), None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    privacy::set_retention_months(&app.pool, months).await?;
    tracing::info!(months, "retention changed");
    auth.viewer
        .flash(FlashKind::Success, t.retention_saved)
        .await?;
    Ok(Redirect::to("/admin/retention").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_whole_and_within_range() {
        assert_eq!(parse_months(" 12 "), Some(12));
        assert_eq!(parse_months("1"), Some(1));
        assert_eq!(parse_months("120"), Some(120));
        assert_eq!(parse_months("0"), None);
        assert_eq!(parse_months("121"), None);
        assert_eq!(parse_months("1.5"), None);
        assert_eq!(parse_months(""), None);
    }
}
