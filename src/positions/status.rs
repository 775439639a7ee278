//! Whether a position takes new candidates, rounds and criteria.

crate::coded_enum! {
    /// `position.status`, read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum PositionStatus {
        Open = "open",
        Closed = "closed",
    }
}

impl PositionStatus {
    pub fn is_open(self) -> bool {
        self == PositionStatus::Open
    }
}
