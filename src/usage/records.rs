//! The records of a usage file: each line's date, member, service and quantity read, matched
//! against the convention and added to one total per (semester, member, service).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use std::collections::BTreeMap;

use ethnum::I256;

use crate::billing::Usage;
use crate::calendar::Semester;
use crate::convention::{names, Convention};
use crate::messages::records as msg;
use crate::money::price_cents;
use crate::reading::fields::{date_of_service, trim};
use crate::reading::Records;

use super::lines::LineCounts;
use super::memo::Memo;
use super::repeats::Repeats;

/// Largest sum of quantities of one service for one member in one semester.
pub const SUM_LIMIT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0); // 10¹²

/// Largest cost of a semester's services, in euros (a thousand times the largest yearly cost of
/// the advisor): totals over thousands of semesters stay exact in a decimal.
const SEMESTER_LIMIT: i64 = 1_000_000_000_000_000;

/// How many orders of one service, for one member in one semester, are kept to be listed:
/// past that, a titre gives the semester's total, and memory does not follow the file.
pub const ORDERS_LISTED: usize = 100;

/// The lines and summed quantity of one (semester, member, service).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub lines: u64,
    pub quantity: Decimal,
}

impl Records for Tally<'_> {
    /// `note` and any other column are ignored. Each also answers to French names.
    const COLUMNS: &'static [(&'static str, &'static [&'static str])] = &[
        ("date", &[]),
        ("member", &["membre", "commune", "collectivite"]),
        ("service", &["prestation"]),
        ("quantity", &["quantite", "qte"]),
    ];
    /// An order's reference, shown on the titre's supporting document. "N°" folds to "ndeg"
    /// (° is read as "deg").
    const OPTIONAL: &'static [(&'static str, &'static [&'static str])] = &[(
        "reference",
        &["ref", "numero", "n", "ndeg", "no", "bon de commande"],
    )];

    type Part = Part;

    fn add(&mut self, part: &mut Part, line: u64, fields: &[&str]) -> Result<(), String> {
        match fields {
            [date, member, service, quantity, reference] => {
                let fields = [*date, member, service, quantity, reference];
                self.add_record(part, line, fields)
            }
            // The reader gives as many fields as columns asked.
            _ => Err(msg::field_count(
                Self::COLUMNS.len() + Self::OPTIONAL.len(),
                fields.len(),
            )),
        }
    }

    fn take(&mut self, part: Part) {
        part.repeats.add_to(&mut self.lines);
        for (key, sum) in part.sums {
            *self.lines.per_semester.entry(key.0).or_default() += sum.lines;
            match &mut self.sums {
                Sums::Quantities(sums) => *sums.entry(key).or_default() += sum.quantity(),
                Sums::Counts(sums) => {
                    let count = sums.entry(key).or_default();
                    count.lines += sum.lines;
                    count.quantity += sum.quantity();
                }
            }
        }
        if let Some(orders) = &mut self.orders {
            for order in part.orders {
                let count = self.orders_of.entry(order.item()).or_default();
                *count += 1;
                if *count <= ORDERS_LISTED {
                    orders.push(order);
                }
            }
        }
    }

    fn finish(&mut self) -> Vec<String> {
        self.too_large()
    }
}

/// What the lines of the file add up to while it is read.
#[derive(Default)]
pub struct Part {
    sums: FxHashMap<(Semester, usize, usize), Sum>,
    orders: Vec<Order>,
    /// Unknown member spellings whose closest names were looked for (`Names::find_on_line`).
    explained: usize,
    /// The lines that repeat another.
    repeats: Repeats,
}

/// The lines and summed quantity of one (semester, member, service) of the file, in
/// millionths: an integer sum, cheaper on every line than a decimal one.
#[derive(Default)]
struct Sum {
    lines: u64,
    millionths: i128,
    /// The most decimals of a quantity added, which the decimal sum keeps.
    scale: u32,
}

/// The millionths in a unit of each scale, from 0 to 6 decimals.
const MILLIONTHS: [i128; 7] = [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

impl Sum {
    fn add(&mut self, quantity: Decimal) {
        // Quantities have at most six decimals (`parse_quantity`).
        let scale = quantity.scale().min(6);
        self.millionths += quantity.mantissa() * MILLIONTHS[scale as usize];
        self.scale = self.scale.max(scale);
        self.lines += 1;
    }

    /// The sum, as a decimal with the most decimals of a quantity added.
    fn quantity(&self) -> Decimal {
        let mantissa = self.millionths / MILLIONTHS[self.scale as usize];
        // Past 10^28, a count of lines no file holds: too much to bill all the same.
        Decimal::try_from_i128_with_scale(mantissa, self.scale).unwrap_or(Decimal::MAX)
    }
}

/// The sums of the records read so far.
pub struct Tally<'a> {
    c: &'a Convention,
    members: names::Names,
    member_spellings: Memo,
    service_spellings: Memo,
    /// The sum of each (semester, member, service). The lines add to a hash map, cheap to
    /// update on every line, turned once the file is read into this tree, which grows without
    /// the doubling of a hash table: a file of many sums fits in less memory.
    sums: Sums,
    /// The orders read, in the order of the file, when they are asked for (a titre lists
    /// them), at most `ORDERS_LISTED` of each (member, service, semester); else `None`.
    orders: Option<Vec<Order>>,
    /// How many orders each (member, service, semester) has, when orders are kept.
    orders_of: BTreeMap<(usize, usize, Semester), usize>,
    lines: LineCounts,
}

/// What a usage file's lines are added up by.
type Key = (Semester, usize, usize);

/// The sums of a tally: the quantities alone to bill, with their lines to check a file.
enum Sums {
    Quantities(Usage),
    Counts(BTreeMap<Key, Count>),
}

/// One line of a usage file, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub date: NaiveDate,
    pub member: usize,
    pub service: usize,
    pub quantity: Decimal,
    pub reference: Option<String>,
}

impl Order {
    /// The (member, service, semester) the order is billed in.
    pub fn item(&self) -> (usize, usize, Semester) {
        (self.member, self.service, Semester::containing(self.date))
    }
}

impl<'a> Tally<'a> {
    pub fn new(c: &'a Convention) -> Self {
        Tally {
            c,
            members: names::Names::new(&c.members),
            member_spellings: Memo::default(),
            service_spellings: Memo::default(),
            sums: Sums::Quantities(Usage::new()),
            orders: None,
            orders_of: BTreeMap::new(),
            lines: LineCounts::default(),
        }
    }

    /// A tally that also counts the lines of each sum.
    pub fn counting_lines(c: &'a Convention) -> Self {
        Tally {
            sums: Sums::Counts(BTreeMap::new()),
            ..Tally::new(c)
        }
    }

    /// A tally that also keeps every order.
    pub fn keeping_orders(c: &'a Convention) -> Self {
        Tally {
            orders: Some(Vec::new()),
            ..Tally::new(c)
        }
    }

    /// The orders to list, in the order of the file: those of each (member, service,
    /// semester) that has at most `ORDERS_LISTED`.
    pub fn take_orders(&mut self) -> Vec<Order> {
        let mut orders = self.orders.take().unwrap_or_default();
        let counts = &self.orders_of;
        orders.retain(|o| counts.get(&o.item()).is_some_and(|&n| n <= ORDERS_LISTED));
        orders
    }

    /// The quantities to bill, and the lines of the file.
    pub fn into_usage(self) -> (Usage, LineCounts) {
        let usage = match self.sums {
            Sums::Quantities(sums) => sums,
            Sums::Counts(sums) => sums.into_iter().map(|(k, c)| (k, c.quantity)).collect(),
        };
        (usage, self.lines)
    }

    /// The lines of the file.
    pub fn lines(&self) -> &LineCounts {
        &self.lines
    }

    /// The lines (when counted, else 0) and quantity of each (semester, member, service), in
    /// their order.
    pub fn counts(&self) -> Box<dyn Iterator<Item = (&Key, Count)> + '_> {
        match &self.sums {
            Sums::Quantities(sums) => Box::new(
                sums.iter()
                    .map(|(key, &quantity)| (key, Count { lines: 0, quantity })),
            ),
            Sums::Counts(sums) => Box::new(sums.iter().map(|(key, &count)| (key, count))),
        }
    }

    /// Adds the record of `line`, given by its date, member, service, quantity and reference
    /// fields.
    fn add_record(
        &mut self,
        part: &mut Part,
        line: u64,
        [date, member, service, quantity, reference]: [&str; 5],
    ) -> Result<(), String> {
        let c = self.c;
        let date = date_of_service(trim(date), c)?;
        let members = &self.members;
        let explained = &mut part.explained;
        let (member, spelling) = self.member_spellings.find_or(trim(member), |text| {
            members.find_on_line(text, &c.members, explained)
        })?;
        let services = &c.services;
        let (service, _) = self.service_spellings.find_or(trim(service), |text| {
            services
                .iter()
                .position(|s| s.id.eq_ignore_ascii_case(text))
                .ok_or_else(|| {
                    let valid: Vec<&str> = services.iter().map(|s| s.id.as_str()).collect();
                    msg::unknown_service(text, &valid)
                })
        })?;
        let quantity = parse_quantity(trim(quantity))?;
        let reference = trim(reference);
        let semester = Semester::containing(date);
        part.repeats
            .look(line, semester, (date, member, service, quantity, reference));
        self.member_spellings.count(spelling);
        part.sums
            .entry((Semester::containing(date), member, service))
            .or_default()
            .add(quantity);
        if self.orders.is_some() {
            part.orders.push(Order {
                date,
                member,
                service,
                quantity,
                reference: (!reference.is_empty()).then(|| reference.to_string()),
            });
        }
        Ok(())
    }

    /// Each member spelling met on a line that was read, with its member and number of lines;
    /// and the lines whose spelling was not remembered.
    pub fn spellings(&self) -> (Vec<(&str, usize, u64)>, u64) {
        let memo = &self.member_spellings;
        let mut all: Vec<(&str, usize, u64)> = memo
            .index
            .iter()
            .filter_map(|(text, &at)| match memo.found[at] {
                (Ok(member), lines) if lines > 0 => Some((&**text, member, lines)),
                _ => None,
            })
            .collect();
        all.sort_unstable();
        (all, memo.unlisted)
    }

    /// The sums that are too large to bill, as messages.
    fn too_large(&self) -> Vec<String> {
        // Each line is below a billion with at most six decimals, so the sums are exact;
        // bounding them keeps quantity × price far from the limits of a decimal.
        let mut messages: Vec<String> = self
            .counts()
            .filter(|(_, count)| count.quantity >= SUM_LIMIT)
            .map(|((semester, member, service), count)| {
                msg::too_much_to_bill(
                    &self.c.services[*service].id,
                    &self.c.members[*member].id,
                    semester,
                    count.quantity,
                )
            })
            .collect();
        // What a semester's services cost altogether, exactly, so that every total the
        // reports add up (a semester, a year, the whole convention) stays far inside a decimal.
        let mut semesters: BTreeMap<Semester, I256> = BTreeMap::new();
        for ((semester, _, service), count) in self.counts() {
            let price = self.c.services[*service].price;
            *semesters.entry(*semester).or_default() += price_cents(count.quantity, price);
        }
        let limit = I256::from(SEMESTER_LIMIT) * 100;
        for (semester, cents) in semesters.into_iter().filter(|(_, c)| *c >= limit) {
            let total = format!("{}.{:02}", cents / 100, cents % 100);
            messages.push(msg::semester_too_much(semester, total));
        }
        messages
    }
}

/// A quantity written with '.' or ',' as its decimal mark: 1.5 or 1,5. At most nine digits
/// before the mark and six after.
pub fn parse_quantity(text: &str) -> std::result::Result<Decimal, String> {
    let unreadable = || msg::cannot_read_quantity(text);
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match unsigned.find([',', '.']) {
        Some(i) => (&unsigned[..i], &unsigned[i + 1..]),
        None => (unsigned, ""),
    };
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !all_digits(whole) || !all_digits(fraction) {
        return Err(unreadable());
    }
    if whole.trim_start_matches('0').len() > 9 || fraction.len() > 6 {
        return Err(msg::quantity_too_large(text));
    }
    if sign && (whole.bytes().chain(fraction.bytes())).any(|b| b != b'0') {
        return Err(msg::negative_quantity(text));
    }
    // At most fifteen significant digits: the mantissa fits an i64 exactly.
    let mantissa = whole
        .bytes()
        .chain(fraction.bytes())
        .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
    Ok(Decimal::new(mantissa, fraction.len() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dec;

    #[test]
    fn quantities() {
        assert_eq!(parse_quantity("1,5"), Ok(dec("1.5")));
        assert_eq!(parse_quantity("0"), Ok(dec("0")));
        assert_eq!(
            parse_quantity("999999999.999999"),
            Ok(dec("999999999.999999"))
        );
        assert_eq!(parse_quantity("0001"), Ok(dec("1")));
        assert_eq!(parse_quantity("-0"), Ok(dec("0")));
        for bad in [
            "", "1.2.3", "1,2.3", "1 000", "1e3", "-", ".", "+1", "2-1", "--1", "٣",
        ] {
            assert!(
                parse_quantity(bad)
                    .unwrap_err()
                    .starts_with("cannot read quantity"),
                "{bad}"
            );
        }
        for too_much in ["1000000000", "0.0000001"] {
            assert!(
                parse_quantity(too_much)
                    .unwrap_err()
                    .contains("too large or too precise"),
                "{too_much}"
            );
        }
    }

    #[test]
    fn orders_past_a_hundred_of_an_item_are_not_kept() {
        let c = crate::convention::parse(
            crate::convention::EMBEDDED,
            crate::convention::EMBEDDED_NAME,
        )
        .unwrap();
        let mut tally = Tally::keeping_orders(&c);
        // 101 hours of amo for the Cdc in 2021 S1, over two runs; 100 formations in S2.
        let (mut first, mut second) = (Part::default(), Part::default());
        for i in 0..101 {
            let part = if i < 60 { &mut first } else { &mut second };
            tally
                .add(part, i + 2, &["2021-03-15", "cdc", "amo", "1", ""])
                .unwrap();
        }
        for i in 0..100 {
            let fields = ["2021-09-01", "cdc", "formation", "1", "B-7"];
            tally.add(&mut second, i + 103, &fields).unwrap();
        }
        tally.take(first);
        tally.take(second);
        let orders = tally.take_orders();
        assert_eq!(orders.len(), 100);
        assert!(orders
            .iter()
            .all(|o| o.service == 0 && o.reference.as_deref() == Some("B-7")));
        // The sums count every line all the same.
        let s1 = Semester::new(2021, 1).unwrap();
        assert_eq!(tally.into_usage().0.get(&(s1, 0, 1)), Some(&dec("101")));
    }

    #[test]
    fn lines_are_counted_per_semester_and_repeats_named_with_the_line_they_repeat() {
        let c = crate::convention::parse(
            crate::convention::EMBEDDED,
            crate::convention::EMBEDDED_NAME,
        )
        .unwrap();
        let mut tally = Tally::new(&c);
        let mut part = Part::default();
        let lines = [
            ["2021-03-15", "cdc", "amo", "1", "B-1"],
            ["2021-03-15", "cdc", "amo", "1", "B-2"],
            ["2021-03-15", "CDC", "amo", "1.0", "B-1"],
            ["2021-09-01", "cdc", "amo", "1", "B-1"],
            ["2021-03-15", "cdc", "amo", "1", " B-2 "],
        ];
        for (i, fields) in lines.iter().enumerate() {
            tally.add(&mut part, i as u64 + 2, fields).unwrap();
        }
        tally.take(part);
        let (usage, lines) = tally.into_usage();
        let (s1, s2) = (
            Semester::new(2021, 1).unwrap(),
            Semester::new(2021, 2).unwrap(),
        );
        assert_eq!(lines.per_semester, BTreeMap::from([(s1, 4), (s2, 1)]));
        // Line 4 is line 2 spelt otherwise; line 6 is line 3 with spaces around its reference.
        assert_eq!(lines.repeats, BTreeMap::from([(s1, 2)]));
        assert_eq!(lines.repeated, BTreeMap::from([(s1, vec![(4, 2), (6, 3)])]));
        // Repeats are billed: four hours in S1.
        assert_eq!(usage.get(&(s1, 0, 1)), Some(&dec("4")));
    }
}
