//! "Did you mean" suggestions for misspelt keys, keywords and names: the
//! same rule that suggests attribute names in payload reports
//! (`codegen_runtime::checks::suggest`), so a spec author and an integrator
//! get the same kind of hint.

pub use codegen_runtime::checks::suggest as did_you_mean;

#[cfg(test)]
use codegen_runtime::checks::edit_distance;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_case_insensitive_match() {
        assert_eq!(did_you_mean("post", ["GET", "POST"]), Some("POST"));
    }

    #[test]
    fn finds_near_misses_only() {
        assert_eq!(did_you_mean("colour", ["date", "color"]), Some("color"));
        assert_eq!(
            did_you_mean("critrion", ["name", "criterion"]),
            Some("criterion")
        );
        assert_eq!(did_you_mean("xyz", ["date", "color"]), None);
        assert_eq!(did_you_mean("", ["a"]), None);
    }

    #[test]
    fn distance() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("ção", "cao"), 2);
    }
}
