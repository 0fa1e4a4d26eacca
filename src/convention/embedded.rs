//! The Oléron convention built into the binary, and the copy of what `parse` gives for it,
//! which a start reads instead of parsing and validating the TOML (a sixth of the start of
//! `oleron-bill 2021 --semester 2`). The copy is in postcard, a compact binary serde format:
//! read back from JSON it cost a further twentieth of that start, most of it in page faults on
//! serde_json's code.

use serde::{Deserialize, Serialize};

use super::{parse, Convention};
use crate::error::Result;

/// The Oléron convention of the seed, built into the binary and used when no file is given.
pub const EMBEDDED: &str = include_str!("../../conventions/oleron-2020-2022.toml");
/// How the embedded convention is named in messages.
pub const EMBEDDED_NAME: &str = "<embedded oleron-2020-2022.toml>";
/// A `Copy` of `EMBEDDED`, written by `OLERON_BLESS=1 cargo test embedded`. Postcard keeps no
/// field names: a copy is only good for the types that wrote it, which the test below checks
/// at every `cargo test`, as it checks the copy against the TOML.
const COPY: &[u8] = include_bytes!("embedded.postcard");
/// The hash of `EMBEDDED`, worked out as the program is built.
const EMBEDDED_HASH: u64 = fnv1a(EMBEDDED);

/// What `parse` gave for a text, and which text.
#[derive(Serialize, Deserialize)]
struct Copy {
    /// The text's FNV-1a hash.
    toml: u64,
    convention: Convention,
}

/// The embedded convention.
pub fn embedded() -> Result<Convention> {
    match read_copy(COPY, EMBEDDED_HASH) {
        Some(convention) => Ok(convention),
        // The TOML edited and not copied yet: it is what counts.
        None => parse(EMBEDDED, EMBEDDED_NAME),
    }
}

/// The convention in `bytes`, if they are the copy of the text of hash `toml`.
fn read_copy(bytes: &[u8], toml: u64) -> Option<Convention> {
    let copy: Copy = postcard::from_bytes(bytes).ok()?;
    (copy.toml == toml).then_some(copy.convention)
}

/// FNV-1a, 64 bits: an edit of the text changes it.
const fn fnv1a(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    /// After an edit of the embedded TOML, or of the convention's types, `OLERON_BLESS=1 cargo
    /// test embedded` writes the copy anew.
    #[test]
    fn the_embedded_copy_is_what_the_toml_gives() {
        let parsed = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        let copy = Copy {
            toml: fnv1a(EMBEDDED),
            convention: parsed.clone(),
        };
        let bytes = postcard::to_allocvec(&copy).unwrap();
        if std::env::var_os("OLERON_BLESS").is_some() {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/convention/embedded.postcard"
            );
            std::fs::write(path, &bytes).unwrap();
            return;
        }
        assert!(
            bytes == COPY,
            "src/convention/embedded.postcard is not what the embedded TOML gives: \
             run `OLERON_BLESS=1 cargo test embedded`"
        );
        // Compared field by field, by name: what is read back is what the TOML gives.
        let read = read_copy(COPY, fnv1a(EMBEDDED)).expect("the copy reads");
        let named = |c: &Convention| serde_json::to_value(c).unwrap();
        assert_eq!(named(&read), named(&parsed));
    }

    /// A copy is read only for the text it was made from: an edit not copied yet is read
    /// from the TOML.
    #[test]
    fn a_copy_of_another_text_is_not_read() {
        let edited = EMBEDDED.replace("annual = \"45000.00\"", "annual = \"46000.00\"");
        assert_ne!(fnv1a(&edited), fnv1a(EMBEDDED));
        assert!(read_copy(COPY, fnv1a(&edited)).is_none());
        assert!(read_copy(b"{", fnv1a(EMBEDDED)).is_none());
        assert!(read_copy(&COPY[..COPY.len() - 1], fnv1a(EMBEDDED)).is_none());
        // FNV-1a of "a", as its authors give it.
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
