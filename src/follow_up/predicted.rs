//! What predicted (`/positions/{id}/follow-up`): for a position's hires that
//! are followed up, each criterion's interview mean against its follow-up score
//! (Spearman's rank correlation, `scoring::validity`), the weighted interview
//! total against "would hire again", and a reading in plain words.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use super::text::PredictedText;
use crate::auth::Authorized;
use crate::auth::role::{Role, Staff};
use crate::error::Result;
use crate::i18n::Locale;
use crate::positions::access::OwnedPosition;
use crate::scoring::validity::{self, MIN_HIRES};
use crate::state::AppState;
use crate::web::format;
use crate::web::layout::Layout;

/// A correlation at or above this counts as "went with performance" in words.
const WENT_WITH: f64 = 0.3;

/// A criterion's (interview mean, follow-up score) for each hire, in order.
struct CriterionPairs {
    /// The criterion's id within a position; its name across positions.
    key: String,
    name: String,
    pairs: Vec<(f64, f64)>,
}

/// One criterion's finding over the followed-up hires.
struct Finding {
    name: String,
    hires: usize,
    rho: Option<f64>,
}

impl Finding {
    fn of(name: String, pairs: &[(f64, f64)]) -> Finding {
        Finding {
            name,
            hires: pairs.len(),
            rho: validity::spearman(pairs),
        }
    }

    fn tells(&self) -> bool {
        self.hires >= MIN_HIRES && self.rho.is_some()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "follow_up/predicted.html")]
struct PredictedPage {
    layout: Layout,
    t: &'static PredictedText,
    locale: Locale,
    /// The position, or `None` across positions.
    position: Option<(Uuid, String)>,
    followed_up: usize,
    findings: Vec<Finding>,
    total: Finding,
}

impl PredictedPage {
    fn intro(&self) -> String {
        match &self.position {
            Some((_, title)) => self.t.intro.replace("{position}", title),
            None => self.t.intro_across.to_owned(),
        }
    }

    fn followed_up_line(&self) -> String {
        self.t
            .followed_up
            .replace("{n}", &self.followed_up.to_string())
    }

    fn rho(&self, finding: &Finding) -> String {
        match finding.rho {
            _ if finding.hires < MIN_HIRES => self.t.too_few.to_owned(),
            None => self.t.undefined.to_owned(),
            Some(rho) if rho < 0.0 => format!("−{}", format::decimal(-rho, self.locale)),
            Some(rho) => format::decimal(rho, self.locale),
        }
    }

    /// "In 14 hires, problem solving in the interview went with performance;
    /// motivation did not."
    fn reading(&self) -> String {
        let told: Vec<&Finding> = self.findings.iter().filter(|f| f.tells()).collect();
        if told.is_empty() {
            return self
                .t
                .reading_too_few
                .replace("{n}", &self.followed_up.to_string())
                .replace("{min}", &MIN_HIRES.to_string());
        }
        let hires = told.iter().map(|f| f.hires).max().unwrap_or(0).to_string();
        let (went, not): (Vec<&Finding>, Vec<&Finding>) = told
            .into_iter()
            .partition(|f| f.rho.is_some_and(|rho| rho >= WENT_WITH));
        let names = |findings: &[&Finding]| {
            let names: Vec<&str> = findings.iter().map(|f| f.name.as_str()).collect();
            match names.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} {} {last}", rest.join(", "), self.t.and)
                }
                _ => names.concat(),
            }
        };
        let mut reading = if went.is_empty() {
            self.t.reading_none_went_with.replace("{n}", &hires)
        } else {
            self.t
                .reading_went_with
                .replace("{n}", &hires)
                .replace("{criteria}", &names(&went))
        };
        if !not.is_empty() && !went.is_empty() {
            let did_not = self.t.reading_did_not.replace("{criteria}", &names(&not));
            reading.push(' ');
            reading.push_str(&capitalised(&did_not));
        }
        reading
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whose hires are read: one position's, or across positions (every
/// position for HR and admins, a hiring manager's own otherwise).
#[derive(Clone, Copy)]
enum Hires {
    OfPosition(Uuid),
    AcrossPositions { manager: Option<Uuid> },
}

/// The findings over the followed-up hires: (hires followed up, per criterion,
/// the weighted total against "would hire again"). Across positions a
/// criterion is known by its name, so the same criterion of several
/// positions' profiles counts as one.
async fn findings(
    pool: &sqlx::PgPool,
    hires_of: Hires,
    t: &PredictedText,
) -> Result<(usize, Vec<Finding>, Finding)> {
    let (position, manager, across) = match hires_of {
        Hires::OfPosition(id) => (Some(id), None, false),
        Hires::AcrossPositions { manager } => (None, manager, true),
    };
    let rows = sqlx::query!(
        r#"with latest as (
               select distinct on (f.candidate_id) f.id, f.candidate_id, f.would_hire_again
                 from follow_up f
                 join candidate c on c.id = f.candidate_id
                 join position p on p.id = c.position_id
                where ($1::uuid is null or c.position_id = $1)
                  and ($2::uuid is null or p.hiring_manager_id = $2)
                  and c.purged_at is null
                  and exists (select 1 from decision d
                               where d.candidate_id = c.id and d.outcome = 'hire'
                                 and d.reopened_at is null)
                order by f.candidate_id, f.written_at desc
           )
           select l.candidate_id, l.would_hire_again,
                  case when $3 then lower(trim(cr.name)) else cr.id::text end as "criterion_key!",
                  cr.name, cr.weight,
                  s.score as follow_up_score,
                  (select avg(ra.score)::float8
                     from rating ra
                     join panel_member pm on pm.id = ra.panel_member_id
                     join round_question q on q.id = ra.round_question_id
                     join interview_round r on r.id = q.round_id
                    where r.candidate_id = l.candidate_id and q.criterion_id = cr.id
                      and pm.submitted_at is not null and ra.score is not null) as interview_mean
             from latest l
             join follow_up_score s on s.follow_up_id = l.id
             join criterion cr on cr.id = s.criterion_id
            order by case when $3 then lower(trim(cr.name)) end, cr.sort_order, cr.name, l.candidate_id"#,
        position,
        manager,
        across,
    )
    .fetch_all(pool)
    .await?;

    // Per criterion, in order: (interview mean, follow-up score) for each hire.
    let mut criteria: Vec<CriterionPairs> = Vec::new();
    // Per hire: weighted sum and weights of the interview means, would hire again.
    let mut hires: BTreeMap<Uuid, (f64, f64, bool)> = BTreeMap::new();
    for row in &rows {
        if criteria.last().is_none_or(|c| c.key != row.criterion_key) {
            criteria.push(CriterionPairs {
                key: row.criterion_key.clone(),
                name: row.name.clone(),
                pairs: Vec::new(),
            });
        }
        let hire = hires
            .entry(row.candidate_id)
            .or_insert((0.0, 0.0, row.would_hire_again));
        if let (Some(mean), Some(pairs)) = (row.interview_mean, criteria.last_mut()) {
            pairs.pairs.push((mean, f64::from(row.follow_up_score)));
            hire.0 += row.weight * mean;
            hire.1 += row.weight;
        }
    }
    let totals: Vec<(f64, f64)> = hires
        .values()
        .filter(|(_, weights, _)| *weights > 0.0)
        .map(|(sum, weights, again)| (sum / weights, if *again { 1.0 } else { 0.0 }))
        .collect();
    Ok((
        hires.len(),
        criteria
            .into_iter()
            .map(|c| Finding::of(c.name, &c.pairs))
            .collect(),
        Finding::of(t.total_vs_again.to_owned(), &totals),
    ))
}

/// The hiring manager of the position, HR or an admin.
pub(super) async fn page(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedPosition(head): OwnedPosition,
) -> Result<Response> {
    let t = PredictedText::get(auth.viewer.locale);
    let (followed_up, findings, total) =
        findings(&app.pool, Hires::OfPosition(head.position_id), t).await?;
    let page = PredictedPage {
        layout: auth
            .viewer
            .layout(format!("{} · {}", t.title, head.title))
            .await?,
        t,
        locale: auth.viewer.locale,
        position: Some((head.position_id, head.title)),
        followed_up,
        findings,
        total,
    };
    Ok(page.into_response())
}

/// Across positions: HR and admins over every position, a hiring manager over theirs.
pub(super) async fn across(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
) -> Result<Response> {
    let t = PredictedText::get(auth.viewer.locale);
    let manager = (auth.user.role == Role::Manager).then_some(auth.user.id);
    let (followed_up, findings, total) =
        findings(&app.pool, Hires::AcrossPositions { manager }, t).await?;
    let page = PredictedPage {
        layout: auth.viewer.layout(t.title_across).await?,
        t,
        locale: auth.viewer.locale,
        position: None,
        followed_up,
        findings,
        total,
    };
    Ok(page.into_response())
}
