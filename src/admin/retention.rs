//! Admin: the data retention setting, in months after a position closes.

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
    Router::new().route("/admin/retention", get(show).post(save))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RetentionForm {
    months: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/retention.html")]
struct RetentionPage {
    layout: Layout,
    t: &'static AdminText,
    form: RetentionForm,
    errors: FormErrors,
}

async fn render(
    auth: &Authorized<AdminOnly>,
    form: RetentionForm,
    errors: FormErrors,
) -> Result<RetentionPage> {
    let t = AdminText::get(auth.viewer.locale);
    Ok(RetentionPage {
        layout: auth.viewer.layout(t.retention_title).await?,
        t,
        form,
        errors,
    })
}

async fn show(State(app): State<AppState>, auth: Authorized<AdminOnly>) -> Result<RetentionPage> {
    let months = privacy::retention_months(&app.pool).await?;
    let form = RetentionForm {
        months: months.to_string(),
    };
    render(&auth, form, FormErrors::default()).await
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
        let page = render(&auth, form, errors).await?;
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
