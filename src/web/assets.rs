//! The static assets built into the binary (`static/`), each known by a
//! fingerprinted name (`app.3f9c0a1b2d.css`) that changes with its content, so
//! a browser may keep it for a year, and compressed once (gzip, brotli) when
//! first served instead of on every request. Pages link them by [`url`]; the
//! names need only the hashes, so rendering a page compresses nothing.

use std::collections::HashMap;
use std::io::Write;
use std::sync::OnceLock;

use rust_embed::RustEmbed;

/// Embedded in debug builds too (`debug-embed`), so tests serve what a release serves.
#[derive(RustEmbed)]
#[folder = "static/"]
struct Embedded;

/// Hex digits of the content hash in a fingerprinted name: 40 bits, plenty
/// to tell one release's file from the next.
const FINGERPRINT_DIGITS: usize = 10;

/// One asset: its bytes as written and, where it pays, compressed.
pub struct Asset {
    pub body: &'static [u8],
    pub gzip: Option<&'static [u8]>,
    pub brotli: Option<&'static [u8]>,
    pub content_type: &'static str,
    /// A strong ETag: the content's hash (each encoding is its own representation,
    /// so the encoding is appended when one is sent).
    pub etag: String,
    /// Whether it was asked for by its fingerprinted name (then immutable).
    pub fingerprinted: bool,
}

struct Catalog {
    /// By the name in `static/` (`js/interview.js`).
    by_name: HashMap<String, CatalogEntry>,
    /// Fingerprinted name → name in `static/`.
    by_fingerprint: HashMap<String, String>,
}

struct CatalogEntry {
    body: &'static [u8],
    compressible: bool,
    /// Made on the asset's first request; `None` inside when it would not be smaller.
    gzip: OnceLock<Option<Vec<u8>>>,
    brotli: OnceLock<Option<Vec<u8>>>,
    content_type: String,
    hash: String,
    fingerprinted_name: String,
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut by_name = HashMap::new();
        let mut by_fingerprint = HashMap::new();
        for name in Embedded::iter() {
            let Some(file) = Embedded::get(&name) else {
                continue;
            };
            let body: &'static [u8] = match file.data {
                std::borrow::Cow::Borrowed(bytes) => bytes,
                // Only in a debug build without `debug-embed`; kept for the process's life.
                std::borrow::Cow::Owned(bytes) => Vec::leak(bytes),
            };
            let hash = hex::encode(file.metadata.sha256_hash());
            let fingerprinted_name = fingerprinted(&name, &hash[..FINGERPRINT_DIGITS]);
            let content_type = file.metadata.mimetype().to_owned();
            let entry = CatalogEntry {
                body,
                compressible: is_text(&content_type),
                gzip: OnceLock::new(),
                brotli: OnceLock::new(),
                content_type,
                hash,
                fingerprinted_name: fingerprinted_name.clone(),
            };
            by_fingerprint.insert(fingerprinted_name, name.to_string());
            by_name.insert(name.to_string(), entry);
        }
        Catalog {
            by_name,
            by_fingerprint,
        }
    })
}

/// `app.css` → `app.<fingerprint>.css`; `LICENSE` → `LICENSE.<fingerprint>`.
fn fingerprinted(name: &str, fingerprint: &str) -> String {
    let (folder, file) = name
        .rsplit_once('/')
        .map_or(("", name), |(folder, file)| (folder, file));
    let file = match file.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => format!("{stem}.{fingerprint}.{extension}"),
        _ => format!("{file}.{fingerprint}"),
    };
    if folder.is_empty() {
        file
    } else {
        format!("{folder}/{file}")
    }
}

/// The name in `static/` that a fingerprinted name stands for, whatever its
/// fingerprint (for `SECONDROUND_STATIC_DIR`, whose files change under one name).
pub fn unfingerprinted(path: &str) -> String {
    let (folder, file) = path
        .rsplit_once('/')
        .map_or(("", path), |(folder, file)| (folder, file));
    let parts: Vec<&str> = file.split('.').collect();
    let is_fingerprint = |part: &str| {
        part.len() == FINGERPRINT_DIGITS && part.bytes().all(|b| b.is_ascii_hexdigit())
    };
    let kept: Vec<&str> = match parts.as_slice() {
        [stem @ .., fingerprint, extension] if !stem.is_empty() && is_fingerprint(fingerprint) => {
            stem.iter().chain([extension]).copied().collect()
        }
        [stem, fingerprint] if is_fingerprint(fingerprint) => vec![stem],
        _ => parts,
    };
    let file = kept.join(".");
    if folder.is_empty() {
        file
    } else {
        format!("{folder}/{file}")
    }
}

fn is_text(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || content_type.contains("javascript")
        || content_type.contains("json")
        || content_type.contains("svg")
}

/// Gzip at its best level: done once per asset, so the time is no concern.
fn gzip(body: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(body).ok()?;
    let packed = encoder.finish().ok()?;
    (packed.len() < body.len()).then_some(packed)
}

/// Brotli at its best quality, for the same reason.
fn brotli(body: &[u8]) -> Option<Vec<u8>> {
    let mut packed = Vec::new();
    {
        let mut encoder = brotli::CompressorWriter::new(&mut packed, 4096, 11, 22);
        encoder.write_all(body).ok()?;
    }
    (packed.len() < body.len()).then_some(packed)
}

/// The address a page links an asset by: its fingerprinted name, or its
/// plain name when there is no such asset (a mistake the page tests catch).
pub fn url(name: &str) -> String {
    match catalog().by_name.get(name) {
        Some(entry) => format!("/static/{}", entry.fingerprinted_name),
        None => format!("/static/{name}"),
    }
}

/// The asset at `path` under `/static/`: by its fingerprinted name, or by its
/// plain name (links from before an upgrade, bookmarks).
pub fn get(path: &str) -> Option<Asset> {
    let catalog = catalog();
    let (name, fingerprinted) = match catalog.by_fingerprint.get(path) {
        Some(name) => (name.as_str(), true),
        None => (path, false),
    };
    let entry = catalog.by_name.get(name)?;
    let (gzip, brotli) = if entry.compressible {
        (
            entry.gzip.get_or_init(|| gzip(entry.body)).as_deref(),
            entry.brotli.get_or_init(|| brotli(entry.body)).as_deref(),
        )
    } else {
        (None, None)
    };
    Some(Asset {
        body: entry.body,
        gzip,
        brotli,
        content_type: &entry.content_type,
        etag: format!("\"{}\"", &entry.hash[..32]),
        fingerprinted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_goes_before_the_extension_and_comes_off_again() {
        assert_eq!(fingerprinted("app.css", "0123456789"), "app.0123456789.css");
        assert_eq!(
            fingerprinted("js/interview.js", "abcdef0123"),
            "js/interview.abcdef0123.js"
        );
        assert_eq!(
            fingerprinted("vendor/axe-core/axe.min.js", "abcdef0123"),
            "vendor/axe-core/axe.min.abcdef0123.js"
        );
        assert_eq!(fingerprinted("LICENSE", "abcdef0123"), "LICENSE.abcdef0123");
        for name in [
            "app.css",
            "js/interview.js",
            "vendor/axe-core/axe.min.js",
            "LICENSE",
        ] {
            assert_eq!(unfingerprinted(&fingerprinted(name, "abcdef0123")), name);
            assert_eq!(unfingerprinted(name), name, "a plain name stays as it is");
        }
    }

    #[test]
    fn every_asset_has_a_fingerprinted_url_and_text_is_compressed() {
        let css = url("app.css");
        assert!(
            css.starts_with("/static/app.") && css.ends_with(".css"),
            "{css}"
        );
        assert_ne!(css, "/static/app.css");
        let asset = get(css.trim_start_matches("/static/")).unwrap();
        assert!(asset.fingerprinted);
        let gzip = asset.gzip.unwrap();
        let brotli = asset.brotli.unwrap();
        assert!(brotli.len() < asset.body.len() / 3, "{}", brotli.len());
        let mut unpacked = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gzip), &mut unpacked).unwrap();
        assert_eq!(unpacked, asset.body);
        assert!(!get("app.css").unwrap().fingerprinted);
    }
}
