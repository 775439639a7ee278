//! Field errors for forms that re-render with the user's input kept.

use std::collections::BTreeMap;

/// The longest name (of a criterion, a guide, …) a form accepts, in
/// characters. Names are unique per index, and an index holds only short values.
pub const MAX_NAME_CHARS: usize = 200;

/// Whether a name is longer than `MAX_NAME_CHARS`.
pub fn name_too_long(name: &str) -> bool {
    name.trim().chars().count() > MAX_NAME_CHARS
}

#[derive(Debug, Default, Clone)]
pub struct FormErrors {
    fields: BTreeMap<&'static str, String>,
    general: Vec<String>,
}

impl FormErrors {
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

    /// `Ok(value)` when no error was added, else the errors.
    pub fn into_result<T>(self, value: T) -> Result<T, FormErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}
