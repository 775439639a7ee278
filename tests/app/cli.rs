use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::TestApp;

fn secondround(database_url: &str, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_secondround"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "off")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn help_lists_the_commands() {
    let output = secondround("postgres://unused", &["--help"], None);
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for command in ["serve", "migrate", "create-user", "seed-demo"] {
        assert!(help.contains(command), "--help mentions {command}");
    }
}

#[tokio::test]
async fn version_names_the_release_and_the_commit() {
    let output = secondround("postgres://unused", &["--version"], None);
    assert!(output.status.success());
    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|git| git.status.success())
        .map_or("unknown".to_owned(), |git| {
            String::from_utf8(git.stdout).unwrap().trim().to_owned()
        });
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!(
            "secondround {} (commit {commit})\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[tokio::test]
async fn an_unreachable_database_stops_start_up_with_one_clear_line() {
    let output = secondround(
        "postgres://postgres@127.0.0.1:1/secondround",
        &["serve", "--bind", "127.0.0.1:0"],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("secondround: cannot reach Postgres at 127.0.0.1:1"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"));

    let output = secondround("not a url", &["migrate"], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("DATABASE_URL is not a valid")
    );
}

#[tokio::test]
async fn a_user_made_with_create_user_signs_in() {
    let app = TestApp::spawn().await;
    let url = app.db.url();
    let output = secondround(
        &url,
        &[
            "create-user",
            "--email",
            "Lise@Example.no",
            "--role",
            "hr",
            "--name",
            "Lise Lie",
        ],
        Some("a very secret password\n"),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .starts_with("created hr lise@example.no")
    );

    let client = TestApp::client();
    assert_eq!(
        app.login(&client, "lise@example.no", "a very secret password")
            .await
            .status(),
        303
    );
    assert!(app.get_html(&client, "/").await.contains("Lise Lie"));

    let again = secondround(
        &url,
        &["create-user", "--email", "lise@example.no", "--role", "hr"],
        Some("a very secret password\n"),
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        String::from_utf8(again.stderr)
            .unwrap()
            .contains("already exists")
    );
}

#[tokio::test]
async fn create_user_refuses_a_short_password_and_an_unknown_role() {
    let app = TestApp::spawn().await;
    let url = app.db.url();
    let short = secondround(
        &url,
        &["create-user", "--email", "a@example.no", "--role", "hr"],
        Some("short\n"),
    );
    assert_eq!(short.status.code(), Some(1));
    assert!(
        String::from_utf8(short.stderr)
            .unwrap()
            .contains("at least 12 characters")
    );
    let role = secondround(
        &url,
        &["create-user", "--email", "a@example.no", "--role", "boss"],
        Some("a long enough password\n"),
    );
    assert!(
        String::from_utf8(role.stderr)
            .unwrap()
            .contains("--role must be one of")
    );
    let users: i64 = sqlx::query_scalar("select count(*) from app_user")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(users, 0);
}

#[tokio::test]
async fn seed_demo_prints_the_sign_ins_and_they_work() {
    let app = TestApp::spawn().await;
    let output = secondround(
        &app.db.url(),
        &["seed-demo", "--password", "demo password 2026"],
        None,
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = String::from_utf8(output.stdout).unwrap();
    for email in [
        "admin@demo.secondround.no",
        "hr@demo.secondround.no",
        "manager@demo.secondround.no",
        "expert@demo.secondround.no",
    ] {
        assert!(report.contains(email), "{report}");
        let client = TestApp::client();
        assert_eq!(
            app.login(&client, email, "demo password 2026")
                .await
                .status(),
            303,
            "{email} signs in"
        );
    }
    let counts: (i64, i64, i64, i64) = sqlx::query_as(
        "select (select count(*) from criterion), (select count(*) from criterion where must_have),
                (select count(*) from candidate), (select count(*) from doubt where status = 'open')",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    // The open position and last year's (demo::past): six criteria each, two
    // of them must-haves; four candidates and nine hires; Ingrid's open doubt.
    assert_eq!(counts, (12, 4, 13, 1));

    let generated = secondround(&app.db.url(), &["seed-demo"], None);
    let report = String::from_utf8(generated.stdout).unwrap();
    let password = report
        .lines()
        .find_map(|line| line.trim().strip_prefix("password: "))
        .unwrap();
    assert_eq!(password.len(), 16, "a generated password is printed");
}

#[tokio::test]
async fn seed_demo_loads_the_bokmal_case_with_locale_nb_and_refuses_other_languages() {
    let app = TestApp::spawn().await;
    let refused = secondround(&app.db.url(), &["seed-demo", "--locale", "de"], None);
    assert!(!refused.status.success());
    let why = String::from_utf8(refused.stderr).unwrap();
    assert!(why.contains("--locale must be nb or en"), "{why}");
    let positions: i64 = sqlx::query_scalar("select count(*) from position")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        positions, 0,
        "nothing is loaded for a language we do not have"
    );

    let output = secondround(&app.db.url(), &["seed-demo", "--locale", "nb"], None);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = String::from_utf8(output.stdout).unwrap();
    assert!(report.contains("Senior backend-utvikler"), "{report}");
    assert!(report.contains("bokmål"), "{report}");
    let title: String = sqlx::query_scalar("select title from position")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(title, "Senior backend-utvikler");
}
