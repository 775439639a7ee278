//! The hire followed up (`/candidates/{id}/follow-up`): at the end of the
//! probation period and at 12 months the hiring manager rates the person on the
//! position's criteria with the same anchors as the interview, and says whether
//! they would hire again and whether the person is still there. What the panel
//! saw can then be set against how the hire went (`scoring::validity`).

mod predicted;
mod retrospective;
mod text;

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get};
use chrono::{DateTime, Months, Utc};
use serde_json::json;
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::error::{AppError, Result};
use crate::positions::access::OwnedCandidate;
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors, MAX_NOTE_CHARS};
use crate::web::format;
use crate::web::layout::Layout;
pub use text::FollowUpText;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/candidates/{id}/follow-up", get(show).post(save))
        .route("/positions/{id}/follow-up", get(predicted::page))
        .route("/follow-up", get(predicted::across))
        .route("/candidates/{id}/retrospective", get(retrospective::show))
        .route("/admin/retrospectives", get(retrospective::list))
}

crate::coded_enum! {
    /// `follow_up.milestone`, read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum Milestone {
        Probation = "probation",
        TwelveMonths = "twelve_months",
    }
}

impl Milestone {
    /// When it falls due, counted from the hire.
    pub fn due(self, hired_at: DateTime<Utc>, probation_months: u32) -> DateTime<Utc> {
        let months = match self {
            Milestone::Probation => probation_months,
            Milestone::TwelveMonths => 12,
        };
        hired_at
            .checked_add_months(Months::new(months))
            .unwrap_or(hired_at)
    }
}

/// A follow-up not yet written whose time has come (or comes soon).
pub struct Due {
    pub candidate_id: Uuid,
    pub candidate_name: String,
    pub position_title: String,
    pub milestone: Milestone,
    pub due: DateTime<Utc>,
}

/// The follow-ups due by `until` on the viewer's positions (every position
/// when `all`), the earliest first: for the dashboard.
pub async fn due(
    pool: &sqlx::PgPool,
    user_id: Uuid,
    all: bool,
    until: DateTime<Utc>,
) -> Result<Vec<Due>> {
    Ok(sqlx::query_as!(
        Due,
        r#"select c.id as candidate_id, c.name as candidate_name, p.title as position_title,
                  m.milestone as "milestone!: Milestone", m.due as "due!: DateTime<Utc>"
             -- From the hires rather than from every candidate: an organisation
             -- has far more candidates than hires.
             from (select distinct on (d.candidate_id) d.candidate_id, d.decided_at
                   from decision d where d.outcome = 'hire' and d.reopened_at is null
                   order by d.candidate_id, d.decided_at desc) h
             join candidate c on c.id = h.candidate_id
             join position p on p.id = c.position_id
             cross join setting s
             cross join lateral (values
                 ('probation', h.decided_at + make_interval(months => s.probation_months)),
                 ('twelve_months', h.decided_at + interval '12 months')) as m (milestone, due)
            where ($2 or p.hiring_manager_id = $1) and c.purged_at is null and m.due <= $3
              and not exists (select 1 from follow_up f
                               where f.candidate_id = c.id and f.milestone = m.milestone)
            order by m.due, c.name"#,
        user_id,
        all,
        until as _,
    )
    .fetch_all(pool)
    .await?)
}

struct Criterion {
    id: Uuid,
    name: String,
    anchors: [String; 5],
}

/// A follow-up already written, as the page lists it.
struct Written {
    milestone: Milestone,
    would_hire_again: bool,
    still_here: bool,
    note: String,
    written_at: DateTime<Utc>,
    scores: Vec<(String, i16)>,
}

/// The form as posted: one `score_{criterion id}` per criterion.
#[derive(Debug, Default, Clone)]
struct FollowUpForm {
    milestone: String,
    scores: BTreeMap<String, String>,
    would_hire_again: String,
    still_here: String,
    note: String,
}

impl FollowUpForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> FollowUpForm {
        let mut form = FollowUpForm::default();
        for (name, value) in pairs {
            match name.as_str() {
                "milestone" => form.milestone = value,
                "would_hire_again" => form.would_hire_again = value,
                "still_here" => form.still_here = value,
                "note" => form.note = value,
                other => {
                    if let Some(criterion) = other.strip_prefix("score_") {
                        form.scores.insert(criterion.to_owned(), value);
                    }
                }
            }
        }
        form
    }

    fn score_of(&self, criterion: &Uuid) -> &str {
        self.scores
            .get(&criterion.to_string())
            .map(String::as_str)
            .unwrap_or("")
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "follow_up/show.html")]
struct FollowUpPage {
    layout: Layout,
    t: &'static FollowUpText,
    candidate_id: Uuid,
    candidate_name: String,
    position_title: String,
    hired_at: DateTime<Utc>,
    probation_months: u32,
    criteria: Vec<Criterion>,
    written: Vec<Written>,
    /// The milestones still to write, the first one offered.
    open: Vec<Milestone>,
    form: FollowUpForm,
    errors: FormErrors,
}

impl FollowUpPage {
    fn milestone_label(&self, milestone: &Milestone) -> String {
        let due = format::date(milestone.due(self.hired_at, self.probation_months));
        let name = match milestone {
            Milestone::Probation => self.t.probation,
            Milestone::TwelveMonths => self.t.twelve_months,
        };
        self.t
            .milestone_due
            .replace("{name}", name)
            .replace("{date}", &due)
    }

    fn yes_no(&self, value: &bool) -> &'static str {
        if *value { self.t.yes } else { self.t.no }
    }

    fn written_on(&self, written: &Written) -> String {
        self.t
            .written_on
            .replace("{date}", &format::date(written.written_at))
    }

    fn intro(&self) -> String {
        self.t.intro.replace("{name}", &self.candidate_name)
    }

    /// As the `retrospective_follow_up` view says: would not hire again, or
    /// gone by the end of probation.
    fn calls_for_retrospective(&self) -> bool {
        self.written
            .iter()
            .any(|w| !w.would_hire_again || (w.milestone == Milestone::Probation && !w.still_here))
    }

    fn hired_on(&self) -> String {
        format::date(self.hired_at)
    }

    /// The two yes-or-no questions: field name and label.
    fn questions(&self) -> [(&'static str, &'static str); 2] {
        [
            ("would_hire_again", self.t.would_hire_again),
            ("still_here", self.t.still_here),
        ]
    }

    /// The yes or no posted for `name`, to keep it on a refused form.
    fn answered(&self, name: &str) -> &str {
        match name {
            "would_hire_again" => &self.form.would_hire_again,
            _ => &self.form.still_here,
        }
    }
}

struct Subject {
    name: String,
    title: String,
    position_id: Uuid,
    hired_at: Option<DateTime<Utc>>,
    probation_months: i32,
}

/// The candidate, the hire that stands, and the setting, or 409 when not hired.
async fn subject(app: &AppState, id: Uuid, t: &FollowUpText) -> Result<(Subject, DateTime<Utc>)> {
    let subject = sqlx::query_as!(
        Subject,
        r#"select c.name, p.title, p.id as position_id, s.probation_months,
                  (select d.decided_at from decision d
                    where d.candidate_id = c.id and d.outcome = 'hire' and d.reopened_at is null
                    order by d.decided_at desc limit 1) as "hired_at: DateTime<Utc>"
             from candidate c join position p on p.id = c.position_id cross join setting s
            where c.id = $1"#,
        id,
    )
    .fetch_one(&app.pool)
    .await?;
    let hired_at = subject
        .hired_at
        .ok_or_else(|| AppError::Conflict(t.not_hired.into()))?;
    Ok((subject, hired_at))
}

async fn render(
    app: &AppState,
    auth: &Authorized<Staff>,
    id: Uuid,
    form: FollowUpForm,
    errors: FormErrors,
) -> Result<Response> {
    let t = FollowUpText::get(auth.viewer.locale);
    let (subject, hired_at) = subject(app, id, t).await?;
    let criteria = sqlx::query!(
        "select id, name, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5 from criterion
          where position_id = $1 order by sort_order, name",
        subject.position_id,
    )
    .fetch_all(&app.pool)
    .await?
    .into_iter()
    .map(|row| Criterion {
        id: row.id,
        name: row.name,
        anchors: [
            row.anchor_1,
            row.anchor_2,
            row.anchor_3,
            row.anchor_4,
            row.anchor_5,
        ],
    })
    .collect();
    let written: Vec<Written> = sqlx::query!(
        r#"select f.milestone as "milestone: Milestone", f.would_hire_again, f.still_here, f.note,
                  f.written_at as "written_at: DateTime<Utc>",
                  coalesce(array_agg(c.name order by c.sort_order, c.name) filter (where c.id is not null), '{}') as "names!",
                  coalesce(array_agg(s.score order by c.sort_order, c.name) filter (where c.id is not null), '{}') as "scores!"
             from follow_up f
             left join follow_up_score s on s.follow_up_id = f.id
             left join criterion c on c.id = s.criterion_id
            where f.candidate_id = $1
            group by f.id
            order by f.milestone"#,
        id,
    )
    .fetch_all(&app.pool)
    .await?
    .into_iter()
    .map(|row| Written {
        milestone: row.milestone,
        would_hire_again: row.would_hire_again,
        still_here: row.still_here,
        note: row.note,
        written_at: row.written_at,
        scores: row.names.into_iter().zip(row.scores).collect(),
    })
    .collect();
    let open = Milestone::ALL
        .into_iter()
        .filter(|milestone| !written.iter().any(|w| w.milestone == *milestone))
        .collect();
    let page = FollowUpPage {
        layout: auth
            .viewer
            .layout(format!("{} · {}", t.title, subject.name))
            .await?,
        t,
        candidate_id: id,
        candidate_name: subject.name,
        position_title: subject.title,
        hired_at,
        probation_months: u32::try_from(subject.probation_months).unwrap_or(6),
        criteria,
        written,
        open,
        form,
        errors,
    };
    Ok((page.errors.status(), page).into_response())
}

/// The hiring manager (or HR, or an admin) of the candidate's position.
async fn show(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedCandidate { id, .. }: OwnedCandidate,
) -> Result<Response> {
    render(
        &app,
        &auth,
        id,
        FollowUpForm::default(),
        FormErrors::default(),
    )
    .await
}

/// A follow-up checked whole: a milestone still open, every criterion 1–5, both
/// questions answered, a note within its limit.
struct Valid {
    milestone: Milestone,
    scores: Vec<(Uuid, i16)>,
    would_hire_again: bool,
    still_here: bool,
    note: String,
}

fn yes_no(raw: &str) -> Option<bool> {
    match raw.trim() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

async fn save(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedCandidate { id, head }: OwnedCandidate,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let t = FollowUpText::get(locale);
    let form = FollowUpForm::from_pairs(pairs);
    let (_, _) = subject(&app, id, t).await?;
    let criteria: Vec<Uuid> = sqlx::query_scalar!(
        "select id from criterion where position_id = $1",
        head.position_id
    )
    .fetch_all(&app.pool)
    .await?;
    let mut errors = FormErrors::default();
    let milestone = Milestone::parse(&form.milestone);
    if milestone.is_none() {
        errors.add("milestone", t.milestone_invalid);
    }
    let mut scores = Vec::new();
    for criterion in &criteria {
        match form.score_of(criterion).trim().parse::<i16>() {
            Ok(score @ 1..=5) => scores.push((*criterion, score)),
            _ => errors.add("scores", t.score_every_criterion),
        }
    }
    let would_hire_again = yes_no(&form.would_hire_again);
    if would_hire_again.is_none() {
        errors.add("would_hire_again", t.answer_yes_or_no);
    }
    let still_here = yes_no(&form.still_here);
    if still_here.is_none() {
        errors.add("still_here", t.answer_yes_or_no);
    }
    errors.check_length("note", &form.note, MAX_NOTE_CHARS, locale);
    let valid = match (milestone, would_hire_again, still_here) {
        (Some(milestone), Some(would_hire_again), Some(still_here)) if errors.is_empty() => Valid {
            milestone,
            scores,
            would_hire_again,
            still_here,
            note: form.note.trim().to_owned(),
        },
        _ => return render(&app, &auth, id, form, errors).await,
    };
    let mut tx = app.pool.begin().await?;
    let inserted: Option<Uuid> = sqlx::query_scalar!(
        "insert into follow_up (candidate_id, milestone, would_hire_again, still_here, note, written_by)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (candidate_id, milestone) do nothing
         returning id",
        id,
        valid.milestone as Milestone,
        valid.would_hire_again,
        valid.still_here,
        valid.note,
        auth.user.id,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(follow_up) = inserted else {
        // Written meanwhile (another tab, a second post): the form shows it.
        let mut errors = FormErrors::default();
        errors.add("milestone", t.already_written);
        return render(&app, &auth, id, form, errors).await;
    };
    let (criterion_ids, values): (Vec<Uuid>, Vec<i16>) = valid.scores.iter().copied().unzip();
    sqlx::query!(
        "insert into follow_up_score (follow_up_id, criterion_id, score)
         select $1, * from unnest($2::uuid[], $3::smallint[])",
        follow_up,
        &criterion_ids,
        &values,
    )
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor_id: auth.user.id,
            entity: "candidate",
            entity_id: id,
            action: "followed_up",
            before: None,
            after: Some(json!({
                "milestone": valid.milestone.code(),
                "would_hire_again": valid.would_hire_again,
                "still_here": valid.still_here,
                "scores": valid.scores.iter().map(|(c, s)| json!({ "criterion_id": c, "score": s })).collect::<Vec<_>>(),
                "note": valid.note,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    auth.viewer.flash(FlashKind::Success, t.saved).await?;
    Ok(Redirect::to(&format!("/candidates/{id}/follow-up")).into_response())
}
