//! The Oléron convention built into the binary: the seed's TOML text, read like any other
//! convention file when no file is given.

use super::{parse, Convention};
use crate::error::Result;

/// The Oléron convention of the seed, built into the binary and used when no file is given.
pub const EMBEDDED: &str = include_str!("../../conventions/oleron-2020-2022.toml");
/// How the embedded convention is named in messages.
pub const EMBEDDED_NAME: &str = "<embedded oleron-2020-2022.toml>";

/// The embedded convention, parsed and validated as a file would be.
pub fn embedded() -> Result<Convention> {
    parse(EMBEDDED, EMBEDDED_NAME)
}
