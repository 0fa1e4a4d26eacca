//! The `[legal_basis]` table and its `[[legal_basis.act]]`s: the convention as the titres cite
//! it, and the decisions it rests on.

use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

use super::header::plain_date;
use super::Validator;
use crate::convention::{Act, LegalBasis};
use crate::messages::convention as msg;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLegalBasis {
    title: String,
    signed: Option<Datetime>,
    #[serde(default)]
    articles: Vec<String>,
    #[serde(default)]
    act: Vec<Spanned<RawAct>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAct {
    label: String,
    date: Datetime,
    reference: Option<String>,
}

impl Validator<'_> {
    /// The legal basis, or `None` when the table is absent or a date cannot be read; every
    /// mistake is recorded.
    pub(super) fn legal_basis(&self, raw: Option<&Spanned<RawLegalBasis>>) -> Option<LegalBasis> {
        let span = raw?.span();
        let raw = raw?.get_ref();
        let date = |span: &std::ops::Range<usize>, what: &str, value: &Datetime| {
            let date = plain_date(value);
            if date.is_none() {
                self.report(self.error(span.clone(), msg::not_a_date(what, "2019-09-25", value)));
            }
            date
        };
        self.text(&span, "[legal_basis] title", &raw.title);
        self.ok(self.non_empty(&span, "[legal_basis] title", &raw.title));
        let signed = raw
            .signed
            .as_ref()
            .map(|s| date(&span, "[legal_basis] signed", s));
        for (i, article) in raw.articles.iter().enumerate() {
            self.text(&span, "[legal_basis] article", article);
            if article.trim().is_empty() {
                self.report(self.error(span.clone(), msg::empty_article()));
            } else if raw.articles[..i].contains(article) {
                self.report(self.error(span.clone(), msg::article_twice(article)));
            }
        }
        let acts: Vec<Option<Act>> = raw
            .act
            .iter()
            .map(|entry| {
                let span = entry.span();
                let a = entry.get_ref();
                self.text(&span, "[[legal_basis.act]] label", &a.label);
                self.ok(self.non_empty(&span, "[[legal_basis.act]] label", &a.label));
                if let Some(reference) = &a.reference {
                    self.text(&span, "[[legal_basis.act]] reference", reference);
                    self.ok(self.non_empty(&span, "[[legal_basis.act]] reference", reference));
                }
                Some(Act {
                    label: a.label.clone(),
                    date: date(&span, "[[legal_basis.act]] date", &a.date)?,
                    reference: a.reference.clone(),
                })
            })
            .collect();
        Some(LegalBasis {
            title: raw.title.clone(),
            signed: match signed {
                None => None,
                Some(s) => Some(s?),
            },
            articles: raw.articles.clone(),
            acts: acts.into_iter().collect::<Option<_>>()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{error_after, line_of};

    #[test]
    fn the_legal_basis_is_checked() {
        let table = line_of("[legal_basis]");
        assert_eq!(
            error_after(
                "articles = [\"7.1\", \"7.2\", \"7.3\"]",
                "articles = [\"7.1\", \"7.2\", \"7.1\"]"
            ),
            format!("c.toml:{table}:1: [legal_basis] article \"7.1\" is listed twice")
        );
        assert_eq!(
            error_after("articles = [", "signed = 2019-10-01T10:00:00\narticles = ["),
            format!("c.toml:{table}:1: [legal_basis] signed must be a date like 2019-09-25, not 2019-10-01T10:00:00")
        );
        // The second [[legal_basis.act]] opens 3 lines above its reference (header, comment, label).
        let act = line_of("reference = \"250919_DCC26\"") - 3;
        assert_eq!(
            error_after("reference = \"250919_DCC26\"", "reference = \"=250919\""),
            format!("c.toml:{act}:1: [[legal_basis.act]] reference \"=250919\" starts with '=': a spreadsheet opening the CSV would run it as a formula")
        );
        // A date written the French way is a string to TOML: its reader locates and refuses it.
        assert_eq!(
            error_after("date = 2019-09-25", "date = \"25/09/2019\""),
            format!(
                "c.toml:{}:8: `date = \"25/09/2019\"`: a date is written year first, without quotes: write `date = 2019-09-25` (TOML reader: invalid type: string \"25/09/2019\", expected a TOML datetime)",
                line_of("date = 2019-09-25")
            )
        );
    }
}
