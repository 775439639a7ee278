//! Where mail goes: `SECONDROUND_SMTP_URL` read into settings at start (a bad
//! URL stops `serve` with the reason), and the lettre transport built from them.
//!
//! - `smtp://user:pass@relay:587`: STARTTLS, required (the default for `smtp://`);
//! - `smtp://relay:587?tls=opportunistic`: STARTTLS when the server offers it;
//! - `smtps://user:pass@relay:465`: TLS from the first byte;
//! - `smtp://127.0.0.1:25?tls=none`: plain, for a relay on the same host.

use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, Tokio1Executor};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// STARTTLS, refusing to send when the server does not offer it.
    StartTlsRequired,
    /// STARTTLS when offered, plain otherwise.
    StartTlsOpportunistic,
    /// TLS from the first byte (`smtps://`).
    Implicit,
    /// No TLS at all: only for a relay on a trusted network.
    None,
}

#[derive(Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub user: Option<String>,
    password: Option<String>,
}

impl std::fmt::Debug for SmtpSettings {
    // The password stays out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SmtpUrlError {
    #[error(
        "SECONDROUND_SMTP_URL is not a URL ({0}); write e.g. smtp://user:password@relay.example.com:587"
    )]
    NotAUrl(String),
    #[error("SECONDROUND_SMTP_URL must start with smtp:// or smtps://, not {0}://")]
    Scheme(String),
    #[error("SECONDROUND_SMTP_URL names no host")]
    NoHost,
    #[error("SECONDROUND_SMTP_URL has tls={0}; use tls=required, tls=opportunistic or tls=none")]
    TlsMode(String),
    #[error(
        "SECONDROUND_SMTP_URL has tls={0} on smtps://, which is TLS from the start; leave tls out"
    )]
    TlsOnSmtps(String),
    #[error("SECONDROUND_SMTP_URL has an unknown parameter {0}; only tls is understood")]
    Parameter(String),
    #[error("SECONDROUND_SMTP_URL has a password but no user name")]
    PasswordWithoutUser,
}

impl SmtpSettings {
    pub fn parse(raw: &str) -> Result<SmtpSettings, SmtpUrlError> {
        let url =
            url::Url::parse(raw.trim()).map_err(|err| SmtpUrlError::NotAUrl(err.to_string()))?;
        let implicit = match url.scheme() {
            "smtp" => false,
            "smtps" => true,
            other => return Err(SmtpUrlError::Scheme(other.to_owned())),
        };
        let host = url
            .host_str()
            .filter(|host| !host.is_empty())
            .ok_or(SmtpUrlError::NoHost)?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let mut security = if implicit {
            Security::Implicit
        } else {
            Security::StartTlsRequired
        };
        for (name, value) in url.query_pairs() {
            if name != "tls" {
                return Err(SmtpUrlError::Parameter(name.into_owned()));
            }
            if implicit {
                return Err(SmtpUrlError::TlsOnSmtps(value.into_owned()));
            }
            security = match value.as_ref() {
                "required" | "starttls" => Security::StartTlsRequired,
                "opportunistic" => Security::StartTlsOpportunistic,
                "none" => Security::None,
                other => return Err(SmtpUrlError::TlsMode(other.to_owned())),
            };
        }
        let port = url.port().unwrap_or(match security {
            Security::Implicit => 465,
            Security::None => 25,
            Security::StartTlsRequired | Security::StartTlsOpportunistic => 587,
        });
        let decode = |part: &str| percent_decode(part).filter(|part| !part.is_empty());
        let user = decode(url.username());
        let password = url.password().and_then(decode);
        if user.is_none() && password.is_some() {
            return Err(SmtpUrlError::PasswordWithoutUser);
        }
        Ok(SmtpSettings {
            host,
            port,
            security,
            user,
            password,
        })
    }

    /// The transport; connecting happens on the first send. `timeout` bounds each
    /// step of the conversation, so a stalling server cannot hold the sender.
    pub fn transport(
        &self,
        timeout: Duration,
    ) -> Result<AsyncSmtpTransport<Tokio1Executor>, lettre::transport::smtp::Error> {
        let tls = || TlsParameters::new(self.host.clone());
        let tls = match self.security {
            Security::StartTlsRequired => Tls::Required(tls()?),
            Security::StartTlsOpportunistic => Tls::Opportunistic(tls()?),
            Security::Implicit => Tls::Wrapper(tls()?),
            Security::None => Tls::None,
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host)
            .port(self.port)
            .tls(tls)
            .timeout(Some(timeout));
        if let Some(user) = &self.user {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                self.password.clone().unwrap_or_default(),
            ));
        }
        Ok(builder.build())
    }
}

/// A user name or password as written in the URL, `%40` for `@` and so on.
fn percent_decode(part: &str) -> Option<String> {
    percent_encoding::percent_decode_str(part)
        .decode_utf8()
        .ok()
        .map(|decoded| decoded.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_means_starttls_required_on_the_submission_port() {
        let settings =
            SmtpSettings::parse("smtp://kari%40firma.no:hemmelig@relay.example.com").unwrap();
        assert_eq!(settings.host, "relay.example.com");
        assert_eq!(settings.port, 587);
        assert_eq!(settings.security, Security::StartTlsRequired);
        assert_eq!(settings.user.as_deref(), Some("kari@firma.no"));
        assert_eq!(settings.password.as_deref(), Some("hemmelig"));
        assert!(!format!("{settings:?}").contains("hemmelig"));
    }

    #[test]
    fn smtps_is_implicit_tls_and_tls_none_is_plain_on_25() {
        let settings = SmtpSettings::parse("smtps://relay.example.com").unwrap();
        assert_eq!(
            (settings.port, settings.security),
            (465, Security::Implicit)
        );
        let settings = SmtpSettings::parse("smtp://127.0.0.1?tls=none").unwrap();
        assert_eq!((settings.port, settings.security), (25, Security::None));
        assert_eq!(settings.user, None);
        let settings = SmtpSettings::parse("smtp://relay:2525?tls=opportunistic").unwrap();
        assert_eq!(
            (settings.port, settings.security),
            (2525, Security::StartTlsOpportunistic)
        );
    }

    #[test]
    fn a_bad_url_is_refused_with_its_reason() {
        let refused = |raw| SmtpSettings::parse(raw).unwrap_err();
        assert!(matches!(
            refused("relay.example.com"),
            SmtpUrlError::NotAUrl(_)
        ));
        assert_eq!(refused("http://relay"), SmtpUrlError::Scheme("http".into()));
        assert_eq!(
            refused("smtp://relay?tls=maybe"),
            SmtpUrlError::TlsMode("maybe".into())
        );
        assert_eq!(
            refused("smtps://relay?tls=none"),
            SmtpUrlError::TlsOnSmtps("none".into())
        );
        assert_eq!(
            refused("smtp://relay?port=25"),
            SmtpUrlError::Parameter("port".into())
        );
        assert_eq!(
            refused("smtp://:pw@relay"),
            SmtpUrlError::PasswordWithoutUser
        );
        assert!(
            refused("smtp://relay:99999")
                .to_string()
                .contains("SECONDROUND_SMTP_URL")
        );
    }
}
