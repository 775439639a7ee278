//! What a deployment gets: one file that serves its pages with their stylesheet
//! and scripts from any folder, built into it (from a folder only when asked),
//! and a `deploy/` environment example that names every setting the app reads.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use secondround::config::ServerConfig;
use uuid::Uuid;

use crate::process_faults::Server;
use crate::support::{TestApp, TestDatabase};

const SOURCE: &str = env!("CARGO_MANIFEST_DIR");

/// A folder of its own under the system's temporary folder, removed on drop.
struct Folder(PathBuf);

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `/static/...` addresses a page links to.
fn static_links(html: &str) -> Vec<String> {
    html.split(['"', '\''])
        .filter(|part| part.starts_with("/static/"))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn a_copied_binary_serves_its_stylesheet_and_scripts_from_any_folder() {
    let db = TestDatabase::create().await;
    let folder = Folder(std::env::temp_dir().join(format!("secondround-{}", Uuid::new_v4())));
    std::fs::create_dir_all(&folder.0).unwrap();
    let binary = folder.0.join("secondround");
    std::fs::copy(env!("CARGO_BIN_EXE_secondround"), &binary).unwrap();
    let built = std::fs::read(&binary).unwrap();
    let server = Server::start_from(&binary, &db.url()).await;
    let client = reqwest::Client::new();

    let page = client
        .get(format!("{}/login", server.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut links = static_links(&page);
    let stylesheet = secondround::web::assets::url("app.css");
    assert!(links.contains(&stylesheet), "{links:?}");
    // Every page of a signed-in person links it.
    links.push(secondround::web::assets::url("js/sign-out.js"));

    for link in links {
        let reply = client
            .get(format!("{}{link}", server.base))
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), StatusCode::OK, "{link}");
        let expected_type = match Path::new(&link).extension().and_then(|ext| ext.to_str()) {
            Some("css") => "text/css",
            Some("js") => "text/javascript",
            Some("svg") => "image/svg+xml",
            other => panic!("{link}: no expected type for {other:?}"),
        };
        assert_eq!(reply.headers()[CONTENT_TYPE], expected_type, "{link}");
        assert!(reply.headers().contains_key(CACHE_CONTROL), "{link}");
        let etag = reply.headers()[ETAG].clone();
        let body = reply.bytes().await.unwrap();
        let plain = secondround::web::assets::unfingerprinted(&link[1..]);
        let source = std::fs::read(Path::new(SOURCE).join(plain)).unwrap();
        assert!(body == source, "{link} differs from the source file");
        // Served from inside the binary, not from the source tree (which this
        // machine has, at the path it was built from).
        assert!(
            built.windows(source.len()).any(|part| part == source),
            "{link} is not built into the binary"
        );

        let again = client
            .get(format!("{}{link}", server.base))
            .header(IF_NONE_MATCH, etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{link}");
        assert!(again.bytes().await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn secondround_static_dir_serves_the_assets_from_that_folder_instead() {
    let folder = Folder(std::env::temp_dir().join(format!("secondround-{}", Uuid::new_v4())));
    std::fs::create_dir_all(&folder.0).unwrap();
    std::fs::write(folder.0.join("app.css"), "body { color: red }").unwrap();
    let app = TestApp::spawn_with(ServerConfig {
        static_dir: Some(folder.0.clone()),
        ..ServerConfig::for_tests()
    })
    .await;

    // By the name the pages link (the built-in copy's fingerprint) and by its own.
    for path in [
        secondround::web::assets::url("app.css"),
        "/static/app.css".into(),
    ] {
        let reply = TestApp::client().get(app.url(&path)).send().await.unwrap();
        assert_eq!(reply.status(), StatusCode::OK, "{path}");
        assert_eq!(reply.headers()[CONTENT_TYPE], "text/css");
        assert_eq!(
            reply.headers()[CACHE_CONTROL],
            "no-cache",
            "edited files are revalidated"
        );
        assert_eq!(reply.text().await.unwrap(), "body { color: red }");
    }
}

/// Every `SECONDROUND_*` name declared as `env = "..."` under `src/`.
fn declared_settings(folder: &Path, names: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            declared_settings(&path, names);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            for declared in source.split("env = \"").skip(1) {
                let name = declared.split('"').next().unwrap();
                if name.starts_with("SECONDROUND_") {
                    names.insert(name.to_owned());
                }
            }
        }
    }
}

/// The `SECONDROUND_*` names set (or commented out as examples) in a file.
fn named_settings(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(|line| line.trim_start_matches(['#', ' ']))
        .filter_map(|line| line.split_once('='))
        .map(|(name, _)| name.trim().to_owned())
        .filter(|name| name.starts_with("SECONDROUND_"))
        .collect()
}

#[test]
fn the_environment_example_and_the_readme_name_every_setting() {
    let mut declared = BTreeSet::new();
    declared_settings(&Path::new(SOURCE).join("src"), &mut declared);
    assert!(declared.contains("SECONDROUND_BIND"), "{declared:?}");

    let example =
        std::fs::read_to_string(Path::new(SOURCE).join("deploy/secondround.env.example")).unwrap();
    assert_eq!(
        named_settings(&example),
        declared,
        "deploy/secondround.env.example names exactly the settings the app reads"
    );
    assert!(example.contains("DATABASE_URL="));

    let readme = std::fs::read_to_string(Path::new(SOURCE).join("README.md")).unwrap();
    for name in &declared {
        assert!(
            readme.contains(&format!("`{name}`")),
            "README explains {name}"
        );
    }
}

/// README's backup and restore, done once by `deploy/backup-restore-check` on a
/// database with a planned round and its ratings: the dump restores into a new
/// database with every row alike, the release binary migrates the copy, and
/// the copy is dropped afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_made_as_the_readme_says_restores_with_every_row() {
    let app = TestApp::spawn().await;
    let round = crate::support::walk::Round::plan(&app).await;
    let member = round.member(&app).await;
    round
        .rate_all(&app, member.member_id, "Kept to the point.")
        .await;
    let url = app.db.url();
    let script = Path::new(SOURCE).join("deploy/backup-restore-check");
    let run = |args: Vec<String>| {
        let script = script.clone();
        tokio::task::spawn_blocking(move || {
            std::process::Command::new(script)
                .args(args)
                .output()
                .expect("the script runs (bash, pg_dump, pg_restore, psql)")
        })
    };
    let checked = run(vec![url.clone(), env!("CARGO_BIN_EXE_secondround").into()])
        .await
        .unwrap();
    let out = String::from_utf8_lossy(&checked.stdout);
    let err = String::from_utf8_lossy(&checked.stderr);
    assert!(checked.status.success(), "{out}\n{err}");
    assert!(out.contains("every table restored alike"), "{out}");
    assert!(out.contains("migrating the copy"), "{out}");
    assert!(out.ends_with("backup and restore check passed\n"), "{out}");
    let ratings: i64 = sqlx::query_scalar("select count(*) from rating")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let rows: i64 = out
        .lines()
        .find_map(|line| {
            line.split(" tables, ")
                .nth(1)?
                .strip_suffix(" rows")?
                .parse()
                .ok()
        })
        .expect("the rows counted");
    assert!(
        ratings > 10 && rows > ratings,
        "{ratings} ratings, {rows} rows in all"
    );
    let left: i64 = sqlx::query_scalar(
        "select count(*) from pg_database where datname like left($1, 40) || '_restore_check_%'",
    )
    .bind(&app.db.name)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(left, 0, "the scratch copy is dropped");

    // A database that is not there: a clear line, and a failure.
    let missing = url.replace(&app.db.name, &format!("{}_missing", app.db.name));
    let failed = run(vec![missing, "-".into()]).await.unwrap();
    assert!(!failed.status.success());
    assert!(
        String::from_utf8_lossy(&failed.stderr).contains("does not exist"),
        "{}",
        String::from_utf8_lossy(&failed.stderr)
    );
}
