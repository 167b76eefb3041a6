//! Saved results: `itlead report FILE`, `compare`, `team`. A result that
//! parses is also rendered, as `report` would.

#![no_main]

use itlead::result::ResultDocument;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(input) = itlead::edges::input::decode("fuzz.json", data) {
        match ResultDocument::parse(&input.name, &input.text) {
            Ok(result) => {
                let _ = serde_json::to_string(&result);
            }
            Err(error) => {
                let _ = error.to_string();
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(error) = ResultDocument::parse("fuzz.json", text) {
            let _ = error.to_string();
        }
    }
});
