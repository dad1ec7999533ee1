//! `codegen`: turns YAML transcriptions of Mosia Omnichannel documentation
//! pages (`spec/`) into typed Rust with validators and client/server stubs.
//!
//! The flow runs one way: YAML → [`spec`] structs (serde) → [`loader`] checks
//! them and builds the validated [`ir`] → emitters ([`emit`]) → prettyplease
//! → files ([`output`]). Emitters see only the IR.

pub mod config;
pub mod conformance;
pub mod diagnostics;
pub mod diff;
pub mod emit;
#[cfg(feature = "import")]
pub mod import;
pub mod ir;
pub mod lint;
pub mod loader;
#[cfg(feature = "mock")]
pub mod mock;
pub mod naming;
pub mod output;
mod parallel;
pub mod selection;
pub mod spec;
pub mod valid;
pub mod validator;

/// The build-script entry point: `codegen::Config::new().generate()`.
pub use config::Config;
