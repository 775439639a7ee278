//! argon2id password hashing with OWASP's recommended parameters, off the async threads.

use anyhow::Context;
use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::rngs::OsRng;
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Shortest password accepted for a new account.
pub const MIN_LENGTH: usize = 12;

fn hasher() -> Argon2<'static> {
    // OWASP Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1.
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Each check holds 19 MiB for tens of milliseconds: at most one per core runs at
/// once, the rest wait their turn, so a burst of sign-ins cannot exhaust memory
/// or the blocking pool.
static CHECKS: std::sync::LazyLock<Arc<Semaphore>> = std::sync::LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    Arc::new(Semaphore::new(cores))
});

/// A turn to run one check; held by the blocking task itself, so a request that
/// gives up early does not free the turn while the check still runs.
async fn turn() -> anyhow::Result<OwnedSemaphorePermit> {
    CHECKS
        .clone()
        .acquire_owned()
        .await
        .context("password checks closed")
}

pub async fn hash(password: String) -> anyhow::Result<String> {
    let turn = turn().await?;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|err| anyhow::anyhow!("cannot hash password: {err}"))
    })
    .await
    .context("password hashing task failed")?
}

/// The checks' working memory, reused: at most one per turn is in use. A fresh
/// 19 MiB for every check was kept by the allocator in per-thread arenas across
/// the blocking pool's threads, so a burst of sign-ins left the server about
/// 400 MiB larger for good (see BENCHMARKS.md).
static MEMORY: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

/// Checks a password; with no stored hash it still does the same work, so an
/// unknown email takes as long as a wrong password.
pub async fn verify(password: String, stored_hash: Option<String>) -> anyhow::Result<bool> {
    let turn = turn().await?;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let stored = stored_hash.unwrap_or_else(|| DUMMY_HASH.clone());
        let parsed = PasswordHash::new(&stored)
            .map_err(|err| anyhow::anyhow!("stored password hash is malformed: {err}"))?;
        let mut memory = MEMORY
            .lock()
            .ok()
            .and_then(|mut free| free.pop())
            .unwrap_or_default();
        let matches = verify_in(&mut memory, password.as_bytes(), &parsed);
        if let Ok(mut free) = MEMORY.lock() {
            free.push(memory);
        }
        Ok(matches? && stored != *DUMMY_HASH)
    })
    .await
    .context("password verification task failed")?
}

/// Recomputes the stored hash's argon2 (its own parameters) for `password` in
/// `memory`, and compares in constant time.
fn verify_in(
    memory: &mut Vec<Block>,
    password: &[u8],
    stored: &PasswordHash,
) -> anyhow::Result<bool> {
    let malformed =
        |err: &dyn std::fmt::Display| anyhow::anyhow!("stored password hash is malformed: {err}");
    let params = Params::try_from(stored).map_err(|err| malformed(&err))?;
    let algorithm = Algorithm::try_from(stored.algorithm).map_err(|err| malformed(&err))?;
    let version = match stored.version {
        Some(version) => Version::try_from(version).map_err(|err| malformed(&err))?,
        None => Version::default(),
    };
    let (Some(salt), Some(expected)) = (stored.salt, stored.hash) else {
        return Err(malformed(&"no salt or no hash"));
    };
    let mut salt_buffer = [0u8; 64];
    let salt = salt
        .decode_b64(&mut salt_buffer)
        .map_err(|err| malformed(&err))?;
    let blocks = params.block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let mut computed = vec![0u8; expected.len()];
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password, salt, &mut computed, &mut memory[..blocks])
        .map_err(|err| anyhow::anyhow!("cannot check password: {err}"))?;
    let computed = argon2::password_hash::Output::new(&computed).map_err(|err| malformed(&err))?;
    // `Output` compares in constant time.
    Ok(computed == expected)
}

static DUMMY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(b"no such account", &salt)
        .expect("hashing a constant succeeds")
        .to_string()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hash = hash("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(
            verify("correct horse battery".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(!verify("wrong".into(), Some(hash)).await.unwrap());
        assert!(!verify("no such account".into(), None).await.unwrap());
    }

    #[tokio::test]
    async fn a_hash_is_checked_with_its_own_parameters() {
        let light = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(64, 1, 1, None).unwrap(),
        );
        let salt = SaltString::generate(&mut OsRng);
        let hash = light
            .hash_password(b"an older, lighter hash", &salt)
            .unwrap()
            .to_string();
        assert!(
            verify("an older, lighter hash".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(!verify("another".into(), Some(hash)).await.unwrap());
        assert!(
            verify("x".into(), Some("$argon2id$nonsense".into()))
                .await
                .is_err()
        );
    }
}
