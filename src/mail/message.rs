//! An outbox row made into a MIME message: text and HTML alternatives of the same
//! body, and the calendar, when there is one, as `text/calendar; method=…`.

use askama::Template;
use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

use crate::i18n::Locale;
use crate::mail::outbox::{CalendarMethod, MailBody};
use crate::mail::text::MailText;

/// What the sender reads from the outbox to write one mail.
#[derive(Debug, Clone)]
pub struct Letter {
    pub recipient: String,
    pub recipient_name: String,
    pub locale: Locale,
    pub subject: String,
    pub body: MailBody,
    pub calendar: Option<(CalendarMethod, String)>,
    pub message_id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("not a deliverable address: {0:?}")]
    Address(String),
    #[error("the mail could not be written: {0}")]
    Build(String),
}

#[derive(Template)]
#[template(path = "mail/message.html")]
struct HtmlBody<'a> {
    lang: &'static str,
    subject: &'a str,
    greeting: String,
    body: &'a MailBody,
    link: String,
    footer: &'static str,
}

/// The link in full, from the address the app is reached at.
fn absolute(public_url: &str, path: &str) -> String {
    format!("{}{}", public_url.trim_end_matches('/'), path)
}

pub fn text_body(letter: &Letter, public_url: &str) -> String {
    let t = MailText::get(letter.locale);
    let body = &letter.body;
    let mut text = t.greeting.replace("{name}", &letter.recipient_name);
    text.push_str("\n\n");
    text.push_str(&body.intro);
    text.push_str("\n\n");
    for (label, value) in &body.lines {
        text.push_str(&format!("{label}: {value}\n"));
    }
    if !body.link.is_empty() {
        text.push_str(&format!(
            "\n{}: {}\n",
            body.link_label,
            absolute(public_url, &body.link)
        ));
    }
    if !body.outro.is_empty() {
        text.push_str(&format!("\n{}\n", body.outro));
    }
    text.push_str(&format!("\n-- \n{}\n", t.footer));
    text
}

pub fn html_body(letter: &Letter, public_url: &str) -> Result<String, ComposeError> {
    let t = MailText::get(letter.locale);
    HtmlBody {
        lang: letter.locale.code(),
        subject: &letter.subject,
        greeting: t.greeting.replace("{name}", &letter.recipient_name),
        body: &letter.body,
        link: absolute(public_url, &letter.body.link),
        footer: t.footer,
    }
    .render()
    .map_err(|err| ComposeError::Build(err.to_string()))
}

pub fn compose(letter: &Letter, from: &Mailbox, public_url: &str) -> Result<Message, ComposeError> {
    let to = Mailbox::new(
        Some(letter.recipient_name.clone()),
        letter
            .recipient
            .parse()
            .map_err(|_| ComposeError::Address(letter.recipient.clone()))?,
    );
    let alternative = MultiPart::alternative_plain_html(
        text_body(letter, public_url),
        html_body(letter, public_url)?,
    );
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(letter.subject.clone())
        .message_id(Some(letter.message_id.clone()))
        .date_now();
    let message = match &letter.calendar {
        None => builder.multipart(alternative),
        Some((method, calendar)) => {
            let content_type = ContentType::parse(&format!(
                "text/calendar; charset=utf-8; method={}",
                method.code()
            ))
            .map_err(|err| ComposeError::Build(err.to_string()))?;
            let attachment: SinglePart =
                Attachment::new("invite.ics".to_owned()).body(calendar.clone(), content_type);
            builder.multipart(
                MultiPart::mixed()
                    .multipart(alternative)
                    .singlepart(attachment),
            )
        }
    };
    message.map_err(|err| ComposeError::Build(err.to_string()))
}
