//! The HTTP rules an endpoint of a spec must follow to be served and called:
//! its path, its header names and its media type, each written once.
//!
//! The generator refuses at generation time what the server runtime
//! (`codegen_runtime::server`, feature `server`) would refuse at run time,
//! with these same checks, so a generated router always holds every
//! endpoint of its page.
//!
//! ```
//! use codegen_runtime::endpoint_rules::{is_endpoint_path, is_header_name, is_json_media_type};
//!
//! assert!(is_endpoint_path("/demonstrativoPagamento/detalhe"));
//! assert!(!is_endpoint_path("/demonstrativoPagamento?detalhe"));
//! assert!(is_header_name("X-Seguranca"));
//! assert!(!is_header_name("X Seguranca"));
//! assert!(is_json_media_type("application/problem+json"));
//! assert!(!is_json_media_type("text/plain"));
//! ```

/// An endpoint path a router can hold: starts with `/`, no query, fragment,
/// whitespace or control characters.
pub fn is_endpoint_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.contains(['?', '#'])
        && !path.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// An HTTP header name (an RFC 9110 token).
pub fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
}

/// `application/json` or an `application/*+json` type, without parameters:
/// the bodies the generated code can read and write.
pub fn is_json_media_type(media_type: &str) -> bool {
    let media_type = media_type.trim().to_ascii_lowercase();
    media_type == "application/json"
        || (media_type.starts_with("application/")
            && media_type.ends_with("+json")
            && !media_type.contains(';'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_paths() {
        assert!(is_endpoint_path("/"));
        assert!(is_endpoint_path("/clientes/ocorrencias"));
        for path in ["", "clientes", "/a?b", "/a#b", "/a b", "/a\tb", "/a\u{7f}b"] {
            assert!(!is_endpoint_path(path), "{path:?}");
        }
    }

    #[test]
    fn header_names() {
        assert!(is_header_name("Authorization"));
        assert!(is_header_name("x-api_key.v2"));
        for name in ["", "bad header", "Acentuação", "a:b", "a\"b"] {
            assert!(!is_header_name(name), "{name:?}");
        }
    }

    #[test]
    fn json_media_types() {
        assert!(is_json_media_type("application/json"));
        assert!(is_json_media_type(" Application/JSON "));
        assert!(is_json_media_type("application/vnd.mosia+json"));
        for media_type in [
            "text/plain",
            "application/json; charset=utf-8",
            "application/vnd.mosia+json; v=1",
            "text/x+json",
            "application/xml",
        ] {
            assert!(!is_json_media_type(media_type), "{media_type:?}");
        }
    }
}
