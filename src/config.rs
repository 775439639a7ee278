//! Runtime configuration, read from environment variables with working defaults.

use std::net::SocketAddr;

use clap::{Args, ValueEnum};

pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/secondround";

#[derive(Debug, Clone, Args)]
pub struct DatabaseConfig {
    /// Postgres connection string; the database is created when it does not exist.
    #[arg(long, global = true, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, hide_env_values = true)]
    pub database_url: String,

    /// Largest number of pooled database connections (default: four per CPU core, 8 to 32).
    #[arg(
        long,
        global = true,
        env = "SECONDROUND_DB_MAX_CONNECTIONS",
        default_value_t = default_pool_size()
    )]
    pub db_max_connections: u32,
}

/// Four connections per core, 8 to 32. More connections than Postgres has cores
/// to run them only take turns: on two cores a pool of 8 served 7-37 % more
/// pages than one of 32, with a shorter tail (BENCHMARKS.md).
pub fn default_pool_size() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    u32::try_from(cores * 4).unwrap_or(u32::MAX).clamp(8, 32)
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    #[default]
    Pretty,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct ServerConfig {
    /// Address and port to listen on.
    #[arg(long, env = "SECONDROUND_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Mark cookies Secure and send HSTS; turn on when served over HTTPS.
    #[arg(long, env = "SECONDROUND_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,

    /// Minutes without activity before a session ends.
    #[arg(long, env = "SECONDROUND_SESSION_IDLE_MINUTES", default_value_t = 120)]
    pub session_idle_minutes: i64,

    /// Hours after sign-in when a session ends regardless of activity.
    #[arg(long, env = "SECONDROUND_SESSION_MAX_HOURS", default_value_t = 12)]
    pub session_max_hours: i64,

    /// Seconds a request may take before it is answered with 408.
    #[arg(long, env = "SECONDROUND_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,

    /// Extra origins (scheme://host:port) trusted for form posts, e.g. behind a proxy.
    #[arg(long, env = "SECONDROUND_TRUSTED_ORIGINS", value_delimiter = ',')]
    pub trusted_origins: Vec<String>,

    /// Directory with the static assets (stylesheet, scripts).
    #[arg(long, env = "SECONDROUND_STATIC_DIR", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/static"))]
    pub static_dir: std::path::PathBuf,
}

impl ServerConfig {
    /// Settings for tests and tools: port 0 (any free port) and the defaults.
    pub fn for_tests() -> Self {
        Self {
            bind: "127.0.0.1:0".parse().expect("valid address"),
            secure_cookies: false,
            session_idle_minutes: 120,
            session_max_hours: 12,
            request_timeout_secs: 30,
            trusted_origins: Vec::new(),
            static_dir: concat!(env!("CARGO_MANIFEST_DIR"), "/static").into(),
        }
    }
}
