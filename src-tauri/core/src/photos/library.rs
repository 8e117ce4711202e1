//! Where photos live in the data folder: originals under their SHA-256
//! (so one file is one photo, however often it is imported) and thumbnails
//! made once and cached.

use std::io::{BufRead, Cursor, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use image::metadata::Orientation;
use image::{DynamicImage, ImageReader, Limits};
use sha2::{Digest, Sha256};

use super::{PhotoError, MAX_DECODE_BYTES};
use crate::crypto::keys::DataKey;
use crate::crypto::stream::{self, StreamError};
use crate::domain::consent::DocFormat;
use crate::files::{write_atomic, write_atomic_with, FileError};

/// Long side of a thumbnail (the library grid), in pixels.
pub const THUMB_SIZE: u32 = 400;
/// Long side of a preview (the tagging screen), in pixels: sharp enough to
/// see faces, a fraction of a 12-megapixel original to send to the window.
pub const PREVIEW_SIZE: u32 = 1600;

/// The library's folders, each sharded by the first two characters of a hash.
pub const KINDS: [&str; 4] = ["originals", "thumbs", "previews", "scans"];

pub fn content_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

pub struct Library {
    root: PathBuf,
    /// Every file written is encrypted with it and every file read
    /// decrypted; `None` only for a plain installation not migrated yet.
    key: Option<Arc<DataKey>>,
    /// Plain files from before encryption may still be read: the migration
    /// is under way. Afterwards a plain file here is damage, not data.
    plain_left: Arc<AtomicBool>,
}

impl Library {
    pub fn new(data_dir: &Path, key: Option<Arc<DataKey>>, plain_left: Arc<AtomicBool>) -> Library {
        Library { root: data_dir.join("photos"), key, plain_left }
    }

    fn shard(&self, kind: &str, hash: &str, ext: &str) -> PathBuf {
        let prefix = hash.get(..2).unwrap_or("00");
        self.root.join(kind).join(prefix).join(format!("{hash}.{ext}"))
    }

    pub fn original_path(&self, hash: &str, format: &str) -> PathBuf {
        self.shard("originals", hash, if format == "png" { "png" } else { "jpg" })
    }

    pub fn thumb_path(&self, hash: &str) -> PathBuf {
        self.shard("thumbs", hash, "jpg")
    }

    pub fn preview_path(&self, hash: &str) -> PathBuf {
        self.shard("previews", hash, "jpg")
    }

    /// A kept scan of a signed form or a drawn signature (`evidence`): in
    /// the library beside the photos, so it is encrypted, backed up and
    /// tidied after a crash the same way.
    pub fn scan_path(&self, hash: &str, format: DocFormat) -> PathBuf {
        self.shard("scans", hash, format.extension())
    }

    /// Keep a scan exactly as it came; true when it was not stored yet.
    pub fn store_scan(&self, hash: &str, format: DocFormat, bytes: &[u8]) -> Result<bool, PhotoError> {
        let path = self.scan_path(hash, format);
        if path.exists() {
            return Ok(false);
        }
        self.write(&path, bytes)?;
        Ok(true)
    }

    /// A kept scan's bytes, decrypted; damaged when the file was changed.
    pub fn read_scan(&self, hash: &str, format: DocFormat) -> Result<Vec<u8>, PhotoError> {
        self.read(&self.scan_path(hash, format))
    }

    /// Remove a kept scan (its last row went, or storing its row failed).
    pub fn forget_scan(&self, hash: &str, format: DocFormat) {
        let _ = std::fs::remove_file(self.scan_path(hash, format));
    }

    /// Write a file completely or not at all: encrypted, fsynced, renamed.
    fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), PhotoError> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|source| FileError::Write { path: dir.to_path_buf(), source })?;
        let written = match &self.key {
            Some(key) => write_atomic_with(path, |f| {
                let mut out = std::io::BufWriter::new(f);
                stream::encrypt(key, &mut &bytes[..], &mut out).map_err(io_error)?;
                out.flush()
            }),
            None => write_atomic(path, bytes),
        };
        Ok(written.map_err(|source| FileError::Write { path: path.to_path_buf(), source })?)
    }

    /// A file of the library as it was written: decrypted, or refused as
    /// damaged (changed, cut off, or plain where it may not be).
    fn read(&self, path: &Path) -> Result<Vec<u8>, PhotoError> {
        let file = std::fs::File::open(path).map_err(|source| FileError::Read { path: path.to_path_buf(), source })?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut input = std::io::BufReader::new(file);
        let head = input.fill_buf().map_err(|source| FileError::Read { path: path.to_path_buf(), source })?;
        let damaged = || PhotoError::Damaged(self.name_of(path));
        if stream::is_encrypted(head) {
            let key = self.key.as_ref().ok_or_else(damaged)?;
            let mut out = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
            return match stream::decrypt(key, &mut input, &mut out) {
                Ok(()) => Ok(out),
                Err(StreamError::Io(source)) => Err(FileError::Read { path: path.to_path_buf(), source }.into()),
                Err(_) => Err(damaged()),
            };
        }
        if self.key.is_some() && !self.plain_left.load(Ordering::Relaxed) {
            return Err(damaged());
        }
        let mut out = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        input.read_to_end(&mut out).map_err(|source| FileError::Read { path: path.to_path_buf(), source })?;
        Ok(out)
    }

    /// A file's place in the library, for messages (never a full path with a user's folders).
    fn name_of(&self, path: &Path) -> String {
        path.strip_prefix(&self.root).unwrap_or(path).display().to_string()
    }

    /// Keep the original exactly as it came; true when it was not stored yet.
    pub fn store_original(&self, hash: &str, format: &str, bytes: &[u8]) -> Result<bool, PhotoError> {
        let path = self.original_path(hash, format);
        if path.exists() {
            return Ok(false);
        }
        self.write(&path, bytes)?;
        Ok(true)
    }

    /// The stored original's bytes.
    pub fn read_original(&self, hash: &str, format: &str) -> Result<Vec<u8>, PhotoError> {
        self.read(&self.original_path(hash, format))
    }

    /// Remove temporary files a killed import left in the library.
    pub fn clean_temps(&self) -> usize {
        crate::files::clean_stale_temps(&self.root, 2)
    }

    /// Make the thumbnail unless it exists.
    pub fn ensure_thumbnail(&self, name: &str, hash: &str, bytes: &[u8], orientation: u8) -> Result<(), PhotoError> {
        let path = self.thumb_path(hash);
        if !path.exists() {
            self.make_scaled(&path, THUMB_SIZE, name, bytes, orientation)?;
        }
        Ok(())
    }

    /// The thumbnail's JPEG, made again from the original when it was lost
    /// (a cleaned cache).
    pub fn thumbnail(&self, name: &str, hash: &str, format: &str, orientation: u8) -> Result<Vec<u8>, PhotoError> {
        let path = self.thumb_path(hash);
        if path.exists() {
            return self.read(&path);
        }
        let original = self.read_original(hash, format)?;
        self.make_scaled(&path, THUMB_SIZE, name, &original, orientation)
    }

    /// The preview's JPEG, made from the stored original on first view
    /// rather than at import, so importing stays fast.
    pub fn preview(&self, name: &str, hash: &str, format: &str, orientation: u8) -> Result<Vec<u8>, PhotoError> {
        let path = self.preview_path(hash);
        if path.exists() {
            return self.read(&path);
        }
        let original = self.read_original(hash, format)?;
        self.make_scaled(&path, PREVIEW_SIZE, name, &original, orientation)
    }

    /// A JPEG of the photo as shown, its long side at most `size` pixels, kept at `path`.
    fn make_scaled(&self, path: &Path, size: u32, name: &str, bytes: &[u8], orientation: u8) -> Result<Vec<u8>, PhotoError> {
        let img = match scaled_jpeg(bytes, orientation, size) {
            Some(small) => small,
            None => decode(name, bytes, orientation)?,
        };
        let scaled = if img.width() > size || img.height() > size { shrink(img, size) } else { img };
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82).encode_image(&scaled.to_rgb8()).map_err(|e| PhotoError::from_image(name, &e))?;
        self.write(path, &out)?;
        Ok(out)
    }

    /// Remove a stored original and thumbnail (used when an import is rolled back).
    pub fn forget(&self, hash: &str, format: &str) {
        let _ = std::fs::remove_file(self.original_path(hash, format));
        let _ = std::fs::remove_file(self.thumb_path(hash));
        let _ = std::fs::remove_file(self.preview_path(hash));
    }

    /// Start adding or removing files outside a database transaction (an
    /// import, the files of a retention run): one process at a time, across
    /// processes. Until the returned guard is dropped a marker stays in the
    /// library, so a process killed halfway leaves it behind and the next
    /// opening tidies up ([`Library::tidy_after_crash`]).
    pub fn begin_changes(&self) -> Result<Changing, PhotoError> {
        let lock = self.open_lock()?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(PhotoError::Busy),
            Err(std::fs::TryLockError::Error(source)) => return Err(FileError::Write { path: self.lock_path(), source }.into()),
        }
        let marker = self.marker_path();
        write_atomic(&marker, b"").map_err(|source| FileError::Write { path: marker.clone(), source })?;
        Ok(Changing { _lock: lock, marker })
    }

    fn lock_path(&self) -> PathBuf {
        self.root.join("changes.lock")
    }

    fn marker_path(&self) -> PathBuf {
        self.root.join("changing")
    }

    /// The lock file is made with the data folder (and at the first opening
    /// of an older one), so that importing a file that is then refused
    /// leaves the folder exactly as it was.
    pub fn ensure_lock_file(&self) -> Result<(), PhotoError> {
        self.open_lock().map(drop)
    }

    fn open_lock(&self) -> Result<std::fs::File, PhotoError> {
        std::fs::create_dir_all(&self.root).map_err(|source| FileError::Write { path: self.root.clone(), source })?;
        let path = self.lock_path();
        Ok(std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(|source| FileError::Write { path, source })?)
    }

    /// Whether a process that was adding or removing files did not finish.
    pub fn needs_tidying(&self) -> bool {
        self.marker_path().exists()
    }

    /// After a process died while changing the library: remove every file
    /// whose photo no row names (`known`) and temporary files of dead
    /// processes. `None` when another process is changing the library now
    /// (it tidies nothing of its own); otherwise how many files went.
    pub fn tidy_after_crash(&self, known: &dyn Fn(&str) -> bool) -> Result<Option<usize>, PhotoError> {
        if !self.needs_tidying() {
            return Ok(Some(0));
        }
        let lock = self.open_lock()?;
        if lock.try_lock().is_err() {
            return Ok(None);
        }
        let mut removed = self.clean_temps();
        for file in self.stored_files() {
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let hash = name.split('.').next().unwrap_or_default();
            if !known(hash) && std::fs::remove_file(&file).is_ok() {
                removed += 1;
            }
        }
        let marker = self.marker_path();
        std::fs::remove_file(&marker).map_err(|source| FileError::Write { path: marker, source })?;
        Ok(Some(removed))
    }

    /// The library's plain files (kept before encryption), in a stable order.
    pub fn plain_files(&self) -> Vec<PathBuf> {
        self.stored_files().into_iter().filter(|f| !starts_encrypted(f)).collect()
    }

    /// Every file the library keeps (originals, thumbnails, previews, scans),
    /// in a stable order; temporary and hidden files left out.
    fn stored_files(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for kind in KINDS {
            for shard in read_dir_sorted(&self.root.join(kind)) {
                for file in read_dir_sorted(&shard) {
                    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    if file.is_file() && !name.starts_with('.') {
                        out.push(file);
                    }
                }
            }
        }
        out
    }

    /// Encrypt one plain file in place: the encrypted copy is written beside
    /// it, read back and compared, and only then renamed over the plain one,
    /// so an interruption at any point leaves one whole file, plain or not.
    pub fn encrypt_in_place(&self, path: &Path) -> Result<u64, PhotoError> {
        let key = self.key.as_ref().ok_or(PhotoError::NoLibrary)?;
        let plain = std::fs::read(path).map_err(|source| FileError::Read { path: path.to_path_buf(), source })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let written = write_atomic_with(path, |f| {
            let mut out = std::io::BufWriter::new(&mut *f);
            stream::encrypt(key, &mut &plain[..], &mut out).map_err(io_error)?;
            out.flush()?;
            drop(out);
            f.sync_all()?;
            // Read back what is on disk before it replaces the plain file.
            f.seek(std::io::SeekFrom::Start(0))?;
            let mut back = Vec::with_capacity(plain.len());
            stream::decrypt(key, &mut std::io::BufReader::new(&mut *f), &mut back).map_err(io_error)?;
            if back != plain {
                return Err(std::io::Error::other("encrypted copy differs"));
            }
            Ok(())
        });
        written.map_err(|source| FileError::Write { path: dir.to_path_buf(), source })?;
        Ok(plain.len() as u64)
    }
}

/// Held while library files change outside a transaction; dropping it (at
/// the end of the work, or when it fails) removes the marker and frees the
/// lock. A killed process drops nothing: the marker stays for the next opening.
pub struct Changing {
    _lock: std::fs::File,
    marker: PathBuf,
}

impl Drop for Changing {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.marker);
    }
}

fn io_error(e: StreamError) -> std::io::Error {
    match e {
        StreamError::Io(e) => e,
        other => std::io::Error::other(other.to_string()),
    }
}

fn starts_encrypted(path: &Path) -> bool {
    let mut head = [0u8; 4];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok() && stream::is_encrypted(&head)
}

fn read_dir_sorted(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    out.sort();
    out
}

/// A JPEG decoded at 1/2, 1/4 or 1/8 of its size straight from the DCT
/// (as vips does): a 12-megapixel photo costs a fraction of a full decode.
/// `None` when the file is not a plain RGB/grey JPEG; the caller then decodes fully.
pub(crate) fn scaled_jpeg(bytes: &[u8], orientation: u8, size: u32) -> Option<DynamicImage> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let target = u16::try_from(size).ok()?;
    // At 1/8 the DC coefficients are the whole picture: the fast path.
    if let Some(e) = super::jpeg_dc::decode(bytes, size) {
        let img = match e.channels {
            1 => DynamicImage::ImageLuma8(image::GrayImage::from_raw(e.width, e.height, e.pixels)?),
            _ => DynamicImage::ImageRgb8(image::RgbImage::from_raw(e.width, e.height, e.pixels)?),
        };
        return Some(oriented(img, orientation));
    }
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.scale(target, target).ok()?;
    let pixels = decoder.decode().ok()?;
    let info = decoder.info()?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    let img = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, pixels)?),
        jpeg_decoder::PixelFormat::L8 => DynamicImage::ImageLuma8(image::GrayImage::from_raw(w, h, pixels)?),
        _ => return None,
    };
    Some(oriented(img, orientation))
}

/// The picture made smaller to fit in `size` × `size`, its shape kept:
/// fast_image_resize's Lanczos filter (the reference thumbnailer's, vips's
/// default) with the processor's vector instructions.
fn shrink(img: DynamicImage, size: u32) -> DynamicImage {
    use fast_image_resize::{images::Image, images::ImageRef, FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
    let (w, h) = (u64::from(img.width()), u64::from(img.height()));
    let side = u64::from(size);
    let fit = |long: u64, short: u64| ((short * side + long / 2) / long).clamp(1, side) as u32;
    let (nw, nh) = if w >= h { (size, fit(w, h)) } else { (fit(h, w), size) };
    let rgb = img.into_rgb8();
    let mut dst = Image::new(nw, nh, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    let resized = ImageRef::new(rgb.width(), rgb.height(), rgb.as_raw(), PixelType::U8x3)
        .ok()
        .and_then(|src| Resizer::new().resize(&src, &mut dst, &options).ok())
        .and_then(|()| image::RgbImage::from_raw(nw, nh, dst.into_vec()));
    match resized {
        Some(small) => DynamicImage::ImageRgb8(small),
        // Not expected (sizes and pixel types match): `image`'s slower resize.
        None => DynamicImage::ImageRgb8(rgb).thumbnail(size, size),
    }
}

/// The picture turned the way its EXIF orientation says it is shown.
fn oriented(mut img: DynamicImage, orientation: u8) -> DynamicImage {
    if let Some(o) = Orientation::from_exif(orientation) {
        img.apply_orientation(o);
    }
    img
}

/// Decode with a memory limit and turn the picture the way it is shown.
pub fn decode(name: &str, bytes: &[u8], orientation: u8) -> Result<DynamicImage, PhotoError> {
    let mut reader =
        ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| PhotoError::File(FileError::Read { path: name.into(), source: e }))?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| PhotoError::from_image(name, &e))?;
    Ok(oriented(img, orientation))
}
