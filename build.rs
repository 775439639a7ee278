//! Puts the git commit the binary is built from into `secondround --version`.

use std::process::Command;

fn main() {
    // A build without git (a source archive, a container build) may name it.
    println!("cargo:rerun-if-env-changed=SECONDROUND_COMMIT");
    let commit = std::env::var("SECONDROUND_COMMIT")
        .ok()
        .filter(|commit| !commit.trim().is_empty())
        .or_else(|| git(&["rev-parse", "--short", "HEAD"]))
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=SECONDROUND_COMMIT={commit}");

    println!("cargo:rerun-if-changed=build.rs");
    // HEAD names the branch; the branch's ref moves with each commit. `--git-path`
    // finds both in a worktree too, where `.git` is a file, not a folder.
    // A path that does not exist would rerun this script on every build.
    let branch = git(&["symbolic-ref", "-q", "HEAD"]);
    for file in ["HEAD", "packed-refs"].into_iter().chain(branch.as_deref()) {
        if let Some(path) = git(&["rev-parse", "--git-path", file])
            && std::path::Path::new(&path).exists()
        {
            println!("cargo:rerun-if-changed={path}");
        }
    }
}

/// Git's answer, trimmed, or `None` without git or outside a repository.
fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_owned())
}
