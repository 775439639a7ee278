//! Raising a doubt from a question of the walk-through: category, what the doubt
//! is, and how to settle it. Stored on the candidate at once.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use crate::AppState;
use crate::auth::Authorized;
use crate::auth::role::AnyRole;
use crate::doubts::model::{self, Category, MAX_DESCRIPTION, Method, NewDoubt};
use crate::doubts::text::DoubtText;
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::interview::text::InterviewText;
use crate::interview::{self, DoubtForm, Extras, queries, seat};
use crate::web::flash::FlashKind;
use crate::web::form::FormErrors;
use crate::web::text::CommonText;

fn validate(form: &DoubtForm, locale: Locale) -> Result<(Category, Method), FormErrors> {
    let t = DoubtText::get(locale);
    let mut errors = FormErrors::default();
    let category = Category::parse_pickable(&form.category);
    if category.is_none() {
        errors.add("category", t.choose_category);
    }
    let description = form.description.trim();
    if description.is_empty() {
        errors.add("description", CommonText::get(locale).field_required);
    } else if description.chars().count() > MAX_DESCRIPTION {
        errors.add("description", t.too_long);
    }
    let method = Method::parse(&form.method);
    if method.is_none() {
        errors.add("method", t.choose_method);
    }
    match (category, method) {
        (Some(category), Some(method)) if errors.is_empty() => Ok((category, method)),
        _ => Err(errors),
    }
}

pub async fn from_question(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Path((round_id, n)): Path<(Uuid, usize)>,
    Form(form): Form<DoubtForm>,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let seat = seat::find(&app.pool, round_id, auth.user.id).await?;
    if seat.round.round_status == "closed" {
        return Err(AppError::Conflict(
            InterviewText::get(locale).round_closed.into(),
        ));
    }
    let rows = queries::questions(&app.pool, round_id, seat.member_id).await?;
    let question = rows.get(n.wrapping_sub(1)).ok_or(AppError::NotFound)?;
    let (category, method) = match validate(&form, locale) {
        Ok(valid) => valid,
        Err(errors) => {
            let extras = Extras {
                doubt: Some((n, form, errors)),
                ..Extras::default()
            };
            let page = interview::render(&app, &auth.viewer, &seat, n, extras).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = app.pool.begin().await?;
    let doubt = NewDoubt {
        candidate_id: seat.round.candidate_id,
        round_id,
        round_question_id: Some(question.id),
        criterion_id: question.criterion_id,
        category,
        description: &form.description,
        method,
        raised_by: auth.user.id,
    };
    let id = model::raise(&mut tx, doubt).await?;
    tx.commit().await?;
    tracing::info!(doubt_id = %id, %round_id, "doubt raised");
    auth.viewer
        .flash(FlashKind::Success, DoubtText::get(locale).raised)
        .await?;
    Ok(Redirect::to(&format!("/rounds/{round_id}/interview/{n}")).into_response())
}
