//! Page tests in real headless Chromium at tablet sizes, against a real server.

#[path = "../support/mod.rs"]
mod support;

mod calibration;
mod decision;
mod exports;
mod focus;
mod follow_up;
mod foundation;
mod interview;
mod mail;
mod no_script;
mod papers;
mod preparation;
mod session;
mod sso;
