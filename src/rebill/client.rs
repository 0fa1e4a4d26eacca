//! The client's own statement for a year: what the provider invoices it (the advisor and every
//! service), what it keeps, and the titres it issues, so that its accountant can check that the
//! provider's invoice is the client's part plus the titres.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::billing::SemesterBill;
use crate::convention::Convention;
use crate::display::{fr_money, fr_number, fr_semester};

/// The statement of the client for `year`; `bills` are the year's semesters.
pub fn statement(c: &Convention, year: i32, bills: &[SemesterBill]) -> String {
    let money = |a: Decimal| fr_money(a, &c.currency);
    let client = c.client;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Refacturation {year} — {} (client de {})",
        c.client().name,
        c.provider
    );
    let _ = writeln!(out, "Convention : {}", c.name);

    let _ = writeln!(out, "\nFacture de {} pour {year}", c.provider);
    for b in bills {
        let _ = writeln!(
            out,
            "  {} : conseiller {} + prestations {} = {}",
            fr_semester(b.semester),
            money(b.total),
            money(b.extras_total()),
            money(b.invoice_total())
        );
    }
    let invoice: Decimal = bills.iter().map(SemesterBill::invoice_total).sum();
    let _ = writeln!(
        out,
        "  Total facturé par {} : {}",
        c.provider,
        money(invoice)
    );

    let _ = writeln!(out, "\nPart du client, non refacturée");
    let advisor: Decimal = bills.iter().map(|b| b.shares[client]).sum();
    let services: Decimal = bills.iter().map(|b| b.extras_total_of(client)).sum();
    let _ = writeln!(
        out,
        "  Conseiller ({} % du coût) : {}",
        fr_number(c.client_share),
        money(advisor)
    );
    let _ = writeln!(out, "  Prestations commandées : {}", money(services));
    let own = advisor + services;
    let _ = writeln!(out, "  Total de la part du client : {}", money(own));

    let _ = writeln!(out, "\nTitres de recettes émis pour {year}");
    let mut titres = Decimal::ZERO;
    for (number, m) in c.debtors().enumerate() {
        let amount: Decimal = bills.iter().map(|b| b.member_total(m)).sum();
        titres += amount;
        let _ = writeln!(
            out,
            "  {:>2}. {} : {}",
            number + 1,
            c.members[m].name,
            money(amount)
        );
    }
    let _ = writeln!(out, "  Total des titres : {}", money(titres));

    let verdict = match own + titres == invoice {
        true => "concordant",
        false => "ÉCART",
    };
    let _ = writeln!(
        out,
        "\nRapprochement : part du client {} + titres {} = {} ; facture {} : {verdict}",
        money(own),
        money(titres),
        money(own + titres),
        money(invoice)
    );
    out
}
