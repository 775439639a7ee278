//! What a cell and a file name may hold: spreadsheet formula injection
//! neutralised, numbers in the separator's convention, safe file and sheet names.

/// A text cell a spreadsheet would run as a formula (OWASP's list: `=`, `+`,
/// `-`, `@`, tab, carriage return) gets a leading `'`, which spreadsheets show
/// as text and a CSV parser reads back with the text intact after it.
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// The most a workbook cell holds, in UTF-16 code units as Excel counts.
pub const EXCEL_CELL_UNITS: usize = 32_767;

/// Text as a workbook cell can hold it: whole when it fits, else cut at a
/// character boundary and ended with `marker`, the whole within the limit.
pub fn fit_excel(text: String, marker: &str) -> String {
    if text.encode_utf16().count() <= EXCEL_CELL_UNITS {
        return text;
    }
    let room = EXCEL_CELL_UNITS.saturating_sub(marker.encode_utf16().count());
    let mut used = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            used += c.len_utf16();
            used > room
        })
        .map_or(text.len(), |(at, _)| at);
    format!("{}{marker}", &text[..end])
}

/// Two decimals, with a decimal comma where the separator is `;` (Norwegian Excel).
pub fn decimal(value: f64, comma: bool) -> String {
    let text = format!("{value:.2}");
    if comma { text.replace('.', ",") } else { text }
}

/// A file name for `Content-Disposition`: an ASCII fallback and the UTF-8 name.
pub fn disposition(stem: &str, extension: &str) -> String {
    let ascii: String = stem
        .chars()
        .map(|c| match c {
            'æ' | 'Æ' => "ae".into(),
            'ø' | 'Ø' => "o".into(),
            'å' | 'Å' => "a".into(),
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase().to_string(),
            _ => "-".into(),
        })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let ascii = if ascii.is_empty() {
        "shortlist".into()
    } else {
        ascii
    };
    let full = format!("{}.{extension}", stem.trim());
    format!(
        "attachment; filename=\"{ascii}.{extension}\"; filename*=UTF-8''{}",
        percent_encode(&full)
    )
}

/// RFC 5987: everything but its attr-chars percent-encoded, byte by byte.
fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(byte as char),
            b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Excel's rules for a sheet name: at most 31 characters, none of `[]:*?/\`,
/// not starting or ending with `'`, not blank.
pub fn sheet_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim();
    let cut: String = cleaned.chars().take(31).collect();
    let cut = cut.trim().trim_end_matches('\'').trim().to_owned();
    if cut.is_empty() || cut.eq_ignore_ascii_case("history") {
        "Shortlist".into()
    } else {
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_prefixes_are_neutralised_and_other_text_kept() {
        for text in ["=1+1", "+47", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(text), format!("'{text}"));
        }
        for text in ["Ingrid", "", "a=b", "'quoted", "Ærlig"] {
            assert_eq!(neutralise(text), text);
        }
    }

    #[test]
    fn text_over_excels_limit_is_cut_with_the_marker_and_fits() {
        let marker = " [cut]";
        let units = |s: &str| s.encode_utf16().count();
        assert_eq!(fit_excel("Kari".into(), marker), "Kari");
        let at_limit = "x".repeat(EXCEL_CELL_UNITS);
        assert_eq!(fit_excel(at_limit.clone(), marker), at_limit);
        let cut = fit_excel("x".repeat(40_000), marker);
        assert!(cut.ends_with(marker));
        assert_eq!(units(&cut), EXCEL_CELL_UNITS);
        // Under the limit in characters, over it in UTF-16: each rocket is two units.
        let rockets = fit_excel("🚀".repeat(20_000), marker);
        assert!(units(&rockets) <= EXCEL_CELL_UNITS, "{}", units(&rockets));
        assert!(rockets.trim_end_matches(marker).chars().all(|c| c == '🚀'));
        assert!(units(&rockets) >= EXCEL_CELL_UNITS - 1);
    }

    #[test]
    fn decimals_follow_the_separator() {
        assert_eq!(decimal(8.0 / 3.0, true), "2,67");
        assert_eq!(decimal(3.0, false), "3.00");
    }

    #[test]
    fn file_names_have_an_ascii_fallback_and_the_utf8_name() {
        assert_eq!(
            disposition("Shortlist – Utvikler på Bølgen \"A\"", "csv"),
            "attachment; filename=\"shortlist-utvikler-pa-bolgen-a.csv\"; \
             filename*=UTF-8''Shortlist%20%E2%80%93%20Utvikler%20p%C3%A5%20B%C3%B8lgen%20%22A%22.csv"
        );
        assert!(disposition("«»", "xlsx").contains("filename=\"shortlist.xlsx\""));
    }

    #[test]
    fn sheet_names_are_made_safe() {
        assert_eq!(sheet_name("Dev/Ops: [lead]?"), "Dev Ops   lead");
        assert_eq!(sheet_name("'quoted'"), "quoted");
        assert_eq!(sheet_name("  "), "Shortlist");
        assert_eq!(sheet_name("History"), "Shortlist");
        assert_eq!(sheet_name(&"å".repeat(40)).chars().count(), 31);
    }
}
