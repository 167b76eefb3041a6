//! Smoke tests of the command line through the built binary.

mod common;

use common::Itlead;

#[test]
fn list_prints_every_axis() {
    let run = Itlead::new().arg("list").ok();
    assert_eq!(run.stdout.lines().count(), 13, "{}", run.stdout);
}
