//! A minimal, deterministic zip: entries sorted by name, a fixed timestamp (1980-01-01 00:00), no extra
//! fields, stored or deflated (whichever is smaller); and a reader for the central directory that hands
//! back each entry's bytes as stored, for the caller to inflate.

use thiserror::Error;

/// How an entry's bytes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Stored,
    Deflated,
}

/// One entry of a zip, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEntry<'a> {
    pub name: String,
    pub method: Method,
    /// The stored bytes (raw deflate for [`Method::Deflated`]).
    pub data: &'a [u8],
    pub size: u32,
    pub crc32: u32,
}

/// One entry of a zip, uncompressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipEntry {
    pub name: String,
    pub data: Vec<u8>,
}

/// A zip this reader cannot take.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ZipError {
    #[error("not a zip file (no end of central directory)")]
    NotZip,
    #[error("the zip is cut short or damaged near byte {0}")]
    Truncated(usize),
    #[error("entry `{0}` uses an unsupported compression method {1} (stored and deflate only)")]
    Method(String, u16),
    #[error("entry `{0}` is encrypted, split or zip64, which packages never are")]
    Unsupported(String),
    #[error("entry `{0}` has a name outside the package")]
    Path(String),
    #[error("entry `{0}` failed to inflate: {1}")]
    Inflate(String, String),
    #[error("entry `{0}` does not match its CRC-32: the zip is damaged")]
    Crc(String),
}

/// CRC-32 (IEEE), as zip uses.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// DOS date of 1980-01-01 and time 00:00, the earliest a zip can say: a fixed stamp keeps packs
/// byte-identical.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;

/// Writes `entries` (sorted by name here) as a zip, deflating each with `deflate` (raw deflate) when that
/// is smaller.
pub fn write(entries: &[ZipEntry], deflate: &dyn Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let mut sorted: Vec<&ZipEntry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in &sorted {
        let packed = deflate(&e.data);
        let (method, body): (u16, &[u8]) = if packed.len() < e.data.len() {
            (8, &packed)
        } else {
            (0, &e.data)
        };
        let crc = crc32(&e.data);
        let offset = out.len() as u32;
        let name = e.name.as_bytes();
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by: 2.0
            }
            h.extend(20u16.to_le_bytes()); // needed: 2.0
            h.extend(0x0800u16.to_le_bytes()); // flags: names are UTF-8
            h.extend(method.to_le_bytes());
            h.extend(DOS_TIME.to_le_bytes());
            h.extend(DOS_DATE.to_le_bytes());
            h.extend(crc.to_le_bytes());
            h.extend((body.len() as u32).to_le_bytes());
            h.extend((e.data.len() as u32).to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend(0u16.to_le_bytes()); // comment
                h.extend(0u16.to_le_bytes()); // disk
                h.extend(0u16.to_le_bytes()); // internal attributes
                h.extend((0o100644u32 << 16).to_le_bytes()); // external: a regular file, rw-r--r--
                h.extend(offset.to_le_bytes());
            }
            h.extend(name);
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(body);
        central.extend(header(0x0201_4b50, true));
    }
    let dir_offset = out.len() as u32;
    let dir_len = central.len() as u32;
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]); // disk numbers
    out.extend((sorted.len() as u16).to_le_bytes());
    out.extend((sorted.len() as u16).to_le_bytes());
    out.extend(dir_len.to_le_bytes());
    out.extend(dir_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes()); // comment
    out
}

fn u16_at(b: &[u8], at: usize) -> Result<u16, ZipError> {
    b.get(at..at + 2)
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
        .ok_or(ZipError::Truncated(at))
}

fn u32_at(b: &[u8], at: usize) -> Result<u32, ZipError> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or(ZipError::Truncated(at))
}

/// Reads the central directory of `bytes` and returns each file entry as stored (folders skipped).
pub fn entries(bytes: &[u8]) -> Result<Vec<RawEntry<'_>>, ZipError> {
    let min = 22;
    if bytes.len() < min {
        return Err(ZipError::NotZip);
    }
    let search_from = bytes.len().saturating_sub(min + 65_535);
    let eocd = (search_from..=bytes.len() - min)
        .rev()
        .find(|&i| bytes[i..i + 4] == [0x50, 0x4b, 0x05, 0x06])
        .ok_or(ZipError::NotZip)?;
    let count = usize::from(u16_at(bytes, eocd + 10)?);
    let mut at = u32_at(bytes, eocd + 16)? as usize;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        if u32_at(bytes, at)? != 0x0201_4b50 {
            return Err(ZipError::Truncated(at));
        }
        let flags = u16_at(bytes, at + 8)?;
        let method = u16_at(bytes, at + 10)?;
        let crc32 = u32_at(bytes, at + 16)?;
        let csize = u32_at(bytes, at + 20)? as usize;
        let size = u32_at(bytes, at + 24)?;
        let name_len = usize::from(u16_at(bytes, at + 28)?);
        let extra_len = usize::from(u16_at(bytes, at + 30)?);
        let comment_len = usize::from(u16_at(bytes, at + 32)?);
        let local = u32_at(bytes, at + 42)? as usize;
        let name_bytes = bytes
            .get(at + 46..at + 46 + name_len)
            .ok_or(ZipError::Truncated(at))?;
        let name = String::from_utf8_lossy(name_bytes).into_owned();
        at += 46 + name_len + extra_len + comment_len;
        if name.ends_with('/') {
            continue;
        }
        if flags & 0x0001 != 0 || csize == 0xFFFF_FFFF || size == 0xFFFF_FFFF {
            return Err(ZipError::Unsupported(name));
        }
        if !crate::package::validate::is_package_path(&name) {
            return Err(ZipError::Path(name));
        }
        let method = match method {
            0 => Method::Stored,
            8 => Method::Deflated,
            other => return Err(ZipError::Method(name, other)),
        };
        if u32_at(bytes, local)? != 0x0403_4b50 {
            return Err(ZipError::Truncated(local));
        }
        let local_name = usize::from(u16_at(bytes, local + 26)?);
        let local_extra = usize::from(u16_at(bytes, local + 28)?);
        let start = local + 30 + local_name + local_extra;
        let data = bytes
            .get(start..start + csize)
            .ok_or(ZipError::Truncated(start))?;
        out.push(RawEntry {
            name,
            method,
            data,
            size,
            crc32,
        });
    }
    Ok(out)
}

/// Raw-deflate decompression: the stored bytes and the expected size, to the file's bytes.
pub type Inflate<'a> = &'a dyn Fn(&[u8], usize) -> Result<Vec<u8>, String>;

/// Reads every entry, inflating with `inflate` (raw deflate, with the expected size) and checking CRCs.
pub fn read(bytes: &[u8], inflate: Inflate<'_>) -> Result<Vec<ZipEntry>, ZipError> {
    entries(bytes)?
        .into_iter()
        .map(|e| {
            let data = match e.method {
                Method::Stored => e.data.to_vec(),
                Method::Deflated => inflate(e.data, e.size as usize)
                    .map_err(|m| ZipError::Inflate(e.name.clone(), m))?,
            };
            if crc32(&data) != e.crc32 {
                return Err(ZipError::Crc(e.name));
            }
            Ok(ZipEntry { name: e.name, data })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, data: &[u8]) -> ZipEntry {
        ZipEntry {
            name: name.into(),
            data: data.to_vec(),
        }
    }

    fn no_deflate(d: &[u8]) -> Vec<u8> {
        d.to_vec()
    }

    fn no_inflate(_: &[u8], _: usize) -> Result<Vec<u8>, String> {
        Err("not deflated in this test".into())
    }

    #[test]
    fn writes_deterministically_and_reads_back() {
        let files = vec![entry("b.json", b"{}"), entry("a/x.txt", b"hello")];
        let zip = write(&files, &no_deflate);
        let reversed: Vec<ZipEntry> = files.iter().rev().cloned().collect();
        assert_eq!(
            zip,
            write(&reversed, &no_deflate),
            "order of input does not matter"
        );
        let back = read(&zip, &no_inflate).expect("reads");
        assert_eq!(
            back,
            vec![entry("a/x.txt", b"hello"), entry("b.json", b"{}")]
        );
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn damage_is_detected() {
        let mut zip = write(&[entry("a.txt", b"hello")], &no_deflate);
        let at = zip.windows(5).position(|w| w == b"hello").expect("stored");
        zip[at] = b'j';
        assert_eq!(read(&zip, &no_inflate), Err(ZipError::Crc("a.txt".into())));
        assert_eq!(entries(b"not a zip at all, no"), Err(ZipError::NotZip));
        let cut = write(&[entry("a.txt", b"hello")], &no_deflate);
        assert!(entries(&cut[10..]).is_err());
    }

    #[test]
    fn names_outside_the_package_are_refused() {
        let zip = write(&[entry("../evil.txt", b"x")], &no_deflate);
        assert_eq!(entries(&zip), Err(ZipError::Path("../evil.txt".into())));
    }
}
