//! The core's layers, lowest first: a module may use itself and the layers
//! below it, never one above (so `store` does not reach into `photos` or
//! `auth`, `pdf` does not reach into `api`). Read from the source, so an
//! upward `crate::` path fails here the day it is written.

use std::path::Path;

/// Lowest first; modules on one line do not use each other either.
const LAYERS: &[&[&str]] = &[
    &["i18n"],
    &["domain"],
    &["decision"],
    &["files"],
    &["crypto", "roster"],
    &["store"],
    &["auth", "photos", "backup"],
    &["evidence"],
    &["pdf"],
    &["error"],
    &["api", "fuzzing"],
    &["lib"],
];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_module_uses_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut upward = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let module = rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        let own = rank(&module).unwrap_or_else(|| panic!("{module} is in no layer: add it to LAYERS"));
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for (at, _) in code.match_indices("crate::") {
                let target: String = code[at + 7..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                let Some(theirs) = rank(&target) else { continue };
                if target != module && theirs >= own {
                    upward.push(format!("{}:{}: {module} uses {target}", rel.display(), n + 1));
                }
            }
        }
    }
    assert!(upward.is_empty(), "uses of a layer above (or beside):\n{}", upward.join("\n"));
}
