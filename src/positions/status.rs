//! Whether a position takes new candidates, rounds and criteria.

/// `position.status`, read straight from the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum PositionStatus {
    Open,
    Closed,
}

impl PositionStatus {
    pub fn code(self) -> &'static str {
        match self {
            PositionStatus::Open => "open",
            PositionStatus::Closed => "closed",
        }
    }

    pub fn is_open(self) -> bool {
        self == PositionStatus::Open
    }
}
