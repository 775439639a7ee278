//! The data every page's base layout needs: title, user, language, navigation,
//! flash messages and the cross-site token for its forms.

use crate::i18n::Locale;
use crate::web::flash::Flash;
use crate::web::text::CommonText;

pub struct NavLink {
    pub href: &'static str,
    pub label: &'static str,
    pub active: bool,
}

/// The signed-in user, as the layout names them.
pub struct LayoutUser {
    pub email: String,
    pub display_name: String,
}

/// Built for a viewer by `Viewer::layout` (`auth::layout`), or bare.
pub struct Layout {
    pub title: String,
    pub locale: Locale,
    pub t: &'static CommonText,
    pub user: Option<LayoutUser>,
    pub role_label: &'static str,
    pub csrf_token: String,
    pub flashes: Vec<Flash>,
    pub nav: Vec<NavLink>,
    pub current_path: String,
}

impl Layout {
    /// A layout without session data, for error pages rendered outside a handler.
    pub fn bare(locale: Locale, title: String) -> Layout {
        Layout {
            title,
            locale,
            t: CommonText::get(locale),
            user: None,
            role_label: "",
            csrf_token: String::new(),
            flashes: Vec::new(),
            nav: Vec::new(),
            current_path: String::new(),
        }
    }

    /// "Up to 4,000 characters.": the limit stated beside a text field.
    pub fn up_to(&self, max: usize) -> String {
        crate::web::form::up_to(max, self.locale)
    }

    /// A field's own hint followed by its limit.
    pub fn hint_up_to(&self, hint: &str, max: usize) -> String {
        format!("{hint} {}", self.up_to(max))
    }

    pub fn lang(&self) -> &'static str {
        self.locale.code()
    }
}
