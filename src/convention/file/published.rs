//! The `[[published]]` tables: figures printed in the signed document, for `check`.

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use super::Validator;
use crate::calendar::Semester;
use crate::convention::number::Number;
use crate::convention::{Convention, Published};
use crate::messages::convention as msg;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPublished {
    year: i32,
    semester: Option<u8>,
    member: Option<String>,
    amount: Number,
}

impl Validator<'_> {
    /// The published figure, or `None` when its amount cannot be read; every mistake is
    /// recorded. `ids` gives the index of each member id of `c`.
    pub(super) fn published(
        &self,
        raw: &Spanned<RawPublished>,
        c: &Convention,
        ids: &HashMap<&str, usize>,
    ) -> Option<Published> {
        let span = raw.span();
        let p = raw.get_ref();
        let complain = |message: String| self.report(self.error(span.clone(), message));
        if !c.years().contains(&p.year) {
            complain(msg::year_outside("[[published]]", p.year, c.years()));
        } else if let Some(half) = p.semester {
            let served = Semester::new(p.year, half).is_some_and(|s| c.service_in(s).is_some());
            if !served {
                complain(msg::semester_outside(half, p.year));
            }
        }
        let member = p.member.as_ref().map(|id| {
            let index = ids.get(id.as_str()).copied();
            if index.is_none() {
                complain(msg::not_a_member(
                    "[[published]] member",
                    id,
                    c.members.iter().map(|m| m.id.as_str()),
                ));
            }
            index
        });
        let amount = self.ok(self.amount(&span, "[[published]] amount", p.amount));
        Some(Published {
            year: p.year,
            semester: p.semester,
            member: member.flatten(),
            amount: amount?,
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
