//! Passwords in DATABASE_URL and SECONDROUND_SMTP_URL stay out of output, logs and `Debug`.

use std::process::Command;

use clap::Parser;
use secondround::cli::Cli;

const DB_PASSWORD: &str = "Db-Pa55word-7f3a";
const SMTP_PASSWORD: &str = "Smtp-Pa55word-2b8d";

#[tokio::test]
async fn a_failed_start_names_the_host_but_not_the_password() {
    let database_url = format!("postgres://app:{DB_PASSWORD}@127.0.0.1:1/secondround");
    let smtp_url = format!("smtp://mailer:{SMTP_PASSWORD}@127.0.0.1:1");
    for args in [
        &["migrate"][..],
        &["seed-demo"],
        &["serve", "--bind", "127.0.0.1:0"],
        &["--log-format", "json", "serve", "--bind", "127.0.0.1:0"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_secondround"))
            .args(args)
            .env("DATABASE_URL", &database_url)
            .env("SECONDROUND_SMTP_URL", &smtp_url)
            // Every log line sqlx and the app can write.
            .env("RUST_LOG", "trace")
            .output()
            .expect("the binary runs");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(output.status.code(), Some(1), "{args:?}: {all}");
        assert!(
            all.contains("127.0.0.1:1"),
            "{args:?} names the host: {all}"
        );
        assert!(
            !all.contains(DB_PASSWORD) && !all.contains(SMTP_PASSWORD),
            "{args:?} shows a password: {all}"
        );
    }
}

#[test]
fn debug_of_the_configuration_hides_the_passwords() {
    let cli = Cli::try_parse_from([
        "secondround",
        "--database-url",
        &format!("postgres://app:{DB_PASSWORD}@db.example:5432/secondround?sslmode=verify-full&password={DB_PASSWORD}"),
        "serve",
        "--smtp-url",
        &format!("smtps://mailer:{SMTP_PASSWORD}@relay.example:465"),
    ])
    .expect("the arguments parse");
    let debug = format!("{cli:?}");
    assert!(!debug.contains(DB_PASSWORD), "{debug}");
    assert!(!debug.contains(SMTP_PASSWORD), "{debug}");
    // What is needed to tell which server is meant stays.
    assert!(
        debug.contains("postgres://app:***@db.example:5432/secondround?sslmode=verify-full"),
        "{debug}"
    );
    assert!(
        debug.contains("smtps://mailer:***@relay.example:465"),
        "{debug}"
    );
    assert_eq!(
        cli.database.database_url.expose(),
        format!(
            "postgres://app:{DB_PASSWORD}@db.example:5432/secondround?sslmode=verify-full&password={DB_PASSWORD}"
        ),
        "the code that connects still gets the whole URL"
    );
}
