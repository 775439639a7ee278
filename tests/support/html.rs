//! Just enough HTML reading to post a page's forms the way a browser would:
//! the forms, their controls with the values as rendered, and an element's text
//! by id. Our own templates quote every attribute, which is all this reads.

/// One control of a form, as rendered.
#[derive(Debug, Clone)]
pub struct Control {
    /// `input`, `textarea` or `select`.
    pub tag: String,
    /// The input's `type` (`text` when absent); the tag for the others.
    pub kind: String,
    pub name: String,
    pub id: Option<String>,
    pub value: String,
    pub checked: bool,
    pub disabled: bool,
    pub described_by: Vec<String>,
    /// A select's options (value, selected).
    pub options: Vec<(String, bool)>,
}

impl Control {
    /// A field a person types free text into.
    pub fn is_text(&self) -> bool {
        self.tag == "textarea"
            || (self.tag == "input"
                && matches!(
                    self.kind.as_str(),
                    "text" | "email" | "search" | "url" | "tel"
                ))
    }
}

#[derive(Debug, Clone)]
pub struct Form {
    pub action: String,
    pub method: String,
    pub enctype: String,
    pub controls: Vec<Control>,
}

impl Form {
    /// The name/value pairs a browser would send with every control as it is,
    /// a radio group without a choice taking its first option, and `fill`
    /// giving values by name.
    pub fn body(&self, fill: &dyn Fn(&Control) -> Option<String>) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut radio_groups: Vec<&str> = Vec::new();
        for control in &self.controls {
            if control.disabled || control.name.is_empty() {
                continue;
            }
            if let Some(value) = fill(control) {
                if control.kind == "radio" {
                    if radio_groups.contains(&control.name.as_str()) {
                        continue;
                    }
                    radio_groups.push(&control.name);
                }
                pairs.push((control.name.clone(), value));
                continue;
            }
            match control.kind.as_str() {
                "checkbox" if control.checked => {
                    pairs.push((control.name.clone(), control.value.clone()))
                }
                "checkbox" | "submit" | "button" | "file" | "reset" => {}
                "radio" => {
                    if radio_groups.contains(&control.name.as_str()) {
                        continue;
                    }
                    let group: Vec<&Control> = self
                        .controls
                        .iter()
                        .filter(|c| c.kind == "radio" && c.name == control.name && !c.disabled)
                        .collect();
                    let chosen = group.iter().find(|c| c.checked).unwrap_or(&group[0]);
                    radio_groups.push(&control.name);
                    pairs.push((control.name.clone(), chosen.value.clone()));
                }
                "select" => {
                    let chosen = control
                        .options
                        .iter()
                        .find(|(_, selected)| *selected)
                        .or_else(|| control.options.iter().find(|(value, _)| !value.is_empty()))
                        .or(control.options.first());
                    if let Some((value, _)) = chosen {
                        pairs.push((control.name.clone(), value.clone()));
                    }
                }
                _ => pairs.push((control.name.clone(), control.value.clone())),
            }
        }
        pairs
    }
}

/// The entities our templates write (named, decimal or hex), back to characters.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let entity = &rest[at..];
        let decoded = entity.find(';').filter(|end| *end <= 10).and_then(|end| {
            let name = &entity[1..end];
            let character = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "amp" => Some('&'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            };
            character.map(|c| (c, end))
        });
        match decoded {
            Some((character, end)) => {
                out.push(character);
                rest = &entity[end + 1..];
            }
            None => {
                out.push('&');
                rest = &entity[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The attributes of a start tag (`<input a="1" b>`), values unescaped.
pub fn attributes(tag: &str) -> Vec<(String, Option<String>)> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let mut rest = inner
        .split_once(char::is_whitespace)
        .map(|(_, rest)| rest)
        .unwrap_or("");
    let mut found = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        if let Some(after) = rest.strip_prefix("=\"") {
            let end = after.find('"').unwrap_or(after.len());
            found.push((name, Some(unescape(&after[..end]))));
            rest = &after[(end + 1).min(after.len())..];
        } else {
            found.push((name, None));
        }
    }
    found
}

pub fn attribute(tag: &str, name: &str) -> Option<String> {
    attributes(tag)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, value)| value.unwrap_or_default())
}

fn has_attribute(tag: &str, name: &str) -> bool {
    attributes(tag).iter().any(|(n, _)| n == name)
}

/// Every `<form>` on the page with its controls.
pub fn forms(html: &str) -> Vec<Form> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<form") {
        let form = &rest[at..];
        let head_end = form.find('>').unwrap() + 1;
        let end = form.find("</form>").unwrap_or(form.len());
        let head = &form[..head_end];
        found.push(Form {
            action: attribute(head, "action").unwrap_or_default(),
            method: attribute(head, "method")
                .unwrap_or_else(|| "get".into())
                .to_ascii_lowercase(),
            enctype: attribute(head, "enctype").unwrap_or_default(),
            controls: controls(&form[head_end..end]),
        });
        rest = &form[end..];
    }
    found
}

fn controls(html: &str) -> Vec<Control> {
    let mut found = Vec::new();
    // Controls inside a disabled fieldset are not sent.
    let mut disabled_until: Option<usize> = None;
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let tag_end = match html[start..].find('>') {
            Some(end) => start + end + 1,
            None => break,
        };
        let tag = &html[start..tag_end];
        let name_of = |t: &str| {
            t.trim_start_matches('<')
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        let tag_name = name_of(tag);
        if disabled_until.is_some_and(|until| start >= until) {
            disabled_until = None;
        }
        let in_disabled = disabled_until.is_some();
        match tag_name.as_str() {
            "fieldset" if has_attribute(tag, "disabled") => {
                disabled_until = html[tag_end..].find("</fieldset>").map(|end| tag_end + end);
            }
            "input" | "button" => {
                let kind = attribute(tag, "type").unwrap_or_else(|| {
                    if tag_name == "button" {
                        "submit".into()
                    } else {
                        "text".into()
                    }
                });
                found.push(control(tag, &tag_name, kind, in_disabled, None));
            }
            "textarea" => {
                let close = html[tag_end..].find("</textarea>").unwrap() + tag_end;
                let value = unescape(&html[tag_end..close]);
                found.push(control(
                    tag,
                    "textarea",
                    "textarea".into(),
                    in_disabled,
                    Some(value),
                ));
                at = close;
                continue;
            }
            "select" => {
                let close = html[tag_end..].find("</select>").unwrap() + tag_end;
                let mut select = control(tag, "select", "select".into(), in_disabled, None);
                let mut options = &html[tag_end..close];
                while let Some(o) = options.find("<option") {
                    let option = &options[o..];
                    let head_end = option.find('>').unwrap() + 1;
                    let text_end = option[head_end..]
                        .find('<')
                        .map_or(option.len(), |e| e + head_end);
                    let value = attribute(&option[..head_end], "value")
                        .unwrap_or_else(|| unescape(option[head_end..text_end].trim()));
                    select
                        .options
                        .push((value, has_attribute(&option[..head_end], "selected")));
                    options = &option[head_end..];
                }
                found.push(select);
                at = close;
                continue;
            }
            _ => {}
        }
        at = tag_end;
    }
    found
}

fn control(
    tag: &str,
    tag_name: &str,
    kind: String,
    in_disabled: bool,
    value: Option<String>,
) -> Control {
    Control {
        tag: tag_name.to_owned(),
        kind: kind.to_ascii_lowercase(),
        name: attribute(tag, "name").unwrap_or_default(),
        id: attribute(tag, "id"),
        value: value.unwrap_or_else(|| attribute(tag, "value").unwrap_or_default()),
        checked: has_attribute(tag, "checked"),
        disabled: in_disabled || has_attribute(tag, "disabled"),
        described_by: attribute(tag, "aria-describedby")
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        options: Vec::new(),
    }
}

/// The text inside the element with this id (up to its first inner tag's end
/// for simple elements like a hint paragraph), unescaped.
pub fn text_by_id(html: &str, id: &str) -> Option<String> {
    let marker = format!(r#"id="{id}""#);
    let at = html.find(&marker)?;
    let start = html[at..].find('>')? + at + 1;
    let end = html[start..].find("</")? + start;
    Some(unescape(html[start..end].trim()))
}
