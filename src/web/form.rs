//! Reading forms, and field errors for forms that re-render with the user's input kept.

use std::collections::BTreeMap;

use axum::body::{Body, to_bytes};
use axum::extract::{FromRef, FromRequest, FromRequestParts, Request};
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::error::AppError;
use crate::i18n::Locale;
use crate::state::AppState;
use crate::web::text::CommonText;

/// A form, read as `axum::Form` reads it, except that text which is not UTF-8
/// is refused (422, in the user's language; JSON to a script) instead of being
/// stored with its bytes replaced by `�`. Every form of the app is read
/// through here (clippy.toml disallows `axum::Form`).
pub struct Form<T>(pub T);

#[allow(clippy::disallowed_types)] // the one place that reads a form with `axum::Form`
impl<T, S> FromRequest<S> for Form<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let bytes = to_bytes(body, crate::web::MAX_BODY_BYTES)
            .await
            .map_err(|_| AppError::TooLarge.into_response())?;
        let encoded = match parts.method {
            Method::GET | Method::HEAD => parts.uri.query().unwrap_or_default().as_bytes(),
            _ => &bytes[..],
        };
        if !decodes_to_utf8(encoded) {
            // The viewer's language (`auth` reads it for any request).
            let locale = match Locale::from_request_parts(&mut parts, state).await {
                Ok(locale) => locale,
                Err(refused) => return Err(refused.into_response()),
            };
            tracing::info!("form refused: its text is not UTF-8");
            let message = CommonText::get(locale).error_not_utf8_body;
            return Err(AppError::Validation(message.into()).into_response());
        }
        let request = Request::from_parts(parts, Body::from(bytes));
        let read = axum::Form::<T>::from_request(request, state).await;
        match read {
            Ok(axum::Form(value)) => Ok(Form(value)),
            Err(rejection) => Err(rejection.into_response()),
        }
    }
}

/// Whether every name and value of an `application/x-www-form-urlencoded`
/// text decodes, its `%XX` escapes and raw bytes alike, to UTF-8.
fn decodes_to_utf8(encoded: &[u8]) -> bool {
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut decoded = Vec::new();
    encoded.split(|&b| b == b'&').all(|pair| {
        decoded.clear();
        let mut i = 0;
        while i < pair.len() {
            let escaped = match pair.get(i..i + 3) {
                Some([b'%', high, low]) => hex(*high).zip(hex(*low)),
                _ => None,
            };
            match escaped {
                Some((high, low)) => {
                    decoded.push((high * 16 + low) as u8);
                    i += 3;
                }
                None => {
                    decoded.push(pair[i]);
                    i += 1;
                }
            }
        }
        std::str::from_utf8(&decoded).is_ok()
    })
}

// Every free-text field takes at most one of these many characters; the limit
// is stated beside the field (`Layout::up_to`) and checked here on the server.

/// A name, title or other one-line value (of a criterion, a guide, …). Names
/// are unique per index, and an index holds only short values.
pub const MAX_NAME_CHARS: usize = 200;
/// An email address (the longest one mail accepts).
pub const MAX_EMAIL_CHARS: usize = 254;
/// A note, description, question or anchor.
pub const MAX_NOTE_CHARS: usize = 4000;
/// A pasted document: a first-round summary, a job description.
pub const MAX_DOCUMENT_CHARS: usize = 20_000;

/// Whether a name is longer than `MAX_NAME_CHARS`.
pub fn name_too_long(name: &str) -> bool {
    too_long(name, MAX_NAME_CHARS)
}

/// Whether `value`, trimmed as it is stored, has more than `max` characters.
pub fn too_long(value: &str, max: usize) -> bool {
    value.trim().chars().count() > max
}

/// A count the way the page's language writes it: 4,000 or 4 000.
pub fn count(n: usize, locale: Locale) -> String {
    let digits = n.to_string();
    let separator = match locale {
        Locale::En => ",",
        Locale::Nb => "\u{a0}",
    };
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(separator);
        }
        grouped.push(digit);
    }
    grouped
}

/// "Up to 4,000 characters.", stated beside a field.
pub fn up_to(max: usize, locale: Locale) -> String {
    CommonText::get(locale)
        .up_to_chars
        .replace("{n}", &count(max, locale))
}

/// The error beside a field whose value is longer than `max`.
pub fn too_long_message(max: usize, locale: Locale) -> String {
    CommonText::get(locale)
        .too_long_chars
        .replace("{n}", &count(max, locale))
}

#[derive(Debug, Default, Clone)]
pub struct FormErrors {
    fields: BTreeMap<&'static str, String>,
    general: Vec<String>,
}

impl FormErrors {
    /// The answer to a form shown again: 200 when clean, 422 when refused.
    pub fn status(&self) -> axum::http::StatusCode {
        if self.is_empty() {
            axum::http::StatusCode::OK
        } else {
            axum::http::StatusCode::UNPROCESSABLE_ENTITY
        }
    }

    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.fields.entry(field).or_insert_with(|| message.into());
    }

    /// An error about the form as a whole, shown above it.
    pub fn add_general(&mut self, message: impl Into<String>) {
        self.general.push(message.into());
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields.get(field).map(String::as_str)
    }

    pub fn has(&self, field: &str) -> bool {
        self.fields.contains_key(field)
    }

    pub fn general(&self) -> &[String] {
        &self.general
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.general.is_empty()
    }

    /// Adds the length error to `field` when `value` is longer than `max`.
    pub fn check_length(&mut self, field: &'static str, value: &str, max: usize, locale: Locale) {
        if too_long(value, max) {
            self.add(field, too_long_message(max, locale));
        }
    }

    /// `Ok(value)` when no error was added, else the errors.
    pub fn into_result<T>(self, value: T) -> Result<T, FormErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

/// Errors beside their fields; the first for a field is kept, as `add` keeps it.
impl<M: Into<String>> FromIterator<(&'static str, M)> for FormErrors {
    fn from_iter<I: IntoIterator<Item = (&'static str, M)>>(errors: I) -> Self {
        let mut form_errors = FormErrors::default();
        for (field, message) in errors {
            form_errors.add(field, message);
        }
        form_errors
    }
}

/// A script that sends a form in the background (the walk-through's offline
/// queue) asks for JSON: it gets a small answer instead of a redirect and a flash.
/// Every refusal asks the same (the origin check, the token check, the error
/// pages), so a script gets JSON whichever of them stops it.
pub fn wants_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(axum::http::header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.starts_with("application/json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands_in_each_language() {
        assert_eq!(count(200, Locale::En), "200");
        assert_eq!(count(4000, Locale::En), "4,000");
        assert_eq!(count(20_000, Locale::Nb), "20\u{a0}000");
        assert_eq!(count(1_234_567, Locale::En), "1,234,567");
    }

    #[test]
    fn a_form_is_utf8_only_when_every_escape_and_byte_decodes_to_it() {
        assert!(decodes_to_utf8(
            b"name=Kari+Nordmann&note=%C3%A6%C3%B8%C3%A5"
        ));
        assert!(decodes_to_utf8("name=Åse".as_bytes()));
        assert!(decodes_to_utf8(b"a=100%&b=%zz&c=%"), "a stray % is itself");
        assert!(decodes_to_utf8(b""));
        assert!(!decodes_to_utf8(b"name=%ff%fe%c3%28"));
        assert!(!decodes_to_utf8(b"ok=1&name=%C3"), "a sequence cut short");
        assert!(!decodes_to_utf8(&[b'n', b'=', 0xff]), "a raw byte");
        assert!(!decodes_to_utf8(b"%ff=name"), "names too");
    }

    #[test]
    fn a_value_is_measured_in_characters_as_stored() {
        assert!(!too_long(&"å".repeat(200), 200));
        assert!(too_long(&"å".repeat(201), 200));
        assert!(!too_long(&format!("  {}  ", "x".repeat(200)), 200));
    }
}
