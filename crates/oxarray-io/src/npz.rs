//! `.npz` archives: a zip file of `.npy` members, as NumPy's `np.savez` (stored) and
//! `np.savez_compressed` (deflated) write them (`numpy/lib/_npyio_impl.py`), through the
//! `zip` crate. Reading is lazy, member by member, as NumPy's `NpzFile`.

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

use oxarray_core::{Error, Result};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::atomic::{Durability, write_atomically};
use crate::deflate;
use crate::error::{bad_file, io_error};
use crate::read::{FromNpy, LoadOptions, read_npy};
use crate::write::{NpyWritable, header_of, write_npy};

/// How the members of an archive are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Uncompressed (`np.savez`).
    Stored,
    /// Deflate at a zlib level 0-9 (`np.savez_compressed` uses zlib's default, 6).
    Deflated(u8),
}

/// Options of [`savez_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NpzOptions {
    /// Member compression.
    pub compression: Compression,
    /// Whether the save waits for the disk.
    pub durability: Durability,
}

impl Default for NpzOptions {
    fn default() -> Self {
        NpzOptions {
            compression: Compression::Stored,
            durability: Durability::Synced,
        }
    }
}

/// `np.savez(path, name=array, ...)`: an uncompressed archive with one `name.npy` member per
/// array, written atomically.
///
/// ```
/// use oxarray_core::{array, Array, DynArray};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("ab.npz");
/// let a = array![1.0f64, 2.0];
/// let b = array![[1u8, 2], [3, 4]];
/// oxarray_io::savez(&path, &[("a", &a), ("b", &b)])?;
/// let mut npz = oxarray_io::NpzFile::open(&path)?;
/// assert_eq!(npz.files(), ["a", "b"]);
/// let b2: Array<u8> = npz.get("b")?;
/// assert_eq!(b2, b);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn savez(path: impl AsRef<Path>, arrays: &[(&str, &dyn NpyWritable)]) -> Result<()> {
    savez_with(path, arrays, NpzOptions::default())
}

/// `np.savez_compressed(path, name=array, ...)`: as [`savez`], deflated at zlib level 6
/// (NumPy's level), on every core (see [`crate::deflate`]); the archive is a standard zip.
pub fn savez_compressed(path: impl AsRef<Path>, arrays: &[(&str, &dyn NpyWritable)]) -> Result<()> {
    savez_with(
        path,
        arrays,
        NpzOptions {
            compression: Compression::Deflated(6),
            ..NpzOptions::default()
        },
    )
}

fn zip_error(path: &Path, e: zip::result::ZipError) -> Error {
    match e {
        zip::result::ZipError::Io(io) => io_error("write", path, &io),
        other => bad_file(path, None, format!("zip: {other}")),
    }
}

/// [`savez`] with options.
pub fn savez_with(
    path: impl AsRef<Path>,
    arrays: &[(&str, &dyn NpyWritable)],
    options: NpzOptions,
) -> Result<()> {
    let path = path.as_ref();
    for (i, (name, _)) in arrays.iter().enumerate() {
        if arrays[..i].iter().any(|(n, _)| n == name) {
            return Err(Error::invalid_argument(
                "arrays",
                name,
                "the name is used twice",
            ));
        }
    }
    let (method, level) = match options.compression {
        Compression::Stored => (CompressionMethod::Stored, None),
        Compression::Deflated(level) => {
            (CompressionMethod::Deflated, Some(i64::from(level.min(9))))
        }
    };
    write_atomically(path, options.durability, |file| {
        let mut zip = ZipWriter::new(std::io::BufWriter::with_capacity(1 << 20, file));
        for (name, array) in arrays {
            let member = format!("{name}.npy");
            if let Compression::Deflated(level) = options.compression {
                let header = header_of(*array, None)?;
                let copied;
                let data = match array.npy_data_bytes() {
                    Some(bytes) => bytes,
                    None => {
                        let mut buf = Vec::new();
                        array
                            .write_npy_data(&mut buf)
                            .map_err(|e| io_error("write", path, &e))?;
                        copied = buf;
                        &copied[..]
                    }
                };
                if header.len() + data.len() <= deflate::MAX_PARALLEL {
                    deflate::add_deflated(
                        &mut zip,
                        &member,
                        &[&header, data],
                        u32::from(level.min(9)),
                    )
                    .map_err(|e| zip_error(path, e))?;
                    continue;
                }
            }
            let opts = SimpleFileOptions::default()
                .compression_method(method)
                .compression_level(level)
                .large_file(true);
            zip.start_file(member, opts)
                .map_err(|e| zip_error(path, e))?;
            write_npy(&mut zip, *array, None)?;
        }
        let mut inner = zip.finish().map_err(|e| zip_error(path, e))?;
        inner.flush().map_err(|e| io_error("write", path, &e))
    })
}

/// An open `.npz` archive (NumPy's `NpzFile`): member names, and members read on demand.
#[derive(Debug)]
pub struct NpzFile {
    path: PathBuf,
    archive: ZipArchive<BufReader<File>>,
    files: Vec<String>,
    options: LoadOptions,
}

impl NpzFile {
    /// Opens the archive and reads its directory.
    pub fn open(path: impl AsRef<Path>) -> Result<NpzFile> {
        Self::open_with(path, LoadOptions::default())
    }

    /// [`open`](Self::open) with the options used for every member.
    pub fn open_with(path: impl AsRef<Path>, options: LoadOptions) -> Result<NpzFile> {
        let path = path.as_ref();
        let file = File::open(path).map_err(|e| io_error("open", path, &e))?;
        let archive = ZipArchive::new(BufReader::new(file)).map_err(|e| match e {
            zip::result::ZipError::Io(io) => io_error("read", path, &io),
            other => bad_file(
                path,
                None,
                format!("not a readable .npz (zip) archive: {other}"),
            ),
        })?;
        let files = archive
            .file_names()
            .map(|n| {
                let n = n.map_err(|e| bad_file(path, None, format!("bad member name: {e}")))?;
                Ok(n.strip_suffix(".npy").unwrap_or(&n).to_string())
            })
            .collect::<Result<Vec<String>>>()?;
        Ok(NpzFile {
            path: path.to_path_buf(),
            archive,
            files,
            options,
        })
    }

    /// The member names without their `.npy` suffix (NumPy's `NpzFile.files`), in archive
    /// order.
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// Reads member `name` (with or without `.npy`) as a [`DynArray`](oxarray_core::DynArray),
    /// `Array<T>`, [`RecordArray`](oxarray_record::RecordArray) or
    /// [`NpyData`](crate::NpyData).
    pub fn get<A: FromNpy>(&mut self, name: &str) -> Result<A> {
        let member = if self.archive.index_for_name(name).is_some() {
            name.to_string()
        } else {
            format!("{name}.npy")
        };
        let label = self.path.join(&member);
        let mut entry = self.archive.by_name(&member).map_err(|e| match e {
            zip::result::ZipError::FileNotFound => Error::invalid_argument(
                "name",
                name,
                format!(
                    "{} has no member {member} (members: {:?})",
                    self.path.display(),
                    self.files
                ),
            ),
            zip::result::ZipError::Io(io) => io_error("read", &label, &io),
            other => bad_file(&label, None, format!("zip: {other}")),
        })?;
        let value = read_npy(&mut entry, Some(&label), self.options)?;
        // Reading to the end of the member makes the zip reader check its CRC-32: a member
        // damaged inside its data is an error, not silently wrong numbers.
        std::io::copy(&mut entry, &mut std::io::sink())
            .map_err(|e| bad_file(&label, None, format!("the member is damaged: {e}")))?;
        Ok(value)
    }
}
