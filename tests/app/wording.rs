//! Bokmål wording: phrases found wrong once (issue 9) must not come back, in the
//! text modules, the templates, the scripts or the default guide as migrated.

use std::path::{Path, PathBuf};

use crate::support::TestDatabase;

/// Lowercase; matched at the start of a word, so "ingen tvil" is not "en tvil".
const BANNED: [(&str, &str); 16] = [
    ("dette er ikke null", "say it is not the same as 0 points"),
    ("tvil på kandidaten", "tvil om kandidaten"),
    ("lagres på kandidaten", "knyttes til kandidaten"),
    ("lagret på kandidaten", "knyttet til kandidaten"),
    (
        "avgjøre annengangsintervju",
        "decide the hire, not the interview",
    ),
    (
        "runder stiller allerede",
        "the criterion is already used in a round",
    ),
    ("\"din\"", "not elliptic: \"Din versjon\""),
    ("\"behold min\"", "not elliptic: \"Behold min versjon\""),
    ("en 1, 2", "\"en 1-er, 2-er eller 5-er\""),
    ("gå til innlevering", "\"se over før du leverer\""),
    (
        "intervjumal",
        "the glossary's one term is \"intervjuguide\"",
    ),
    (
        "evalueringsmøte",
        "the debrief is \"oppsummeringen\" everywhere",
    ),
    ("en tvil", "tvil is not counted"),
    ("én tvil", "tvil is not counted"),
    (
        "fylt inn er ikke tapt",
        "\"Det du har fylt inn, er ikke tapt\"",
    ),
    (
        "begrunnelsen under 10 000",
        "the justification's limit is 4 000",
    ),
];

fn files(dir: &Path, extensions: &[&str], found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, extensions, found);
        } else if path
            .extension()
            .is_some_and(|ext| extensions.iter().any(|e| ext == *e))
        {
            found.push(path);
        }
    }
}

/// Each banned phrase in `text`, where it starts a word.
fn banned_in(text: &str) -> Vec<&'static str> {
    let text = text.to_lowercase();
    BANNED
        .iter()
        .filter(|(phrase, _)| {
            text.match_indices(phrase).any(|(at, _)| {
                !text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            })
        })
        .map(|(phrase, _)| *phrase)
        .collect()
}

#[test]
fn the_check_finds_a_phrase_at_a_word_start_only() {
    assert_eq!(
        banned_in("Et «nei» åpner tvil på kandidaten"),
        ["tvil på kandidaten"]
    );
    assert_eq!(banned_in("Registrer en tvil."), ["en tvil"]);
    assert!(banned_in("Ingen tvil er meldt.").is_empty());
    assert_eq!(banned_in(r#"yours: "Yours", "Din";"#), ["\"din\""]);
    assert!(banned_in(r#"yours: "Your version", "Din versjon";"#).is_empty());
}

#[test]
fn no_text_module_template_or_script_uses_a_banned_phrase() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    files(&root.join("src"), &["rs"], &mut sources);
    files(&root.join("templates"), &["html"], &mut sources);
    files(&root.join("static/js"), &["js"], &mut sources);
    assert!(sources.len() > 50, "the scan reads the sources");
    let mut found = Vec::new();
    for path in &sources {
        let text = std::fs::read_to_string(path).unwrap();
        for (n, line) in text.lines().enumerate() {
            for phrase in banned_in(line) {
                let why = BANNED.iter().find(|(p, _)| *p == phrase).unwrap().1;
                found.push(format!(
                    "{}:{}: {phrase:?} ({why})",
                    path.strip_prefix(root).unwrap().display(),
                    n + 1
                ));
            }
        }
    }
    assert!(found.is_empty(), "banned phrases:\n{}", found.join("\n"));
}

#[tokio::test]
async fn the_default_bokmal_guide_uses_no_banned_phrase_after_migrations() {
    let db = TestDatabase::create().await;
    let texts: Vec<(String, String)> = sqlx::query_as(
        "select t.name || ' ' || t.description, q.text || ' ' || q.guidance || ' ' || s.title
         from interview_template t
         join template_section s on s.template_id = t.id
         join template_question q on q.section_id = s.id
         where t.language = 'nb' and t.is_default",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert!(texts.len() >= 20, "the nb default guide is there");
    let found: Vec<String> = texts
        .iter()
        .flat_map(|(guide, question)| [guide, question])
        .flat_map(|text| {
            banned_in(text)
                .into_iter()
                .map(move |phrase| format!("{phrase:?} in {text:?}"))
        })
        .collect();
    assert!(found.is_empty(), "banned phrases:\n{}", found.join("\n"));
}
