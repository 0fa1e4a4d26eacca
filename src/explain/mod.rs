//! `explain`'s views of a year's derivation (`derivation`): `text`, in French for a
//! commune's finance officer, and `data`, JSON for an auditor's script.

pub mod data;
pub mod text;
