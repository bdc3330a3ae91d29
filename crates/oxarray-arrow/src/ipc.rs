//! Arrow IPC files and streams of record batches, and zero-copy reading of IPC files through
//! a memory map.
//!
//! Compression of the bodies (LZ4 frame, ZSTD) is behind this crate's features `lz4` and
//! `zstd`, both off by default; asking for a codec whose feature is off is an error naming it.
//! A memory-mapped file is decoded in place: the arrays of its batches point into the map
//! (which they keep alive), and [`from_arrow_field`](crate::from_arrow_field) reads them
//! without a copy. Buffers the writer did not align for their type (files of other writers)
//! and compressed bodies are copied by the decoder.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::mem::MaybeUninit;
use std::path::{Path, PathBuf};
use std::ptr::NonNull;
use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_buffer::Buffer;
use arrow_ipc::reader::{FileDecoder, StreamReader, read_footer_length};
use arrow_ipc::writer::{FileWriter, IpcWriteOptions, StreamWriter};
use arrow_ipc::{Block, CompressionType};
use arrow_schema::{Schema, SchemaRef};

use oxarray_core::{Array, Layout, Order, Storage};

use crate::conversion::buffer_of_array;
use crate::error::{Error, Result};

/// A codec for the bodies of IPC messages.
///
/// ```
/// use oxarray_arrow::ipc::{Compression, IpcOptions};
/// let zstd = IpcOptions { compression: Some(Compression::Zstd) }; // needs feature `zstd`
/// # let _ = zstd;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// LZ4 frame (feature `lz4`).
    Lz4,
    /// Zstandard (feature `zstd`).
    Zstd,
}

/// Options for writing IPC files and streams.
///
/// ```
/// use oxarray_arrow::ipc::IpcOptions;
/// assert_eq!(IpcOptions::default().compression, None);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IpcOptions {
    /// Compress message bodies with this codec (needs the codec's crate feature).
    pub compression: Option<Compression>,
}

fn write_options(options: &IpcOptions) -> Result<IpcWriteOptions> {
    let codec = options.compression.map(|c| match c {
        Compression::Lz4 => CompressionType::LZ4_FRAME,
        Compression::Zstd => CompressionType::ZSTD,
    });
    let enabled = match options.compression {
        None => true,
        Some(Compression::Lz4) => cfg!(feature = "lz4"),
        Some(Compression::Zstd) => cfg!(feature = "zstd"),
    };
    if !enabled {
        return Err(Error::arrow(
            format!("compress IPC bodies with {:?}", options.compression),
            arrow_schema::ArrowError::InvalidArgumentError(
                "this build of oxarray-arrow lacks the codec's crate feature (`lz4` / `zstd`)"
                    .into(),
            ),
        ));
    }
    IpcWriteOptions::default()
        .try_with_compression(codec)
        .map_err(|e| Error::arrow("set the IPC compression", e))
}

fn io_error<'a>(op: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> Error + 'a {
    move |source| Error::Io {
        op,
        path: path.to_path_buf(),
        source,
    }
}

/// An IPC file being written batch by batch (for pipelines whose batches do not all fit in
/// memory); [`finish`](Self::finish) writes the footer.
///
/// ```
/// use oxarray_arrow::ipc::{IpcFileWriter, IpcOptions, read_ipc_file};
/// use oxarray_arrow::to_record_batch;
/// use oxarray_core::array;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("x.arrow");
/// let batch = to_record_batch(&[("x", &array![1.0f32, 2.0].into_dyn())])?;
/// let mut w = IpcFileWriter::create(&path, &batch.schema(), &IpcOptions::default())?;
/// w.write(&batch)?;
/// w.write(&batch)?;
/// w.finish()?;
/// assert_eq!(read_ipc_file(&path)?.len(), 2);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub struct IpcFileWriter {
    inner: FileWriter<BufWriter<File>>,
    path: PathBuf,
}

impl std::fmt::Debug for IpcFileWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IpcFileWriter")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl IpcFileWriter {
    /// Creates (truncates) `path` and writes the schema.
    pub fn create(path: impl AsRef<Path>, schema: &Schema, options: &IpcOptions) -> Result<Self> {
        let path = path.as_ref();
        let file = File::create(path).map_err(io_error("create", path))?;
        let inner = FileWriter::try_new_with_options(
            BufWriter::with_capacity(1 << 20, file),
            schema,
            write_options(options)?,
        )
        .map_err(|e| Error::arrow(format!("start the IPC file {}", path.display()), e))?;
        Ok(IpcFileWriter {
            inner,
            path: path.to_path_buf(),
        })
    }

    /// Appends a batch (its schema must be the file's).
    pub fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        self.inner
            .write(batch)
            .map_err(|e| Error::arrow(format!("write a batch to {}", self.path.display()), e))
    }

    /// Writes the footer and flushes the file.
    pub fn finish(mut self) -> Result<()> {
        self.inner
            .finish()
            .map_err(|e| Error::arrow(format!("finish {}", self.path.display()), e))?;
        let mut file = self
            .inner
            .into_inner()
            .map_err(|e| Error::arrow(format!("flush {}", self.path.display()), e))?;
        file.flush().map_err(io_error("write", &self.path))
    }
}

fn schema_of(batches: &[RecordBatch], what: &str) -> Result<SchemaRef> {
    batches.first().map(RecordBatch::schema).ok_or_else(|| {
        Error::arrow(
            format!("write {what}"),
            arrow_schema::ArrowError::InvalidArgumentError(
                "no batches, hence no schema: use IpcFileWriter with a schema".into(),
            ),
        )
    })
}

/// Writes `batches` (at least one; all of the first one's schema) as an IPC file.
///
/// ```
/// use oxarray_arrow::ipc::{read_ipc_file, write_ipc_file, IpcOptions};
/// use oxarray_arrow::to_record_batch;
/// use oxarray_core::array;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("b.arrow");
/// let batch = to_record_batch(&[("v", &array![[1i32, 2], [3, 4]].into_dyn())])?;
/// write_ipc_file(&path, &[batch.clone()], &IpcOptions::default())?;
/// assert_eq!(read_ipc_file(&path)?, vec![batch]);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn write_ipc_file(
    path: impl AsRef<Path>,
    batches: &[RecordBatch],
    options: &IpcOptions,
) -> Result<()> {
    let path = path.as_ref();
    let schema = schema_of(batches, &format!("the IPC file {}", path.display()))?;
    let mut writer = IpcFileWriter::create(path, &schema, options)?;
    for batch in batches {
        writer.write(batch)?;
    }
    writer.finish()
}

/// Reads every batch of an IPC file, as pyarrow's `ipc.open_file(path).read_all()`: the
/// whole file in one read into one allocation, then every batch decoded in place, so the
/// batches' buffers are slices of that allocation (one copy in all, from the page cache).
/// [`MappedIpcFile`] maps the file instead and copies nothing.
///
/// ```
/// use oxarray_arrow::ipc::read_ipc_file;
/// let err = read_ipc_file("/no/such/file.arrow").unwrap_err();
/// assert!(err.to_string().starts_with("cannot open /no/such/file.arrow"));
/// ```
pub fn read_ipc_file(path: impl AsRef<Path>) -> Result<Vec<RecordBatch>> {
    let path = path.as_ref();
    let mut file = File::open(path).map_err(io_error("open", path))?;
    let bytes = read_whole(&mut file, path)?;
    MappedIpcFile::decode(bytes, path)?.batches()
}

/// The whole of `file` read into one oxarray allocation, as an Arrow buffer that owns it.
/// The allocation is 64-byte aligned, reuses a recently freed large block when one fits and
/// asks for huge pages otherwise, so a large read does not fault page by page (a `Vec` of the
/// system allocator would: about as costly as the read itself).
fn read_whole(file: &mut File, path: &Path) -> Result<Buffer> {
    let len = file.metadata().map_err(io_error("read", path))?.len();
    let len = usize::try_from(len).map_err(|_| {
        io_error("read", path)(std::io::Error::other("the file does not fit in memory"))
    })?;
    let mut failure = None;
    let storage = Storage::filled_with::<u8>(len, |slots| {
        if let Err(e) = read_into(file, slots) {
            // The contract of `filled_with`: every slot initialised, even on failure.
            slots.fill(MaybeUninit::new(0));
            failure = Some(e);
        }
    })?;
    if let Some(e) = failure {
        return Err(io_error("read", path)(e));
    }
    // SAFETY: the storage holds `len` initialised bytes (every slot was written above), the
    // extent of a contiguous 1-D layout of `len` elements at offset 0.
    let bytes = unsafe {
        Array::<u8>::from_storage(Arc::new(storage), 0, Layout::contiguous(&[len], Order::C))
    };
    Ok(buffer_of_array(&bytes).0)
}

/// Fills `slots` from the file's current position, straight into the uninitialised memory.
#[cfg(unix)]
fn read_into(file: &mut File, slots: &mut [MaybeUninit<u8>]) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let mut done = 0;
    while done < slots.len() {
        let rest = &mut slots[done..];
        // SAFETY: the kernel writes at most `rest.len()` bytes at `rest`'s start, memory this
        // function borrows exclusively; any bytes are valid `MaybeUninit<u8>`.
        let n = unsafe { libc::read(file.as_raw_fd(), rest.as_mut_ptr().cast(), rest.len()) };
        match n {
            0 => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the file shrank while it was read",
                ));
            }
            n if n > 0 => done += n as usize,
            _ => {
                let e = std::io::Error::last_os_error();
                if e.kind() != std::io::ErrorKind::Interrupted {
                    return Err(e);
                }
            }
        }
    }
    Ok(())
}

/// Fills `slots` from the file's current position (zeroed first: portable `Read` takes
/// initialised bytes).
#[cfg(not(unix))]
fn read_into(file: &mut File, slots: &mut [MaybeUninit<u8>]) -> std::io::Result<()> {
    slots.fill(MaybeUninit::new(0));
    // SAFETY: every slot was initialised just above; `u8` and `MaybeUninit<u8>` share layout.
    let bytes =
        unsafe { std::slice::from_raw_parts_mut(slots.as_mut_ptr().cast::<u8>(), slots.len()) };
    file.read_exact(bytes)
}

/// Writes `batches` (at least one) as an IPC stream to `writer`.
///
/// ```
/// use oxarray_arrow::ipc::{read_ipc_stream, write_ipc_stream, IpcOptions};
/// use oxarray_arrow::to_record_batch;
/// use oxarray_core::array;
/// let batch = to_record_batch(&[("b", &array![true, false].into_dyn())])?;
/// let mut bytes = Vec::new();
/// write_ipc_stream(&mut bytes, &[batch.clone()], &IpcOptions::default())?;
/// assert_eq!(read_ipc_stream(&bytes[..])?, vec![batch]);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn write_ipc_stream(
    writer: impl Write,
    batches: &[RecordBatch],
    options: &IpcOptions,
) -> Result<()> {
    let schema = schema_of(batches, "an IPC stream")?;
    let mut w = StreamWriter::try_new_with_options(writer, &schema, write_options(options)?)
        .map_err(|e| Error::arrow("start the IPC stream", e))?;
    for batch in batches {
        w.write(batch)
            .map_err(|e| Error::arrow("write a batch to the IPC stream", e))?;
    }
    w.finish()
        .map_err(|e| Error::arrow("finish the IPC stream", e))
}

/// Reads every batch of an IPC stream (see [`write_ipc_stream`] for an example).
///
/// ```
/// use oxarray_arrow::ipc::read_ipc_stream;
/// assert!(read_ipc_stream(&b"not arrow"[..]).is_err());
/// ```
pub fn read_ipc_stream(reader: impl Read) -> Result<Vec<RecordBatch>> {
    let reader = StreamReader::try_new_buffered(reader, None)
        .map_err(|e| Error::arrow("read the IPC stream", e))?;
    reader
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| Error::arrow("read a batch of the IPC stream", e))
}

/// An IPC file mapped into memory, its batches decoded in place on demand: the Arrow buffers
/// of a batch point into the map and keep it alive, so reading a column with
/// [`from_arrow_field`](crate::from_arrow_field) copies nothing. The file must not be
/// truncated or rewritten while mapped (the hazard of any file map).
///
/// ```
/// use oxarray_arrow::ipc::{write_ipc_file, IpcOptions, MappedIpcFile};
/// use oxarray_arrow::{from_record_batch, to_record_batch, FromArrowOptions};
/// use oxarray_core::Array;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("m.arrow");
/// let t = Array::<f32>::ones([8, 16])?.into_dyn();
/// write_ipc_file(&path, &[to_record_batch(&[("t", &t)])?], &IpcOptions::default())?;
/// let file = MappedIpcFile::open(&path)?;
/// assert_eq!(file.num_batches(), 1);
/// let cols = from_record_batch(&file.batch(0)?, &FromArrowOptions::default())?;
/// assert!(!cols[0].1.copied);                       // decoded in place
/// assert!(file.contains(cols[0].1.values.as_array::<f32>()?.as_ptr().cast()));
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
#[derive(Debug)]
pub struct MappedIpcFile {
    buffer: Buffer,
    decoder: FileDecoder,
    blocks: Vec<Block>,
    schema: SchemaRef,
    path: PathBuf,
}

impl MappedIpcFile {
    /// Maps `path` and reads its footer, schema and dictionaries.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let file = File::open(path).map_err(io_error("open", path))?;
        // SAFETY: the map is read-only and private to this process; the documented hazard of
        // any file map remains (another process truncating the file).
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(io_error("map", path))?;
        let len = map.len();
        // A map without an address (an empty file) has no bytes to hand to Arrow: `decode`
        // reports the file as too short.
        let Some(ptr) = NonNull::new(map.as_ptr().cast_mut()) else {
            return Self::decode(Buffer::from_vec(Vec::<u8>::new()), path);
        };
        // SAFETY: the map is `len` readable bytes at `ptr`, kept alive by the owner (the map
        // itself) as long as any buffer slice of it; nothing writes it (read-only map).
        let buffer = unsafe { Buffer::from_custom_allocation(ptr, len, Arc::new(map)) };
        Self::decode(buffer, path)
    }

    /// Reads the footer, schema and dictionaries of the IPC file held whole in `buffer`
    /// (mapped or read), `path` naming it in errors.
    fn decode(buffer: Buffer, path: &Path) -> Result<Self> {
        let bad = |reason: &str| {
            Error::arrow(
                format!("read the IPC file {}", path.display()),
                arrow_schema::ArrowError::IpcError(reason.into()),
            )
        };
        if buffer.len() < 10 {
            return Err(bad("the file is too short for an IPC footer"));
        }
        let len = buffer.len();
        let context = || format!("read the IPC footer of {}", path.display());
        let trailer: [u8; 10] = buffer.as_slice()[len - 10..]
            .try_into()
            .map_err(|_| bad("short trailer"))?;
        let footer_len = read_footer_length(trailer).map_err(|e| Error::arrow(context(), e))?;
        let footer_start = (len - 10)
            .checked_sub(footer_len)
            .ok_or_else(|| bad("footer longer than the file"))?;
        let footer = arrow_ipc::root_as_footer(&buffer.as_slice()[footer_start..len - 10])
            .map_err(|e| bad(&format!("invalid footer: {e}")))?;
        let fb_schema = footer
            .schema()
            .ok_or_else(|| bad("the footer has no schema"))?;
        let schema = Arc::new(
            arrow_ipc::convert::try_fb_to_schema(fb_schema)
                .map_err(|e| Error::arrow(context(), e))?,
        );
        let mut decoder = FileDecoder::new(Arc::clone(&schema), footer.version());
        for block in footer.dictionaries().iter().flatten() {
            let data = block_slice(&buffer, block)
                .ok_or_else(|| bad("a dictionary block lies outside the file"))?;
            decoder
                .read_dictionary(block, &data)
                .map_err(|e| Error::arrow(context(), e))?;
        }
        let blocks = footer
            .recordBatches()
            .map(|b| b.iter().copied().collect())
            .unwrap_or_default();
        Ok(MappedIpcFile {
            buffer,
            decoder,
            blocks,
            schema,
            path: path.to_path_buf(),
        })
    }

    /// The schema of the file.
    pub fn schema(&self) -> SchemaRef {
        Arc::clone(&self.schema)
    }

    /// The number of record batches.
    pub fn num_batches(&self) -> usize {
        self.blocks.len()
    }

    /// Batch `index`, decoded in place.
    pub fn batch(&self, index: usize) -> Result<RecordBatch> {
        let context = || format!("decode batch {index} of {}", self.path.display());
        let block = self.blocks.get(index).ok_or_else(|| {
            Error::Core(oxarray_core::Error::IndexOutOfBounds {
                index: index as isize,
                axis: 0,
                len: self.blocks.len(),
            })
        })?;
        let data = block_slice(&self.buffer, block).ok_or_else(|| {
            Error::arrow(
                context(),
                arrow_schema::ArrowError::IpcError("the block lies outside the file".into()),
            )
        })?;
        self.decoder
            .read_record_batch(block, &data)
            .map_err(|e| Error::arrow(context(), e))?
            .ok_or_else(|| {
                Error::arrow(
                    context(),
                    arrow_schema::ArrowError::IpcError("an empty block".into()),
                )
            })
    }

    /// Every batch, decoded in place.
    pub fn batches(&self) -> Result<Vec<RecordBatch>> {
        (0..self.num_batches()).map(|i| self.batch(i)).collect()
    }

    /// Whether `ptr` points into the mapped file (to check that a column was not copied).
    pub fn contains(&self, ptr: *const u8) -> bool {
        let start = self.buffer.as_ptr() as usize;
        (start..start + self.buffer.len()).contains(&(ptr as usize))
    }
}

fn block_slice(buffer: &Buffer, block: &Block) -> Option<Buffer> {
    let offset = usize::try_from(block.offset()).ok()?;
    let len =
        usize::try_from(block.bodyLength()).ok()? + usize::try_from(block.metaDataLength()).ok()?;
    (offset.checked_add(len)? <= buffer.len()).then(|| buffer.slice_with_length(offset, len))
}
