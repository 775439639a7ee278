//! The ceiling of this stack, for the page benchmark to measure pages against:
//! one route that reads one row from Postgres and renders it with a tiny askama
//! template, on the same axum, the same pool settings (`db::connect`) and the
//! same compression layer (`app::compression`) as the app, and nothing else.
//!
//! ```sh
//! cargo build --release --examples
//! target/release/examples/ceiling --bind 127.0.0.1:8090   # GET /users/{id}
//! ```
//! `examples/page_bench.rs` starts it by itself; the database is the app's
//! (`DATABASE_URL`, `SECONDROUND_DB_MAX_CONNECTIONS`, as for `secondround serve`).

use std::net::SocketAddr;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use clap::Parser;
use secondround::config::DatabaseConfig;
use sqlx::PgPool;
use uuid::Uuid;

#[derive(Parser, Debug)]
struct Args {
    #[command(flatten)]
    database: DatabaseConfig,
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8090")]
    bind: SocketAddr,
}

#[derive(Template, WebTemplate)]
#[template(
    ext = "html",
    source = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ display_name }}</title></head>
<body><h1>{{ display_name }}</h1><p>{{ email }} · {{ role }}</p></body></html>
"#
)]
struct UserPage {
    display_name: String,
    email: String,
    role: String,
}

async fn user(State(pool): State<PgPool>, Path(id): Path<Uuid>) -> Result<UserPage, StatusCode> {
    sqlx::query_as!(
        UserPage,
        "select display_name, email, role from app_user where id = $1",
        id,
    )
    .fetch_optional(&pool)
    .await
    .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?
    .ok_or(StatusCode::NOT_FOUND)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let pool = secondround::db::connect(&args.database).await?;
    let router = Router::new()
        .route("/users/{id}", get(user))
        .layer(secondround::app::compression())
        .with_state(pool);
    let listener = tokio::net::TcpListener::bind(args.bind).await?;
    axum::serve(listener, router).await?;
    Ok(())
}
