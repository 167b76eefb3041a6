//! The release archive: `scripts/dist` packs the binary, completions, man
//! pages and documents with a SHA-256 checksum; unpacked into an empty
//! directory, its binary works.
//!
//! `.ci/run` builds the real archive first (the static-pie release build)
//! and names it in `ITLEAD_DIST_ARCHIVE`; without it, the script packages
//! the test binary (`ITLEAD_DIST_BINARY`), which checks the packaging.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{binary, fixture};
use sha2::{Digest, Sha256};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The archive to check, and the directory keeping a fresh one alive.
fn archive() -> (PathBuf, Option<tempfile::TempDir>) {
    if let Some(path) = std::env::var_os("ITLEAD_DIST_ARCHIVE") {
        return (PathBuf::from(path), None);
    }
    let out = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/dist");
    let output = Command::new("bash")
        .arg(&script)
        .arg(out.path())
        .env("ITLEAD_DIST_BINARY", binary())
        .output()
        .unwrap();
    assert!(output.status.success(), "scripts/dist: {}", String::from_utf8_lossy(&output.stderr));
    let printed = String::from_utf8(output.stdout).unwrap();
    let path = PathBuf::from(printed.trim());
    assert!(path.starts_with(out.path()), "{}", path.display());
    (path, Some(out))
}

fn run(dir: &Path, home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(dir.join("itlead"))
        .args(args)
        .current_dir(home)
        .env_clear()
        .env("HOME", home)
        .env("PATH", "/usr/bin:/bin")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap()
}

#[test]
fn the_archive_unpacks_into_a_working_itlead() {
    let (archive, _keep) = archive();
    let name = archive.file_name().unwrap().to_str().unwrap().to_owned();
    let stem = name.strip_suffix(".tar.gz").expect("a .tar.gz");
    assert!(stem.starts_with(&format!("itlead-{VERSION}-")), "{name}");

    // The checksum file names the archive and matches its bytes.
    let sums = std::fs::read_to_string(archive.with_file_name(format!("{name}.sha256"))).unwrap();
    let digest = format!("{:x}", Sha256::digest(std::fs::read(&archive).unwrap()));
    assert_eq!(sums.trim(), format!("{digest}  {name}"));

    // Unpacked into an empty directory.
    let unpacked = tempfile::tempdir().unwrap();
    let status = Command::new("tar")
        .args(["xzf", archive.to_str().unwrap(), "-C", unpacked.path().to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    let dir = unpacked.path().join(stem);
    let mut files = Vec::new();
    for entry in walk(&dir) {
        files.push(entry.strip_prefix(&dir).unwrap().display().to_string());
    }
    files.sort();
    let mut expected: Vec<String> = [
        "itlead",
        "README.md",
        "LICENSE",
        "CHANGELOG.md",
        "complete/itlead.bash",
        "complete/_itlead",
        "complete/itlead.fish",
        "doc/itlead.1",
    ]
    .map(str::to_owned)
    .to_vec();
    for command in common::SUBCOMMANDS {
        expected.push(format!("doc/itlead-{command}.1"));
    }
    expected.sort();
    assert_eq!(files, expected);
    for file in &files {
        let length = std::fs::metadata(dir.join(file)).unwrap().len();
        assert!(length > 0, "{file} is empty");
    }

    // It runs, with an empty home and nothing else on the machine's paths.
    let home = tempfile::tempdir().unwrap();
    let version = run(&dir, home.path(), &["--version"]);
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("itlead {VERSION}"));
    let list = run(&dir, home.path(), &["list"]);
    assert!(list.status.success(), "{}", String::from_utf8_lossy(&list.stderr));
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(
        listed.contains("today-tomorrow") && listed.contains("proven-skills-growth"),
        "{listed}"
    );
    let answers = fixture("answers/full.yaml");
    let assess = run(
        &dir,
        home.path(),
        &["assess", "--answers", answers.to_str().unwrap(), "--format", "json", "--no-save"],
    );
    assert!(assess.status.success(), "{}", String::from_utf8_lossy(&assess.stderr));
    let result: serde_json::Value = serde_json::from_slice(&assess.stdout).unwrap();
    assert_eq!(result["schema"], "itlead.result/2");
    assert_eq!(result["axes"].as_array().unwrap().len(), 13);
    assert!(walk(home.path()).is_empty(), "--no-save wrote into the home directory");

    // The packaged completions and pages are the binary's own.
    let bash = run(&dir, home.path(), &["completions", "bash"]);
    assert_eq!(bash.stdout, std::fs::read(dir.join("complete/itlead.bash")).unwrap());
    let page = run(&dir, home.path(), &["man"]);
    assert_eq!(page.stdout, std::fs::read(dir.join("doc/itlead.1")).unwrap());
}

/// The release build on Linux with glibc is static: no program interpreter.
#[test]
fn the_real_archive_holds_a_static_binary() {
    let Some(path) = std::env::var_os("ITLEAD_DIST_ARCHIVE") else {
        eprintln!("ITLEAD_DIST_ARCHIVE is not set; the packaging test uses the test binary");
        return;
    };
    let path = PathBuf::from(path);
    if !path.to_string_lossy().contains("-linux-gnu") {
        return;
    }
    let unpacked = tempfile::tempdir().unwrap();
    let status = Command::new("tar")
        .args(["xzf", path.to_str().unwrap(), "-C", unpacked.path().to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    let binary = walk(unpacked.path()).into_iter().find(|file| file.ends_with("itlead")).unwrap();
    let bytes = std::fs::read(binary).unwrap();
    let (kind, segments) = elf64_kind_and_segments(&bytes).expect("a 64-bit little-endian ELF");
    assert_eq!(kind, ET_DYN, "position-independent (static-pie), so ASLR still applies");
    assert!(!segments.contains(&PT_INTERP), "the binary asks for a dynamic loader");
}

/// `e_type` of a position-independent executable (and of a shared object).
const ET_DYN: u16 = 3;
/// The program header that names a dynamic loader.
const PT_INTERP: u32 = 3;

/// The ELF type and the program header types of a 64-bit little-endian
/// ELF file; `None` for anything else.
fn elf64_kind_and_segments(bytes: &[u8]) -> Option<(u16, Vec<u32>)> {
    let u16_at = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?));
    let u32_at = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let u64_at = |at: usize| Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?));
    // Magic, ELFCLASS64, ELFDATA2LSB.
    if bytes.get(..6)? != b"\x7fELF\x02\x01" {
        return None;
    }
    let kind = u16_at(0x10)?;
    let table = usize::try_from(u64_at(0x20)?).ok()?;
    let (size, count) = (usize::from(u16_at(0x36)?), usize::from(u16_at(0x38)?));
    let segments = (0..count).map(|index| u32_at(table + index * size)).collect::<Option<_>>()?;
    Some((kind, segments))
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}
