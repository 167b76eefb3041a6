//! Content files: `itlead check FILE` and `--content FILE`.
//!
//! The bytes go through the same checks as a file on disk (size, UTF-8,
//! nesting), then to the content parser and validator; valid UTF-8 also goes
//! to the parser directly, past those checks. Any panic is a finding;
//! `Err` is the expected answer to almost every input.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(input) = itlead::edges::input::decode("fuzz.yaml", data) {
        if let Err(error) = itlead::content::parse(&input.name, &input.text) {
            let _ = error.to_string();
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(error) = itlead::content::parse("fuzz.yaml", text) {
            let _ = error.to_string();
        }
    }
});
