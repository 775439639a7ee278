//! The raise-a-doubt form, shared by the walk-through and the candidate page.

use serde::Deserialize;
use uuid::Uuid;

use crate::doubts::model::{Category, MAX_DESCRIPTION, Method, NewDoubt};
use crate::doubts::text::DoubtText;
use crate::i18n::Locale;
use crate::web::form::FormErrors;
use crate::web::text::CommonText;

#[derive(Deserialize, Default, Clone, Debug)]
#[serde(default)]
pub struct DoubtForm {
    pub category: String,
    pub description: String,
    pub method: String,
    /// Fresh per rendered form (or per queued send), so a form delivered twice raises one doubt.
    pub form_id: String,
}

impl DoubtForm {
    pub fn form_id(&self) -> Option<Uuid> {
        // The nil id stands in the shared offline document: it names no form of its own.
        Uuid::parse_str(self.form_id.trim())
            .ok()
            .filter(|id| !id.is_nil())
    }

    /// The doubt this form raises on `candidate_id`, with the category and the way
    /// to settle it that `validate` accepted; outside any round (the walk-through
    /// places it on its question).
    pub fn doubt(
        &self,
        (category, method): (Category, Method),
        candidate_id: Uuid,
        raised_by: Uuid,
    ) -> NewDoubt<'_> {
        NewDoubt {
            candidate_id,
            round_id: None,
            round_question_id: None,
            criterion_id: None,
            category,
            description: &self.description,
            method,
            raised_by,
            form_id: self.form_id(),
        }
    }

    /// The category and the way to settle it, or the errors to show beside the fields.
    pub fn validate(&self, locale: Locale) -> Result<(Category, Method), FormErrors> {
        let t = DoubtText::get(locale);
        let mut errors = FormErrors::default();
        let category = Category::parse_pickable(&self.category);
        if category.is_none() {
            errors.add("category", t.choose_category);
        }
        let description = self.description.trim();
        if description.is_empty() {
            errors.add("description", CommonText::get(locale).field_required);
        } else if description.chars().count() > MAX_DESCRIPTION {
            errors.add("description", t.too_long);
        }
        let method = Method::parse(&self.method);
        if method.is_none() {
            errors.add("method", t.choose_method);
        }
        match (category, method) {
            (Some(category), Some(method)) if errors.is_empty() => Ok((category, method)),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(category: &str, description: &str, method: &str) -> DoubtForm {
        DoubtForm {
            category: category.into(),
            description: description.into(),
            method: method.into(),
            form_id: String::new(),
        }
    }

    #[test]
    fn a_complete_form_parses() {
        let parsed =
            form("integrity", "Dates do not add up.", "check_references").validate(Locale::En);
        assert_eq!(
            parsed.unwrap(),
            (Category::Integrity, Method::CheckReferences)
        );
    }

    #[test]
    fn recommendation_blank_text_and_unknown_method_are_refused() {
        let errors = form("recommendation", "  ", "gut_feeling")
            .validate(Locale::En)
            .unwrap_err();
        assert!(errors.has("category") && errors.has("description") && errors.has("method"));
        let long = "x".repeat(MAX_DESCRIPTION + 1);
        assert!(
            form("other", &long, "gather_facts")
                .validate(Locale::En)
                .unwrap_err()
                .has("description")
        );
    }
}
