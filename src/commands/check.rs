//! `oleron-bill check`: a summary of the convention, and every figure printed in the signed
//! document compared with the computation; with `--usage`, the accountant's preflight of a
//! usage file: how it was read, whom each spelling designates, what each member ordered.

use std::fmt::Write;
use std::io;

use rust_decimal::Decimal;

use super::Inputs;
use crate::billing::{self, published, SemesterBill, Usage};
use crate::convention::Convention;
use crate::display::{fr_date, fr_money, fr_number};
use crate::error::{escape_controls, Error, Result};
use crate::export::Scope;
use crate::output;
use crate::reading::{Encoding, Source};
use crate::rebill;
use crate::usage::{self, Scan};

pub fn run(inputs: &Inputs) -> Result<()> {
    let (c, file) = inputs.convention()?;
    // The published figures are the advisor's: the usage file is only looked at.
    let (text, differ) = summary(&c, &billing::bill(&c, &Usage::new()));
    output::to_stdout(text.as_bytes())?;
    // What titres de recettes need beyond the amounts: reported, not refused; not in the
    // preflight of a usage file, which is about that file.
    if inputs.usage.is_none() {
        output::warn(&c.missing_for_titres());
    }
    let mut failures = Vec::new();
    // A titre whose PDF would misprint a name is refused by `rebill`: said here first.
    failures.extend(rebill::printable::check(&c, &file).err());
    if let Some(path) = inputs.usage.as_deref() {
        let name = path.display().to_string();
        let mut scan = usage::scan_path(path, inputs.sheet.as_deref(), &c)?;
        output::stdout_with(|out| Ok(preflight(&c, &name, &scan, out)))?;
        super::tell_set_aside(path, scan.lines(), Scope::Convention);
        failures.extend(scan.take_errors());
    }
    if differ > 0 {
        failures.push(Error::Mismatch {
            file,
            count: differ,
        });
    }
    match failures.is_empty() {
        true => Ok(()),
        false => Err(Error::many(failures)),
    }
}

/// The summary of the convention, and how many published figures differ from the
/// computation.
pub fn summary(c: &Convention, bills: &[SemesterBill]) -> (String, usize) {
    let money = |a: Decimal| fr_money(a, &c.currency);
    let mut out = String::new();
    let _ = writeln!(out, "{}", c.name);
    let _ = writeln!(
        out,
        "Période : du {} au {}",
        fr_date(c.start),
        fr_date(c.end)
    );
    if let Some(t) = c.terminated {
        let _ = writeln!(out, "Résiliée : dernier jour de service le {}", fr_date(t));
    }
    let _ = writeln!(
        out,
        "{} facture {}, qui garde {} % du coût.",
        c.provider,
        c.client().name,
        fr_number(c.client_share)
    );
    let _ = writeln!(out, "Clés de répartition du reste :");
    for m in c.members.iter() {
        if let Some(key) = m.key {
            let _ = writeln!(out, "  {:<32} {:>6} %", m.name, fr_number(key));
        }
    }
    let _ = writeln!(out, "Coût par année :");
    for year in c.years() {
        let billed: Decimal = bills
            .iter()
            .filter(|b| b.semester.year == year)
            .map(|b| b.total)
            .sum();
        let _ = writeln!(out, "  {year}  {:>14}", money(billed));
    }

    let mut differ = 0;
    if !c.published.is_empty() {
        let _ = writeln!(out, "Chiffres publiés :");
    }
    for comparison in published::compare(c, bills) {
        let what = super::published_label(c, comparison.published);
        if comparison.agrees() {
            let _ = writeln!(
                out,
                "  ok        {what:<36} {:>14}",
                money(comparison.computed)
            );
        } else {
            differ += 1;
            let _ = writeln!(
                out,
                "  DIFFÉRENT {what:<36} publié {} (ligne {}), calculé {}",
                money(comparison.published.amount),
                comparison.published.line,
                money(comparison.computed)
            );
        }
    }
    (out, differ)
}

/// The preflight of the usage file `file`, read with `c`: nothing is billed.
fn preflight(c: &Convention, file: &str, scan: &Scan, out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(out, "Fichier d'usage {} :", escape_controls(file))?;
    match &scan.source {
        Source::Text {
            encoding,
            separator,
        } => {
            let encoding = match encoding {
                Encoding::Utf8 => "UTF-8",
                Encoding::Utf8Bom => "UTF-8 avec BOM",
                Encoding::Windows1252 => "Windows-1252 (ce n'est pas de l'UTF-8)",
                Encoding::Utf16Le => "UTF-16 LE avec BOM",
                Encoding::Utf16Be => "UTF-16 BE avec BOM",
            };
            let separator = match separator {
                ';' => "point-virgule",
                '\t' => "tabulation",
                _ => "virgule",
            };
            writeln!(out, "  encodage {encoding}, séparateur {separator}")?;
        }
        Source::Sheet(sheet) => {
            writeln!(out, "  classeur, feuille {}", escape_controls(sheet))?;
        }
    }
    let lines: u64 = scan.counts().map(|(_, count)| count.lines).sum();
    writeln!(
        out,
        "  lignes acceptées : {lines}, erreurs : {}",
        scan.error_count()
    )?;

    let (mut spellings, unlisted) = scan.spellings();
    spellings.sort_by_key(|&(text, member, _)| (member, text));
    writeln!(out, "Membres reconnus :")?;
    for (text, member, lines) in spellings {
        writeln!(
            out,
            "  {:<32} → {:<32} {:>12}",
            format!("« {} »", escape_controls(text)),
            c.members[member].name,
            lines_fr(lines)
        )?;
    }
    if unlisted > 0 {
        writeln!(out, "  autres graphies : {}", lines_fr(unlisted))?;
    }

    writeln!(out, "Prestations par semestre, membre et prestation :")?;
    for ((semester, member, service), count) in scan.counts() {
        let service = &c.services[*service];
        writeln!(
            out,
            "  {semester}  {:<32} {:<10} {:>12} {:>14}",
            c.members[*member].name,
            service.id,
            lines_fr(count.lines),
            format!(
                "{} {}",
                fr_number(count.quantity),
                crate::documents::french::unit(count.quantity, &service.unit)
            )
        )?;
    }
    Ok(())
}

/// "1 ligne", "12 lignes".
fn lines_fr(count: u64) -> String {
    format!("{count} ligne{}", if count > 1 { "s" } else { "" })
}
