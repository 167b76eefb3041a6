//! Answers files: `itlead assess --answers FILE`, checked against the
//! built-in content with every scenario asked. The first byte picks
//! `--partial`; the rest is the file.

#![no_main]

use std::sync::LazyLock;

use itlead::content::Content;
use itlead::content::model::Scenario;
use libfuzzer_sys::fuzz_target;

static CONTENT: LazyLock<Content> = LazyLock::new(itlead::questionnaire::built_in);

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let partial = flags & 1 == 1;
    let asked: Vec<&Scenario> = CONTENT.scenarios.iter().collect();
    let asked = if flags & 2 == 2 { &asked[..asked.len() / 2] } else { &asked[..] };
    if let Ok(input) = itlead::edges::input::decode("fuzz.yaml", bytes) {
        if let Err(error) =
            itlead::answer_file::parse(&input.name, &input.text, &CONTENT, asked, partial)
        {
            let _ = error.to_string();
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if let Err(error) = itlead::answer_file::parse("fuzz.yaml", text, &CONTENT, asked, partial) {
            let _ = error.to_string();
        }
    }
});
