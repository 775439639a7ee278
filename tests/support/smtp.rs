//! A real SMTP server for the mail tests: Python's aiosmtpd (`tests/smtp/server.py`,
//! installed by `./dev test`), on 127.0.0.1, keeping every accepted mail as a file.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use mail_parser::{Message, MessageParser, MimeHeaders};

pub struct SmtpServer {
    pub port: u16,
    maildir: PathBuf,
    child: Child,
}

fn python() -> String {
    std::env::var("SECONDROUND_TEST_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into())
}

impl SmtpServer {
    /// On a free port.
    pub fn start() -> SmtpServer {
        Self::start_with(0, None)
    }

    /// On `port` (one the test reserved while the server was "down").
    pub fn start_on(port: u16) -> SmtpServer {
        Self::start_with(port, None)
    }

    /// Kills the process whose pid `pidfile` holds after storing the next mail,
    /// before answering that it was accepted.
    pub fn start_killing(pidfile: &Path) -> SmtpServer {
        Self::start_with(0, Some(pidfile))
    }

    fn start_with(port: u16, kill_pidfile: Option<&Path>) -> SmtpServer {
        let maildir =
            std::env::temp_dir().join(format!("secondround-smtp-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&maildir).unwrap();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp/server.py");
        let mut command = Command::new(python());
        command
            .arg(script)
            .arg("--maildir")
            .arg(&maildir)
            .arg("--port")
            .arg(port.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if let Some(pidfile) = kill_pidfile {
            command.arg("--kill-pidfile").arg(pidfile);
        }
        let mut child = command
            .spawn()
            .expect("python3 with aiosmtpd runs (./dev test installs python3-aiosmtpd)");
        let mut first_line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first_line)
            .unwrap();
        let port = first_line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the SMTP server did not start: {first_line:?}"));
        SmtpServer {
            port,
            maildir,
            child,
        }
    }

    /// The URL for `SECONDROUND_SMTP_URL`: plain SMTP on the loopback.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}?tls=none", self.port)
    }

    /// Every mail received so far, in the order received.
    pub fn received(&self) -> Vec<Vec<u8>> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.maildir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|path| std::fs::read(path).unwrap())
            .collect()
    }

    /// Waits until at least `count` mails arrived (each mail is a file the
    /// server renames into place whole), then returns them all.
    pub async fn wait_for(&self, count: usize) -> Vec<Vec<u8>> {
        for _ in 0..400 {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{count} mails expected, {} arrived", self.received().len());
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.maildir);
    }
}

/// A received mail, parsed back with its parts.
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub message_id: String,
    pub text: String,
    pub html: String,
    /// The calendar part's `method` parameter and its text.
    pub calendar: Option<(String, String)>,
}

pub fn parse(raw: &[u8]) -> Mail {
    let message: Message = MessageParser::default().parse(raw).expect("a MIME message");
    let to = message
        .to()
        .and_then(|to| to.first())
        .and_then(|addr| addr.address())
        .unwrap_or_default()
        .to_owned();
    let calendar = message.attachments().find_map(|part| {
        let content_type = part.content_type()?;
        (content_type.ctype() == "text" && content_type.subtype() == Some("calendar")).then(|| {
            (
                content_type
                    .attribute("method")
                    .unwrap_or_default()
                    .to_owned(),
                String::from_utf8(part.contents().to_vec()).unwrap(),
            )
        })
    });
    Mail {
        to,
        subject: message.subject().unwrap_or_default().to_owned(),
        message_id: message.message_id().unwrap_or_default().to_owned(),
        text: message.body_text(0).unwrap_or_default().into_owned(),
        html: message.body_html(0).unwrap_or_default().into_owned(),
        calendar,
    }
}
