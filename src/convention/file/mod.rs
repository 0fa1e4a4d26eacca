//! The convention file format (TOML): raw structures as written, then validation into a typed
//! `Convention`. Every rule a file can break is checked here, before anything is computed. Each
//! section of the file has its module; this one reads the file, assembles the sections and holds
//! the checks they share (amounts, percents, ids).

mod cost;
mod header;
mod legal;
mod members;
mod parties;
mod published;
mod rebilling;
mod services;
mod toml_error;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;
use unicode_normalization::{is_nfc, UnicodeNormalization};

use self::cost::{RawAdjustment, RawCost};
use self::header::RawHeader;
use self::legal::RawLegalBasis;
use self::members::{RawMember, RawSplit};
use self::parties::RawIdentity;
use self::published::RawPublished;
use self::rebilling::RawRebilling;
use self::services::RawService;
use super::number::Number;
use super::Convention;
use crate::error::{is_control, is_direction, is_invisible, Error, LineIndex, Location, Result};
use crate::messages::convention as msg;
use crate::messages::names as names_msg;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    convention: Spanned<RawHeader>,
    legal_basis: Option<Spanned<RawLegalBasis>>,
    provider: Option<RawIdentity>,
    cost: Spanned<RawCost>,
    #[serde(default)]
    adjustment: Vec<Spanned<RawAdjustment>>,
    split: Spanned<RawSplit>,
    member: Vec<Spanned<RawMember>>,
    #[serde(default)]
    service: Vec<Spanned<RawService>>,
    rebilling: Option<RawRebilling>,
    #[serde(default)]
    published: Vec<Spanned<RawPublished>>,
}

/// Largest amount of money a file may hold, so that no computation can overflow.
const MONEY_LIMIT: i64 = 1_000_000_000_000;
/// Decimal places allowed in a percent, for the same reason.
const PERCENT_PLACES: u32 = 6;
/// What a text may not start with: a spreadsheet reads a cell starting so as a formula (OWASP,
/// "CSV injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
/// Longest name of a member, of an alias, of the provider or of the ordonnateur, in characters:
/// a name prints on one line of a titre, and a longer one would fill pages.
pub const NAME_MAX_CHARS: usize = 100;
/// Longest label, in characters: of the cost, an adjustment, a service, its unit, the legal
/// basis and its articles and acts, the ordonnateur's title, an account. A label prints on a
/// line or two of a titre; longer, it would be a text pasted by mistake and fill pages.
pub const LABEL_MAX_CHARS: usize = 200;
/// Longest `[rebilling] mention`, in characters: the voies et délais de recours take a
/// paragraph, a mention of more would fill a page of the titre on its own.
pub const MENTION_MAX_CHARS: usize = 1000;
/// Longest id: it names files (`rebill-2021-<id>.txt`), and file systems cap a name at 255 bytes.
const ID_MAX_LEN: usize = 64;

/// The largest convention file read, in bytes: a convention of a few hundred members takes a
/// tenth of it, and reading more could exhaust memory.
pub const MAX_FILE_BYTES: usize = 1 << 20;

/// Refuses a convention file of `len` bytes when it is over `MAX_FILE_BYTES`.
pub fn check_size(file: &str, len: usize) -> Result<()> {
    if len > MAX_FILE_BYTES {
        return Err(Error::input(Location::file(file), msg::too_large_file()));
    }
    Ok(())
}

/// Reads and validates the convention in `text`; `file` names it in error messages.
pub fn parse(text: &str, file: &str) -> Result<Convention> {
    check_size(file, text.len())?;
    // A name typed on a Mac comes decomposed ("e" and a combining accent): composed, it is the
    // name typed elsewhere, compares equal to it, and prints as one letter.
    let text: Cow<str> = match is_nfc(text) {
        true => Cow::Borrowed(text),
        false => Cow::Owned(text.nfc().collect()),
    };
    let text = &*text;
    let lines = LineIndex::new(text);
    let raw: RawFile = toml::from_str(text).map_err(|e| toml_error::explain(&e, text, file))?;
    Validator {
        file,
        lines,
        errors: RefCell::default(),
    }
    .convention(raw)
}

/// Turns raw tables into typed values, locating each complaint at its table. A mistake is
/// recorded and validation goes on with what does not depend on it, so that one run reports every
/// independent mistake of the file; a convention is returned only when none was recorded.
struct Validator<'a> {
    file: &'a str,
    lines: LineIndex<'a>,
    errors: RefCell<Vec<Error>>,
}

impl Validator<'_> {
    fn error(&self, span: Range<usize>, message: impl Into<String>) -> Error {
        Error::input(self.lines.locate(self.file, span.start), message)
    }

    /// Records a mistake; validation goes on.
    fn report(&self, error: Error) {
        self.errors.borrow_mut().push(error);
    }

    /// The value of `result`, or `None` once its error is recorded.
    fn ok<T>(&self, result: Result<T>) -> Option<T> {
        result.map_err(|e| self.report(e)).ok()
    }

    fn convention(self, raw: RawFile) -> Result<Convention> {
        let header = self.header(&raw.convention);
        let before = self.errors.borrow().len();
        let (mut members, keys_read) = self.members(&raw.member);
        // The client and the published figures name members: a faulty list is no reference.
        let members_sound = self.errors.borrow().len() == before;
        self.identities(&raw.member, &mut members);
        let legal_basis = self.legal_basis(raw.legal_basis.as_ref());
        let provider_identity = self.provider(raw.provider.as_ref());
        let rebilling = self.rebilling(raw.rebilling.as_ref());
        let client = self.client(&raw.convention, &members, members_sound);
        if let Some(client) = client {
            self.keys(&raw.member, &members, client, keys_read);
        }
        let cost_span = raw.cost.span();
        let cost = self.cost(raw.cost);
        let client_share = self.ok(self.percent(
            &raw.split.span(),
            "[split] client_share",
            raw.split.get_ref().client_share,
            Decimal::ZERO,
        ));
        let services = self.services(&raw.service);
        // The checks that follow need the period, the cost and the members without a mistake.
        let mut convention = match (header, cost, client, client_share) {
            (Some(header), Some(cost), Some(client), Some(client_share)) if members_sound => {
                Some(Convention {
                    name: header.name,
                    provider: header.provider,
                    provider_identity,
                    legal_basis,
                    client,
                    start: header.start,
                    end: header.end,
                    terminated: header.terminated,
                    currency: header.currency,
                    cost,
                    adjustments: Vec::new(),
                    client_share,
                    members,
                    services,
                    published: Vec::new(),
                    rebilling,
                })
            }
            _ => None,
        };
        let years: Option<Vec<i32>> = convention.as_ref().map(|c| c.years().collect());
        // Every adjustment is checked, even after a faulty one.
        let adjustments: Vec<_> = raw
            .adjustment
            .iter()
            .map(|a| self.adjustment(a, years.as_deref()))
            .collect();
        let adjustments: Option<Vec<_>> = adjustments.into_iter().collect();
        if let Some(c) = &mut convention {
            self.complete(
                c,
                adjustments,
                cost_span,
                &raw.published,
                raw.rebilling.as_ref(),
            );
        }
        let mut errors = self.errors.into_inner();
        match convention {
            Some(c) if errors.is_empty() => Ok(c),
            _ => {
                // In the order of the file, whatever the order of the checks.
                errors.sort_by_key(|e| match e {
                    Error::Input { at, .. } => at.line.unwrap_or(0),
                    _ => 0,
                });
                Err(Error::many(errors))
            }
        }
    }

    /// The checks of a convention whose period, cost and members are sound: its adjustments
    /// year by year, its published figures, the length of its titres' object.
    fn complete(
        &self,
        c: &mut Convention,
        adjustments: Option<Vec<super::Adjustment>>,
        cost_span: Range<usize>,
        published: &[Spanned<RawPublished>],
        rebilling: Option<&RawRebilling>,
    ) {
        if let Some(adjustments) = adjustments {
            c.adjustments = adjustments;
            if let Some(year) = c.years().find(|&y| c.annual(y) < Decimal::ZERO) {
                self.report(
                    self.error(cost_span, msg::negative_once_adjusted(year, c.annual(year))),
                );
            } else if let Some(year) = c
                .years()
                .find(|&y| c.annual(y) >= Decimal::from(MONEY_LIMIT))
            {
                // A year stays below the limit of every amount, once adjusted too.
                self.report(self.error(
                    cost_span,
                    msg::too_large_once_adjusted(year, c.annual(year)),
                ));
            }
        }
        // A figure per member and year is common: its member is looked up by hashing.
        let ids: HashMap<&str, usize> = (c.members.iter().enumerate())
            .map(|(i, m)| (m.id.as_str(), i))
            .collect();
        let published = (published.iter())
            .filter_map(|p| self.published(p, c, &ids))
            .collect();
        c.published = published;
        if let Some(object) = rebilling.and_then(RawRebilling::object_span) {
            self.object_length(object, c);
        }
    }

    fn amount(&self, span: &Range<usize>, what: &str, Number(value): Number) -> Result<Decimal> {
        if value.normalize().scale() > 2 {
            return Err(self.error(span.clone(), msg::more_than_cents(what, value)));
        }
        if value.abs() >= Decimal::from(MONEY_LIMIT) {
            return Err(self.error(span.clone(), msg::too_large(what, value)));
        }
        Ok(value)
    }

    /// A percent between `min` and 100.
    fn percent(
        &self,
        span: &Range<usize>,
        what: &str,
        Number(value): Number,
        min: Decimal,
    ) -> Result<Decimal> {
        if value < min || value > Decimal::ONE_HUNDRED {
            return Err(self.error(span.clone(), msg::percent_out_of_range(what, min, value)));
        }
        if value.normalize().scale() > PERCENT_PLACES {
            return Err(self.error(
                span.clone(),
                msg::too_many_decimals(what, value, PERCENT_PLACES),
            ));
        }
        Ok(value.normalize())
    }

    /// An id names files (`rebill-2021-<id>.txt`) and ledger items: plain characters only, and
    /// a name that every common file system takes.
    fn identifier(&self, span: &Range<usize>, what: &str, id: &str) -> Result<()> {
        let plain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        let message = if let Some(c) = id.chars().find(|&c| hidden(c)) {
            names_msg::invisible_character(what, id, c)
        } else if let Some(c) = id.chars().find(|&c| is_control(c)) {
            msg::control_character(what, id, c)
        } else if !id.chars().all(plain) || id.is_empty() {
            msg::id_not_plain(what, id)
        } else if !id.chars().any(|c| c.is_ascii_alphanumeric()) {
            msg::id_without_letter_or_digit(what, id)
        } else if id.starts_with('-') {
            msg::id_starts_with_dash(what, id)
        } else if id.len() > ID_MAX_LEN {
            msg::id_too_long(what, id, id.len(), ID_MAX_LEN)
        } else if windows_device(id) {
            msg::id_device_name(what, id)
        } else {
            return Ok(());
        };
        Err(self.error(span.clone(), message))
    }

    /// Records what makes `value`, a text printed on statements and written to the ledger,
    /// unsafe to show: a start that a spreadsheet opening the CSV would run as a formula, a
    /// control character, or one that reorders text on display (so that a name could disguise
    /// another). Such a text is refused rather than altered, so that what is billed bears the
    /// name the file gives.
    fn safe_text(&self, span: &Range<usize>, what: &str, value: &str) {
        // A spreadsheet skips a no-break or an ideographic space before a formula as it skips
        // a plain one; the tab and the carriage return are formula starts themselves.
        let blank =
            |c: char| (c.is_whitespace() || is_invisible(c)) && !FORMULA_STARTS.contains(&c);
        let first = value.trim_start_matches(blank).chars().next();
        if let Some(c) = first.filter(|c| FORMULA_STARTS.contains(c)) {
            self.report(self.error(span.clone(), msg::formula_start(what, value, c)));
        } else if let Some(c) = value.chars().find(|&c| hidden(c)) {
            let message = names_msg::invisible_character(what, value, c);
            self.report(self.error(span.clone(), message));
        } else if let Some(c) = value.chars().find(|&c| is_control(c)) {
            self.report(self.error(span.clone(), msg::control_character(what, value, c)));
        }
    }

    /// Records what is wrong with `value` as a text (`safe_text`) and as a label or a
    /// mention: its length.
    fn text(&self, span: &Range<usize>, what: &str, value: &str) {
        let max = match what {
            "[rebilling] mention" => MENTION_MAX_CHARS,
            _ => LABEL_MAX_CHARS,
        };
        self.bounded(span, what, value, max);
    }

    /// Records what is wrong with `value` as a text (`safe_text`) and as a name: its length.
    fn name(&self, span: &Range<usize>, what: &str, value: &str) {
        self.bounded(span, what, value, NAME_MAX_CHARS);
    }

    /// Records what is wrong with `value` as a text, and a length over `max` characters.
    fn bounded(&self, span: &Range<usize>, what: &str, value: &str, max: usize) {
        self.safe_text(span, what, value);
        let chars = value.chars().count();
        if chars > max {
            let message = names_msg::text_too_long(what, value, chars, max);
            self.report(self.error(span.clone(), message));
        }
    }

    fn non_empty(&self, span: &Range<usize>, what: &str, value: &str) -> Result<()> {
        if value.trim().is_empty() {
            return Err(self.error(span.clone(), msg::empty(what)));
        }
        Ok(())
    }
}

/// Whether `c` shows as nothing without reordering the text: the direction marks, invisible
/// too, are told as the control characters they are.
fn hidden(c: char) -> bool {
    is_invisible(c) && !is_direction(c)
}

/// Whether `name` is one of the names Windows keeps for devices, whatever the extension.
fn windows_device(name: &str) -> bool {
    let name = name.to_ascii_uppercase();
    match name.as_bytes() {
        b"CON" | b"PRN" | b"AUX" | b"NUL" => true,
        [b'C', b'O', b'M', digit] | [b'L', b'P', b'T', digit] => digit.is_ascii_digit(),
        _ => false,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::convention::EMBEDDED;

    /// The one error for the embedded convention with `from` replaced by `to`.
    pub(super) fn error_after(from: &str, to: &str) -> String {
        let errors = errors_after(&[(from, to)]);
        assert_eq!(errors.len(), 1, "one error expected: {errors:#?}");
        errors[0].clone()
    }

    /// The errors for the embedded convention with each `(from, to)` replacement made.
    pub(super) fn errors_after(edits: &[(&str, &str)]) -> Vec<String> {
        let mut text = EMBEDDED.to_string();
        for (from, to) in edits {
            assert!(text.contains(from), "{from:?} is not in the embedded file");
            text = text.replacen(from, to, 1);
        }
        parse(&text, "c.toml").unwrap_err().lines()
    }

    pub(super) fn line_of(text: &str) -> usize {
        EMBEDDED.lines().position(|l| l == text).unwrap() + 1
    }

    #[test]
    fn toml_mistakes_are_located() {
        assert_eq!(
            error_after("fte = 100", "fte = "),
            "c.toml:38:7: `fte` has no value after its `=` (TOML reader: string values must be quoted, expected literal string)"
        );
        let unknown = error_after("fte = 100", "anual = 100");
        assert!(
            unknown.starts_with("c.toml:38:1: unknown key `anual` (TOML reader: unknown field `anual`, expected one of `label`, `annual`, `fte`, `account`"),
            "{unknown}"
        );
        assert_eq!(
            error_after("provider = \"Soluris\"\n", ""),
            "c.toml:6:1: missing key `provider` (TOML reader: missing field `provider`)"
        );
        assert_eq!(
            error_after("annual = \"45000.00\"", "annual = \"45 000 €\""),
            "c.toml:37:10: cannot read \"45 000 €\" as a number (write it like 45000, 18.5, \"45000.00\" or \"22.5%\")"
        );
    }

    #[test]
    fn independent_mistakes_are_reported_together_in_file_order() {
        let errors = errors_after(&[
            // Listed out of the file's order: the report follows the file.
            ("id = \"amo\"\nlabel = \"Prestations spécifiques et AMO\"\nunit = \"heure\"\nprice = \"60.00\"",
             "id = \"amo\"\nlabel = \"Prestations spécifiques et AMO\"\nunit = \"heure\"\nprice = \"-60.00\""),
            ("fte = 100", "fte = 150"),
            ("id = \"la-bree-les-bains\"", "id = \"dolus-d-oleron\""),
        ]);
        assert_eq!(
            errors,
            [
                "c.toml:35:1: [cost] fte must be between 0 and 100 (percent), not 150",
                "c.toml:97:1: [[member]] duplicate id \"dolus-d-oleron\"",
                "c.toml:117:1: [[service]] amo has a negative price",
            ]
        );
    }

    #[test]
    fn ids_must_make_file_names_everywhere() {
        // The [[member]] cdc starts on line 54 of conventions/oleron-2020-2022.toml.
        let long = "a".repeat(65);
        assert_eq!(
            error_after("id = \"cdc\"", &format!("id = \"{long}\"")),
            format!("c.toml:54:1: [[member]] id \"{long}\" is 65 characters long: at most 64, as it names files")
        );
        assert!(parse(
            &EMBEDDED.replace("\"cdc\"", &format!("\"{}\"", "a".repeat(64))),
            "c.toml"
        )
        .is_ok());
        for device in ["con", "PRN", "Aux", "nul", "COM1", "lpt9", "com0"] {
            assert_eq!(
                error_after("id = \"amo\"", &format!("id = \"{device}\"")),
                format!("c.toml:117:1: [[service]] id \"{device}\" is a device name on Windows (CON, PRN, AUX, NUL, COM0 to COM9, LPT0 to LPT9, in any case): it cannot name a file there")
            );
        }
        assert!(parse(&EMBEDDED.replace("\"amo\"", "\"com10\""), "c.toml").is_ok());
        assert_eq!(
            error_after("id = \"cdc\"", "id = \"-cdc\""),
            "c.toml:54:1: [[member]] id \"-cdc\" must not start with '-' (a file named so reads as an option, a cell as a formula)"
        );
        assert_eq!(
            error_after("id = \"cdc\"", "id = \".cdc\""),
            "c.toml:54:1: [[member]] id \".cdc\" must be letters, digits, '-' or '_' (like \"saint-denis-d-oleron\")"
        );
        assert_eq!(
            error_after("id = \"amo\"", "id = \"__\""),
            "c.toml:117:1: [[service]] id \"__\" must hold a letter or a digit"
        );
    }

    #[test]
    fn a_file_over_one_mib_is_refused_before_it_is_read() {
        let padded = format!(
            "{EMBEDDED}#{}\n",
            "x".repeat(MAX_FILE_BYTES - EMBEDDED.len() - 1)
        );
        assert_eq!(padded.len(), MAX_FILE_BYTES + 1);
        assert_eq!(
            parse(&padded, "c.toml").unwrap_err().to_string(),
            "c.toml: larger than 1 MiB, the most a convention file may hold"
        );
        assert!(parse(&padded[..MAX_FILE_BYTES - 1], "c.toml").is_ok());
    }

    #[test]
    fn texts_that_could_disguise_what_is_printed_are_refused() {
        // The [convention] table is on line 6, [cost] on line 35, the [[member]] cdc on line 54,
        // the [[service]] amo on line 117 of conventions/oleron-2020-2022.toml.
        let cases = [
            ("provider = \"Soluris\"", "provider = \"Solu\\u001b[2Jris\"", "c.toml:6:1: [convention] provider \"Solu\\u{1b}[2Jris\" holds the character U+001B"),
            ("label = \"Conseiller numérique de proximité\"", "label = \"Conseiller\\nerror: x\"", "c.toml:35:1: [cost] label \"Conseiller\\nerror: x\" holds the character U+000A"),
            ("name = \"Cdc de l'île d'Oléron\"", "name = \"Cdc \u{202e}norélO'd\"", "c.toml:54:1: [[member]] name \"Cdc \\u{202e}norélO'd\" holds the character U+202E"),
            ("aliases = [\"Saint Denys d'Oléron\"]", "aliases = [\"Saint\u{2066}Denys\"]", "[[member]] alias \"Saint\\u{2066}Denys\" holds the character U+2066"),
            ("unit = \"heure\"", "unit = \"heure\u{200f}\"", "c.toml:117:1: [[service]] unit \"heure\\u{200f}\" holds the character U+200F"),
            ("price = \"60.00\"", "price = \"60.00\"\naccount = \"706\u{061c}88\"", "c.toml:117:1: [[service]] account \"706\\u{61c}88\" holds the character U+061C"),
        ];
        for (from, to, expected) in cases {
            let error = error_after(from, to);
            assert!(
                error.starts_with(expected) || error.contains(&format!(": {expected}")),
                "{from} → {to}: {error}"
            );
            assert!(
                error.ends_with(": control and text-direction characters are not allowed"),
                "{error}"
            );
        }
    }

    #[test]
    fn texts_a_spreadsheet_would_run_are_refused() {
        // The [[member]] dolus-d-oleron starts on line 77, the [[service]] amo on line 117.
        let cases = [
            ("name = \"Dolus-d'Oléron\"", "name = '=HYPERLINK(\"http://x\",\"Dolus\")'", "c.toml:77:1: [[member]] name \"=HYPERLINK(\\\"http://x\\\",\\\"Dolus\\\")\" starts with '='"),
            ("name = \"Dolus-d'Oléron\"", "name = \"Dolus\"\naliases = [\"  +cmd|' /C calc'!A0\"]", "c.toml:77:1: [[member]] alias \"  +cmd|' /C calc'!A0\" starts with '+'"),
            ("label = \"Prestations spécifiques et AMO\"", "label = \"@SUM(1+1)\"", "c.toml:117:1: [[service]] label \"@SUM(1+1)\" starts with '@'"),
            ("unit = \"heure\"", "unit = \"-2+3\"", "c.toml:117:1: [[service]] unit \"-2+3\" starts with '-'"),
            ("unit = \"heure\"", "unit = \"\\theure\"", "c.toml:117:1: [[service]] unit \"\\theure\" starts with '\\t'"),
            ("unit = \"heure\"", "unit = \"\\rheure\"", "c.toml:117:1: [[service]] unit \"\\rheure\" starts with '\\r'"),
            ("price = \"60.00\"", "price = \"60.00\"\naccount = \"=1+1\"", "c.toml:117:1: [[service]] account \"=1+1\" starts with '='"),
        ];
        for (from, to, expected) in cases {
            assert_eq!(
                error_after(from, to),
                format!("{expected}: a spreadsheet opening the CSV would run it as a formula"),
                "{from} → {to}"
            );
        }
        // Inside a text, these characters are harmless.
        assert!(parse(
            &EMBEDDED.replace("name = \"Dolus-d'Oléron\"", "name = \"Dolus = +@-\""),
            "c.toml"
        )
        .is_ok());
    }
}
