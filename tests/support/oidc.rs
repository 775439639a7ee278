//! A real OpenID provider for the single sign-on tests: node-oidc-provider
//! (`tests/oidc/provider.js`, installed by `./dev test`), on 127.0.0.1, with one
//! client (this app) and the accounts a test gives it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use secondround::config::ServerConfig;

use super::TestApp;

pub const CLIENT_ID: &str = "secondround-test";
pub const CLIENT_SECRET: &str = "a test client secret";

/// An account at the provider.
#[derive(Clone)]
pub struct ProviderAccount {
    pub email: String,
    /// `None`: the claim is left out, as Entra ID does.
    pub email_verified: Option<bool>,
    /// Entra ID's optional claim: the e-mail's domain is verified for the tenant.
    pub xms_edov: Option<bool>,
}

impl ProviderAccount {
    pub fn verified(email: &str) -> Self {
        Self {
            email: email.into(),
            email_verified: Some(true),
            xms_edov: None,
        }
    }

    /// As Entra ID signs people in: no `email_verified`, and `xms_edov` as given.
    pub fn entra(email: &str, xms_edov: Option<bool>) -> Self {
        Self {
            email: email.into(),
            email_verified: None,
            xms_edov,
        }
    }
}

pub struct OidcProvider {
    pub port: u16,
    child: Child,
}

/// Options beyond the accounts.
#[derive(Default, Clone, Copy)]
pub struct ProviderOptions {
    /// The provider's clock runs this far behind while it issues tokens.
    pub clock_behind_secs: u64,
}

/// A port nothing listens on now, for a server started later.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn node() -> String {
    std::env::var("SECONDROUND_TEST_NODE").unwrap_or_else(|_| "node".into())
}

impl OidcProvider {
    /// On `port`, sending people back to `app_url`'s callback.
    pub fn start(
        port: u16,
        app_url: &str,
        accounts: &[ProviderAccount],
        options: ProviderOptions,
    ) -> OidcProvider {
        let accounts: Vec<serde_json::Value> = accounts
            .iter()
            .enumerate()
            .map(|(i, a)| {
                serde_json::json!({
                    "sub": format!("subject-{i}"),
                    "email": a.email,
                    "email_verified": a.email_verified,
                    "xms_edov": a.xms_edov,
                    "name": format!("Person {i}"),
                })
            })
            .collect();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oidc/provider.js");
        let mut child = Command::new(node())
            .arg(script)
            .env("OIDC_PORT", port.to_string())
            .env("OIDC_CLIENT_ID", CLIENT_ID)
            .env("OIDC_CLIENT_SECRET", CLIENT_SECRET)
            .env("OIDC_REDIRECT_URI", format!("{app_url}/auth/oidc/callback"))
            .env(
                "OIDC_ACCOUNTS",
                serde_json::Value::from(accounts).to_string(),
            )
            .env(
                "OIDC_CLOCK_BEHIND_SECS",
                options.clock_behind_secs.to_string(),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node runs (./dev test installs it, and npm ci in tests/oidc)");
        let mut first_line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first_line)
            .unwrap();
        let port = first_line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the OpenID provider did not start: {first_line:?}"));
        OidcProvider { port, child }
    }

    pub fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Settings that point the app at a provider on `provider_port`, with the app on `app_port`.
pub fn sso_config(app_port: u16, provider_port: u16) -> ServerConfig {
    let mut config = ServerConfig::for_tests();
    config.bind = std::net::SocketAddr::from(([127, 0, 0, 1], app_port));
    config.mail.public_url = format!("http://127.0.0.1:{app_port}");
    config.sign_in.oidc_issuer = Some(format!("http://127.0.0.1:{provider_port}"));
    config.sign_in.oidc_client_id = CLIENT_ID.into();
    config.sign_in.oidc_client_secret = secondround::redact::Secret::new(CLIENT_SECRET);
    config.sign_in.oidc_label = "Sign in with Test ID".into();
    config
}

/// The app and its provider, which knows these accounts.
pub async fn app_with_provider(
    accounts: &[ProviderAccount],
    options: ProviderOptions,
    adjust: impl FnOnce(&mut ServerConfig),
) -> (TestApp, OidcProvider) {
    let (app_port, provider_port) = (free_port(), free_port());
    let mut config = sso_config(app_port, provider_port);
    adjust(&mut config);
    let app = TestApp::spawn_with(config).await;
    let provider = OidcProvider::start(provider_port, &app.address, accounts, options);
    (app, provider)
}

impl TestApp {
    /// Presses the sign-on button: the provider's URL the app sends the browser to.
    pub async fn start_sso(&self, client: &reqwest::Client) -> String {
        let response = self.post_form(client, "/auth/oidc/start", &[]).await;
        assert_eq!(
            response.status(),
            303,
            "the sign-on button sends to the provider"
        );
        location(&response)
    }

    /// At the provider: from its authorization URL through its login page to the
    /// app's callback URL (not visited), as `email`.
    pub async fn provider_login(
        &self,
        client: &reqwest::Client,
        authorize_url: &str,
        email: &str,
    ) -> String {
        let mut url = authorize_url.to_owned();
        // Its redirects, up to the login page.
        for _ in 0..5 {
            if url.starts_with(&self.address) {
                // Signed in at the provider already: straight back.
                return url;
            }
            if url.contains("/interaction/") {
                break;
            }
            let response = client.get(&url).send().await.unwrap();
            assert!(
                response.status().is_redirection(),
                "{url}: {}",
                response.status()
            );
            url = absolute(&url, &location(&response));
        }
        let page = client.get(&url).send().await.unwrap();
        assert_eq!(page.status(), 200, "the provider's login page");
        let submitted = client
            .post(format!("{url}/login"))
            .form(&[("login", email)])
            .send()
            .await
            .unwrap();
        assert!(
            submitted.status().is_redirection(),
            "provider login: {}",
            submitted.status()
        );
        url = absolute(&url, &location(&submitted));
        for _ in 0..5 {
            if url.starts_with(&self.address) {
                return url;
            }
            let response = client.get(&url).send().await.unwrap();
            assert!(
                response.status().is_redirection(),
                "{url}: {}",
                response.status()
            );
            url = absolute(&url, &location(&response));
        }
        panic!("the provider did not send back to the app: {url}");
    }

    /// The whole sign-on up to the callback URL, not yet visited.
    pub async fn sso_callback_url(&self, client: &reqwest::Client, email: &str) -> String {
        let authorize = self.start_sso(client).await;
        self.provider_login(client, &authorize, email).await
    }

    /// Sessions with a signed-in user, in the sessions table.
    pub async fn signed_in_sessions(&self) -> i64 {
        sqlx::query_scalar("select count(*) from user_session where user_id is not null")
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// The audit events of single sign-on: (action, reason).
    pub async fn sso_audit(&self) -> Vec<(String, String)> {
        sqlx::query_as(
            "select action, after ->> 'reason' from audit_event
             where entity = 'sign_in' order by id",
        )
        .fetch_all(&self.pool)
        .await
        .unwrap()
    }
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .expect("a redirect has a location")
        .to_str()
        .unwrap()
        .to_owned()
}

fn absolute(base: &str, location: &str) -> String {
    url::Url::parse(base)
        .unwrap()
        .join(location)
        .unwrap()
        .to_string()
}
