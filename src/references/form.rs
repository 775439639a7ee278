//! The reference-check form: who was asked, how they were reached, the
//! candidate's consent, and what they said. Parsed into a `ValidReference`.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::references::text::ReferenceText;
use crate::web::form::FormErrors;
use crate::web::text::CommonText;

pub const MAX_NAME: usize = 200;
pub const MAX_TEXT: usize = 4000;
pub const MAX_QUESTIONS: usize = 8000;

crate::coded_enum! {
    /// How the referee was reached: `reference_check.contact_method`, read
    /// straight from the row (where '' stands for "not said", read as `None`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum ContactMethod {
        Phone = "phone",
        Video = "video",
        InPerson = "in_person",
        Email = "email",
    }
}

impl ContactMethod {
    pub fn label(self, t: &ReferenceText) -> &'static str {
        match self {
            ContactMethod::Phone => t.by_phone,
            ContactMethod::Video => t.by_video,
            ContactMethod::InPerson => t.in_person,
            ContactMethod::Email => t.by_email,
        }
    }
}

/// The form as posted; `settles` holds the ids of the doubts ticked as settled.
#[derive(Debug, Default, Clone)]
pub struct ReferenceForm {
    pub form_id: String,
    pub referee_name: String,
    pub relationship: String,
    pub contact_method: String,
    pub consent: bool,
    pub checked_on: String,
    pub questions_answers: String,
    pub summary: String,
    pub concerns: String,
    pub settles: Vec<String>,
}

impl ReferenceForm {
    /// Built from the posted pairs: checkboxes repeat a name, which a struct cannot hold.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> ReferenceForm {
        let mut form = ReferenceForm::default();
        for (name, value) in pairs {
            match name.as_str() {
                "form_id" => form.form_id = value,
                "referee_name" => form.referee_name = value,
                "relationship" => form.relationship = value,
                "contact_method" => form.contact_method = value,
                "consent" => form.consent = !value.is_empty(),
                "checked_on" => form.checked_on = value,
                "questions_answers" => form.questions_answers = value,
                "summary" => form.summary = value,
                "concerns" => form.concerns = value,
                "settles" => form.settles.push(value),
                _ => {}
            }
        }
        form
    }

    pub fn settles_doubt(&self, id: &Uuid) -> bool {
        self.settles.iter().any(|s| s.trim() == id.to_string())
    }
}

#[derive(Debug)]
pub struct ValidReference {
    /// Missing or garbled on a hand-made post: then a repeat cannot be recognised.
    pub form_id: Option<Uuid>,
    pub referee_name: String,
    pub relationship: String,
    pub contact_method: ContactMethod,
    pub checked_on: NaiveDate,
    pub questions_answers: String,
    pub summary: String,
    pub concerns: String,
    pub settles: Vec<Uuid>,
}

fn text(
    errors: &mut FormErrors,
    field: &'static str,
    value: &str,
    max: usize,
    required: bool,
    t: &ReferenceText,
    common: &CommonText,
) -> String {
    let value = value.trim();
    if required && value.is_empty() {
        errors.add(field, common.field_required);
    } else if value.chars().count() > max {
        errors.add(field, t.too_long.replace("{n}", &max.to_string()));
    }
    value.to_owned()
}

/// The reference check to record, or the errors to show; `today` is the local date.
pub fn validate(
    form: &ReferenceForm,
    today: NaiveDate,
    t: &ReferenceText,
    common: &CommonText,
) -> Result<ValidReference, FormErrors> {
    let mut e = FormErrors::default();
    let referee_name = text(
        &mut e,
        "referee_name",
        &form.referee_name,
        MAX_NAME,
        true,
        t,
        common,
    );
    let relationship = text(
        &mut e,
        "relationship",
        &form.relationship,
        MAX_NAME,
        false,
        t,
        common,
    );
    let contact_method = ContactMethod::parse(&form.contact_method);
    if contact_method.is_none() {
        e.add("contact_method", t.choose_contact_method);
    }
    if !form.consent {
        e.add("consent", t.consent_required);
    }
    let checked_on = match NaiveDate::parse_from_str(form.checked_on.trim(), "%Y-%m-%d") {
        Ok(date) if date > today => {
            e.add("checked_on", t.date_in_future);
            None
        }
        Ok(date) => Some(date),
        Err(_) if form.checked_on.trim().is_empty() => {
            e.add("checked_on", common.field_required);
            None
        }
        Err(_) => {
            e.add("checked_on", t.date_invalid);
            None
        }
    };
    let questions_answers = text(
        &mut e,
        "questions_answers",
        &form.questions_answers,
        MAX_QUESTIONS,
        false,
        t,
        common,
    );
    let summary = text(&mut e, "summary", &form.summary, MAX_TEXT, true, t, common);
    let concerns = text(
        &mut e,
        "concerns",
        &form.concerns,
        MAX_TEXT,
        false,
        t,
        common,
    );
    let settles = form
        .settles
        .iter()
        .filter_map(|id| Uuid::parse_str(id.trim()).ok())
        .collect();
    match (contact_method, checked_on) {
        (Some(contact_method), Some(checked_on)) if e.is_empty() => Ok(ValidReference {
            form_id: Uuid::parse_str(form.form_id.trim()).ok(),
            referee_name,
            relationship,
            contact_method,
            checked_on,
            questions_answers,
            summary,
            concerns,
            settles,
        }),
        _ => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    fn complete() -> ReferenceForm {
        ReferenceForm {
            referee_name: "Kari Nordmann".into(),
            contact_method: "phone".into(),
            consent: true,
            checked_on: "2026-11-30".into(),
            summary: "Led the migration herself.".into(),
            ..ReferenceForm::default()
        }
    }

    #[test]
    fn a_complete_form_on_today_is_valid() {
        let (t, c) = (&ReferenceText::EN, &CommonText::EN);
        let valid = validate(&complete(), today(), t, c).unwrap();
        assert_eq!(valid.contact_method, ContactMethod::Phone);
        assert_eq!(valid.form_id, None);
    }

    #[test]
    fn consent_method_and_a_past_date_are_required() {
        let (t, c) = (&ReferenceText::EN, &CommonText::EN);
        let form = ReferenceForm {
            consent: false,
            contact_method: "carrier pigeon".into(),
            checked_on: "2026-12-01".into(),
            ..complete()
        };
        let errors = validate(&form, today(), t, c).unwrap_err();
        assert!(errors.has("consent") && errors.has("contact_method") && errors.has("checked_on"));
        let form = ReferenceForm {
            summary: "x".repeat(MAX_TEXT + 1),
            ..complete()
        };
        assert!(validate(&form, today(), t, c).unwrap_err().has("summary"));
    }

    #[test]
    fn ticked_doubts_repeat_one_name() {
        let a = Uuid::new_v4();
        let form = ReferenceForm::from_pairs(vec![
            ("settles".into(), a.to_string()),
            ("settles".into(), "not an id".into()),
            ("consent".into(), "on".into()),
        ]);
        assert!(form.consent && form.settles_doubt(&a) && form.settles.len() == 2);
    }
}
