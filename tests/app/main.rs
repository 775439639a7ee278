//! Integration tests: the real router on a real Postgres, a fresh database per test.

#[path = "../support/mod.rs"]
mod support;

mod access;
mod admin_users;
mod api;
mod audit_log;
mod candidates;
mod cli;
mod criteria;
mod decision;
mod demo_pages;
mod doubts_settle;
mod guides;
mod import;
mod interview_doubts;
mod interview_save;
mod interview_submit;
mod positions;
mod privacy;
mod references;
mod rounds;
mod schema;
mod security;
mod session_end;
mod sign_in;
