//! Where a renderer writes the document: a small text buffer handed to the output whenever it
//! fills. A document of ten thousand tasks is megabytes; built whole as one growing String it
//! was copied at every doubling into memory the kernel had to zero first, which cost more than
//! rendering it. The buffer is reused, so the document streams through the same few pages.

use std::fmt;
use std::io;

/// Text gathered before it is handed on: large enough for few writes, small enough to stay in
/// the cache.
const CHUNK: usize = 32 * 1024;

pub(crate) struct Sink<'a> {
    buffer: String,
    out: &'a mut dyn io::Write,
    /// The first failed write; what follows it is dropped, and [`Sink::finish`] reports it.
    error: Option<io::Error>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(out: &'a mut dyn io::Write) -> Sink<'a> {
        Sink {
            buffer: String::with_capacity(CHUNK + 1024),
            out,
            error: None,
        }
    }

    pub(crate) fn push_str(&mut self, text: &str) {
        self.buffer.push_str(text);
        if self.buffer.len() >= CHUNK {
            self.hand_on();
        }
    }

    pub(crate) fn push(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }

    /// Writes what is left; the first write that failed, if one did.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        self.hand_on();
        self.error.map_or(Ok(()), Err)
    }

    fn hand_on(&mut self) {
        if self.error.is_none()
            && let Err(error) = self.out.write_all(self.buffer.as_bytes())
        {
            self.error = Some(error);
        }
        self.buffer.clear();
    }
}

impl fmt::Write for Sink<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.push_str(text);
        Ok(())
    }
}

/// What `render` writes into a [`Sink`], as one String (the PDF's page, the tests, the API).
pub(crate) fn to_string(render: impl FnOnce(&mut Sink)) -> String {
    let mut bytes = Vec::new();
    let mut sink = Sink::new(&mut bytes);
    render(&mut sink);
    // Writing into a Vec cannot fail, and only whole strs are written.
    let _ = sink.finish();
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
