//! Writing outputs atomically: a temporary file in the same folder, then a rename, so a reader
//! never sees half a document and an interrupted build leaves the old output whole.

use std::io::Write;
use std::path::Path;

use crate::error::SornError;

/// Writes `contents` to `path` atomically, creating parent folders.
/// The temporary file is removed on every failure (a full disk, a failed rename), so a failed
/// write leaves nothing behind.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), SornError> {
    let fail = |source| SornError::Write { path: path.to_path_buf(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(fail)?;
    let (tmp_path, mut tmp) = tempfile_in(dir).map_err(fail)?;
    let written = tmp.write_all(contents).and_then(|()| tmp.sync_all());
    drop(tmp);
    written.and_then(|()| std::fs::rename(&tmp_path, path)).map_err(|e| {
        let _ = std::fs::remove_file(&tmp_path);
        fail(e)
    })
}

fn tempfile_in(dir: &Path) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    let pid = std::process::id();
    for attempt in 0..1000u32 {
        let candidate = dir.join(format!(".sorn-{pid}-{attempt}.tmp"));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&candidate) {
            Ok(f) => return Ok((candidate, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, "no free temporary file name"))
}
