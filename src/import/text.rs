//! Turning a file's bytes into text.
//!
//! - UTF-8, with or without a byte order mark;
//! - UTF-16 little or big endian with a byte order mark (Google Ads and Meta save
//!   tab-separated files so);
//! - bytes that are not valid UTF-8 are read as Windows-1252 (what Excel on Windows
//!   writes), which never fails;
//! - a file holding NUL bytes without a UTF-16 byte order mark is not text (a
//!   spreadsheet, a zip, an image): refused with [`ImportError::NotText`].

use super::ImportError;

/// The decoded text and, when it was not plain UTF-8, a note saying how it was read.
pub(crate) struct Decoded {
    pub text: String,
    pub note: Option<&'static str>,
}

/// Windows-1252 characters for the bytes 0x80–0x9F (the rest is Latin-1).
const CP1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Decodes a file's bytes (see the module's rules); UTF-8 keeps their buffer.
pub(crate) fn decode(mut bytes: Vec<u8>) -> Result<Decoded, ImportError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
        return Ok(utf8_or_1252(bytes));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(utf16(rest, true));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(utf16(rest, false));
    }
    if has_nul(&bytes) {
        return Err(ImportError::NotText);
    }
    Ok(utf8_or_1252(bytes))
}

/// Each byte of a `u64` that is zero gets its high bit set (and no other byte does).
pub(crate) fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// Whether the bytes hold a NUL, looked for 8 bytes at a time.
fn has_nul(bytes: &[u8]) -> bool {
    let mut blocks = bytes.chunks_exact(64);
    for block in &mut blocks {
        let mut zeros = 0;
        for word in block.chunks_exact(8) {
            if let Ok(word) = <[u8; 8]>::try_from(word) {
                zeros |= zero_bytes(u64::from_le_bytes(word));
            }
        }
        if zeros != 0 {
            return true;
        }
    }
    blocks.remainder().contains(&0)
}

fn utf8_or_1252(bytes: Vec<u8>) -> Decoded {
    match String::from_utf8(bytes) {
        Ok(text) => Decoded { text, note: None },
        Err(e) => Decoded {
            text: e
                .as_bytes()
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => CP1252[usize::from(b - 0x80)],
                    _ => char::from(b),
                })
                .collect(),
            note: Some("Read as Windows-1252 text (the file is not UTF-8)"),
        },
    }
}

fn utf16(bytes: &[u8], little_endian: bool) -> Decoded {
    let units = bytes.chunks_exact(2).map(|pair| {
        if little_endian {
            u16::from_le_bytes([pair[0], pair[1]])
        } else {
            u16::from_be_bytes([pair[0], pair[1]])
        }
    });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    // A second byte order mark at the start (some tools write two) is dropped too.
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Decoded {
        text,
        note: Some("Read as UTF-16 text"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode(b"a,b\n".to_vec()).unwrap().text, "a,b\n");
        assert_eq!(decode(b"\xEF\xBB\xBFa,b".to_vec()).unwrap().text, "a,b");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Día\tb".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = decode(le).unwrap();
        assert_eq!(d.text, "Día\tb");
        assert_eq!(d.note, Some("Read as UTF-16 text"));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("x;y".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(be).unwrap().text, "x;y");
        let latin = decode(b"Caf\xe9,\x80 5".to_vec()).unwrap();
        assert_eq!(latin.text, "Café,€ 5");
        assert!(latin.note.is_some());
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00".to_vec()).err(),
            Some(ImportError::NotText)
        );
        for at in [0, 7, 8, 63, 64, 100, 127, 128, 130] {
            let mut bytes = vec![b'a'; 131];
            assert!(!has_nul(&bytes));
            bytes[at] = 0;
            assert!(has_nul(&bytes), "{at}");
            assert_eq!(decode(bytes).err(), Some(ImportError::NotText));
        }
    }

    #[test]
    fn zero_bytes_marks_exactly_the_zero_bytes() {
        for b in 0..=255u8 {
            for fill in [0u8, 1, 0x7F, 0x80, 0xFF] {
                for i in 0..8 {
                    let mut bytes = [fill; 8];
                    bytes[i] = b;
                    let m = zero_bytes(u64::from_le_bytes(bytes));
                    for (j, &byte) in bytes.iter().enumerate() {
                        let mark = (m >> (8 * j)) & 0xFF;
                        assert_eq!(mark, if byte == 0 { 0x80 } else { 0 });
                    }
                }
            }
        }
    }
}
