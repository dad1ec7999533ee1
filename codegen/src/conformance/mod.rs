//! `codegen conformance`: Mosia's side of an integration, played against an
//! operator's live endpoint before go-live.
//!
//! The library side needs no HTTP client: [`requests`] builds what is sent
//! (valid requests from the page's example, the caller's files and the
//! table; requests the table forbids), [`judge()`] decides whether an answer
//! conforms, with the very validator `codegen validate` runs
//! ([`crate::validator`]), and [`report`] renders a run as text, JSON or
//! JUnit XML. The command line (`codegen conformance`) sends the requests
//! one at a time and hands each answer to [`judge::judge`].

pub mod judge;
pub mod report;
pub mod requests;

pub use judge::{judge, Answer, Finding, Outcome, Timing, Verdict};
pub use report::{Exchange, Run, Summary};
pub use requests::{probes, Expect, Probe, RequestFile};
