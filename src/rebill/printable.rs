//! What the PDF of a titre prints from the convention, looked at before anything is computed or
//! written: the debtor named on the legal document must be the titre's, letter for letter, so a
//! text its fonts cannot print is refused rather than printed as a look-alike.

use chrono::Datelike;

use crate::convention::Convention;
use crate::documents::unprintable;
use crate::error::{Error, Location, Result};
use crate::messages::names as msg;
use crate::titres;

/// Refuses, naming each text and its first character that cannot be printed, a convention
/// (from the file `file`) whose titres' PDF would not show a text as written.
pub fn check(c: &Convention, file: &str) -> Result<()> {
    let errors: Vec<Error> = texts(c)
        .into_iter()
        .filter_map(|(what, text)| {
            let bad = unprintable(&text)?;
            Some(Error::input(
                Location::file(file),
                msg::unprintable(&what, &text, bad),
            ))
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::many(errors))
    }
}

/// Every text of `c` that a titre's PDF may print, with where it is in the file.
fn texts(c: &Convention) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    let mut add = |what: String, text: &str| texts.push((what, text.to_string()));
    for m in &c.members {
        add(format!("[[member]] {} name", m.id), &m.name);
        for line in &m.identity.address {
            add(format!("[[member]] {} address", m.id), line);
        }
    }
    add("[convention] name".into(), &c.name);
    add("[cost] label".into(), &c.cost.label);
    for a in &c.adjustments {
        add("[[adjustment]] label".into(), &a.label);
    }
    for s in &c.services {
        add(format!("[[service]] {} label", s.id), &s.label);
        add(format!("[[service]] {} unit", s.id), &s.unit);
    }
    if let Some(basis) = &c.legal_basis {
        add("[legal_basis] title".into(), &basis.title);
        for article in &basis.articles {
            add("[legal_basis] article".into(), article);
        }
        for reference in basis.acts.iter().filter_map(|a| a.reference.as_ref()) {
            add("[[legal_basis.act]] reference".into(), reference);
        }
    }
    let r = &c.rebilling;
    if let Some(o) = &r.ordonnateur {
        add("[rebilling] ordonnateur name".into(), &o.name);
        add("[rebilling] ordonnateur title".into(), &o.title);
    }
    for mention in &r.mentions {
        add("[rebilling] mention".into(), mention);
    }
    // The object's own words, with the names it holds (already looked at) put in.
    if let Some(debtor) = c.debtors().next() {
        add(
            "[rebilling] object".into(),
            &titres::object(c, c.start.year(), debtor, true),
        );
    }
    texts
}
