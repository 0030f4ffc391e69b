//! Share links: a whole plan in the URL fragment, `#/share/<payload>`, so it never
//! reaches a server. The payload is the plan's compact JSON (the layout storage uses),
//! compressed with raw DEFLATE (the browser's own `CompressionStream("deflate-raw")`,
//! which costs no download) and written in URL-safe base64 without padding.
//!
//! Opening a link goes through the same checks and limits as an imported plan file
//! (`format::import_file`); this module only turns bytes into text and back.

use std::fmt;

/// The longest link payload offered for sharing, in characters. Links are pasted into
/// chat apps and mail: Microsoft Teams keeps messages up to about 28 KB and Slack up
/// to 40,000 characters, and browsers keep far longer URLs (Chromium 2 MB). A plan
/// whose link would be longer is offered as a file instead.
pub const MAX_LINK_CHARS: usize = 24_000;

/// The longest payload read from a link someone else made (a tampered link can be any
/// length; a plan file's own limit applies once it is decompressed).
pub const MAX_READ_CHARS: usize = 4 * 1024 * 1024;

/// Why a link's payload cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Nothing after `#/share/`.
    Empty,
    /// Longer than [`MAX_READ_CHARS`].
    TooLong(usize),
    /// A character base64url does not use, or a length no encoding gives.
    Damaged,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => f.write_str("This share link holds no plan: ask for the link again, or for the plan file."),
            ShareError::TooLong(n) => write!(f, "This share link is {n} characters long, more than a plan's link can be: ask for the plan file instead."),
            ShareError::Damaged => f.write_str("This share link is damaged or cut short (some of it may have been lost when it was copied): ask for the link again, or for the plan file."),
        }
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Writes bytes as URL-safe base64 without padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

fn value(c: u8) -> Option<u32> {
    match c {
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

/// Reads a link's payload back into bytes.
pub fn decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ShareError::Empty);
    }
    if text.len() > MAX_READ_CHARS {
        return Err(ShareError::TooLong(text.len()));
    }
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return Err(ShareError::Damaged);
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= value(*c).ok_or(ShareError::Damaged)? << (18 - 6 * i);
        }
        let full = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&full[..chunk.len() - 1]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_length() {
        let data: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        for n in 0..40 {
            let text = encode(&data[..n]);
            assert!(text.bytes().all(|c| value(c).is_some()));
            if n > 0 {
                assert_eq!(decode(&text).unwrap(), &data[..n]);
            }
        }
        assert_eq!(encode(b"Man"), "TWFu");
        assert_eq!(encode(b"Ma"), "TWE");
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn refuses_what_no_link_holds() {
        assert_eq!(decode(""), Err(ShareError::Empty));
        assert_eq!(decode("TWF=u"), Err(ShareError::Damaged));
        assert_eq!(decode("TWFuT"), Err(ShareError::Damaged));
        assert_eq!(decode("TW+u"), Err(ShareError::Damaged));
        let long = "A".repeat(MAX_READ_CHARS + 4);
        assert_eq!(decode(&long), Err(ShareError::TooLong(long.len())));
        assert!(ShareError::Damaged.to_string().contains("cut short"));
    }
}
