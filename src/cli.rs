//! Commands of the `secondround` binary.

use std::io::{BufRead, IsTerminal};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use crate::auth::email::Email;
use crate::auth::users::{self, NewUser};
use crate::auth::{Role, password};
use crate::config::{DatabaseConfig, LogFormat, ServerConfig};
use crate::error::violated_constraint;
use crate::i18n::Locale;
use crate::{db, demo, privacy, startup};

#[derive(Debug, Parser)]
#[command(
    name = "secondround",
    version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("SECONDROUND_COMMIT"), ")"),
    about = "Secondround: structured second-round interviews. If in doubt, don't hire."
)]
pub struct Cli {
    #[command(flatten)]
    pub database: DatabaseConfig,

    /// Log output: human-readable, or JSON lines for log collectors.
    #[arg(long, global = true, env = "SECONDROUND_LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty)]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply migrations and serve the web app.
    Serve(ServerConfig),
    /// Apply database migrations, then exit.
    Migrate,
    /// Create a user; the password is read from standard input or a prompt.
    CreateUser {
        #[arg(long)]
        email: String,
        /// admin, hr, manager or panelist.
        #[arg(long)]
        role: String,
        /// Display name; defaults to the part of the email before @.
        #[arg(long)]
        name: Option<String>,
        /// UI language: nb or en.
        #[arg(long, default_value = "nb")]
        locale: String,
    },
    /// Anonymise candidates of positions closed longer ago than the retention.
    Purge,
    /// Load the demo: a position, candidates, a panel, rounds and a doubt.
    SeedDemo {
        /// Password for every demo user; generated when not given.
        #[arg(long)]
        password: Option<String>,
        /// Language of the demo case and of the demo users: en or nb (bokmål).
        #[arg(long, default_value = "en")]
        locale: String,
        /// Add this many positions around the demo, each with its own manager,
        /// panel and five candidates: an organisation to measure pages on.
        #[arg(long, default_value_t = 0)]
        scale: usize,
    },
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    init_tracing(cli.log_format);
    match cli.command {
        Command::Serve(server) => startup::serve(&cli.database, server).await,
        Command::Migrate => {
            let pool = db::connect(&cli.database).await?;
            db::migrate(&pool).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::CreateUser {
            email,
            role,
            name,
            locale,
        } => create_user(&cli.database, &email, &role, name, &locale).await,
        Command::Purge => {
            let pool = db::connect(&cli.database).await?;
            db::migrate(&pool).await?;
            match privacy::purge::run_once(&pool).await? {
                Some(purged) => println!("purged {purged} candidate(s)"),
                None => println!("a running instance is purging right now; nothing done here"),
            }
            Ok(())
        }
        Command::SeedDemo {
            password,
            locale,
            scale,
        } => {
            let Some(locale) = Locale::parse(&locale) else {
                bail!("--locale must be nb or en (got {locale:?})");
            };
            let pool = db::connect(&cli.database).await?;
            db::migrate(&pool).await?;
            let report = demo::seed(&pool, password, locale).await?;
            print!("{report}");
            if scale > 0 {
                print!("{}", demo::scale(&pool, scale, locale).await?);
            }
            Ok(())
        }
    }
}

fn init_tracing(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("secondround=info,tower_http=info,warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Pretty => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

async fn create_user(
    database: &DatabaseConfig,
    email: &str,
    role: &str,
    name: Option<String>,
    locale: &str,
) -> anyhow::Result<()> {
    let email =
        Email::try_from(email).map_err(|why| anyhow::anyhow!("--email {email:?}: {why}"))?;
    let Some(role) = Role::parse(role) else {
        bail!("--role must be one of admin, hr, manager, panelist (got {role:?})");
    };
    let Some(locale) = Locale::parse(locale) else {
        bail!("--locale must be nb or en (got {locale:?})");
    };
    let display_name =
        name.unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("").to_owned());
    let password = read_password()?;
    if password.chars().count() < password::MIN_LENGTH {
        bail!(
            "the password must have at least {} characters",
            password::MIN_LENGTH
        );
    }
    let pool = db::connect(database).await?;
    db::migrate(&pool).await?;
    let hash = password::hash(password).await?;
    let user = NewUser {
        email: &email,
        display_name: &display_name,
        role,
        locale,
        password_hash: &hash,
    };
    match users::insert(&pool, user).await {
        Ok(id) => {
            println!("created {role} {email} ({id})");
            Ok(())
        }
        Err(err) if violated_constraint(&err) == Some("app_user_email_key") => {
            bail!("a user with the email {email} already exists")
        }
        Err(err) => Err(err).context("cannot create the user"),
    }
}

/// From a prompt when a person is at the terminal, else the first line of stdin,
/// so the password never shows up in the process list or shell history.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let second = rpassword::prompt_password("Repeat password: ")?;
        if first != second {
            bail!("the passwords do not match");
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from stdin")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
