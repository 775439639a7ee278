//! Reading an upload: streamed field by field, the file held to the limit as
//! it arrives (a body announced larger is refused before a byte is read), its
//! kind decided by content and its name cleaned.

use axum::extract::multipart::MultipartError;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{HeaderMap, StatusCode, header};
use uuid::Uuid;

use crate::papers::PaperText;
use crate::papers::kind::{PaperKind, clean_name};

/// Room for the form's other fields and the multipart framing.
pub const FRAMING_BYTES: usize = 64 * 1024;

/// A file read and checked, not yet stored.
#[derive(Debug)]
pub struct Upload {
    pub name: String,
    pub kind: PaperKind,
    pub bytes: Vec<u8>,
    pub round_id: Option<Uuid>,
    pub test_result_id: Option<Uuid>,
}

/// Why an upload is refused; said in words at the edge (`message`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NoFile,
    TooLarge,
    WrongType,
    Unreadable,
    /// Not a multipart/form-data body at all.
    NotMultipart,
    /// A round or test result that is not the candidate's.
    UnknownLink,
}

impl Refusal {
    pub fn status(self) -> StatusCode {
        match self {
            Refusal::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    pub fn message(self, t: &PaperText, max_bytes: usize) -> String {
        match self {
            Refusal::NoFile => t.err_no_file.to_owned(),
            Refusal::TooLarge => t
                .err_too_large
                .replace("{mb}", &(max_bytes / (1024 * 1024)).to_string()),
            Refusal::WrongType => t.err_type.to_owned(),
            Refusal::Unreadable | Refusal::NotMultipart => t.err_unreadable.to_owned(),
            Refusal::UnknownLink => t.err_link.to_owned(),
        }
    }
}

/// The form's choices besides the file, kept for a re-rendered form.
#[derive(Debug, Default, Clone)]
pub struct Links {
    pub round_id: Option<Uuid>,
    pub test_result_id: Option<Uuid>,
}

fn announced_length(headers: &HeaderMap) -> Option<usize> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok())
}

/// Whether the announced body is over the limit: refused without reading it.
pub fn announced_too_large(headers: &HeaderMap, max_bytes: usize) -> bool {
    announced_length(headers).is_some_and(|length| length > max_bytes + FRAMING_BYTES)
}

fn refusal_of(err: &MultipartError) -> Refusal {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Refusal::TooLarge
    } else {
        tracing::info!(error = %err.body_text(), "unreadable upload");
        Refusal::Unreadable
    }
}

fn id_field(text: &str) -> Result<Option<Uuid>, Refusal> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Uuid::parse_str(text)
        .map(Some)
        .map_err(|_| Refusal::UnknownLink)
}

/// Reads the request's `file` field (and `round_id`, `test_result_id`), at
/// most `max_bytes` of file; the links read so far come back with a refusal.
/// The request, not an extracted `Multipart`: a body announced too large is
/// refused as such whatever its content type, before a byte is read.
pub async fn read(
    request: Request,
    max_bytes: usize,
    fallback_name: &str,
) -> Result<Upload, (Refusal, Links)> {
    let mut links = Links::default();
    if announced_too_large(request.headers(), max_bytes) {
        return Err((Refusal::TooLarge, links));
    }
    let expected = announced_length(request.headers()).unwrap_or(0);
    let mut multipart = match Multipart::from_request(request, &()).await {
        Ok(multipart) => multipart,
        Err(rejection) => {
            tracing::info!(error = %rejection.body_text(), "upload not sent as multipart");
            return Err((Refusal::NotMultipart, links));
        }
    };
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) => return Err((refusal_of(&err), links)),
        };
        match field.name() {
            Some("file") => {
                let name = clean_name(field.file_name().unwrap_or(""), fallback_name);
                let mut field = field;
                // Sized once from the announced length (at most the limit), so
                // the buffer is not regrown and copied on the way to 20 MB.
                let mut bytes = Vec::with_capacity(expected.min(max_bytes));
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            if bytes.len() + chunk.len() > max_bytes {
                                return Err((Refusal::TooLarge, links));
                            }
                            bytes.extend_from_slice(&chunk);
                        }
                        Ok(None) => break,
                        Err(err) => return Err((refusal_of(&err), links)),
                    }
                }
                if !bytes.is_empty() {
                    file = Some((name, bytes));
                }
            }
            Some(key @ ("round_id" | "test_result_id")) => {
                let key = key.to_owned();
                let text = match field.text().await {
                    Ok(text) => text,
                    Err(err) => return Err((refusal_of(&err), links)),
                };
                let id = match id_field(&text) {
                    Ok(id) => id,
                    Err(refusal) => return Err((refusal, links)),
                };
                if key == "round_id" {
                    links.round_id = id;
                } else {
                    links.test_result_id = id;
                }
            }
            _ => {}
        }
    }
    let Some((name, bytes)) = file else {
        return Err((Refusal::NoFile, links));
    };
    let Some(kind) = PaperKind::sniff(&bytes) else {
        return Err((Refusal::WrongType, links));
    };
    Ok(Upload {
        name,
        kind,
        bytes,
        round_id: links.round_id,
        test_result_id: links.test_result_id,
    })
}
