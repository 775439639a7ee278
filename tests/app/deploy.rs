//! What a deployment gets: one file that serves its pages with their stylesheet
//! and scripts from any folder, built into it.

use std::path::{Path, PathBuf};

use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use uuid::Uuid;

use crate::process_faults::Server;
use crate::support::TestDatabase;

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
    assert!(links.contains(&"/static/app.css".to_owned()), "{links:?}");
    // Every page of a signed-in person links it.
    links.push("/static/js/sign-out.js".into());

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
        let source = std::fs::read(Path::new(SOURCE).join(&link[1..])).unwrap();
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
