//! The requirement profile editor: criteria added, edited, deleted and
//! reordered under their position, with errors beside the fields.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get, routing::post};
use serde::Deserialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::error::{AppError, Result, violated_constraint};
use crate::i18n::Locale;
use crate::positions::access::{OpenPosition, PositionHead};
use crate::positions::criterion::{self, CriterionForm, CriterionRefusal};
use crate::positions::queries;
use crate::positions::text::PositionText;
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors, MAX_NOTE_CHARS, too_long_message};
use crate::web::layout::Layout;
use crate::web::text::CommonText;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/positions/{id}/criteria", post(create))
        .route("/positions/{id}/criteria/new", get(new_form))
        .route("/positions/{id}/criteria/{cid}", post(update))
        .route("/positions/{id}/criteria/{cid}/edit", get(edit_form))
        .route("/positions/{id}/criteria/{cid}/delete", post(delete))
        .route("/positions/{id}/criteria/{cid}/move", post(move_criterion))
}

#[derive(Template, WebTemplate)]
#[template(path = "positions/criterion_form.html")]
struct CriterionPage {
    layout: Layout,
    t: &'static PositionText,
    position: PositionHead,
    form: CriterionForm,
    errors: FormErrors,
    action: String,
    is_new: bool,
}

impl CriterionPage {
    fn anchor_label(&self, level: usize) -> String {
        self.t.anchor_level.replace("{n}", &level.to_string())
    }

    fn anchor_rows(&self) -> Vec<(usize, &'static str, &str)> {
        criterion::ANCHOR_FIELDS
            .iter()
            .zip(self.form.anchors())
            .enumerate()
            .map(|(i, (field, value))| (i + 1, *field, value))
            .collect()
    }
}

async fn render(
    auth: &Authorized<Staff>,
    position: PositionHead,
    form: CriterionForm,
    errors: FormErrors,
    criterion_id: Option<Uuid>,
) -> Result<Response> {
    let t = PositionText::get(auth.viewer.locale);
    let status = errors.status();
    let action = match criterion_id {
        Some(cid) => format!("/positions/{}/criteria/{cid}", position.position_id),
        None => format!("/positions/{}/criteria", position.position_id),
    };
    let title = if criterion_id.is_some() {
        t.edit_criterion
    } else {
        t.new_criterion
    };
    let page = CriterionPage {
        layout: auth.viewer.layout(title).await?,
        t,
        position,
        form,
        errors,
        action,
        is_new: criterion_id.is_none(),
    };
    Ok((status, page).into_response())
}

async fn new_form(
    auth: Authorized<Staff>,
    OpenPosition(position): OpenPosition,
) -> Result<Response> {
    let form = CriterionForm {
        weight: "1".into(),
        ..CriterionForm::default()
    };
    render(&auth, position, form, FormErrors::default(), None).await
}

async fn create(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OpenPosition(position): OpenPosition,
    Form(form): Form<CriterionForm>,
) -> Result<Response> {
    save(&app.pool, &auth, position, form, None).await
}

async fn edit_form(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OpenPosition(position): OpenPosition,
    Path((_, cid)): Path<(Uuid, Uuid)>,
) -> Result<Response> {
    let form = queries::find_form(&app.pool, position.position_id, cid).await?;
    render(&auth, position, form, FormErrors::default(), Some(cid)).await
}

async fn update(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OpenPosition(position): OpenPosition,
    Path((_, cid)): Path<(Uuid, Uuid)>,
    Form(form): Form<CriterionForm>,
) -> Result<Response> {
    queries::find_form(&app.pool, position.position_id, cid).await?;
    save(&app.pool, &auth, position, form, Some(cid)).await
}

/// Validates and stores a new or changed criterion, or re-renders the form.
async fn save(
    pool: &PgPool,
    auth: &Authorized<Staff>,
    position: PositionHead,
    form: CriterionForm,
    criterion_id: Option<Uuid>,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let t = PositionText::get(locale);
    let valid = match criterion::validate(&form) {
        Ok(valid) => valid,
        Err(refusals) => {
            let errors = refusals
                .into_iter()
                .map(|refusal| (refusal.field(), refusal_message(refusal, locale)))
                .collect();
            return render(auth, position, form, errors, criterion_id).await;
        }
    };
    let stored = match criterion_id {
        Some(cid) => queries::store_update(pool, cid, &valid).await,
        None => queries::store_insert(pool, position.position_id, &valid).await,
    };
    match stored {
        Ok(()) => {
            let message = match criterion_id {
                Some(_) => t.saved.to_owned(),
                None => t.criterion_added.replace("{name}", &valid.name),
            };
            auth.viewer.flash(FlashKind::Success, message).await?;
            let target = format!("/positions/{}#profile", position.position_id);
            Ok(Redirect::to(&target).into_response())
        }
        Err(err) if violated_constraint(&err) == Some("criterion_name_key") => {
            let mut errors = FormErrors::default();
            errors.add("name", t.name_taken);
            render(auth, position, form, errors, criterion_id).await
        }
        Err(err) => Err(err.into()),
    }
}

/// A refused criterion value in the viewer's words.
fn refusal_message(refusal: CriterionRefusal, locale: Locale) -> String {
    let t = PositionText::get(locale);
    match refusal {
        CriterionRefusal::NameRequired => CommonText::get(locale).field_required.into(),
        CriterionRefusal::NameTooLong => CommonText::get(locale).name_too_long.into(),
        CriterionRefusal::TooLong(_) => too_long_message(MAX_NOTE_CHARS, locale),
        CriterionRefusal::WeightInvalid => t.weight_invalid.into(),
        CriterionRefusal::MinimumInvalid => t.minimum_invalid.into(),
        CriterionRefusal::AnchorRequired(_) => t.anchor_required.into(),
    }
}

async fn delete(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OpenPosition(position): OpenPosition,
    Path((_, cid)): Path<(Uuid, Uuid)>,
) -> Result<Redirect> {
    let id = position.position_id;
    let t = PositionText::get(auth.viewer.locale);
    // A round's questions point at their criterion; removing it would change
    // what a planned or held interview measures. Asked of this position's
    // criterion only: another position's is not found, whatever its rounds.
    let in_use: bool = sqlx::query_scalar!(
        r#"select exists (select 1 from round_question q where q.criterion_id = c.id) as "in_use!"
           from criterion c where c.id = $1 and c.position_id = $2"#,
        cid,
        id,
    )
    .fetch_optional(&app.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    if in_use {
        return Err(AppError::Conflict(t.criterion_in_use.into()));
    }
    let name: String = sqlx::query_scalar!(
        "delete from criterion where id = $1 and position_id = $2 returning name",
        cid,
        id,
    )
    .fetch_optional(&app.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let t = PositionText::get(auth.viewer.locale);
    auth.viewer
        .flash(
            FlashKind::Success,
            t.criterion_deleted.replace("{name}", &name),
        )
        .await?;
    Ok(Redirect::to(&format!("/positions/{id}#profile")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MoveForm {
    direction: String,
}

/// Swaps a criterion with its neighbour; orders are renumbered first so that
/// equal or missing orders still move predictably.
async fn move_criterion(
    State(app): State<AppState>,
    _: Authorized<Staff>,
    OpenPosition(position): OpenPosition,
    Path((_, cid)): Path<(Uuid, Uuid)>,
    Form(form): Form<MoveForm>,
) -> Result<Redirect> {
    let id = position.position_id;
    let step: i32 = match form.direction.as_str() {
        "up" => -1,
        "down" => 1,
        _ => return Err(AppError::Validation("direction must be up or down".into())),
    };
    let mut tx = app.pool.begin().await?;
    let renumbered: Vec<Uuid> = sqlx::query_scalar!(
        "update criterion c set sort_order = o.n
         from (select id, row_number() over (order by sort_order, created_at, id) as n
               from criterion where position_id = $1) o
         where c.id = o.id
         returning c.id",
        id,
    )
    .fetch_all(&mut *tx)
    .await?;
    // Another position's criterion is not found here, as on every other route.
    if !renumbered.contains(&cid) {
        return Err(AppError::NotFound);
    }
    sqlx::query!(
        "with me as (select sort_order from criterion where id = $2 and position_id = $1)
         update criterion c
            set sort_order = case when c.id = $2 then c.sort_order + $3 else c.sort_order - $3 end
          where c.position_id = $1
            and (c.id = $2 or c.sort_order = (select sort_order + $3 from me))
            and exists (select 1 from criterion n where n.position_id = $1
                          and n.sort_order = (select sort_order + $3 from me))",
        id,
        cid,
        step,
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/positions/{id}#criterion-{cid}")))
}
