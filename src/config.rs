//! Runtime configuration, read from environment variables with working defaults.

use std::net::SocketAddr;

use clap::{Args, ValueEnum};

use crate::redact::{Secret, SecretUrl};

pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/secondround";

#[derive(Debug, Clone, Args)]
pub struct DatabaseConfig {
    /// Postgres connection string; the database is created when it does not exist.
    /// For TLS add e.g. ?sslmode=verify-full&sslrootcert=/etc/secondround/db-ca.pem.
    #[arg(long, global = true, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, hide_env_values = true)]
    pub database_url: SecretUrl,

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

    /// Serve the static assets (stylesheet, scripts) from this directory instead
    /// of the copies built into the binary: for editing them without a rebuild.
    #[arg(long, env = "SECONDROUND_STATIC_DIR")]
    pub static_dir: Option<std::path::PathBuf>,

    /// A second address serving only `/metrics` (Prometheus), e.g. 127.0.0.1:9090,
    /// for the monitoring to scrape without passing the proxy.
    #[arg(long, env = "SECONDROUND_METRICS_BIND")]
    pub metrics_bind: Option<SocketAddr>,

    /// Bearer token `/metrics` asks for. Set, it opens `/metrics` on the main
    /// address to a scraper that presents it (and guards the metrics address too);
    /// unset, `/metrics` is served on `SECONDROUND_METRICS_BIND` only.
    #[arg(long, env = "SECONDROUND_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<Secret>,

    /// Largest candidate paper (CV, test report, work sample) in MB, 1 to 100.
    #[arg(long, env = "SECONDROUND_PAPER_MAX_MB", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub paper_max_mb: u32,

    #[command(flatten)]
    pub mail: MailConfig,

    /// Boxed: it would make `cli::Command::Serve` much larger than the other commands.
    #[command(flatten)]
    pub sign_in: Box<SignInConfig>,
}

/// How people sign in: passwords, single sign-on with OpenID Connect, or both.
#[derive(Debug, Clone, Default, Args)]
pub struct SignInConfig {
    /// OpenID provider's issuer URL, e.g. https://login.microsoftonline.com/TENANT/v2.0;
    /// single sign-on is off without it. The redirect URI to register with the
    /// provider is SECONDROUND_PUBLIC_URL followed by /auth/oidc/callback.
    #[arg(long, env = "SECONDROUND_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,

    /// The client id registered with the OpenID provider.
    #[arg(long, env = "SECONDROUND_OIDC_CLIENT_ID", default_value = "")]
    pub oidc_client_id: String,

    /// The client secret registered with the OpenID provider.
    #[arg(
        long,
        env = "SECONDROUND_OIDC_CLIENT_SECRET",
        default_value = "",
        hide_env_values = true
    )]
    pub oidc_client_secret: Secret,

    /// The label of the single sign-on button on the sign-in page.
    #[arg(
        long,
        env = "SECONDROUND_OIDC_LABEL",
        default_value = "Sign in with single sign-on"
    )]
    pub oidc_label: String,

    /// E-mail domain (e.g. firma.no) whose people get an account at their first
    /// single sign-on; off when empty, so only accounts an admin made sign in.
    #[arg(long, env = "SECONDROUND_OIDC_CREATE_DOMAIN")]
    pub oidc_create_domain: Option<String>,

    /// Role of the accounts made at first sign-on (admin, hr, manager, panelist).
    #[arg(long, env = "SECONDROUND_OIDC_CREATE_ROLE", default_value = "panelist")]
    pub oidc_create_role: String,

    /// Whether people may sign in with a password (true or false).
    #[arg(long, env = "SECONDROUND_PASSWORD_SIGNIN", default_value_t = true, action = clap::ArgAction::Set)]
    pub password_signin: bool,
}

impl SignInConfig {
    /// Passwords only, as without any sign-on setting.
    pub fn for_tests() -> Self {
        Self {
            oidc_label: "Sign in with single sign-on".into(),
            oidc_create_role: "panelist".into(),
            password_signin: true,
            ..Self::default()
        }
    }
}

/// Mail: where it goes, who it is from, and how links in it reach the app.
#[derive(Debug, Clone, Args)]
pub struct MailConfig {
    /// SMTP server, e.g. smtp://user:password@relay:587 (STARTTLS required),
    /// smtps://user:password@relay:465 or smtp://127.0.0.1:25?tls=none. Without
    /// it nothing is sent and the outbox page shows what would have been.
    #[arg(long, env = "SECONDROUND_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<SecretUrl>,

    /// Sender of the mails, e.g. "Secondround <rekruttering@firma.no>".
    #[arg(
        long,
        env = "SECONDROUND_MAIL_FROM",
        default_value = "Secondround <secondround@localhost>"
    )]
    pub mail_from: String,

    /// The address people reach the app at, for the links in mails.
    #[arg(
        long,
        env = "SECONDROUND_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub public_url: String,

    /// Seconds one step of the SMTP conversation may take before the attempt counts as failed.
    #[arg(long, env = "SECONDROUND_SMTP_TIMEOUT_SECS", default_value_t = 30)]
    pub smtp_timeout_secs: u64,

    /// Seconds before a mail that could not be sent is tried again the first time
    /// (then three times longer each time, at most 15 minutes).
    #[arg(long, env = "SECONDROUND_MAIL_FIRST_RETRY_SECS", default_value_t = 20)]
    pub mail_first_retry_secs: u64,

    /// Seconds between looks at the outbox.
    #[arg(long, env = "SECONDROUND_MAIL_POLL_SECS", default_value_t = 5)]
    pub mail_poll_secs: u64,

    /// Seconds between looks for reminders and digests that are due.
    #[arg(long, env = "SECONDROUND_NOTICE_SCAN_SECS", default_value_t = 300)]
    pub notice_scan_secs: u64,
}

impl MailConfig {
    /// Defaults: no SMTP server.
    pub fn for_tests() -> Self {
        Self {
            smtp_url: None,
            mail_from: "Secondround <secondround@localhost>".into(),
            public_url: "http://127.0.0.1:8080".into(),
            smtp_timeout_secs: 30,
            mail_first_retry_secs: 20,
            mail_poll_secs: 5,
            notice_scan_secs: 300,
        }
    }

    /// Whether an SMTP server is named at all.
    pub fn sends(&self) -> bool {
        self.smtp_url
            .as_ref()
            .is_some_and(|url| !url.expose().trim().is_empty())
    }

    pub fn smtp_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.smtp_timeout_secs.max(1))
    }

    pub fn first_retry(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.mail_first_retry_secs.clamp(1, 30))
    }
}

impl ServerConfig {
    /// The largest paper in bytes.
    pub fn paper_max_bytes(&self) -> usize {
        self.paper_max_mb as usize * 1024 * 1024
    }

    /// Settings for tests and tools: port 0 (any free port) and the defaults.
    pub fn for_tests() -> Self {
        Self {
            bind: "127.0.0.1:0".parse().expect("valid address"),
            secure_cookies: false,
            session_idle_minutes: 120,
            session_max_hours: 12,
            request_timeout_secs: 30,
            trusted_origins: Vec::new(),
            static_dir: None,
            metrics_bind: None,
            metrics_token: None,
            paper_max_mb: 20,
            mail: MailConfig::for_tests(),
            sign_in: Box::new(SignInConfig::for_tests()),
        }
    }
}
