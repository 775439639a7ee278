//! A doubt as pages show it: labels in the user's language, the fact that settled
//! it in words, and the next step its way of settling points to.

use uuid::Uuid;

use crate::doubts::form::DoubtForm;
use crate::doubts::model::{Category, Method, Status};
use crate::doubts::queries::{self, DoubtRow};
use crate::doubts::text::DoubtText;
use crate::error::Result;
use crate::i18n::Locale;
use crate::web::form::FormErrors;
use crate::web::format;

pub struct Link {
    pub href: String,
    pub label: &'static str,
}

pub struct DoubtView {
    pub id: Uuid,
    pub category: &'static str,
    pub description: String,
    pub method: &'static str,
    pub status: &'static str,
    /// `tag-warn`, `tag-ok` or `tag-danger`.
    pub status_class: &'static str,
    pub open: bool,
    pub raised: String,
    pub question: Option<String>,
    pub round: String,
    pub fact: Option<String>,
    pub settled: Option<String>,
    pub follow_up: Option<Link>,
}

fn fact(row: &DoubtRow, t: &DoubtText, locale: Locale) -> Option<String> {
    if let Some(name) = &row.referee_name {
        let date = row
            .reference_checked_on
            .map(|d| d.format("%d.%m.%Y").to_string())
            .unwrap_or_default();
        return Some(
            t.fact_reference_label
                .replace("{name}", name)
                .replace("{date}", &date),
        );
    }
    if let (Some(kind), Some(summary)) = (row.test_kind, &row.test_summary) {
        let kind = kind.label(locale);
        return Some(
            t.fact_test_label
                .replace("{kind}", kind)
                .replace("{summary}", summary),
        );
    }
    if let Some(n) = row.settled_round_number {
        return Some(t.fact_round_label.replace("{n}", &n.to_string()));
    }
    (!row.fact_what.is_empty()).then(|| {
        t.fact_information_label
            .replace("{what}", &row.fact_what)
            .replace("{source}", &row.fact_source)
            .replace("{outcome}", &row.fact_outcome)
    })
}

fn follow_up(row: &DoubtRow, t: &DoubtText, position_id: Uuid) -> Link {
    let candidate = row.candidate_id;
    match row.resolution_method {
        Method::CheckReferences => Link {
            href: format!("/candidates/{candidate}/references"),
            label: t.follow_references,
        },
        Method::ExtraInterview => Link {
            href: format!("/positions/{position_id}/rounds/new?candidate={candidate}"),
            label: t.follow_interview,
        },
        Method::PracticalTest => Link {
            href: format!("/positions/{position_id}/rounds/new?candidate={candidate}"),
            label: t.follow_test,
        },
        Method::GatherFacts => Link {
            href: format!("/doubts/{}", row.id),
            label: t.follow_facts,
        },
    }
}

/// The doubt in words; `position_id` only when the viewer may act on it.
pub fn view(row: &DoubtRow, locale: Locale, position_id: Option<Uuid>) -> DoubtView {
    let t = DoubtText::get(locale);
    let status = row.status;
    let by = |name: &Option<String>| name.clone().unwrap_or_else(|| t.someone.to_owned());
    let time_zone = row
        .round_time_zone
        .as_deref()
        .unwrap_or(format::DEFAULT_TIME_ZONE.name());
    DoubtView {
        id: row.id,
        category: row.category.label(locale),
        description: row.description.clone(),
        method: row.resolution_method.label(locale),
        status: status.label(t),
        status_class: match status {
            Status::Open => "tag-warn",
            Status::Resolved => "tag-ok",
            Status::Confirmed => "tag-danger",
        },
        open: status == Status::Open,
        raised: t
            .raised_by
            .replace("{name}", &by(&row.raised_by_name))
            .replace("{date}", &format::date_time(row.raised_at, time_zone)),
        question: row.question_text.clone(),
        round: match row.round_number {
            Some(n) => t.round_n.replace("{n}", &n.to_string()),
            None => t.outside_rounds.to_owned(),
        },
        fact: fact(row, t, locale),
        settled: row.settled_at.map(|at| {
            t.settled_by
                .replace("{name}", &by(&row.settled_by_name))
                .replace("{date}", &format::date_time(at, time_zone))
        }),
        follow_up: position_id
            .filter(|_| status == Status::Open)
            .map(|position_id| follow_up(row, t, position_id)),
    }
}

/// The candidate page's doubts section: the list and, for staff who may manage,
/// the raise-a-doubt form (with what was typed, after a refusal).
pub struct DoubtsSection {
    pub t: &'static DoubtText,
    pub items: Vec<DoubtView>,
    pub can_manage: bool,
    pub form: DoubtForm,
    pub errors: FormErrors,
    pub categories: Vec<(&'static str, &'static str)>,
    pub methods: Vec<(&'static str, &'static str)>,
}

/// Who is looking at the candidate's doubts.
pub struct Reader {
    pub user_id: Uuid,
    pub can_manage: bool,
    pub locale: Locale,
}

pub async fn section(
    pool: &sqlx::PgPool,
    reader: Reader,
    candidate_id: Uuid,
    position_id: Uuid,
    form: DoubtForm,
    errors: FormErrors,
) -> Result<DoubtsSection> {
    let t = DoubtText::get(reader.locale);
    // A panel member sees the doubts they raised, not the rest of the panel's.
    let only = (!reader.can_manage).then_some(reader.user_id);
    let rows = queries::for_candidate(pool, candidate_id, only).await?;
    let acting = reader.can_manage.then_some(position_id);
    let mut form = if form.method.is_empty() && errors.is_empty() {
        DoubtForm {
            method: Method::GatherFacts.code().into(),
            ..form
        }
    } else {
        form
    };
    // Kept from a refused post, so that its resend still raises one doubt.
    if form.form_id().is_none() {
        form.form_id = Uuid::new_v4().to_string();
    }
    Ok(DoubtsSection {
        t,
        items: rows
            .iter()
            .map(|row| view(row, reader.locale, acting))
            .collect(),
        can_manage: reader.can_manage,
        form,
        errors,
        categories: Category::PICKABLE
            .iter()
            .map(|c| (c.code(), c.label(reader.locale)))
            .collect(),
        methods: Method::ALL
            .iter()
            .map(|m| (m.code(), m.label(reader.locale)))
            .collect(),
    })
}
