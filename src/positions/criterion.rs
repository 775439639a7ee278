//! The requirement profile's domain: a criterion's weight, minimum score and
//! anchors, parsed from a form into values that cannot be invalid.

use serde::Deserialize;

use crate::web::form::{MAX_NOTE_CHARS, name_too_long, too_long};

/// How much a criterion counts: greater than 0, at most 100.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weight(f64);

impl Weight {
    pub const MAX: f64 = 100.0;

    pub fn value(self) -> f64 {
        self.0
    }
}

impl TryFrom<&str> for Weight {
    type Error = ();

    /// Accepts a decimal comma as typed in Norwegian ("1,5").
    fn try_from(raw: &str) -> Result<Self, ()> {
        let value: f64 = raw.trim().replace(',', ".").parse().map_err(|_| ())?;
        if value.is_finite() && value > 0.0 && value <= Self::MAX {
            Ok(Weight(value))
        } else {
            Err(())
        }
    }
}

/// The lowest acceptable panel mean for a must-have: 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinimumScore(i16);

impl MinimumScore {
    pub fn value(self) -> i16 {
        self.0
    }
}

impl TryFrom<&str> for MinimumScore {
    type Error = ();

    fn try_from(raw: &str) -> Result<Self, ()> {
        match raw.trim().parse::<i16>() {
            Ok(value @ 1..=5) => Ok(MinimumScore(value)),
            _ => Err(()),
        }
    }
}

/// The criterion form as posted; every field defaults so a missing one never fails.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(default)]
pub struct CriterionForm {
    pub name: String,
    pub description: String,
    pub weight: String,
    pub must_have: Option<String>,
    pub minimum_score: String,
    pub anchor_1: String,
    pub anchor_2: String,
    pub anchor_3: String,
    pub anchor_4: String,
    pub anchor_5: String,
}

pub const ANCHOR_FIELDS: [&str; 5] = ["anchor_1", "anchor_2", "anchor_3", "anchor_4", "anchor_5"];

impl CriterionForm {
    pub fn is_must_have(&self) -> bool {
        self.must_have.is_some()
    }

    pub fn anchors(&self) -> [&str; 5] {
        [
            &self.anchor_1,
            &self.anchor_2,
            &self.anchor_3,
            &self.anchor_4,
            &self.anchor_5,
        ]
    }
}

/// A criterion that satisfies every rule of the requirement profile.
#[derive(Debug)]
pub struct ValidCriterion {
    pub name: String,
    pub description: String,
    pub weight: Weight,
    /// `Some` exactly for a must-have.
    pub minimum: Option<MinimumScore>,
    pub anchors: [String; 5],
}

impl ValidCriterion {
    pub fn must_have(&self) -> bool {
        self.minimum.is_some()
    }
}

/// Why a criterion form cannot be stored, beside the field at fault; the
/// handler says it in the viewer's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CriterionRefusal {
    NameRequired,
    /// Over `MAX_NAME_CHARS`.
    NameTooLong,
    /// The description or an anchor (the field named) over `MAX_NOTE_CHARS`.
    TooLong(&'static str),
    WeightInvalid,
    MinimumInvalid,
    /// A must-have's anchor (the field named) left empty.
    AnchorRequired(&'static str),
}

impl CriterionRefusal {
    /// The form field the refusal is shown beside.
    pub fn field(self) -> &'static str {
        match self {
            CriterionRefusal::NameRequired | CriterionRefusal::NameTooLong => "name",
            CriterionRefusal::TooLong(field) | CriterionRefusal::AnchorRequired(field) => field,
            CriterionRefusal::WeightInvalid => "weight",
            CriterionRefusal::MinimumInvalid => "minimum_score",
        }
    }
}

pub fn validate(form: &CriterionForm) -> Result<ValidCriterion, Vec<CriterionRefusal>> {
    let mut refusals = Vec::new();
    let name = form.name.trim();
    if name.is_empty() {
        refusals.push(CriterionRefusal::NameRequired);
    } else if name_too_long(name) {
        refusals.push(CriterionRefusal::NameTooLong);
    }
    let notes = std::iter::once(("description", form.description.as_str()))
        .chain(ANCHOR_FIELDS.into_iter().zip(form.anchors()));
    for (field, note) in notes {
        if too_long(note, MAX_NOTE_CHARS) {
            refusals.push(CriterionRefusal::TooLong(field));
        }
    }
    let weight = Weight::try_from(form.weight.as_str());
    if weight.is_err() {
        refusals.push(CriterionRefusal::WeightInvalid);
    }
    let minimum = if form.is_must_have() {
        let parsed = MinimumScore::try_from(form.minimum_score.as_str()).ok();
        if parsed.is_none() {
            refusals.push(CriterionRefusal::MinimumInvalid);
        }
        for (field, anchor) in ANCHOR_FIELDS.into_iter().zip(form.anchors()) {
            if anchor.trim().is_empty() {
                refusals.push(CriterionRefusal::AnchorRequired(field));
            }
        }
        parsed
    } else {
        None
    };
    match weight {
        Ok(weight) if refusals.is_empty() => Ok(ValidCriterion {
            name: name.to_owned(),
            description: form.description.trim().to_owned(),
            weight,
            minimum,
            anchors: form.anchors().map(|anchor| anchor.trim().to_owned()),
        }),
        _ => Err(refusals),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weight_must_be_above_zero_and_at_most_100() {
        assert!(Weight::try_from("0").is_err());
        assert!(Weight::try_from("-1").is_err());
        assert!(Weight::try_from("0.0001").is_ok());
        assert_eq!(Weight::try_from("1,5").map(Weight::value), Ok(1.5));
        assert_eq!(Weight::try_from(" 100 ").map(Weight::value), Ok(100.0));
        assert!(Weight::try_from("100.01").is_err());
        assert!(Weight::try_from("NaN").is_err());
        assert!(Weight::try_from("inf").is_err());
        assert!(Weight::try_from("").is_err());
        assert!(Weight::try_from("two").is_err());
    }

    #[test]
    fn minimum_score_is_one_to_five() {
        assert!(MinimumScore::try_from("0").is_err());
        assert_eq!(MinimumScore::try_from("1").map(MinimumScore::value), Ok(1));
        assert_eq!(MinimumScore::try_from("5").map(MinimumScore::value), Ok(5));
        assert!(MinimumScore::try_from("6").is_err());
        assert!(MinimumScore::try_from("3.5").is_err());
        assert!(MinimumScore::try_from("").is_err());
    }

    fn form() -> CriterionForm {
        CriterionForm {
            name: "Technical depth".into(),
            weight: "2".into(),
            ..CriterionForm::default()
        }
    }

    #[test]
    fn a_plain_criterion_needs_only_name_and_weight() {
        let valid = validate(&form()).unwrap();
        assert!(!valid.must_have());
        assert_eq!(valid.weight.value(), 2.0);
    }

    #[test]
    fn a_must_have_needs_a_minimum_and_every_anchor() {
        let mut must = form();
        must.must_have = Some("on".into());
        let refusals = validate(&must).unwrap_err();
        assert!(refusals.contains(&CriterionRefusal::MinimumInvalid));
        for field in ANCHOR_FIELDS {
            assert!(
                refusals.contains(&CriterionRefusal::AnchorRequired(field)),
                "{field}"
            );
        }
        must.minimum_score = "3".into();
        must.anchor_1 = "a".into();
        must.anchor_2 = "b".into();
        must.anchor_3 = "c".into();
        must.anchor_4 = "d".into();
        must.anchor_5 = "e".into();
        let valid = validate(&must).unwrap();
        assert_eq!(valid.minimum, Some(MinimumScore(3)));
    }

    #[test]
    fn blank_name_and_bad_weight_are_both_reported() {
        let refusals = validate(&CriterionForm {
            name: "  ".into(),
            weight: "0".into(),
            ..CriterionForm::default()
        })
        .unwrap_err();
        assert_eq!(
            refusals,
            [
                CriterionRefusal::NameRequired,
                CriterionRefusal::WeightInvalid
            ]
        );
    }
}
