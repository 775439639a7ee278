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

    /// Ends the body with an error, so the client sees a failed download rather
    /// than a file cut short.
    pub fn fail(self, message: String) {
        let _ = self.tx.blocking_send(Err(io::Error::other(message)));
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
