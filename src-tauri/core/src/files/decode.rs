//! Bytes to text in the encodings an office really has: UTF-8 (with or
//! without BOM), Excel's "Unicode text" (UTF-16 LE or BE with BOM, also
//! without one), and Windows-1252 from older programs. What cannot be read
//! is named with the encoding that was tried and the line.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::FileError;

/// `text` as read, and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

pub fn decode_text(bytes: &[u8]) -> Result<Decoded, FileError> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return strict(enc, &bytes[bom..]);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return strict(enc, bytes);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: text.to_string(), encoding: "UTF-8" });
    }
    // Windows-1252 gives every byte a character; the five it leaves
    // undefined come out as control characters, which no office text has.
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    if let Some(line) = text.lines().position(|l| l.chars().any(|c| c.is_control() && c != '\t')) {
        return Err(FileError::Undecodable { tried: "UTF-8, windows-1252", line: line + 1 });
    }
    Ok(Decoded { text: text.into_owned(), encoding: WINDOWS_1252.name() })
}

/// Decode all of `bytes` in `enc`, or say on which line it fails.
fn strict(enc: &'static Encoding, bytes: &[u8]) -> Result<Decoded, FileError> {
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(Decoded { text: text.into_owned(), encoding: enc.name() }),
        None => {
            let (lossy, _) = enc.decode_without_bom_handling(bytes);
            let line = lossy.lines().position(|l| l.contains('\u{FFFD}')).map_or(1, |l| l + 1);
            Err(FileError::Undecodable { tried: enc.name(), line })
        }
    }
}

/// UTF-16 without a BOM shows as a zero byte beside nearly every ASCII
/// character; UTF-8 and Windows-1252 text has no zero bytes at all.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zero_odd = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let zero_even = bytes.iter().step_by(2).filter(|b| **b == 0).count();
    if zero_odd * 10 >= pairs * 6 && zero_even == 0 {
        Some(UTF_16LE)
    } else if zero_even * 10 >= pairs * 6 && zero_odd == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for unit in text.encode_utf16() {
            out.extend(if le { unit.to_le_bytes() } else { unit.to_be_bytes() });
        }
        out
    }

    #[test]
    fn reads_every_encoding_an_office_has() {
        let text = "naam\tklas\nZoë\t1A\n";
        for (bytes, enc) in [
            (text.as_bytes().to_vec(), "UTF-8"),
            ([b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(), "UTF-8"),
            (utf16(text, true, true), "UTF-16LE"),
            (utf16(text, false, true), "UTF-16BE"),
            (utf16(text, true, false), "UTF-16LE"),
            (WINDOWS_1252.encode(text).0.into_owned(), "windows-1252"),
        ] {
            let d = decode_text(&bytes).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, enc));
        }
    }

    #[test]
    fn undecodable_text_names_the_encoding_and_the_line() {
        // UTF-16 LE with a lone high surrogate on line 2.
        let mut bytes = utf16("naam\nAn", true, true);
        bytes.extend([0x00, 0xD8, b'a', 0]);
        match decode_text(&bytes) {
            Err(FileError::Undecodable { tried, line }) => {
                assert_eq!((tried, line), ("UTF-16LE", 2))
            }
            other => panic!("{other:?}"),
        }
        // 0x81 is undefined in Windows-1252 and invalid UTF-8.
        match decode_text(b"naam\nAnna\nBr\x81m\n") {
            Err(FileError::Undecodable { tried, line }) => {
                assert_eq!((tried, line), ("UTF-8, windows-1252", 3))
            }
            other => panic!("{other:?}"),
        }
    }
}
