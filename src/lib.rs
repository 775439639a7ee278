//! Secondround: structured second-round job interviews with independent panel
//! scoring, where a hire is refused while any doubt is open.

pub mod admin;
pub mod api;
pub mod app;
pub mod audit;
pub mod auth;
pub mod calibration;
pub mod candidates;
pub mod case;
pub mod cli;
pub mod compare;
pub mod config;
pub mod db;
pub mod decisions;
pub mod demo;
pub mod domain;
pub mod doubts;
pub mod error;
pub mod export;
pub mod follow_up;
pub mod guides;
pub mod i18n;
pub mod interview;
pub mod mail;
pub mod monitoring;
pub mod pages;
pub mod papers;
pub mod positions;
pub mod privacy;
#[cfg(test)]
mod props;
pub mod redact;
pub mod references;
pub mod rounds;
pub mod scoring;
pub mod sso;
pub mod startup;
pub mod state;
pub mod test_results;
pub mod web;
