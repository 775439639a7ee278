//! Integration tests: the real router on a real Postgres, a fresh database per test.

#[path = "../support/mod.rs"]
mod support;

mod access;
mod admin_users;
mod api;
mod audit_log;
mod authorization;
mod candidate_at_hand;
mod candidates;
mod cli;
mod compare;
mod conversation_only;
mod criteria;
mod decision;
mod decision_final;
mod demo_case;
mod demo_pages;
mod doubts_settle;
mod exports;
mod facts_batch;
mod faults;
mod focus;
mod guides;
mod import;
mod interview_doubts;
mod interview_save;
mod interview_submit;
mod light_page;
mod limits;
mod module_cycles;
mod ownership;
mod positions;
mod privacy;
mod process_faults;
mod references;
mod round_questions;
mod rounds;
mod routes;
mod schema;
mod security;
mod session_end;
mod session_user;
mod sign_in;
mod text_fields;
mod wording;
