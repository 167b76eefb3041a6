//! Validates the default content and embeds it, pre-parsed, in the binary.
//!
//! `content/contrasts.yaml` is parsed and validated here with the same code
//! the binary uses for `--content FILE` (`src/content/`), its design is
//! analysed as `itlead check --strict` does, and it is written to
//! `$OUT_DIR/axes.bin` and `$OUT_DIR/scenarios.bin` in postcard form. The
//! binary decodes that blob in microseconds instead of parsing YAML at every
//! start, and a broken or badly designed default fails the build with the
//! validator's located messages or the analysis's warnings.

#[allow(dead_code, missing_docs)]
#[path = "src/answer.rs"]
mod answer;
#[allow(dead_code, missing_docs)]
#[path = "src/content/mod.rs"]
mod content;
#[allow(dead_code, missing_docs)]
#[path = "src/number.rs"]
mod number;
#[allow(dead_code, missing_docs)]
#[path = "src/respondents.rs"]
mod respondents;
#[allow(dead_code, missing_docs)]
#[path = "src/score.rs"]
mod score;

use std::path::PathBuf;

fn main() {
    let source_path = "content/contrasts.yaml";
    println!("cargo:rerun-if-changed={source_path}");
    println!("cargo:rerun-if-changed=src/content");
    for module in ["src/answer.rs", "src/number.rs", "src/score.rs", "src/respondents.rs"] {
        println!("cargo:rerun-if-changed={module}");
    }
    let text = std::fs::read_to_string(source_path)
        .unwrap_or_else(|error| panic!("cannot read {source_path}: {error}"));
    let content = match content::parse(source_path, &text) {
        Ok(content) => content,
        Err(error) => {
            for line in error.to_string().lines() {
                println!("cargo:warning={line}");
            }
            panic!("{source_path} is not valid content:\n{error}");
        }
    };
    let design = content::design::analyse(&content);
    let modelled = respondents::model(&content, respondents::DEFAULT_BETA);
    // Modelled respondents' missed targets fail the build as the design's
    // own warnings do.
    let warnings: Vec<&content::findings::Finding> =
        design.warnings.iter().chain(&modelled.warnings).collect();
    if !warnings.is_empty() {
        for warning in &warnings {
            println!("cargo:warning={warning}");
        }
        panic!(
            "{source_path} fails `itlead check --strict` with {} design warnings",
            warnings.len()
        );
    }
    // Two blobs: `explain`, `list` and `completions` need the axes only, and
    // the scenarios are more than half of the content.
    let mut axes_only = content;
    let scenarios = std::mem::take(&mut axes_only.scenarios);
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let axes = postcard::to_stdvec(&axes_only).expect("the content model serialises");
    std::fs::write(out_dir.join("axes.bin"), axes).expect("OUT_DIR is writable");
    let scenarios = postcard::to_stdvec(&scenarios).expect("the scenarios serialise");
    std::fs::write(out_dir.join("scenarios.bin"), scenarios).expect("OUT_DIR is writable");
}
