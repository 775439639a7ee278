//! Building and running the server; tests use the same path with port 0.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use sqlx::PgPool;
use tokio::net::TcpListener;
use tower_sessions::ExpiredDeletion;

use crate::config::{DatabaseConfig, MailConfig, ServerConfig};
use crate::state::AppState;
use crate::{app, auth, db, mail, monitoring, privacy};

pub struct Application {
    listener: TcpListener,
    router: Router,
    address: SocketAddr,
    /// `SECONDROUND_METRICS_BIND`'s listener and its `/metrics`-only router.
    metrics: Option<(TcpListener, Router)>,
}

impl Application {
    /// Binds the configured address (port 0 picks a free port) and builds the router.
    pub async fn build(pool: PgPool, config: ServerConfig) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("cannot listen on {}", config.bind))?;
        let address = listener.local_addr()?;
        monitoring::install();
        let metrics_bind = config.metrics_bind;
        let state = AppState::new(pool, config);
        let metrics = match metrics_bind {
            Some(bind) => {
                let listener = TcpListener::bind(bind)
                    .await
                    .with_context(|| format!("cannot listen for metrics on {bind}"))?;
                Some((listener, monitoring::private_router(state.clone())))
            }
            None => None,
        };
        let router = app::router(state)?;
        Ok(Self {
            listener,
            router,
            address,
            metrics,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Where `/metrics` is served on its own, when `SECONDROUND_METRICS_BIND` is set.
    pub fn metrics_address(&self) -> Option<SocketAddr> {
        self.metrics
            .as_ref()
            .and_then(|(listener, _)| listener.local_addr().ok())
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        // The metrics address ends with the main one: a scrape has nothing to finish.
        let metrics = self.metrics.map(|(listener, router)| {
            tokio::spawn(async move {
                if let Err(err) = axum::serve(listener, router).await {
                    tracing::warn!(error = %err, "the metrics address stopped");
                }
            })
        });
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown)
            .await;
        if let Some(metrics) = metrics {
            metrics.abort();
        }
        served
    }
}

/// `secondround serve`: connect, migrate, keep house, serve until SIGTERM or Ctrl-C.
pub async fn serve(database: &DatabaseConfig, server: ServerConfig) -> anyhow::Result<()> {
    // A bad mail setting stops the start, before anything else happens.
    let mail_sender = mail::sender::Sender::from_config(&server.mail)?;
    // So do malformed sign-on settings; an unreachable provider does not (README).
    crate::sso::Sso::from_config(&server)?;
    let pool = db::connect(database).await?;
    db::migrate(&pool).await?;
    spawn_housekeeping(pool.clone());
    spawn_mail(pool.clone(), mail_sender, &server.mail);
    let app = Application::build(pool, server).await?;
    tracing::info!(address = %app.address(), "Secondround is listening on http://{}", app.address());
    if let Some(metrics) = app.metrics_address() {
        tracing::info!(address = %metrics, "metrics are served on http://{metrics}/metrics");
    }
    app.run_until(shutdown_signal())
        .await
        .context("server error")?;
    tracing::info!("stopped");
    Ok(())
}

/// Removes expired sessions and old sign-in attempts in the background, and
/// purges personal data past its retention once at start-up and then daily.
fn spawn_housekeeping(pool: PgPool) {
    let purge_pool = pool.clone();
    tokio::spawn(async move {
        let mut every_day = tokio::time::interval(Duration::from_secs(24 * 3600));
        loop {
            every_day.tick().await;
            if let Err(err) = privacy::purge::run_once(&purge_pool).await {
                tracing::warn!(error = %err, "retention purge failed");
            }
        }
    });
    let sessions = auth::session_store::postgres_store(pool.clone());
    tokio::spawn(async move {
        if let Err(err) = sessions
            .continuously_delete_expired(Duration::from_secs(600))
            .await
        {
            tracing::warn!(error = %err, "session cleanup stopped");
        }
    });
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            if let Err(err) = auth::throttle::forget_old_attempts(&pool).await {
                tracing::warn!(error = %err, "sign-in attempt cleanup failed");
            }
        }
    });
}

/// Looks for due reminders and digests; delivers the outbox when SMTP is
/// configured (otherwise the mail waits there, for the outbox page to show).
fn spawn_mail(pool: PgPool, sender: Option<mail::sender::Sender>, config: &MailConfig) {
    mail::reminders::spawn(
        pool.clone(),
        Duration::from_secs(config.notice_scan_secs.max(1)),
    );
    match sender {
        Some(sender) => {
            tracing::info!("mail is delivered over SMTP");
            mail::sender::spawn(
                pool,
                sender,
                Duration::from_secs(config.mail_poll_secs.max(1)),
            );
        }
        None => tracing::info!("no SMTP server configured: mail stays in the outbox"),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
