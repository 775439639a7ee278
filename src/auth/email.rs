//! A parsed email address: trimmed, lower-cased, plausibly shaped.
//!
//! ```
//! use secondround::auth::email::Email;
//!
//! let email = Email::try_from(" Kari@Example.NO ").unwrap();
//! assert_eq!(email.as_str(), "kari@example.no");
//! assert!(Email::try_from("kari@example").is_err());
//! ```

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<&str> for Email {
    type Error = &'static str;

    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        let email = raw.trim().to_lowercase();
        let Some((local, domain)) = email.split_once('@') else {
            return Err("missing @");
        };
        let plausible = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && email.len() <= 254
            && !email.chars().any(|c| c.is_whitespace() || c.is_control());
        if plausible {
            Ok(Email(email))
        } else {
            Err("not an email address")
        }
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        let email = Email::try_from("  Kari.Nordmann@Example.NO ").unwrap();
        assert_eq!(email.as_str(), "kari.nordmann@example.no");
    }

    #[test]
    fn implausible_emails_are_refused() {
        for raw in [
            "",
            "kari",
            "@example.no",
            "kari@",
            "kari@example",
            "kari@.no",
            "ka ri@example.no",
            "a@b@c.no",
        ] {
            assert!(Email::try_from(raw).is_err(), "{raw:?} should be refused");
        }
    }
}
