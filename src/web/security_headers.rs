//! Strict security headers on every response.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// Scripts and styles only from this site; no plugins; never framed; forms
/// post here, and lead nowhere else but to the sign-on provider.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
form-action 'self'{provider}; frame-ancestors 'none'";

/// The headers' settings, fixed at start.
#[derive(Clone)]
pub struct SecurityHeaders {
    https: bool,
    content_security_policy: HeaderValue,
}

impl SecurityHeaders {
    /// `sign_on_origin` is the OpenID provider's origin: the sign-on button's
    /// post and the sign-out's post are answered by redirects there, and
    /// browsers hold redirects after a form post to `form-action` too.
    pub fn new(https: bool, sign_on_origin: Option<&str>) -> Self {
        let provider = sign_on_origin
            .filter(|origin| {
                origin
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".:/-[]".contains(&b))
            })
            .map(|origin| format!(" {origin}"))
            .unwrap_or_default();
        let policy = CONTENT_SECURITY_POLICY.replace("{provider}", &provider);
        Self {
            https,
            content_security_policy: HeaderValue::from_str(&policy)
                .expect("the policy is ASCII without control characters"),
        }
    }
}

pub async fn add(
    State(settings): State<SecurityHeaders>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // A paper sent back keeps its stricter sandbox policy (`papers::download`).
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            settings.content_security_policy.clone(),
        );
    }
    let fixed: [(HeaderName, &'static str); 5] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=()",
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if settings.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    // Pages carry personal data: never keep them in shared caches.
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
