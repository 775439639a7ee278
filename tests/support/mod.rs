//! Test support shared by the test binaries: a real server on a fresh database,
//! signed-in HTTP clients, and headless Chromium.
#![allow(dead_code)]

pub mod browser;
pub mod html;
pub mod oidc;
pub mod prep;
pub mod shortlist;
pub mod smtp;
pub mod walk;

use std::str::FromStr;

use reqwest::redirect::Policy;
use secondround::auth::Role;
use secondround::auth::email::Email;
use secondround::auth::users::{self, NewUser};
use secondround::config::ServerConfig;
use secondround::i18n::Locale;
use secondround::startup::Application;
use sha2::Digest;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgPool};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use uuid::Uuid;

pub const PASSWORD: &str = "a long test password";

/// A header that names each client of `TestApp::client()`, so its session's
/// cross-site token can be kept between posts.
const CLIENT_ID_HEADER: &str = "x-test-client";

/// The name `TestApp::client()` gave this client, read back from its settings
/// (reqwest shows its default headers in `Debug`); `None` for other clients.
fn client_id(client: &reqwest::Client) -> Option<String> {
    let shown = format!("{client:?}");
    let before = format!("\"{CLIENT_ID_HEADER}\": \"");
    let start = shown.find(&before)? + before.len();
    Some(shown.get(start..start + 36)?.to_owned())
}

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

    /// A fresh database copied from the run's migrated template: as good as
    /// migrating, without running every migration for every test.
    pub async fn create() -> TestDatabase {
        let template = migrated_template().await;
        Self::create_from(&format!(r#"template "{template}""#)).await
    }

    /// A fresh database migrated from nothing, for the tests of the migrations themselves.
    pub async fn create_unmigrated_then_migrate() -> TestDatabase {
        let db = Self::create_from("").await;
        secondround::db::migrate(&db.pool)
            .await
            .expect("migrations apply");
        db
    }

    async fn create_from(template_clause: &str) -> TestDatabase {
        let server = server_options();
        let name = format!("secondround_test_{}", Uuid::new_v4().simple());
        let mut admin = server
            .clone()
            .database("postgres")
            .connect()
            .await
            .expect("Postgres is reachable (run the tests with ./dev test)");
        sqlx::query(&format!(r#"create database "{name}" {template_clause}"#))
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

/// The name of a database holding exactly the migrations of this build, made
/// once per server and kept: named by the migrations' checksums, so a changed
/// migration makes a new one. Test processes (nextest runs one per test) take
/// turns through an advisory lock; a template is only ever renamed into place
/// complete, so no copy sees a half-migrated one.
async fn migrated_template() -> String {
    static NAME: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    NAME.get_or_init(|| async {
        let mut digest = sha2::Sha256::new();
        for migration in secondround::db::MIGRATOR.iter() {
            digest.update(migration.version.to_le_bytes());
            digest.update(&migration.checksum);
        }
        let name = format!(
            "secondround_template_{}",
            &hex::encode(digest.finalize())[..16]
        );
        let mut admin = server_options()
            .database("postgres")
            .connect()
            .await
            .expect("Postgres is reachable (run the tests with ./dev test)");
        // Any fixed key will do: it only orders the test processes among themselves.
        sqlx::query("select pg_advisory_lock(7340116)")
            .execute(&mut admin)
            .await
            .expect("can take the template lock");
        let exists: bool =
            sqlx::query_scalar("select exists (select 1 from pg_database where datname = $1)")
                .bind(&name)
                .fetch_one(&mut admin)
                .await
                .expect("can look for the template");
        if !exists {
            let building = TestDatabase::create_unmigrated_then_migrate().await;
            building.pool.close().await;
            // A closed connection's backend can outlive the close by a moment,
            // and a database in use cannot be renamed: wait for it to go.
            let mut renamed = Err(None);
            for _ in 0..100 {
                sqlx::query(
                    "select pg_terminate_backend(pid) from pg_stat_activity
                      where datname = $1 and pid <> pg_backend_pid()",
                )
                .bind(&building.name)
                .execute(&mut admin)
                .await
                .expect("can end the build's connections");
                renamed = sqlx::query(&format!(
                    r#"alter database "{}" rename to "{name}""#,
                    building.name
                ))
                .execute(&mut admin)
                .await
                .map_err(Some);
                if renamed.is_ok() {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            renamed.expect("can rename the migrated database into the template");
            // Renamed away: nothing left to drop under the old name.
            std::mem::forget(building);
        }
        sqlx::query("select pg_advisory_unlock(7340116)")
            .execute(&mut admin)
            .await
            .ok();
        admin.close().await.ok();
        name
    })
    .await
    .clone()
}

/// A running Secondround on a fresh database, reached over real HTTP.
pub struct TestApp {
    pub address: String,
    pub pool: PgPool,
    pub db: TestDatabase,
    /// Each client's cross-site token, by the client's id.
    tokens: std::sync::Mutex<std::collections::HashMap<String, String>>,
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
            tokens: Default::default(),
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
        let hash = cheap_hash(PASSWORD);
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
        headers.insert(
            CLIENT_ID_HEADER,
            Uuid::new_v4().to_string().parse().unwrap(),
        );
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

    /// The session's cross-site token, read from a page like a browser would,
    /// once per client and session: a session keeps its token until sign-in or
    /// sign-out, when `post_form` forgets it.
    pub async fn csrf_token(&self, client: &reqwest::Client) -> String {
        let id = client_id(client);
        if let Some(token) = id
            .as_ref()
            .and_then(|id| self.tokens.lock().unwrap().get(id).cloned())
        {
            return token;
        }
        let token = self.fetch_csrf_token(client).await;
        if let Some(id) = id {
            self.tokens.lock().unwrap().insert(id, token.clone());
        }
        token
    }

    async fn fetch_csrf_token(&self, client: &reqwest::Client) -> String {
        let response = self.get(client, "/login").await;
        let html = if response.status().is_redirection() {
            self.get_html(client, "/").await
        } else {
            response.text().await.unwrap()
        };
        extract_meta(&html, "csrf-token").expect("page carries a csrf token")
    }

    fn forget_csrf_token(&self, client: &reqwest::Client) {
        if let Some(id) = client_id(client) {
            self.tokens.lock().unwrap().remove(&id);
        }
    }

    /// Posts a form the way a page of ours would, token included.
    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let send = |token: String| {
            let mut all: Vec<(&str, &str)> = fields.to_vec();
            all.push(("csrf_token", &token));
            let request = client.post(self.url(path)).form(&all);
            async move { request.send().await.unwrap() }
        };
        if path == "/login" {
            // Signing in takes the sign-in page's token, whatever came before.
            self.forget_csrf_token(client);
        }
        let response = send(self.csrf_token(client).await).await;
        if path == "/login" || path == "/logout" {
            // A new session, or none: its token is new too.
            self.forget_csrf_token(client);
        } else if response.status() == 403 {
            // The session may have changed behind the kept token (signed in
            // elsewhere, ended): a refused post changed nothing, so it is sent
            // once more with the token the pages now carry.
            self.forget_csrf_token(client);
            return send(self.csrf_token(client).await).await;
        }
        response
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
    // Any free port, unless the test reserved one (a redirect URI names it).
    let port = config.bind.port();
    let config = ServerConfig {
        bind: std::net::SocketAddr::from(([127, 0, 0, 1], port)),
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

/// Waits until a backend on the test's database waits for a lock: the request
/// or task under test is then really held, whatever the machine's speed. Gives
/// up (failing the test) after ten seconds without one.
pub async fn until_a_backend_waits_for_a_lock(pool: &PgPool) {
    for _ in 0..500 {
        let waiting: i64 = sqlx::query_scalar(
            "select count(*) from pg_stat_activity
             where datname = current_database() and wait_event_type = 'Lock'",
        )
        .fetch_one(pool)
        .await
        .expect("can read pg_stat_activity");
        if waiting > 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("nothing came to wait for a lock within ten seconds");
}

/// An argon2id hash with the lowest parameters argon2 allows: the server
/// verifies a hash with the parameters it carries, so test users sign in as
/// real ones do, without 19 MiB and tens of milliseconds each. Production's
/// parameters are tested in `auth::password`.
pub fn cheap_hash(password: &str) -> String {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let params = argon2::Params::new(argon2::Params::MIN_M_COST, 1, 1, None).unwrap();
    let hasher = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let salt = SaltString::encode_b64(Uuid::new_v4().as_bytes()).unwrap();
    hasher
        .hash_password(password.as_bytes(), &salt)
        .unwrap()
        .to_string()
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
