//! Single sign-on with OpenID Connect: the provider's discovery, kept in memory,
//! and the protocol's two halves (the authorization request, and the callback's
//! code exchange with the ID token's checks). What a verified identity may do
//! here is `auth`'s business; this module only says who the provider vouches for.

use std::sync::Arc;
use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClient, CoreClientAuthMethod, CoreGrantType,
    CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm,
    CoreResponseMode, CoreResponseType, CoreSubjectIdentifierType,
};
use openidconnect::{
    AdditionalProviderMetadata, AuthenticationFlow, AuthorizationCode, ClientId, ClientSecret,
    CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, ProviderMetadata,
    RedirectUrl, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::config::ServerConfig;

/// The path the provider sends people back to; registered with the provider as
/// `SECONDROUND_PUBLIC_URL` + this.
pub const CALLBACK_PATH: &str = "/auth/oidc/callback";

/// A discovered provider is asked again after this long, so rotated keys arrive.
const KEEP_DISCOVERY: Duration = Duration::from_secs(3600);
/// A failed discovery is not retried sooner, so an unreachable provider does not
/// slow every sign-in page down.
const RETRY_FAILED_DISCOVERY: Duration = Duration::from_secs(30);
/// How long one request to the provider may take.
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(10);

/// The one optional field beyond the core set: where RP-initiated logout goes.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct LogoutMetadata {
    #[serde(default)]
    end_session_endpoint: Option<String>,
}
impl AdditionalProviderMetadata for LogoutMetadata {}

type Metadata = ProviderMetadata<
    LogoutMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

struct Settings {
    issuer: IssuerUrl,
    client_id: ClientId,
    client_secret: ClientSecret,
    redirect: RedirectUrl,
}

enum Discovery {
    NotYet,
    Found(Arc<Metadata>, Instant),
    Failed(Instant),
}

/// Single sign-on as configured: off, or a provider found (or not, for now).
pub struct Sso {
    settings: Option<Settings>,
    /// The button's label.
    pub label: String,
    http: openidconnect::reqwest::Client,
    discovery: Mutex<Discovery>,
}

/// What the sign-in page can offer.
pub enum Availability {
    Off,
    /// Configured, but the provider could not be discovered (just now, or lately).
    Unavailable,
    Ready,
}

/// What the browser must bring back: kept in the session between the two halves.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flow {
    pub state: String,
    nonce: String,
    pkce_verifier: String,
    /// Where to go after signing in.
    pub next: String,
}

/// The person the provider vouches for, its ID token checked.
#[derive(Debug)]
pub struct Identity {
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
    /// The ID token, as a hint for RP-initiated logout.
    pub id_token: String,
}

/// Why a callback is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No flow started in this session, or the `state` is not its own (forged, or replayed).
    State,
    /// The provider answered with an error instead of a code (e.g. the person cancelled).
    ProviderError,
    /// The provider refused the code (used already, expired) or could not be reached.
    Exchange,
    /// The ID token's nonce is not this flow's.
    Nonce,
    /// The ID token's signature, issuer, audience or expiry does not hold.
    Token,
    Unavailable,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::State => "state",
            Refusal::ProviderError => "provider_error",
            Refusal::Exchange => "code_exchange",
            Refusal::Nonce => "nonce",
            Refusal::Token => "id_token",
            Refusal::Unavailable => "unavailable",
        }
    }
}

impl Sso {
    /// Reads the settings; a malformed one is an error here, at start.
    pub fn from_config(config: &ServerConfig) -> anyhow::Result<Sso> {
        let sign_in = &config.sign_in;
        let http = openidconnect::reqwest::ClientBuilder::new()
            // Never follow a provider's redirect: the endpoints are the discovered ones.
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(PROVIDER_TIMEOUT)
            .build()?;
        let issuer = sign_in
            .oidc_issuer
            .as_deref()
            .map(str::trim)
            .filter(|issuer| !issuer.is_empty());
        let settings = match issuer {
            None => None,
            Some(issuer) => {
                anyhow::ensure!(
                    !sign_in.oidc_client_id.trim().is_empty(),
                    "SECONDROUND_OIDC_ISSUER is set, so SECONDROUND_OIDC_CLIENT_ID must be too"
                );
                let issuer =
                    IssuerUrl::new(issuer.trim_end_matches('/').to_owned()).map_err(|err| {
                        anyhow::anyhow!("SECONDROUND_OIDC_ISSUER is not a URL: {err}")
                    })?;
                let redirect = format!(
                    "{}{CALLBACK_PATH}",
                    config.mail.public_url.trim_end_matches('/')
                );
                let redirect = RedirectUrl::new(redirect).map_err(|err| {
                    anyhow::anyhow!("SECONDROUND_PUBLIC_URL does not make a redirect URI: {err}")
                })?;
                Some(Settings {
                    issuer,
                    client_id: ClientId::new(sign_in.oidc_client_id.trim().to_owned()),
                    client_secret: ClientSecret::new(
                        sign_in.oidc_client_secret.expose().to_owned(),
                    ),
                    redirect,
                })
            }
        };
        Ok(Sso {
            settings,
            label: sign_in.oidc_label.clone(),
            http,
            discovery: Mutex::new(Discovery::NotYet),
        })
    }

    /// Off: no provider configured.
    pub fn off(label: String) -> Sso {
        Sso {
            settings: None,
            label,
            http: openidconnect::reqwest::Client::new(),
            discovery: Mutex::new(Discovery::NotYet),
        }
    }

    pub async fn availability(&self) -> Availability {
        if self.settings.is_none() {
            return Availability::Off;
        }
        match self.metadata().await {
            Some(_) => Availability::Ready,
            None => Availability::Unavailable,
        }
    }

    /// The provider's discovery document: kept, or fetched now. A provider that
    /// cannot be discovered leaves passwords working; it is asked again later.
    async fn metadata(&self) -> Option<Arc<Metadata>> {
        let settings = self.settings.as_ref()?;
        let mut discovery = self.discovery.lock().await;
        match &*discovery {
            Discovery::Found(metadata, at) if at.elapsed() < KEEP_DISCOVERY => {
                return Some(metadata.clone());
            }
            Discovery::Failed(at) if at.elapsed() < RETRY_FAILED_DISCOVERY => return None,
            _ => {}
        }
        match Metadata::discover_async(settings.issuer.clone(), &self.http).await {
            Ok(metadata) => {
                let metadata = Arc::new(metadata);
                *discovery = Discovery::Found(metadata.clone(), Instant::now());
                Some(metadata)
            }
            Err(err) => {
                tracing::warn!(
                    issuer = %settings.issuer.as_str(),
                    error = %error_chain(&err),
                    "single sign-on is unavailable: the OpenID provider could not be discovered"
                );
                *discovery = Discovery::Failed(Instant::now());
                None
            }
        }
    }

    fn client(
        &self,
        metadata: &Metadata,
    ) -> Option<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
    > {
        let settings = self.settings.as_ref()?;
        Some(
            CoreClient::from_provider_metadata(
                metadata.clone(),
                settings.client_id.clone(),
                Some(settings.client_secret.clone()),
            )
            .set_redirect_uri(settings.redirect.clone()),
        )
    }

    /// The provider's authorization URL for a new flow, with a fresh `state`,
    /// `nonce` and PKCE challenge; the flow is to be kept in the session.
    pub async fn start(&self, next: String) -> Option<(String, Flow)> {
        let metadata = self.metadata().await?;
        let client = self.client(&metadata)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        let flow = Flow {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
            next,
        };
        Some((url.to_string(), flow))
    }

    /// Exchanges the code (with the flow's PKCE verifier) and checks the ID
    /// token: signature against the provider's keys, issuer, audience, expiry
    /// and this flow's nonce. The caller has matched `state` already.
    pub async fn finish(&self, flow: Flow, code: String) -> Result<Identity, Refusal> {
        let metadata = self.metadata().await.ok_or(Refusal::Unavailable)?;
        let client = self.client(&metadata).ok_or(Refusal::Unavailable)?;
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|_| Refusal::Unavailable)?
            .set_pkce_verifier(PkceCodeVerifier::new(flow.pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|err| {
                tracing::warn!(error = %error_chain(&err), "the OpenID provider refused the code");
                Refusal::Exchange
            })?;
        let id_token = response.id_token().ok_or(Refusal::Token)?;
        let verifier = client.id_token_verifier();
        let claims = id_token
            .claims(&verifier, &Nonce::new(flow.nonce))
            .map_err(|err| {
                tracing::warn!(error = %error_chain(&err), "an ID token failed its checks");
                match err {
                    openidconnect::ClaimsVerificationError::InvalidNonce(_) => Refusal::Nonce,
                    _ => Refusal::Token,
                }
            })?;
        Ok(Identity {
            email: claims
                .email()
                .map(|email| email.as_str().trim().to_lowercase()),
            email_verified: match claims.email_verified() {
                Some(verified) => verified,
                // Entra ID sends no `email_verified`; its `xms_edov` optional
                // claim says the e-mail's domain is verified for the tenant.
                None => entra_domain_verified(&id_token.to_string()),
            },
            name: claims
                .name()
                .and_then(|name| name.get(None))
                .map(|name| name.as_str().to_owned()),
            id_token: id_token.to_string(),
        })
    }

    /// Where to send a person signing out, to end the provider's session too,
    /// when the provider offers RP-initiated logout.
    pub async fn logout_url(&self, id_token: &str, back_to: &str) -> Option<String> {
        let settings = self.settings.as_ref()?;
        let metadata = self.metadata().await?;
        let endpoint = metadata
            .additional_metadata()
            .end_session_endpoint
            .as_deref()?;
        let mut url = url::Url::parse(endpoint).ok()?;
        url.query_pairs_mut()
            .append_pair("id_token_hint", id_token)
            .append_pair("client_id", settings.client_id.as_str())
            .append_pair("post_logout_redirect_uri", back_to);
        Some(url.to_string())
    }
}

/// An error with its causes, for the log.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Whether the (already verified) ID token carries Entra ID's `xms_edov`
/// ("e-mail domain owner verified") as true: a boolean, or `1`/`true` as text.
fn entra_domain_verified(id_token: &str) -> bool {
    use base64::Engine as _;
    let Some(payload) = id_token.split('.').nth(1) else {
        return false;
    };
    let Ok(bytes) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload) else {
        return false;
    };
    let Ok(claims) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return false;
    };
    match &claims["xms_edov"] {
        serde_json::Value::Bool(verified) => *verified,
        serde_json::Value::String(text) => text == "1" || text.eq_ignore_ascii_case("true"),
        serde_json::Value::Number(number) => number.as_u64() == Some(1),
        _ => false,
    }
}
