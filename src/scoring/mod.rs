//! Scores and recommendations as parsed domain values: an invalid score or a
//! neutral recommendation cannot be built.

pub mod flags;
pub mod validity;

use serde::Serialize;

/// A rating on the 1–5 scale; "not assessed" is `Option::<Score>::None`, never a zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "i16")]
pub struct Score(i16);

impl Score {
    pub const MIN: i16 = 1;
    pub const MAX: i16 = 5;

    pub fn value(self) -> i16 {
        self.0
    }
}

impl From<Score> for i16 {
    fn from(score: Score) -> i16 {
        score.0
    }
}

/// A score outside 1–5, or not a number at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a score is 1 to 5, or not assessed")]
pub struct InvalidScore;

impl TryFrom<i64> for Score {
    type Error = InvalidScore;

    fn try_from(value: i64) -> Result<Self, InvalidScore> {
        if (i64::from(Score::MIN)..=i64::from(Score::MAX)).contains(&value) {
            Ok(Score(value as i16))
        } else {
            Err(InvalidScore)
        }
    }
}

/// What a rating form sends: "1".."5", "na" for not assessed, or nothing yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreChoice {
    Unanswered,
    NotAssessed,
    Rated(Score),
}

impl ScoreChoice {
    pub fn parse(raw: &str) -> Result<Self, InvalidScore> {
        match raw.trim() {
            "" => Ok(ScoreChoice::Unanswered),
            "na" => Ok(ScoreChoice::NotAssessed),
            digits => digits
                .parse::<i64>()
                .map_err(|_| InvalidScore)
                .and_then(Score::try_from)
                .map(ScoreChoice::Rated),
        }
    }
}

crate::coded_enum! {
    /// A panel member's overall recommendation; deliberately without a neutral
    /// option. `recommendation.verdict`, read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum Verdict {
        StrongNo = "strong_no",
        No = "no",
        Yes = "yes",
        StrongYes = "strong_yes",
    }
}

impl Verdict {
    /// A "no" is itself a doubt about the candidate, to be settled with facts.
    pub fn opens_doubt(self) -> bool {
        matches!(self, Verdict::StrongNo | Verdict::No)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_outside_one_to_five_are_refused() {
        assert!(Score::try_from(0).is_err());
        assert!(Score::try_from(6).is_err());
        assert_eq!(Score::try_from(1).map(Score::value), Ok(1));
        assert_eq!(Score::try_from(5).map(Score::value), Ok(5));
    }

    #[test]
    fn score_choices_parse_from_the_form() {
        assert_eq!(ScoreChoice::parse(""), Ok(ScoreChoice::Unanswered));
        assert_eq!(ScoreChoice::parse("na"), Ok(ScoreChoice::NotAssessed));
        assert_eq!(
            ScoreChoice::parse("4"),
            Ok(ScoreChoice::Rated(Score::try_from(4).unwrap()))
        );
        assert!(ScoreChoice::parse("0").is_err());
        assert!(ScoreChoice::parse("x").is_err());
    }

    #[test]
    fn only_no_and_strong_no_open_a_doubt() {
        for verdict in Verdict::ALL {
            assert_eq!(Verdict::parse(verdict.code()), Some(verdict));
        }
        assert_eq!(Verdict::parse("neutral"), None);
        assert!(Verdict::No.opens_doubt() && Verdict::StrongNo.opens_doubt());
        assert!(!Verdict::Yes.opens_doubt() && !Verdict::StrongYes.opens_doubt());
    }
}
