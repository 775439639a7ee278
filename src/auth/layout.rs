//! The base layout for whoever is asking: their name and role, the menu their
//! role sees, the session's flash messages and cross-site token.

use crate::auth::extract::Viewer;
use crate::auth::role::{ManagerOrAdmin, Policy, Role};
use crate::error::Result;
use crate::web::csrf;
use crate::web::flash;
use crate::web::layout::{Layout, LayoutUser, NavLink};
use crate::web::text::CommonText;

impl Viewer {
    /// The base layout for a page with this title.
    pub async fn layout(&self, title: impl Into<String>) -> Result<Layout> {
        let mut layout = Layout::bare(self.locale, title.into());
        layout.csrf_token = csrf::token(&self.session, self.sign_in_token.as_ref()).await?;
        layout.flashes = flash::take(&self.session).await?;
        layout.current_path = self.path.clone();
        if let Some(user) = &self.user {
            layout.user = Some(LayoutUser {
                email: user.email.clone(),
                display_name: user.display_name.clone(),
            });
            layout.role_label = user.role.label(self.locale);
            layout.nav = navigation(user.role, layout.t, &self.path);
        }
        Ok(layout)
    }
}

fn navigation(role: Role, t: &'static CommonText, path: &str) -> Vec<NavLink> {
    let staff = matches!(role, Role::Admin | Role::Hr | Role::Manager);
    let candidates: [(&'static str, &'static str, bool); 9] = [
        ("/", t.nav_dashboard, true),
        ("/positions", t.nav_positions, staff),
        ("/interviewers", t.nav_interviewers, true),
        ("/guides", t.nav_templates, role == Role::Admin),
        ("/admin/users", t.nav_users, role == Role::Admin),
        ("/admin/api-tokens", t.nav_api_tokens, role == Role::Admin),
        ("/admin/retention", t.nav_retention, role == Role::Admin),
        ("/admin/outbox", t.nav_outbox, role == Role::Admin),
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
