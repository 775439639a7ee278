//! The four roles and the access policies that route extractors enforce.

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

crate::coded_enum! {
    /// `app_user.role`, read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type)]
    #[serde(rename_all = "lowercase")]
    #[sqlx(type_name = "text", rename_all = "lowercase")]
    pub enum Role {
        Admin = "admin",
        Hr = "hr",
        Manager = "manager",
        Panelist = "panelist",
    }
}

impl Role {
    pub fn label(self, locale: Locale) -> &'static str {
        let t = RoleText::get(locale);
        match self {
            Role::Admin => t.admin,
            Role::Hr => t.hr,
            Role::Manager => t.manager,
            Role::Panelist => t.panelist,
        }
    }
}

crate::texts! {
    RoleText {
        admin: "Administrator", "Administrator";
        hr: "HR", "HR";
        manager: "Hiring manager", "Ansettende leder";
        panelist: "Panel member", "Paneldeltaker";
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Which roles may use a route; checked by the `Authorized<P>` extractor.
pub trait Policy: Send + Sync + 'static {
    fn allows(role: Role) -> bool;
}

/// Any signed-in user.
pub struct AnyRole;
impl Policy for AnyRole {
    fn allows(_: Role) -> bool {
        true
    }
}

pub struct AdminOnly;
impl Policy for AdminOnly {
    fn allows(role: Role) -> bool {
        role == Role::Admin
    }
}

/// Admin, HR and hiring managers: the people who prepare and decide.
pub struct Staff;
impl Policy for Staff {
    fn allows(role: Role) -> bool {
        matches!(role, Role::Admin | Role::Hr | Role::Manager)
    }
}

/// Admin and HR: exports, scheduling, reference checks.
pub struct HrOrAdmin;
impl Policy for HrOrAdmin {
    fn allows(role: Role) -> bool {
        matches!(role, Role::Admin | Role::Hr)
    }
}

/// Admin and hiring managers: deciding on a hire and reading the audit log (a
/// manager only for their own positions, checked against the position).
pub struct ManagerOrAdmin;
impl Policy for ManagerOrAdmin {
    fn allows(role: Role) -> bool {
        matches!(role, Role::Admin | Role::Manager)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
        assert_eq!(Role::parse(""), None);
    }

    #[test]
    fn policies_admit_the_intended_roles() {
        assert!(AdminOnly::allows(Role::Admin) && !AdminOnly::allows(Role::Hr));
        assert!(Staff::allows(Role::Manager) && !Staff::allows(Role::Panelist));
        assert!(HrOrAdmin::allows(Role::Hr) && !HrOrAdmin::allows(Role::Manager));
        assert!(ManagerOrAdmin::allows(Role::Manager) && ManagerOrAdmin::allows(Role::Admin));
        assert!(!ManagerOrAdmin::allows(Role::Hr) && !ManagerOrAdmin::allows(Role::Panelist));
        assert!(Role::ALL.iter().all(|role| AnyRole::allows(*role)));
    }
}
