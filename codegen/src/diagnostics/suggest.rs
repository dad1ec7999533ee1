//! "Did you mean" suggestions for misspelt keys, keywords and names: the
//! rule of `codegen-suggest`, which also suggests attribute names in payload
//! reports and in the derive's errors, so a spec author, an integrator and
//! a Rust developer get the same kind of hint.

pub use codegen_suggest::closest as did_you_mean;
