//! The explanation in French, for a commune's finance officer: each step of the derivation on
//! its line, each sharing as a table, and why each leftover cent went where it went.

use std::fmt::Write;
use std::io;

use crate::convention::Convention;
use crate::derivation::{Derivation, Part, Rule, SemesterDerivation, Sharing, Who};
use crate::display::table::{align_right, new_table, push_table};
use crate::display::{fr_date, fr_money, fr_number, fr_plain_money, fr_semester, symbol};
use crate::money::{from_cents, Exact};

/// Writes the whole explanation to `to`, a semester at a time: a convention of thousands of
/// members has long ones. `width` is the terminal's, when the text is shown on one.
pub fn write(
    c: &Convention,
    e: &Derivation,
    width: Option<u16>,
    to: &mut dyn io::Write,
) -> io::Result<()> {
    let cur = &c.currency;
    let mut out = format!("{}\n", c.name);
    let _ = writeln!(
        out,
        "Explication des montants de {}, au centime près",
        e.year
    );
    if let Some(m) = e.member {
        let _ = writeln!(out, "Membre : {}", c.members[m].name);
    }
    let _ = writeln!(out, "\nCoût annuel {}", e.year);
    let _ = writeln!(
        out,
        "  {} : {} % ETP × {} = {}",
        c.cost.label,
        fr_number(c.cost.fte),
        fr_money(c.cost.annual, cur),
        exact(e.base, cur)
    );
    for (label, amount) in &e.adjustments {
        let _ = writeln!(out, "  {label} : {}", exact(*amount, cur));
    }
    let _ = writeln!(
        out,
        "  Total {} (année complète) : {}",
        e.year,
        exact(e.annual, cur)
    );
    to.write_all(out.as_bytes())?;
    for s in &e.semesters {
        let mut out = String::new();
        semester(&mut out, c, e, s, width);
        to.write_all(out.as_bytes())?;
    }
    Ok(())
}

fn semester(
    out: &mut String,
    c: &Convention,
    e: &Derivation,
    s: &SemesterDerivation,
    width: Option<u16>,
) {
    amount(out, c, e, s);
    let cur = &c.currency;
    let _ = writeln!(
        out,
        "\n  Partage du cumul de l'année entre {} ({} %) et les communes ({} %) : part exacte = {} × part",
        c.client().name,
        fr_number(c.client_share),
        fr_number(rust_decimal::Decimal::ONE_HUNDRED - c.client_share),
        fr_money(from_cents(s.split.total), cur)
    );
    sharing(out, c, &s.split, "Part", width);
    match e.member {
        Some(m) if m == c.client => {}
        _ => {
            let _ = writeln!(
                out,
                "\n  Partage entre les communes selon leurs clés : part exacte = {} × clé",
                fr_money(from_cents(s.pool.total), cur)
            );
            sharing(out, c, &s.pool, "Clé", width);
        }
    }
    extras(out, c, s);
}

/// The semester's days, the year's exact cost so far, its rounding and the semester's amount.
fn amount(out: &mut String, c: &Convention, e: &Derivation, s: &SemesterDerivation) {
    let cur = &c.currency;
    let _ = writeln!(
        out,
        "\n{} : du {} au {}, {} jour{} de service sur {}",
        fr_semester(s.semester),
        fr_date(s.first_day),
        fr_date(s.last_day),
        s.days,
        if s.days > 1 { "s" } else { "" },
        s.semester_days
    );
    let days: Vec<String> = s
        .served
        .iter()
        .map(|(days, out_of)| format!("{days} / {out_of}"))
        .collect();
    let days = match days.as_slice() {
        [one] => one.clone(),
        _ => format!("({})", days.join(" + ")),
    };
    let value = match s.exact_so_far.decimal() {
        Some(_) => exact(s.exact_so_far, cur),
        None => format!(
            "{} × {}/{}",
            exact(e.annual, cur),
            s.fraction.numerator(),
            s.fraction.denominator()
        ),
    };
    let _ = writeln!(
        out,
        "  Coût exact de l'année jusqu'ici : {} / 2 × {days} = {value}",
        exact(e.annual, cur)
    );
    let _ = writeln!(
        out,
        "  Arrondi au centime (un demi-centime au centime supérieur) : {}",
        fr_money(from_cents(s.so_far), cur)
    );
    let _ = writeln!(
        out,
        "  Montant du semestre : {} − {} déjà facturés en {} = {}",
        fr_money(from_cents(s.so_far), cur),
        fr_money(from_cents(s.before), cur),
        s.semester.year,
        fr_money(from_cents(s.amount), cur)
    );
}

/// The services ordered during the semester, each with its rounding.
fn extras(out: &mut String, c: &Convention, s: &SemesterDerivation) {
    let cur = &c.currency;
    if !s.extras.is_empty() {
        let _ = writeln!(
            out,
            "\n  Prestations à la demande (quantités du semestre additionnées)"
        );
        for x in &s.extras {
            let service = &c.services[x.service];
            let _ = writeln!(
                out,
                "  {}, {} : {} {} × {} = {}, arrondi au centime : {}",
                c.members[x.member].name,
                service.label,
                fr_number(x.quantity),
                crate::documents::french::unit(x.quantity, &service.unit),
                fr_money(x.price, cur),
                exact(x.exact, cur),
                fr_money(x.amount, cur)
            );
        }
    }
}

/// A sharing as a table, then where its leftover cents went and why.
fn sharing(out: &mut String, c: &Convention, s: &Sharing, weight: &str, width: Option<u16>) {
    let cur = &c.currency;
    let name = |who: Who| match who {
        Who::Member(m) => c.members[m].name.clone(),
        Who::Pool => "Communes".to_string(),
    };
    let mut table = new_table(
        vec![
            "Membre",
            weight,
            "Part exacte",
            "Arrondi inférieur",
            "Reste",
            "Rang",
            "Centime restant",
            "Cumul avant",
            "Cumul après",
            "Semestre",
        ],
        width,
    );
    for p in &s.parts {
        table.add_row(vec![
            name(p.who),
            format!("{} %", fr_number(p.weight)),
            exact(p.exact, cur),
            fr_money(from_cents(p.floor), cur),
            exact(p.remainder, cur),
            p.rank.to_string(),
            if p.cent { "oui" } else { "non" }.to_string(),
            fr_money(from_cents(p.before), cur),
            format!(
                "{}{}",
                fr_money(from_cents(p.after), cur),
                if p.never_taken_back() { " *" } else { "" }
            ),
            fr_money(from_cents(p.amount()), cur),
        ]);
    }
    align_right(&mut table, 1);
    push_table(out, &table, "  ");
    let floors = s.total - s.leftover;
    let order = if s.leftover == 0 {
        String::new()
    } else {
        format!(
            ", donnés un par un dans l'ordre des rangs : plus fort reste, à égalité plus forte {}, \
             puis premier déclaré",
            if weight == "Clé" { "clé" } else { "part" }
        )
    };
    let _ = writeln!(
        out,
        "  Centimes restants : {} − {} des arrondis inférieurs = {}{order}.",
        fr_money(from_cents(s.total), cur),
        fr_money(from_cents(floors), cur),
        s.leftover,
    );
    // A part with nothing left over and nothing kept has nothing to explain, unless asked for.
    let told = |p: &&Part| {
        s.parts.len() == 1 || p.cent || p.never_taken_back() || p.remainder.numerator() != 0
    };
    for p in s.parts.iter().filter(told) {
        let _ = writeln!(out, "  {}", why(c, s, p, &name, weight));
    }
}

/// Why a part got a leftover cent or not, and what was billed when that differs.
fn why(
    c: &Convention,
    s: &Sharing,
    p: &Part,
    name: &impl Fn(Who) -> String,
    weight: &str,
) -> String {
    let cur = &c.currency;
    let weight = if weight == "Clé" { "clé" } else { "part" };
    let reason = match (p.cent, p.decision) {
        (true, None) => "un centime restant".to_string(),
        (true, Some(d)) => match d.rule {
            Rule::LargerRemainder => "un centime restant, par le plus fort reste".to_string(),
            Rule::LargerWeight => format!(
                "un centime restant : même reste que {}, {weight} plus forte",
                name(d.against)
            ),
            Rule::DeclaredFirst => format!(
                "un centime restant : même reste et même {weight} que {}, déclaré avant",
                name(d.against)
            ),
        },
        (false, None) => "pas de centime restant".to_string(),
        (false, Some(d)) => match d.rule {
            Rule::LargerRemainder if s.leftover == 1 => {
                "pas de centime restant : le seul centime restant va au plus fort reste".to_string()
            }
            Rule::LargerRemainder => format!(
                "pas de centime restant : les {} centimes restants vont aux plus forts restes",
                s.leftover
            ),
            Rule::LargerWeight => format!(
                "pas de centime restant : même reste que {}, dont la {weight} est plus forte",
                name(d.against)
            ),
            Rule::DeclaredFirst => format!(
                "pas de centime restant : même reste et même {weight} que {}, déclaré avant",
                name(d.against)
            ),
        },
    };
    let mut line = format!(
        "{} : {} → {} (rang {}), {reason}.",
        name(p.who),
        exact(p.exact, cur),
        fr_money(from_cents(p.largest_remainder), cur),
        p.rank
    );
    if p.never_taken_back() {
        let _ = write!(
            line,
            " * Le plus fort reste donnerait {}, mais il reprendrait un centime déjà facturé dans \
             l'année, ce qui n'est jamais fait : chaque nouveau centime va à la part la plus en \
             retard sur sa part exacte, et le cumul facturé est {}, soit {} ce semestre.",
            fr_money(from_cents(p.largest_remainder), cur),
            fr_money(from_cents(p.after), cur),
            fr_money(from_cents(p.amount()), cur)
        );
    }
    line
}

/// An exact amount with all its decimals, or as a fraction when it has no end.
fn exact(f: Exact, currency: &str) -> String {
    match f.decimal() {
        Some(plain) => fr_plain_money(&plain, currency),
        None => format!("{}/{} {}", f.numerator(), f.denominator(), symbol(currency)),
    }
}
