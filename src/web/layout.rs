//! The data every page's base layout needs: title, user, language, navigation,
//! flash messages and the cross-site token for its forms.

use crate::auth::extract::{SessionUser, Viewer};
use crate::auth::role::{ManagerOrAdmin, Policy, Role};
use crate::error::Result;
use crate::i18n::Locale;
use crate::web::csrf;
use crate::web::flash::{self, Flash};
use crate::web::text::CommonText;

pub struct NavLink {
    pub href: &'static str,
    pub label: &'static str,
    pub active: bool,
}

pub struct Layout {
    pub title: String,
    pub locale: Locale,
    pub t: &'static CommonText,
    pub user: Option<SessionUser>,
    pub role_label: &'static str,
    pub csrf_token: String,
    pub flashes: Vec<Flash>,
    pub nav: Vec<NavLink>,
    pub current_path: String,
}

impl Layout {
    pub(crate) async fn build(viewer: &Viewer, title: String) -> Result<Layout> {
        let t = CommonText::get(viewer.locale);
        let role = viewer.user.as_ref().map(|user| user.role);
        Ok(Layout {
            title,
            locale: viewer.locale,
            t,
            role_label: role.map(|role| role.label(viewer.locale)).unwrap_or(""),
            user: viewer.user.clone(),
            csrf_token: csrf::token(&viewer.session, viewer.sign_in_token.as_ref()).await?,
            flashes: flash::take(&viewer.session).await?,
            nav: role
                .map(|role| navigation(role, t, &viewer.path))
                .unwrap_or_default(),
            current_path: viewer.path.clone(),
        })
    }

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

fn navigation(role: Role, t: &'static CommonText, path: &str) -> Vec<NavLink> {
    let staff = matches!(role, Role::Admin | Role::Hr | Role::Manager);
    let candidates: [(&'static str, &'static str, bool); 7] = [
        ("/", t.nav_dashboard, true),
        ("/positions", t.nav_positions, staff),
        ("/guides", t.nav_templates, role == Role::Admin),
        ("/admin/users", t.nav_users, role == Role::Admin),
        ("/admin/api-tokens", t.nav_api_tokens, role == Role::Admin),
        ("/admin/retention", t.nav_retention, role == Role::Admin),
        ("/audit", t.nav_audit, ManagerOrAdmin::allows(role)),
    ];
    candidates
        .into_iter()
        .filter(|(_, _, visible)| *visible)
        .map(|(href, label, _)| NavLink {
            href,
            label,
            active: if href == "/" {
                path == "/"
            } else {
                path.starts_with(href)
            },
        })
        .collect()
}
