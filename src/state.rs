//! The state every handler receives: the pool, the settings, and what is kept in
//! memory per round. It sits below the features, which all name it; the app
//! builds it (`startup`) and hands it to the router it assembles (`app`).

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::FromRef;
use sqlx::PgPool;
use uuid::Uuid;

use crate::config::ServerConfig;

#[derive(Clone)]
pub struct AppState {
    pub pool: PgPool,
    pub config: Arc<ServerConfig>,
    /// Rounds' questions in memory, for the walk-through (`interview::question_cache`).
    pub questions: Arc<QuestionCache>,
    /// Candidates' facts in memory, for the pages of those who decide (`decisions::facts`).
    pub facts: Arc<FactsCache>,
    /// Single sign-on's provider, discovered when first needed.
    pub sso: Arc<crate::sso::Sso>,
}

impl AppState {
    pub fn new(pool: PgPool, config: ServerConfig) -> Self {
        // `serve` refuses malformed sign-on settings before this; here they turn it off.
        let sso = crate::sso::Sso::from_config(&config).unwrap_or_else(|err| {
            tracing::error!(error = %err, "single sign-on is off: its settings are malformed");
            crate::sso::Sso::off(config.sign_in.oidc_label.clone())
        });
        Self {
            pool,
            config: Arc::new(config),
            questions: Arc::default(),
            facts: Arc::default(),
            sso: Arc::new(sso),
        }
    }
}

impl FromRef<AppState> for PgPool {
    fn from_ref(state: &AppState) -> PgPool {
        state.pool.clone()
    }
}

/// Rounds kept; beyond it one is dropped to make room (a round is a few tens of kB).
const ROUNDS_KEPT: usize = 256;

/// A value per round, kept while the round's questions stand at the version it
/// was read at. What it holds is the walk-through's, which reads and fills it
/// (`interview::question_cache`); kept here so the state names no feature.
pub type QuestionCache = KeptByVersion<ROUNDS_KEPT>;

/// Candidates whose facts are kept; beyond it one is dropped to make room. A
/// candidate's rows are about 16 kB after two rounds of three members (each
/// rating a row of about 110 bytes), about twice that once a comparison has
/// also kept the facts built from them and their assessment: at most about
/// 80 MB, some fifty positions' comparisons of fifty candidates.
const CANDIDATES_KEPT: usize = 2_500;

/// A value per candidate, kept while the candidate's facts stand at the version
/// they were read at; read and filled by `decisions::facts`.
pub type FactsCache = KeptByVersion<CANDIDATES_KEPT>;

/// Values kept in memory per id, each with the version of the data it was built
/// from; at most `N` ids.
#[derive(Default)]
pub struct KeptByVersion<const N: usize> {
    entries: Mutex<HashMap<Uuid, (i64, Kept)>>,
}

type Kept = Arc<dyn Any + Send + Sync>;

impl<const N: usize> KeptByVersion<N> {
    /// What was kept for the id at this version, if of type `T`.
    pub(crate) fn get<T: Any + Send + Sync>(&self, id: Uuid, version: i64) -> Option<Arc<T>> {
        let entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        entries
            .get(&id)
            .filter(|(kept, _)| *kept == version)
            .and_then(|(_, value)| value.clone().downcast().ok())
    }

    pub(crate) fn put<T: Any + Send + Sync>(&self, id: Uuid, version: i64, value: Arc<T>) {
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // A slower request must not put back what a faster one replaced.
        if entries.get(&id).is_some_and(|(kept, _)| *kept > version) {
            return;
        }
        if entries.len() >= N && !entries.contains_key(&id) {
            let dropped = entries.keys().next().copied();
            if let Some(dropped) = dropped {
                entries.remove(&dropped);
            }
        }
        entries.insert(id, (version, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_value_is_given_only_at_its_version_and_never_replaced_by_an_older_one() {
        let kept: KeptByVersion<2> = KeptByVersion::default();
        let id = Uuid::new_v4();
        kept.put(id, 3, Arc::new("three"));
        assert_eq!(kept.get::<&str>(id, 3).as_deref(), Some(&"three"));
        assert!(
            kept.get::<&str>(id, 4).is_none(),
            "a newer version is read afresh"
        );
        assert!(
            kept.get::<String>(id, 3).is_none(),
            "another type is not given"
        );
        kept.put(id, 2, Arc::new("two"));
        assert_eq!(
            kept.get::<&str>(id, 3).as_deref(),
            Some(&"three"),
            "a slower reader's older value does not replace it"
        );
    }

    #[test]
    fn no_more_than_n_ids_are_kept() {
        let kept: KeptByVersion<2> = KeptByVersion::default();
        let ids: Vec<Uuid> = (0..3).map(|_| Uuid::new_v4()).collect();
        for id in &ids {
            kept.put(*id, 1, Arc::new(1_u8));
        }
        let still: usize = ids
            .iter()
            .filter(|id| kept.get::<u8>(**id, 1).is_some())
            .count();
        assert_eq!(still, 2);
        assert!(kept.get::<u8>(ids[2], 1).is_some(), "the newest is kept");
    }
}
