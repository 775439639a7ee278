//! A connection URL that may carry a password: shown with the password hidden,
//! so that `Debug` of the configuration, logs and error messages never leak it.

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

/// What stands in for a password wherever a URL is shown.
const HIDDEN: &str = "***";

/// Query parameters that hold a password rather than a setting.
const SECRET_PARAMETERS: [&str; 2] = ["password", "sslpassword"];

/// A URL such as `DATABASE_URL` or `SECONDROUND_SMTP_URL`; only [`SecretUrl::expose`]
/// gives the text with the password.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretUrl(String);

impl SecretUrl {
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The URL as written, password included: for the code that connects, never for display.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL with its password (in the user part or a query parameter) replaced by `***`.
    pub fn redacted(&self) -> String {
        let Ok(mut url) = url::Url::parse(&self.0) else {
            // Not a URL, so there is no telling where a password might be.
            return "(not a URL; hidden)".to_owned();
        };
        if url.password().is_some() {
            // Cannot fail: a URL with a password has a host to attach it to.
            let _ = url.set_password(Some(HIDDEN));
        }
        if url.query_pairs().any(|(name, _)| is_secret(&name)) {
            let pairs: Vec<(String, String)> = url
                .query_pairs()
                .map(|(name, value)| {
                    let value = if is_secret(&name) {
                        HIDDEN.to_owned()
                    } else {
                        value.into_owned()
                    };
                    (name.into_owned(), value)
                })
                .collect();
            url.query_pairs_mut().clear().extend_pairs(pairs);
        }
        url.to_string()
    }
}

fn is_secret(name: &str) -> bool {
    SECRET_PARAMETERS
        .iter()
        .any(|secret| secret.eq_ignore_ascii_case(name))
}

impl FromStr for SecretUrl {
    // Never fails, so that clap never echoes a rejected value (password and all);
    // the code that connects says what is wrong with it.
    type Err = Infallible;

    fn from_str(url: &str) -> Result<Self, Self::Err> {
        Ok(Self::new(url))
    }
}

impl fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SecretUrl").field(&self.redacted()).finish()
    }
}

impl fmt::Display for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// A secret that is not a URL (a bearer token, a client secret): `Debug` and
/// `Display` show only that it is set; [`Secret::expose`] gives the text.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromStr for Secret {
    // Never fails, so that clap never echoes the value.
    type Err = Infallible;

    fn from_str(secret: &str) -> Result<Self, Self::Err> {
        Ok(Self::new(secret))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() {
            "Secret(unset)"
        } else {
            "Secret(***)"
        })
    }
}
