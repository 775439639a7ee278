//! The position page: the requirement profile with its criteria in order, and
//! the candidates with their rounds, in three queries.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::error::Result;
use crate::positions::access::OwnedPosition;
use crate::positions::queries::{self, CandidateRow, Position, RoundRow};
use crate::positions::text::PositionText;
use crate::state::AppState;
use crate::web::format;
use crate::web::layout::Layout;

#[derive(Debug)]
pub struct CriterionRow {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub weight: f64,
    pub must_have: bool,
    pub minimum_score: Option<i16>,
    pub anchors_complete: bool,
}

pub async fn criteria(pool: &PgPool, position_id: Uuid) -> Result<Vec<CriterionRow>> {
    Ok(sqlx::query_as!(
        CriterionRow,
        r#"select id, name, description, weight, must_have, minimum_score,
                (anchor_1 <> '' and anchor_2 <> '' and anchor_3 <> '' and anchor_4 <> '' and anchor_5 <> '')
                    as "anchors_complete!"
         from criterion where position_id = $1 order by sort_order, created_at, id"#,
        position_id,
    )
    .fetch_all(pool)
    .await?)
}

#[derive(Template, WebTemplate)]
#[template(path = "positions/show.html")]
pub struct ShowPage {
    layout: Layout,
    t: &'static PositionText,
    status: &'static crate::domain::RoundLabels,
    candidate_text: &'static crate::candidates::CandidateText,
    position: Position,
    criteria: Vec<CriterionRow>,
    candidates: Vec<CandidateRow>,
    rounds: Vec<RoundRow>,
}

impl ShowPage {
    fn is_open(&self) -> bool {
        self.position.status.is_open()
    }

    fn weight(&self, criterion: &CriterionRow) -> String {
        criterion.weight.to_string()
    }

    fn minimum(&self, criterion: &CriterionRow) -> String {
        let n = criterion.minimum_score.unwrap_or(0).to_string();
        self.t.min_short.replace("{n}", &n)
    }

    fn rounds_of(&self, candidate: &CandidateRow) -> Vec<&RoundRow> {
        self.rounds
            .iter()
            .filter(|round| round.candidate_id == candidate.id)
            .collect()
    }

    fn round_label(&self, round: &RoundRow) -> String {
        let when = round
            .scheduled_at
            .map(|at| format::date_time(at, &round.time_zone))
            .unwrap_or_else(|| self.t.not_planned.to_owned());
        format!(
            "{} · {when}",
            self.t
                .round_n
                .replace("{n}", &round.round_number.to_string())
        )
    }
}

pub async fn show(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedPosition(head): OwnedPosition,
) -> Result<ShowPage> {
    let id = head.position_id;
    let locale = auth.viewer.locale;
    let position = queries::find(&app.pool, id).await?;
    Ok(ShowPage {
        layout: auth.viewer.layout(position.title.clone()).await?,
        t: PositionText::get(locale),
        status: crate::domain::RoundLabels::get(locale),
        candidate_text: crate::candidates::CandidateText::get(locale),
        criteria: criteria(&app.pool, id).await?,
        candidates: queries::candidates(&app.pool, id).await?,
        rounds: queries::rounds(&app.pool, id).await?,
        position,
    })
}
