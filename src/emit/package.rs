//! The ZIP container of an Office Open XML package (ECMA-376 Part 2, Open Packaging Conventions):
//! deflated entries with a fixed time stamp and fixed permissions, in the order given, and nothing
//! else (no extra fields, comments or data descriptors), so that the same parts are the same
//! bytes on every build.
//!
//! Entries are compressed apart from the archive ([`Entry::deflate`]), so that parts every
//! package shares are compressed once per process and copied into each package as they are.

use std::borrow::Cow;
use std::cell::RefCell;

use flate2::{Compress, Compression, FlushCompress, Status};

/// One entry of the archive: its name and its data, already compressed.
#[derive(Clone, Debug)]
pub struct Entry {
    name: Cow<'static, str>,
    /// CRC-32 of the uncompressed data.
    crc: u32,
    /// Length of the uncompressed data.
    size: u32,
    /// The raw deflate stream (RFC 1951).
    compressed: Vec<u8>,
}

/// Deflate level 1, the fastest: the parts are small, and higher levels took most of a document's
/// time for a few hundred bytes less.
const LEVEL: u32 = 1;

impl Entry {
    /// Compresses `data` as the entry `name`.
    pub fn deflate(name: impl Into<Cow<'static, str>>, data: &[u8]) -> Self {
        // One compressor per thread, reset between entries: making one clears its tables, which
        // cost more than compressing a manuscript's small parts.
        thread_local! {
            static COMPRESSOR: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(LEVEL), false));
        }
        let mut compressed = Vec::with_capacity(data.len() / 3 + 64);
        COMPRESSOR.with_borrow_mut(|compressor| {
            compressor.reset();
            loop {
                let consumed = usize::try_from(compressor.total_in()).unwrap_or(usize::MAX).min(data.len());
                if compressed.len() == compressed.capacity() {
                    compressed.reserve(data.len() / 4 + 64);
                }
                let status = compressor
                    .compress_vec(&data[consumed..], &mut compressed, FlushCompress::Finish)
                    .expect("compressing into memory cannot fail");
                if status == Status::StreamEnd {
                    break;
                }
            }
        });
        Entry { name: name.into(), crc: crc32fast::hash(data), size: length(data.len()), compressed }
    }

    /// The entry's name in the archive.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Sizes and offsets are 32-bit without the ZIP64 extension, which a manuscript never needs (its
/// parts are kilobytes); a part past 4 GiB would be a defect of the writer, not of a source.
fn length(n: usize) -> u32 {
    u32::try_from(n).expect("a package part is smaller than 4 GiB")
}

/// The version needed to extract a deflated entry: 2.0.
const VERSION_NEEDED: u16 = 20;
/// Made by: Unix (3, so that the permissions below are read), ZIP specification 2.0.
const VERSION_MADE_BY: u16 = (3 << 8) | 20;
/// Compression method 8: deflate.
const DEFLATED: u16 = 8;
/// MS-DOS date of 1 January 1980, the earliest a ZIP entry can carry, at time 00:00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
/// External attributes: a regular file, readable by all and writable by its owner (0o100644).
const EXTERNAL_ATTRIBUTES: u32 = 0o100644 << 16;

/// Writes the entries, in the order given, as one ZIP archive (APPNOTE.TXT 6.3: local headers and
/// data, then the central directory and its end record).
pub fn write(entries: &[&Entry]) -> Vec<u8> {
    let data: usize = entries.iter().map(|e| 30 + e.name.len() + e.compressed.len()).sum();
    let directory: usize = entries.iter().map(|e| 46 + e.name.len()).sum();
    let mut out = Vec::with_capacity(data + directory + 22);
    let mut offsets = Vec::with_capacity(entries.len());
    for entry in entries {
        offsets.push(length(out.len()));
        out.extend_from_slice(b"PK\x03\x04");
        for half in [VERSION_NEEDED, 0, DEFLATED, 0, DOS_DATE] {
            out.extend_from_slice(&half.to_le_bytes());
        }
        sizes(entry, &mut out);
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(entry.name.as_bytes());
        out.extend_from_slice(&entry.compressed);
    }
    let directory_start = length(out.len());
    for (entry, offset) in entries.iter().zip(offsets) {
        out.extend_from_slice(b"PK\x01\x02");
        for half in [VERSION_MADE_BY, VERSION_NEEDED, 0, DEFLATED, 0, DOS_DATE] {
            out.extend_from_slice(&half.to_le_bytes());
        }
        sizes(entry, &mut out);
        // Extra field, comment, disk number and internal attributes: none.
        out.extend_from_slice(&[0; 8]);
        out.extend_from_slice(&EXTERNAL_ATTRIBUTES.to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(entry.name.as_bytes());
    }
    let directory_size = length(out.len()) - directory_start;
    let count = u16::try_from(entries.len()).expect("a package has fewer than 65,536 parts");
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&directory_size.to_le_bytes());
    out.extend_from_slice(&directory_start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// CRC, compressed and uncompressed sizes, and the length of the name: the fields the local
/// header and the central directory share.
fn sizes(entry: &Entry, out: &mut Vec<u8>) {
    out.extend_from_slice(&entry.crc.to_le_bytes());
    out.extend_from_slice(&length(entry.compressed.len()).to_le_bytes());
    out.extend_from_slice(&entry.size.to_le_bytes());
    out.extend_from_slice(&u16::try_from(entry.name.len()).expect("a part name is short").to_le_bytes());
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn a_zip_reader_reads_every_entry_back() {
        let big: Vec<u8> = (0..100_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        let entries = [Entry::deflate("a.xml", b"<a/>"), Entry::deflate("dir/b.bin", &big), Entry::deflate("e", b"")];
        let bytes = write(&entries.iter().collect::<Vec<_>>());
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP archive");
        assert_eq!(archive.len(), 3);
        for (i, expected) in [b"<a/>".to_vec(), big, vec![]].into_iter().enumerate() {
            let mut file = archive.by_index(i).unwrap();
            assert_eq!(file.name(), entries[i].name());
            assert_eq!(file.unix_mode(), Some(0o100644));
            assert_eq!(file.compression(), zip::CompressionMethod::Deflated);
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            assert_eq!(data, expected, "{}", file.name());
        }
    }

    #[test]
    fn the_same_entries_are_the_same_bytes() {
        let one = write(&[&Entry::deflate("a", b"text")]);
        assert_eq!(one, write(&[&Entry::deflate("a", b"text")]));
        assert_ne!(one, write(&[&Entry::deflate("a", b"other")]));
    }
}
