//! Headless Chromium driven through chromedriver (WebDriver), at tablet sizes.

use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

/// Tablet viewports the pages must work at: landscape and portrait.
pub const LANDSCAPE: (u32, u32) = (1024, 768);
pub const PORTRAIT: (u32, u32) = (768, 1024);

pub struct Browser {
    pub client: Client,
    driver: Child,
    profile: PathBuf,
}

fn binary(var: &str, default: &str) -> String {
    let path = std::env::var(var).unwrap_or_else(|_| default.into());
    assert!(
        std::path::Path::new(&path).exists(),
        "{path} is missing: run the tests with ./dev test, which installs Debian's chromium and chromium-driver"
    );
    path
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    /// Starts chromedriver and a headless Chromium with a viewport of `width` × `height`.
    pub async fn start(size: (u32, u32)) -> Browser {
        Self::start_with(size, true).await
    }

    /// A browser whose pages run no script (Chromium's content setting, as a
    /// user or an administrator would turn it off): forms are posted as rendered.
    pub async fn start_without_javascript(size: (u32, u32)) -> Browser {
        Self::start_with(size, false).await
    }

    async fn start_with((width, height): (u32, u32), javascript: bool) -> Browser {
        let chromium = binary("CHROMIUM_BIN", "/usr/bin/chromium");
        let chromedriver = binary("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
        let port = free_port();
        // Its own process group, so Drop can end chromedriver and the Chromium
        // it started together, whatever state a failing test left them in.
        let driver = Command::new(chromedriver)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = std::env::temp_dir().join(format!(
            "secondround-chromium-{}",
            uuid::Uuid::new_v4().simple()
        ));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-dev-shm-usage", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-quic", "--hide-scrollbars",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": {
                    "profile.managed_default_content_settings.javascript": if javascript { 1 } else { 2 }
                }
            }
        });
        let capabilities = match capabilities {
            serde_json::Value::Object(map) => map,
            _ => unreachable!(),
        };
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = None;
        for _ in 0..100 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    let browser = Browser {
                        client,
                        driver,
                        profile,
                    };
                    browser.set_viewport(width, height).await;
                    return browser;
                }
                Err(err) => {
                    last_error = Some(err);
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
        panic!("cannot start Chromium through chromedriver: {last_error:?}");
    }

    /// Makes the page's viewport exactly `width` × `height` CSS pixels. The
    /// window is sized, then corrected by what the page reports; a resize can
    /// land after the call returns, so the page is asked until it settles.
    pub async fn set_viewport(&self, width: u32, height: u32) {
        let (mut window_w, mut window_h) = (width, height);
        for _ in 0..20 {
            self.client
                .set_window_size(window_w, window_h)
                .await
                .expect("the window can be sized");
            let inner = self.settled_viewport().await;
            if inner == (width, height) {
                return;
            }
            window_w = (window_w as i64 + width as i64 - inner.0 as i64).max(1) as u32;
            window_h = (window_h as i64 + height as i64 - inner.1 as i64).max(1) as u32;
        }
        panic!(
            "the viewport stays {:?}, not {width}×{height}",
            self.viewport().await
        );
    }

    /// The viewport once two readings 50 ms apart agree.
    async fn settled_viewport(&self) -> (u32, u32) {
        let mut last = self.viewport().await;
        for _ in 0..20 {
            tokio::time::sleep(Duration::from_millis(50)).await;
            let now = self.viewport().await;
            if now == last {
                return now;
            }
            last = now;
        }
        last
    }

    /// Waits until an element matching `css` is on the page (after a click
    /// that loads the next page, say).
    pub async fn wait_for(&self, css: &str) {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("{css} never appeared"));
    }

    pub async fn viewport(&self) -> (u32, u32) {
        let value = self
            .client
            .execute("return [window.innerWidth, window.innerHeight];", vec![])
            .await
            .unwrap();
        let w = value[0].as_u64().unwrap_or(0) as u32;
        let h = value[1].as_u64().unwrap_or(0) as u32;
        (w, h)
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap();
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let element = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("no element {css}"));
        element.clear().await.ok();
        element.send_keys(value).await.unwrap();
    }

    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("no element {css}"))
            .click()
            .await
            .unwrap();
    }

    pub async fn text(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("no element {css}"))
            .text()
            .await
            .unwrap()
    }

    /// How many elements match `css`.
    pub async fn count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.unwrap().len()
    }

    /// A form field's current value.
    pub async fn value(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("no element {css}"))
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// Whether a checkbox is ticked.
    pub async fn checked(&self, css: &str) -> bool {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("no element {css}"))
            .prop("checked")
            .await
            .unwrap()
            .as_deref()
            == Some("true")
    }

    pub async fn current_path(&self) -> String {
        self.client.current_url().await.unwrap().path().to_owned()
    }

    /// Signs in through the real sign-in form and waits for the page that follows.
    pub async fn sign_in(&self, base: &str, email: &str, password: &str) {
        self.goto(&format!("{base}/login")).await;
        self.fill("#email", email).await;
        self.fill("#password", password).await;
        self.click_and_wait("form[action='/login'] button[type=submit]")
            .await;
    }

    /// Clicks something that loads a new page and waits until the old page is gone
    /// and the new one has loaded.
    pub async fn click_and_wait(&self, css: &str) {
        let old = self.client.find(Locator::Css("html")).await.unwrap();
        self.click(css).await;
        let mut left = false;
        for _ in 0..400 {
            if old.tag_name().await.is_err() {
                left = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        assert!(left, "clicking {css} never left the page");
        self.client
            .wait()
            .for_element(Locator::Css("body"))
            .await
            .expect("the next page loads");
    }

    /// True when the page is wider than the viewport (horizontal scrolling).
    pub async fn scrolls_horizontally(&self) -> bool {
        let value = self
            .client
            .execute(
                "return document.documentElement.scrollWidth > window.innerWidth;",
                vec![],
            )
            .await
            .unwrap();
        value.as_bool().unwrap_or(true)
    }

    /// Writes a PNG of the viewport under `target/screenshots/`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.unwrap();
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }

    /// axe-core's serious and critical findings on the current page.
    pub async fn serious_violations(&self) -> Vec<serde_json::Value> {
        let axe = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/static/vendor/axe-core/axe.min.js"
        ))
        .unwrap();
        self.client
            .execute(&axe, vec![])
            .await
            .expect("axe-core loads");
        let result = self
            .client
            .execute_async(
                "var done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
                   done(r.violations.map(function (v) {
                     return { id: v.id, impact: v.impact, help: v.help,
                              nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }) };
                   }));
                 }, function (e) { done([{ id: 'axe-error', impact: 'critical', help: String(e) }]); });",
                vec![],
            )
            .await
            .unwrap();
        let violations = result.as_array().expect("axe returns a list of violations");
        violations
            .iter()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .cloned()
            .collect()
    }

    /// The same browser as a new visitor at another size: cookies gone,
    /// viewport changed (cheaper than starting another Chromium).
    pub async fn start_over(&self, (width, height): (u32, u32)) {
        self.client
            .delete_all_cookies()
            .await
            .expect("cookies can be deleted");
        self.set_viewport(width, height).await;
    }

    /// Ends the WebDriver session politely; Drop then ends the processes.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // A failed assertion skips `close`: end chromedriver's whole group
        // (Chromium included), so no browser outlives its test.
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
