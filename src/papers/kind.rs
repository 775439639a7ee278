//! What a paper is, decided by its content and never by its name; and its name
//! made safe to store and to send back in a download header.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

crate::coded_enum! {
    /// `paper.media_type`: the kinds of file a paper may be.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum PaperKind {
        Pdf = "application/pdf",
        Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Odt = "application/vnd.oasis.opendocument.text",
        Png = "image/png",
        Jpeg = "image/jpeg",
        Text = "text/plain",
    }
}

/// What the refusal names as accepted.
pub const ACCEPTED: &str = "PDF, DOCX, ODT, PNG, JPEG, plain text (UTF-8)";

/// The longest stored name, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// A zip whose central directory names `[Content_Types].xml` and a `word/`
/// part, and no spreadsheet or slides: a DOCX in whatever order its writer put
/// the entries (infer's check looks for `word/` at the third or fourth entry,
/// as Word orders them). Only the names are read, nothing is unpacked.
fn is_docx_by_entries(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"PK\x03\x04") {
        return false;
    }
    let Ok(archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return false;
    };
    let Ok(names) = archive.file_names().collect::<Result<Vec<_>, _>>() else {
        return false;
    };
    let has = |prefix: &str| names.iter().any(|name| name.starts_with(prefix));
    names.iter().any(|name| name == "[Content_Types].xml")
        && has("word/")
        && !has("xl/")
        && !has("ppt/")
}

impl PaperKind {
    /// The kind the bytes are, by their magic numbers; `None` for anything
    /// else. Text must be UTF-8 without NULs and must not start like markup, so
    /// an HTML or SVG page named `.pdf` or `.txt` is refused, not stored.
    pub fn sniff(bytes: &[u8]) -> Option<PaperKind> {
        if infer::archive::is_pdf(bytes) {
            Some(PaperKind::Pdf)
        } else if infer::doc::is_docx(bytes) || is_docx_by_entries(bytes) {
            Some(PaperKind::Docx)
        } else if infer::odf::is_odt(bytes) {
            Some(PaperKind::Odt)
        } else if infer::image::is_png(bytes) {
            Some(PaperKind::Png)
        } else if infer::image::is_jpeg(bytes) {
            Some(PaperKind::Jpeg)
        } else if is_plain_text(bytes) {
            Some(PaperKind::Text)
        } else {
            None
        }
    }

    /// PDFs and images may open in the browser (under a sandbox policy);
    /// everything else is only downloaded.
    pub fn opens_inline(self) -> bool {
        matches!(self, PaperKind::Pdf | PaperKind::Png | PaperKind::Jpeg)
    }

    /// The header value: text is sent with its charset.
    pub fn content_type(self) -> &'static str {
        match self {
            PaperKind::Text => "text/plain; charset=utf-8",
            other => other.code(),
        }
    }

    /// A short label for lists.
    pub fn label(self) -> &'static str {
        match self {
            PaperKind::Pdf => "PDF",
            PaperKind::Docx => "DOCX",
            PaperKind::Odt => "ODT",
            PaperKind::Png => "PNG",
            PaperKind::Jpeg => "JPEG",
            PaperKind::Text => "TXT",
        }
    }
}

fn is_plain_text(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    !bytes.is_empty() && !text.contains('\0') && !start.starts_with('<')
}

/// Characters that reorder text on screen (`cv`, U+202E, `fdp.exe` reads as
/// `cvexe.pdf`): dropped with control characters.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The name to store: the last part of any path, without control or
/// reordering characters, trimmed, at most `MAX_NAME_CHARS` with its extension
/// kept; `fallback` when nothing is left.
pub fn clean_name(raw: &str, fallback: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        return fallback.to_owned();
    }
    let count = cleaned.chars().count();
    if count <= MAX_NAME_CHARS {
        return cleaned.to_owned();
    }
    let extension = cleaned
        .rsplit_once('.')
        .map(|(_, ext)| ext)
        .filter(|ext| !ext.is_empty() && ext.chars().count() <= 10);
    match extension {
        Some(ext) => {
            let keep = MAX_NAME_CHARS - ext.chars().count() - 1;
            let stem: String = cleaned.chars().take(keep).collect();
            format!("{}.{ext}", stem.trim_end())
        }
        None => cleaned.chars().take(MAX_NAME_CHARS).collect(),
    }
}

/// What `filename*=` may carry unencoded (RFC 8187's attr-char).
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// `Content-Disposition` for a stored name: an ASCII fallback for old clients
/// and the UTF-8 name percent-encoded.
pub fn content_disposition(name: &str, inline: bool) -> String {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '%' | ';') || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = utf8_percent_encode(name, ATTR_CHAR);
    let kind = if inline { "inline" } else { "attachment" };
    format!("{kind}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_told_by_content_not_by_name() {
        assert_eq!(PaperKind::sniff(b"%PDF-1.7\n..."), Some(PaperKind::Pdf));
        assert_eq!(
            PaperKind::sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(PaperKind::Png)
        );
        assert_eq!(
            PaperKind::sniff(b"\xff\xd8\xff\xe0\0\x10JFIF"),
            Some(PaperKind::Jpeg)
        );
        assert_eq!(
            PaperKind::sniff("Kari Nordmann\nCV".as_bytes()),
            Some(PaperKind::Text)
        );
        assert_eq!(PaperKind::sniff(b"<html><script>alert(1)</script>"), None);
        assert_eq!(PaperKind::sniff(b"\n  <svg onload=alert(1)>"), None);
        assert_eq!(PaperKind::sniff(b"MZ\x90\0\x03\0\0\0"), None);
        assert_eq!(PaperKind::sniff(b"\x7fELF\x02\x01\x01\0"), None);
        assert_eq!(PaperKind::sniff(b"text with a \0 NUL"), None);
        assert_eq!(PaperKind::sniff(b""), None);
    }

    /// A zip whose entries are `files`, in order, the first stored as is.
    fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (n, (name, content)) in files.iter().enumerate() {
            let method = if n == 0 {
                zip::CompressionMethod::Stored
            } else {
                zip::CompressionMethod::Deflated
            };
            let options = zip::write::SimpleFileOptions::default().compression_method(method);
            zip.start_file(*name, options).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn office_documents_are_told_from_other_zips() {
        let docx = zip_of(&[
            ("word/document.xml", "<w:document/>"),
            ("[Content_Types].xml", "<Types/>"),
        ]);
        assert_eq!(PaperKind::sniff(&docx), Some(PaperKind::Docx));
        // The properties before the document, as some writers order them:
        // infer looks at the third and fourth entries only and misses it.
        let properties_first = zip_of(&[
            ("[Content_Types].xml", "<Types/>"),
            ("docProps/app.xml", "<Properties/>"),
            ("docProps/core.xml", "<cp:coreProperties/>"),
            ("word/_rels/document.xml.rels", "<Relationships/>"),
            ("word/document.xml", "<w:document/>"),
        ]);
        assert!(!infer::doc::is_docx(&properties_first));
        assert_eq!(PaperKind::sniff(&properties_first), Some(PaperKind::Docx));
        let workbook = zip_of(&[
            ("docProps/core.xml", "<cp:coreProperties/>"),
            ("xl/workbook.xml", "<workbook/>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships/>"),
            ("[Content_Types].xml", "<Types/>"),
        ]);
        assert_eq!(
            PaperKind::sniff(&workbook),
            None,
            "a workbook is not a paper"
        );
        let odt = zip_of(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", "<office:document-content/>"),
        ]);
        assert_eq!(PaperKind::sniff(&odt), Some(PaperKind::Odt));
        // A spreadsheet, or any other zip, is not a paper.
        let xlsx = zip_of(&[("xl/workbook.xml", "<workbook/>")]);
        assert_eq!(PaperKind::sniff(&xlsx), None);
        assert_eq!(PaperKind::sniff(&zip_of(&[("a.txt", "a")])), None);
    }

    #[test]
    fn names_lose_paths_controls_and_reordering_characters() {
        assert_eq!(clean_name("../../etc/passwd", "paper"), "passwd");
        assert_eq!(clean_name("C:\\Users\\kari\\cv.pdf", "paper"), "cv.pdf");
        assert_eq!(clean_name("cv\u{202e}fdp.exe", "paper"), "cvfdp.exe");
        assert_eq!(clean_name("a\r\nb\u{0}.txt", "paper"), "ab.txt");
        assert_eq!(clean_name("  ..  ", "paper"), "paper");
        let long = format!("{}.pdf", "x".repeat(296));
        let cleaned = clean_name(&long, "paper");
        assert_eq!(cleaned.chars().count(), MAX_NAME_CHARS);
        assert!(cleaned.ends_with(".pdf"));
    }

    #[test]
    fn the_header_carries_an_ascii_fallback_and_the_utf8_name() {
        assert_eq!(
            content_disposition("Søknad \"ny\".pdf", false),
            "attachment; filename=\"S_knad _ny_.pdf\"; filename*=UTF-8''S%C3%B8knad%20%22ny%22.pdf"
        );
        assert!(content_disposition("cv.pdf", true).starts_with("inline;"));
    }
}
