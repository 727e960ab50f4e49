//! Writing outputs atomically: a temporary file in the same folder, then a rename, so a reader
//! never sees half a document and an interrupted build leaves the old output whole.
//!
//! A single file ([`write_atomic`]) is synced before its rename. A build writes thousands, and a
//! sync each costs milliseconds on a journalling file system, so it writes them unsynced
//! ([`write_unsynced`]) and makes them durable together at the end ([`sync_written`]).

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::SornError;

/// Writes `contents` to `path` atomically, creating parent folders.
/// The temporary file is removed on every failure (a full disk, a failed rename), so a failed
/// write leaves nothing behind.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), SornError> {
    write_renamed(path, contents, true)
}

/// [`write_atomic`] without the sync: the rename still makes the file appear whole or not at all
/// to every reader, but it is durable only after [`sync_written`].
pub fn write_unsynced(path: &Path, contents: &[u8]) -> Result<(), SornError> {
    write_renamed(path, contents, false)
}

/// Makes everything written into these folders durable with one sync per folder: on Linux a
/// `syncfs` of the file system holding it, which commits the files' contents and the renames
/// that put them in place; elsewhere an `fsync` of the folder, which commits its entries.
pub fn sync_written(folders: &[&Path]) -> Result<(), SornError> {
    for &folder in folders {
        sync_folder(folder).map_err(|source| SornError::Write { path: folder.to_path_buf(), source })?;
    }
    Ok(())
}

#[cfg(target_os = "linux")]
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    let dir = std::fs::File::open(folder)?;
    rustix::fs::syncfs(&dir).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    match std::fs::File::open(folder).and_then(|dir| dir.sync_all()) {
        // Windows cannot open a folder as a file; its renames are committed by the file system.
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Ok(()),
        other => other,
    }
}

fn write_renamed(path: &Path, contents: &[u8], sync: bool) -> Result<(), SornError> {
    let fail = |source| SornError::Write { path: path.to_path_buf(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    // The folder is made only when the temporary file cannot be: a build writes thousands of
    // files into folders that exist after the first.
    let (tmp_path, mut tmp) = match tempfile_in(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).and_then(|()| tempfile_in(dir)).map_err(fail)?
        }
        other => other.map_err(fail)?,
    };
    let written = tmp.write_all(contents).and_then(|()| if sync { tmp.sync_all() } else { Ok(()) });
    drop(tmp);
    written.and_then(|()| std::fs::rename(&tmp_path, path)).map_err(|e| {
        let _ = std::fs::remove_file(&tmp_path);
        fail(e)
    })
}

/// The number of the next temporary file: threads writing into one folder take distinct names
/// rather than race for the same one.
static NEXT_TEMPORARY: AtomicU64 = AtomicU64::new(0);

fn tempfile_in(dir: &Path) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    let pid = std::process::id();
    for _ in 0..1000u32 {
        let number = NEXT_TEMPORARY.fetch_add(1, Ordering::Relaxed);
        let candidate = dir.join(format!(".sorn-{pid}-{number}.tmp"));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&candidate) {
            Ok(f) => return Ok((candidate, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, "no free temporary file name"))
}
