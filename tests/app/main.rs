//! Integration tests: the real router on a real Postgres, a fresh database per test.

#[path = "../support/mod.rs"]
mod support;

mod access;
mod admin_users;
mod audit_log;
mod candidates;
mod cli;
mod criteria;
mod demo_pages;
mod guides;
mod import;
mod interview_doubts;
mod interview_save;
mod interview_submit;
mod positions;
mod rounds;
mod schema;
mod security;
mod sign_in;
