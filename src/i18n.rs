//! The two UI languages (bokmål and English) and compile-time checked UI texts.
//!
//! Each feature declares its strings with [`texts!`], one line per string with both
//! languages side by side, so a missing translation is a compile error.

use serde::{Deserialize, Serialize};

/// Also `app_user.locale` and `interview_template.language`, read straight from the row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, sqlx::Type)]
#[serde(rename_all = "lowercase")]
#[sqlx(type_name = "text", rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Nb,
    En,
}

impl Locale {
    pub fn code(self) -> &'static str {
        match self {
            Locale::Nb => "nb",
            Locale::En => "en",
        }
    }

    /// ```
    /// use secondround::i18n::Locale;
    ///
    /// assert_eq!(Locale::parse("NB"), Some(Locale::Nb));
    /// assert_eq!(Locale::parse("en"), Some(Locale::En));
    /// assert_eq!(Locale::parse("de"), None);
    /// ```
    pub fn parse(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nb" | "no" | "nn" => Some(Locale::Nb),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The first supported language in an `Accept-Language` header, else bokmål.
    pub fn from_accept_language(header: &str) -> Self {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .filter_map(|tag| Locale::parse(tag.split('-').next().unwrap_or("")))
            .next()
            .unwrap_or_default()
    }
}

/// The text for a count: `one` when `n` is 1, `many` otherwise (0 included).
/// Bokmål and English draw the line in the same place, so each count text is a
/// pair of `texts!` lines, `…_one` beside the plural.
///
/// ```
/// use secondround::i18n::one_or_many;
///
/// assert_eq!(one_or_many(1, "{n} rating", "{n} ratings"), "{n} rating");
/// assert_eq!(one_or_many(0, "{n} rating", "{n} ratings"), "{n} ratings");
/// ```
pub fn one_or_many<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// Declares a struct of UI strings with an English and a bokmål instance.
#[macro_export]
macro_rules! texts {
    ($(#[$meta:meta])* $name:ident { $($key:ident: $en:expr, $nb:expr;)* }) => {
        $(#[$meta])*
        #[derive(Debug)]
        pub struct $name { $(pub $key: &'static str,)* }

        impl $name {
            pub const EN: $name = $name { $($key: $en,)* };
            pub const NB: $name = $name { $($key: $nb,)* };

            pub fn get(locale: $crate::i18n::Locale) -> &'static $name {
                match locale {
                    $crate::i18n::Locale::En => &Self::EN,
                    $crate::i18n::Locale::Nb => &Self::NB,
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_first_supported_language() {
        assert_eq!(Locale::from_accept_language("en-GB,en;q=0.9"), Locale::En);
        assert_eq!(
            Locale::from_accept_language("nb-NO,nb;q=0.9,en;q=0.8"),
            Locale::Nb
        );
        assert_eq!(Locale::from_accept_language("de-DE,en;q=0.5"), Locale::En);
        assert_eq!(Locale::from_accept_language("fr"), Locale::Nb);
        assert_eq!(Locale::from_accept_language(""), Locale::Nb);
    }
}
