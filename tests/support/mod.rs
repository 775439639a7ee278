//! Test support shared by the test binaries: a real server on a fresh database,
//! signed-in HTTP clients, and headless Chromium.
#![allow(dead_code)]

pub mod browser;
pub mod html;
pub mod prep;
pub mod shortlist;
pub mod walk;

use std::str::FromStr;

use reqwest::redirect::Policy;
use secondround::auth::email::Email;
use secondround::auth::users::{self, NewUser};
use secondround::auth::{Role, password};
use secondround::config::ServerConfig;
use secondround::i18n::Locale;
use secondround::startup::Application;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgPool};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use uuid::Uuid;

pub const PASSWORD: &str = "a long test password";

/// The Postgres server tests create their databases on: `DATABASE_URL`'s, else local.
fn server_options() -> PgConnectOptions {
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    PgConnectOptions::from_str(&url).expect("DATABASE_URL is a valid Postgres URL")
}

/// A database of its own for one test, dropped when the test ends.
pub struct TestDatabase {
    pub name: String,
    pub pool: PgPool,
    pub options: PgConnectOptions,
}

impl TestDatabase {
    /// The connection URL of this database, for the command-line binary.
    pub fn url(&self) -> String {
        let server = std::env::var("DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let base = server
            .rsplit_once('/')
            .map(|(base, _)| base)
            .unwrap_or(&server);
        format!("{base}/{}", self.name)
    }

    pub async fn create() -> TestDatabase {
        let server = server_options();
        let name = format!("secondround_test_{}", Uuid::new_v4().simple());
        let mut admin = server
            .clone()
            .database("postgres")
            .connect()
            .await
            .expect("Postgres is reachable (run the tests with ./dev test)");
        sqlx::query(&format!(r#"create database "{name}""#))
            .execute(&mut admin)
            .await
            .expect("can create a test database");
        admin.close().await.ok();
        let options = server.database(&name);
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .connect_with(options.clone())
            .await
            .expect("can connect to the test database");
        secondround::db::migrate(&pool)
            .await
            .expect("migrations apply");
        TestDatabase {
            name,
            pool,
            options,
        }
    }

    /// A second, independent pool on the same database, as a restarted server would have.
    pub async fn new_pool(&self) -> PgPool {
        PgPoolOptions::new()
            .max_connections(10)
            .connect_with(self.options.clone())
            .await
            .expect("can connect to the test database")
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if std::env::var_os("SECONDROUND_KEEP_TEST_DB").is_some() {
            eprintln!("kept test database {}", self.name);
            return;
        }
        let name = self.name.clone();
        let options = server_options().database("postgres");
        // Drop runs inside the test's runtime; a thread with its own runtime can block.
        let dropper = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                if let Ok(mut conn) = options.connect().await {
                    let _ =
                        sqlx::query(&format!(r#"drop database if exists "{name}" with (force)"#))
                            .execute(&mut conn)
                            .await;
                }
            });
        });
        let _ = dropper.join();
    }
}

/// A running Secondround on a fresh database, reached over real HTTP.
pub struct TestApp {
    pub address: String,
    pub pool: PgPool,
    pub db: TestDatabase,
    server: Option<(oneshot::Sender<()>, JoinHandle<()>)>,
}

pub struct TestUser {
    pub id: Uuid,
    pub email: String,
    pub password: String,
    pub role: Role,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(ServerConfig::for_tests()).await
    }

    /// A server with adjusted settings (its address is always a free port).
    pub async fn spawn_with(config: ServerConfig) -> TestApp {
        let db = TestDatabase::create().await;
        let pool = db.pool.clone();
        let (address, server) = start_server(pool.clone(), config).await;
        TestApp {
            address,
            pool,
            db,
            server: Some(server),
        }
    }

    /// Stops the server and starts a new one on the same database, with a new pool.
    pub async fn restart(&mut self) {
        self.stop().await;
        let pool = self.db.new_pool().await;
        let (address, server) = start_server(pool.clone(), ServerConfig::for_tests()).await;
        self.address = address;
        self.pool = pool;
        self.server = Some(server);
    }

    pub async fn stop(&mut self) {
        if let Some((shutdown, handle)) = self.server.take() {
            let _ = shutdown.send(());
            // A panic in the server task fails the test instead of vanishing.
            if let Err(err) = handle.await
                && err.is_panic()
            {
                std::panic::resume_unwind(err.into_panic());
            }
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn create_user(&self, role: Role) -> TestUser {
        let email = format!(
            "{}-{}@example.no",
            role.code(),
            &Uuid::new_v4().simple().to_string()[..8]
        );
        self.create_user_with(role, &email, &format!("Test {}", role.code()))
            .await
    }

    pub async fn create_user_with(&self, role: Role, email: &str, name: &str) -> TestUser {
        let hash = password::hash(PASSWORD.into()).await.unwrap();
        let parsed = Email::try_from(email).unwrap();
        let id = users::insert(
            &self.pool,
            NewUser {
                email: &parsed,
                display_name: name,
                role,
                locale: Locale::En,
                password_hash: &hash,
            },
        )
        .await
        .unwrap();
        TestUser {
            id,
            email: parsed.as_str().to_owned(),
            password: PASSWORD.into(),
            role,
        }
    }

    /// A client with its own cookie jar, English pages, and no redirect following.
    pub fn client() -> reqwest::Client {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("accept-language", "en".parse().unwrap());
        reqwest::Client::builder()
            .default_headers(headers)
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .unwrap()
    }

    pub async fn get(&self, client: &reqwest::Client, path: &str) -> reqwest::Response {
        client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn get_html(&self, client: &reqwest::Client, path: &str) -> String {
        let response = self.get(client, path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.text().await.unwrap()
    }

    /// The session's cross-site token, read from a page like a browser would.
    pub async fn csrf_token(&self, client: &reqwest::Client) -> String {
        let response = self.get(client, "/login").await;
        let html = if response.status().is_redirection() {
            self.get_html(client, "/").await
        } else {
            response.text().await.unwrap()
        };
        extract_meta(&html, "csrf-token").expect("page carries a csrf token")
    }

    /// Posts a form the way a page of ours would, token included.
    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = self.csrf_token(client).await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &token));
        client.post(self.url(path)).form(&all).send().await.unwrap()
    }

    pub async fn login(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        self.post_form(
            client,
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// A new user of this role, signed in on a fresh client.
    pub async fn login_as(&self, role: Role) -> (reqwest::Client, TestUser) {
        let user = self.create_user(role).await;
        let client = Self::client();
        let response = self.login(&client, &user.email, &user.password).await;
        assert_eq!(response.status(), 303, "sign-in as {role} redirects");
        (client, user)
    }
}

async fn start_server(
    pool: PgPool,
    config: ServerConfig,
) -> (String, (oneshot::Sender<()>, JoinHandle<()>)) {
    let config = ServerConfig {
        bind: "127.0.0.1:0".parse().unwrap(),
        ..config
    };
    let app = Application::build(pool, config).await.expect("app builds");
    let address = format!("http://{}", app.address());
    let (shutdown, stopped) = oneshot::channel::<()>();
    let handle = tokio::spawn(async move {
        app.run_until(async {
            let _ = stopped.await;
        })
        .await
        .expect("server runs");
    });
    (address, (shutdown, handle))
}

/// The content of `<meta name="{name}" content="...">`.
pub fn extract_meta(html: &str, name: &str) -> Option<String> {
    let marker = format!(r#"<meta name="{name}" content=""#);
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_owned())
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((shutdown, handle)) = self.server.take() {
            let _ = shutdown.send(());
            handle.abort();
        }
    }
}
