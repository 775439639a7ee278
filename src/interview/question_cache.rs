//! The round's questions in memory. A question screen needs every question of
//! the round (the jump list, the counts), and reading them with their guidance
//! and anchors was the heaviest statement of the walk-through. They change
//! rarely, and `interview_round.questions_version`, read with the member's seat,
//! says when they did (triggers bump it with every change: migration 0026), so a
//! screen reads only the seat with the member's own ratings. The memory is the
//! state's (`state::QuestionCache`), so the state names no feature; what it holds is read here.

use std::collections::HashMap;
use std::sync::Arc;

use sqlx::PgPool;
use uuid::Uuid;

use crate::error::Result;
use crate::interview::queries::{self, QuestionRow};
use crate::interview::seat::Seat;
use crate::state::QuestionCache;

pub type Questions = Arc<Vec<QuestionRow>>;

impl QuestionCache {
    /// The round's questions in interview order, without ratings.
    pub async fn of_round(&self, pool: &PgPool, seat: &Seat) -> Result<Questions> {
        let round_id = seat.round.round_id;
        if let Some(questions) = self.get(round_id, seat.questions_version) {
            return Ok(questions);
        }
        // Read after the version was, so at least that new; should they be newer
        // still, the version read next differs and they are read again.
        let questions = Arc::new(queries::questions_without_ratings(pool, round_id).await?);
        self.put(round_id, seat.questions_version, questions.clone());
        Ok(questions)
    }

    /// The round's questions in interview order, each with the seat's own rating.
    pub async fn for_seat(&self, pool: &PgPool, seat: &Seat) -> Result<Vec<QuestionRow>> {
        let questions = self.of_round(pool, seat).await?;
        let mine: HashMap<Uuid, _> = seat
            .ratings
            .iter()
            .map(|rating| (rating.question_id, rating))
            .collect();
        Ok(questions
            .iter()
            .map(|question| {
                let mut row = question.clone();
                if let Some(rating) = mine.get(&question.id) {
                    row.score = rating.score;
                    row.evidence = Some(rating.evidence.clone());
                    row.version = Some(rating.version);
                }
                row
            })
            .collect())
    }
}
