//! Where photos live in the data folder: originals under their SHA-256
//! (so one file is one photo, however often it is imported) and thumbnails
//! made once and cached.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::metadata::Orientation;
use image::{DynamicImage, ImageReader, Limits};
use sha2::{Digest, Sha256};

use super::{PhotoError, MAX_DECODE_BYTES};
use crate::files::{write_atomic, FileError};

/// Long side of a thumbnail (the library grid), in pixels.
pub const THUMB_SIZE: u32 = 400;
/// Long side of a preview (the tagging screen), in pixels: sharp enough to
/// see faces, a fraction of a 12-megapixel original to send to the window.
pub const PREVIEW_SIZE: u32 = 1600;

pub fn content_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

pub struct Library {
    root: PathBuf,
}

impl Library {
    pub fn new(data_dir: &Path) -> Library {
        Library { root: data_dir.join("photos") }
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

    fn write(path: &Path, bytes: &[u8]) -> Result<(), PhotoError> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|source| FileError::Write { path: dir.to_path_buf(), source })?;
        Ok(write_atomic(path, bytes).map_err(|source| FileError::Write { path: path.to_path_buf(), source })?)
    }

    /// Keep the original exactly as it came; true when it was not stored yet.
    pub fn store_original(&self, hash: &str, format: &str, bytes: &[u8]) -> Result<bool, PhotoError> {
        let path = self.original_path(hash, format);
        if path.exists() {
            return Ok(false);
        }
        Library::write(&path, bytes)?;
        Ok(true)
    }

    /// The stored original's bytes.
    pub fn read_original(&self, hash: &str, format: &str) -> Result<Vec<u8>, FileError> {
        let path = self.original_path(hash, format);
        std::fs::read(&path).map_err(|source| FileError::Read { path, source })
    }

    /// Remove temporary files a killed import left in the library.
    pub fn clean_temps(&self) -> usize {
        crate::files::clean_stale_temps(&self.root, 2)
    }

    /// Make the thumbnail unless it exists.
    pub fn ensure_thumbnail(&self, name: &str, hash: &str, bytes: &[u8], orientation: u8) -> Result<PathBuf, PhotoError> {
        Library::ensure_scaled(&self.thumb_path(hash), THUMB_SIZE, name, bytes, orientation)
    }

    /// Make the preview from the stored original unless it exists. Made on
    /// first view rather than at import, so importing stays fast.
    pub fn ensure_preview(&self, name: &str, hash: &str, format: &str, orientation: u8) -> Result<PathBuf, PhotoError> {
        let path = self.preview_path(hash);
        if path.exists() {
            return Ok(path);
        }
        let bytes = self.read_original(hash, format)?;
        Library::ensure_scaled(&path, PREVIEW_SIZE, name, &bytes, orientation)
    }

    /// A JPEG of the photo as shown, its long side at most `size` pixels.
    fn ensure_scaled(path: &Path, size: u32, name: &str, bytes: &[u8], orientation: u8) -> Result<PathBuf, PhotoError> {
        if path.exists() {
            return Ok(path.to_path_buf());
        }
        let img = match scaled_jpeg(bytes, orientation, size) {
            Some(small) => small,
            None => decode(name, bytes, orientation)?,
        };
        let scaled = if img.width() > size || img.height() > size { img.thumbnail(size, size) } else { img };
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82).encode_image(&scaled.to_rgb8()).map_err(|e| PhotoError::from_image(name, &e))?;
        Library::write(path, &out)?;
        Ok(path.to_path_buf())
    }

    /// Remove a stored original and thumbnail (used when an import is rolled back).
    pub fn forget(&self, hash: &str, format: &str) {
        let _ = std::fs::remove_file(self.original_path(hash, format));
        let _ = std::fs::remove_file(self.thumb_path(hash));
        let _ = std::fs::remove_file(self.preview_path(hash));
    }
}

/// A JPEG decoded at 1/2, 1/4 or 1/8 of its size straight from the DCT
/// (as vips does): a 12-megapixel photo costs a fraction of a full decode.
/// `None` when the file is not a plain RGB/grey JPEG; the caller then decodes fully.
fn scaled_jpeg(bytes: &[u8], orientation: u8, size: u32) -> Option<DynamicImage> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    let target = u16::try_from(size).ok()?;
    decoder.scale(target, target).ok()?;
    let pixels = decoder.decode().ok()?;
    let info = decoder.info()?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    let mut img = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, pixels)?),
        jpeg_decoder::PixelFormat::L8 => DynamicImage::ImageLuma8(image::GrayImage::from_raw(w, h, pixels)?),
        _ => return None,
    };
    if let Some(o) = Orientation::from_exif(orientation) {
        img.apply_orientation(o);
    }
    Some(img)
}

/// Decode with a memory limit and turn the picture the way it is shown.
pub fn decode(name: &str, bytes: &[u8], orientation: u8) -> Result<DynamicImage, PhotoError> {
    let mut reader =
        ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| PhotoError::File(FileError::Read { path: name.into(), source: e }))?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut img = reader.decode().map_err(|e| PhotoError::from_image(name, &e))?;
    if let Some(o) = Orientation::from_exif(orientation) {
        img.apply_orientation(o);
    }
    Ok(img)
}
