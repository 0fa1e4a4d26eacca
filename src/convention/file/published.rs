//! The `[[published]]` tables: figures printed in the signed document, for `check`.

use serde::Deserialize;
use toml::Spanned;

use super::{list, Validator};
use crate::calendar::Semester;
use crate::convention::number::Number;
use crate::convention::{Convention, Published};
use crate::error::Result;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPublished {
    year: i32,
    semester: Option<u8>,
    member: Option<String>,
    amount: Number,
}

impl Validator<'_> {
    pub(super) fn published(
        &self,
        raw: &Spanned<RawPublished>,
        c: &Convention,
    ) -> Result<Published> {
        let span = raw.span();
        let p = raw.get_ref();
        if !c.years().contains(&p.year) {
            return Err(self.error(
                span,
                format!(
                    "[[published]] year {} is outside the convention (valid years: {})",
                    p.year,
                    list(c.years())
                ),
            ));
        }
        if let Some(half) = p.semester {
            let served = Semester::new(p.year, half).is_some_and(|s| c.service_in(s).is_some());
            if !served {
                return Err(self.error(
                    span,
                    format!(
                        "[[published]] semester {half} of {} is not a semester of the convention",
                        p.year
                    ),
                ));
            }
        }
        let member = match &p.member {
            None => None,
            Some(id) => Some(c.member_index(id).ok_or_else(|| {
                self.error(
                    span.clone(),
                    format!(
                        "[[published]] member {id:?} is not a member (members: {})",
                        list(c.members.iter().map(|m| m.id.as_str()))
                    ),
                )
            })?),
        };
        Ok(Published {
            year: p.year,
            semester: p.semester,
            member,
            amount: self.money(&span, "[[published]] amount", p.amount)?,
            line: self.lines.locate(self.file, span.start).line.unwrap_or(0),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::error_after;

    #[test]
    fn published_figures_must_name_real_periods_and_members() {
        assert!(error_after(
            "year = 2020\namount = \"28500.00\"",
            "year = 2023\namount = \"28500.00\""
        )
        .ends_with(
            "[[published]] year 2023 is outside the convention (valid years: 2020, 2021, 2022)"
        ));
        assert!(error_after("member = \"cdc\"", "member = \"cdd\"")
            .contains("[[published]] member \"cdd\" is not a member"));
        assert!(error_after(
            "year = 2020\namount = \"28500.00\"",
            "year = 2020\nsemester = 3\namount = \"28500.00\""
        )
        .ends_with("[[published]] semester 3 of 2020 is not a semester of the convention"));
    }
}
