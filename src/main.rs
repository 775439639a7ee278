//! The `secondround` command line: parses arguments and hands over to the library.

use std::process::ExitCode;

use clap::Parser;
use secondround::cli::{Cli, run};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One clear line, not a backtrace: the operator needs to know what to fix.
            eprintln!("secondround: {err:#}");
            ExitCode::FAILURE
        }
    }
}
