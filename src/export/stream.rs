//! A response body written by blocking code: a `Write` that hands chunks to the
//! body through a bounded channel, so a file goes out while it is being written
//! and a slow client slows the writer instead of filling memory.

use std::io::{self, Write};

use axum::body::{Body, Bytes};
use tokio::sync::mpsc;

const CHUNK: usize = 64 * 1024;
/// Chunks in flight between the writer and the client.
const DEPTH: usize = 4;

pub struct ChunkWriter {
    tx: mpsc::Sender<io::Result<Bytes>>,
    buf: Vec<u8>,
}

impl ChunkWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }

    /// Ends the body after `what` failed to be written, so the client sees a
    /// failed download rather than a file cut short. A client that closed the
    /// download early is no fault of the server's: that is logged as info, and
    /// only a failure of the writing itself as an error.
    pub fn fail(self, what: &str, err: &anyhow::Error) {
        if self.tx.is_closed() {
            tracing::info!(error = %err, "{what}: the client closed the download early");
            return;
        }
        tracing::error!(error = %err, "{what} cut short");
        let _ = self
            .tx
            .blocking_send(Err(io::Error::other(err.to_string())));
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

impl Drop for ChunkWriter {
    fn drop(&mut self) {
        let _ = self.send();
    }
}

/// A writer for blocking code and the body it feeds.
pub fn channel() -> (ChunkWriter, Body) {
    let (tx, rx) = mpsc::channel(DEPTH);
    // Fused: the compression layer polls once more after the end.
    let stream =
        futures_util::StreamExt::fuse(futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|chunk| (chunk, rx))
        }));
    (
        ChunkWriter {
            tx,
            buf: Vec::with_capacity(CHUNK),
        },
        Body::from_stream(stream),
    )
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    /// The log lines written while `run` runs on this thread.
    fn logged(run: impl FnOnce()) -> String {
        #[derive(Clone, Default)]
        struct Lines(Arc<Mutex<Vec<u8>>>);
        impl Write for Lines {
            fn write(&mut self, data: &[u8]) -> io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(data);
                Ok(data.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let lines = Lines::default();
        let into = lines.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_ansi(false)
            .with_writer(move || into.clone())
            .finish();
        tracing::subscriber::with_default(subscriber, run);
        String::from_utf8(lines.0.lock().unwrap().clone()).unwrap()
    }

    /// Writes until the writer refuses, as the export's blocking task does.
    fn write_until_refused(writer: &mut ChunkWriter) -> anyhow::Error {
        let row = [b'x'; 1024];
        for _ in 0..(DEPTH + 2) * CHUNK / row.len() {
            if let Err(err) = writer.write_all(&row) {
                return err.into();
            }
        }
        panic!("the writer never noticed the client was gone");
    }

    #[test]
    fn a_client_that_closes_a_download_early_is_not_logged_as_an_error() {
        let (mut writer, body) = channel();
        drop(body); // the client went away
        let err = write_until_refused(&mut writer);
        let lines = logged(|| writer.fail("shortlist CSV", &err));
        assert!(lines.contains("INFO"), "{lines}");
        assert!(lines.contains("closed the download early"), "{lines}");
        assert!(!lines.contains("ERROR"), "{lines}");
    }

    #[test]
    fn a_download_that_fails_while_the_client_waits_is_an_error() {
        let (writer, body) = channel();
        let err = anyhow::anyhow!("the rows could not be encoded");
        let lines = logged(|| writer.fail("shortlist CSV", &err));
        assert!(lines.contains("ERROR"), "{lines}");
        assert!(lines.contains("shortlist CSV cut short"), "{lines}");
        drop(body);
    }
}
