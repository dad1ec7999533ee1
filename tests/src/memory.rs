//! Peak heap use of a decoding pass, per byte of input, for the payload
//! shapes that amplify memory most (free-form data inside `integracao`).
//!
//! [`PeakAlloc`] wraps the system allocator and records the high-water mark
//! of live bytes; a binary installs it as its `#[global_allocator]` and
//! calls [`measure`]. The figures are for glibc's malloc underneath, bytes
//! requested (not pages touched).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting live and peak bytes.
pub struct PeakAlloc {
    live: AtomicUsize,
    peak: AtomicUsize,
}

impl PeakAlloc {
    pub const fn new() -> Self {
        PeakAlloc {
            live: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }
    }

    fn grow(&self, bytes: usize) {
        let live = self.live.fetch_add(bytes, Ordering::Relaxed) + bytes;
        self.peak.fetch_max(live, Ordering::Relaxed);
    }
}

impl Default for PeakAlloc {
    fn default() -> Self {
        PeakAlloc::new()
    }
}

// SAFETY: every call is forwarded to `System`; only counters are added.
unsafe impl GlobalAlloc for PeakAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            self.grow(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        self.live.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            self.live.fetch_sub(layout.size(), Ordering::Relaxed);
            self.grow(new_size);
        }
        new
    }
}

/// Peak bytes allocated while `work` runs, above what was live before it.
/// Run one measurement at a time: the counters are process-wide.
pub fn measure<T>(alloc: &PeakAlloc, work: impl FnOnce() -> T) -> (T, usize) {
    let before = alloc.live.load(Ordering::Relaxed);
    alloc.peak.store(before, Ordering::Relaxed);
    let result = work();
    let peak = alloc.peak.load(Ordering::Relaxed);
    (result, peak.saturating_sub(before))
}

/// A free-form payload shape: the JSON text of `integracao`'s content,
/// repeated to fill a body.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub name: &'static str,
    /// One unit of the array inside `integracao` (each followed by a comma).
    unit: fn(usize) -> String,
}

/// The shapes measured in BENCHMARKS.md.
pub const SHAPES: [Shape; 7] = [
    Shape {
        name: "empty arrays `[],`",
        unit: |_| "[]".to_owned(),
    },
    Shape {
        name: "empty objects `{},`",
        unit: |_| "{}".to_owned(),
    },
    Shape {
        name: "zeros `0,`",
        unit: |_| "0".to_owned(),
    },
    Shape {
        name: "empty strings `\"\",`",
        unit: |_| "\"\"".to_owned(),
    },
    Shape {
        name: "one-key objects `{\"k\":0},`",
        unit: |_| "{\"k\":0}".to_owned(),
    },
    Shape {
        name: "nested arrays 100 deep",
        unit: |_| format!("{}{}", "[".repeat(100), "]".repeat(100)),
    },
    Shape {
        name: "distinct keys (one object)",
        // Handled by `body`: one object with many keys.
        unit: |i| format!("\"k{i}\":0"),
    },
];

/// A `demonstrativoPagamento/detalhe` request of about `size` bytes whose
/// `integracao` is filled with `shape`. `refused` puts an unknown attribute
/// first, so the decoder knows from the start that nothing is handed back.
pub fn body(shape: &Shape, size: usize, refused: bool) -> Vec<u8> {
    let keys = shape.name.starts_with("distinct keys");
    let mut text = String::with_capacity(size + 256);
    if refused {
        text.push_str("{\"ChavePagamento\": \"p\", ");
    } else {
        text.push('{');
    }
    text.push_str("\"chavePagamento\": \"p\", \"chaveUnica\": \"u\", \"integracao\": {\"a\": ");
    text.push(if keys { '{' } else { '[' });
    let mut i = 0;
    while text.len() < size.saturating_sub(4) {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&(shape.unit)(i));
        i += 1;
    }
    text.push(if keys { '}' } else { ']' });
    text.push_str("}}");
    text.into_bytes()
}
