//! What the emitter tests share.

use codegen::ir::Api;

/// The workspace's own `spec/`, loaded with sources named `spec/<file>` as
/// the CLI names them from the workspace root, so snapshot headers do not
/// depend on where the tests run.
pub fn workspace_api() -> Api {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    let modules = names
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            codegen::loader::load_str(&format!("spec/{name}"), &text)
                .unwrap_or_else(|d| panic!("{d}"))
        })
        .collect();
    Api { modules }
}
