//! The supporting PDF of a titre de recettes, read back with a PDF parser (lopdf): the amounts,
//! identities and amount in words are there as text, long lists flow onto numbered pages that
//! keep every line on the paper, and the same statement gives the same bytes.
//!
//! Set DOCUMENTS_SAMPLE_DIR to a folder to keep the PDFs the tests render, to look at them.

use chrono::NaiveDate;
use lopdf::content::Content;
use lopdf::Document;
use oleron_bill::documents::statement::render;
use oleron_bill::documents::{
    ConventionRef, CostLine, Party, SemesterBasis, ServiceLine, Signatory, Statement,
};
use rust_decimal::Decimal;

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Saint-Denis-d'Oléron's titre for 2020, from the convention's figures worked out by hand:
/// 45 000 € − 20 % (9 000 €) − 7 500 € = 28 500 € for the year, 14 250 € a semester; the
/// communes' 50 % is 7 125 €, of which Saint-Denis's 18,5 % is exactly 1 318,125 €. Split with
/// the other keys, the odd cent of S1 goes to Saint-Georges (22,5 %, same remainder, larger
/// key): 1 318,12 €; the year's 14 250 € × 18,5 % = 2 636,25 € leaves 1 318,13 € for S2.
/// Services: 2 h and 0,5 h and 1,5 h of AMO at 60 € (120 €, 30 €, 90 €) and 1 day of training
/// at 100 €: 340 €. Total 2 636,25 + 340 = 2 976,25 €.
fn saint_denis_2020() -> Statement {
    let cost_lines = vec![
        CostLine {
            label: "Conseiller numérique de proximité (1 ETP)".into(),
            amount: dec("45000.00"),
        },
        CostLine {
            label: "Remise exceptionnelle Territoire pilote (-20 % la première année)".into(),
            amount: dec("-9000.00"),
        },
        CostLine {
            label: "Remise sur forfait « Solutions Technologies »".into(),
            amount: dec("-7500.00"),
        },
    ];
    let semester = |first_day, last_day, days, rounded: &str, note: &str| SemesterBasis {
        first_day,
        last_day,
        days,
        semester_days: days,
        cost_lines: cost_lines.clone(),
        amount: dec("14250.00"),
        pool_percent: dec("50"),
        key: dec("18.5"),
        exact: "1318.125".into(),
        rounded: dec(rounded),
        rounding_note: Some(note.into()),
    };
    let amo = |day, reference: &str, quantity: &str, amount: &str| ServiceLine {
        date: Some(date(2020, 3, day)),
        reference: Some(reference.into()),
        label: "Prestations spécifiques et AMO".into(),
        quantity: dec(quantity),
        unit: "heure".into(),
        unit_price: dec("60.00"),
        amount: dec(amount),
    };
    Statement {
        issuer: Party {
            name: "Communauté de communes de l'île d'Oléron".into(),
            siren: Some("241700624".into()),
            ..Party::default()
        },
        debtor: Party {
            name: "Saint-Denis-d'Oléron".into(),
            insee: Some("17323".into()),
            ..Party::default()
        },
        object: "Participation 2020 au conseiller numérique de proximité et prestations à la \
                 demande"
            .into(),
        year: 2020,
        convention: ConventionRef {
            title: "Prestation d'un Conseiller Numérique de Proximité".into(),
            signed: None,
            deliberation: Some("250919_DCC26 transmise le 25/09/2019".into()),
            articles: vec!["7.1".into(), "7.2".into(), "7.3".into()],
        },
        issued: date(2021, 1, 15),
        semesters: vec![
            semester(
                date(2020, 1, 1),
                date(2020, 6, 30),
                182,
                "1318.12",
                "Le centime restant revient à Saint-Georges-d'Oléron : même reste, clé plus forte.",
            ),
            semester(
                date(2020, 7, 1),
                date(2020, 12, 31),
                184,
                "1318.13",
                "Arrondi sur l'année : 2 636,25 € moins 1 318,12 € facturés au 1er semestre.",
            ),
        ],
        services: vec![
            amo(9, "REQ-2020-014", "2", "120.00"),
            amo(17, "REQ-2020-021", "0.5", "30.00"),
            amo(24, "REQ-2020-030", "1.5", "90.00"),
            ServiceLine {
                date: Some(date(2020, 10, 6)),
                reference: None,
                label: "Formation intra-île catalogue Soluris (à la journée, déplacement inclus)"
                    .into(),
                quantity: dec("1"),
                unit: "jour".into(),
                unit_price: dec("100.00"),
                amount: dec("100.00"),
            },
        ],
        total: dec("2976.25"),
        payment_days: Some(30),
        ordonnateur: Some(Signatory {
            name: "Prénom NOM".into(),
            title: "Président de la Communauté de communes".into(),
        }),
        mentions: vec![
            "Voies et délais de recours : dans un délai de deux mois suivant la réception du \
             présent titre, le débiteur peut contester la somme devant la juridiction \
             compétente (article L1617-5 du code général des collectivités territoriales)."
                .into(),
        ],
    }
}

/// The PDF, kept in DOCUMENTS_SAMPLE_DIR when it is set.
fn rendered(s: &Statement, name: &str) -> Document {
    let bytes = render(s);
    if let Some(dir) = std::env::var_os("DOCUMENTS_SAMPLE_DIR") {
        std::fs::write(std::path::Path::new(&dir).join(name), &bytes).unwrap();
    }
    Document::load_mem(&bytes).unwrap()
}

/// The text of every page, with its lines' breaks and spacing folded to single spaces.
fn text_of(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn amounts_identities_and_words_are_text() {
    let doc = rendered(&saint_denis_2020(), "saint-denis-2020.pdf");
    assert_eq!(doc.get_pages().len(), 1);
    let text = text_of(&doc);
    for expected in [
        "Communauté de communes de l'île d'Oléron",
        "SIREN 241 700 624",
        "Saint-Denis-d'Oléron",
        "Code INSEE 17323",
        "articles 7.1, 7.2 et 7.3",
        "250919_DCC26",
        "15/01/2021",
        "1er semestre 2020 01/01/2020 – 30/06/2020",
        "45 000,00 €",
        "-9 000,00 €",
        "-7 500,00 €",
        "28 500,00 €",
        "14 250,00 €",
        "clé de 18,5 % de la part des communes (50 % du coût), soit 9,25 %",
        "1 318,125 €",
        "1 318,12 €",
        "1 318,13 €",
        "Le centime restant revient à Saint-Georges-d'Oléron",
        "Participation de Saint-Denis-d'Oléron pour 2020",
        "2 636,25 €",
        "REQ-2020-014",
        "09/03/2020",
        "2 heures",
        "0,5 heure",
        "1,5 heure",
        "1 jour",
        "340,00 €",
        "2 976,25 €",
        "deux mille neuf cent soixante-seize euros et vingt-cinq centimes",
        "Montants nets, non soumis à la TVA",
        "30 jours",
        "Prénom NOM",
        "article L1617-5",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in:\n{text}");
    }
    assert!(!text.contains("Page 1"), "a single page is not numbered");
}

#[test]
fn the_articles_contract_in_names() {
    let mut s = saint_denis_2020();
    s.debtor.name = "Le Château-d'Oléron".into();
    let text = text_of(&rendered(&s, "chateau.pdf"));
    assert!(text.contains("Part du Château-d'Oléron"), "{text}");
    assert!(
        text.contains("Participation du Château-d'Oléron pour 2020"),
        "{text}"
    );
    s.debtor.name = "La Brée-les-Bains".into();
    let text = text_of(&rendered(&s, "la-bree.pdf"));
    assert!(text.contains("Part de La Brée-les-Bains"), "{text}");
}

#[test]
fn same_statement_same_bytes() {
    let s = saint_denis_2020();
    let bytes = render(&s);
    assert_eq!(bytes, render(&s));
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("CreationDate") && !text.contains("ModDate"));
    assert!(bytes.starts_with(b"%PDF-1.7"));
}

/// 120 services cannot fit on one page: they flow onto the next ones, every line stays
/// between the margins, the pages are numbered and every amount is there.
#[test]
fn long_service_lists_flow_onto_numbered_pages() {
    let mut s = saint_denis_2020();
    let line = s.services[0].clone();
    s.services = (1..=120)
        .map(|i| ServiceLine {
            reference: Some(format!("REQ-{i:04}")),
            // i half-hours at 60 € an hour: 30 € × i.
            quantity: Decimal::new(i, 0) / Decimal::TWO,
            amount: Decimal::new(30 * i, 0),
            ..line.clone()
        })
        .collect();
    // 30 € × (1 + … + 120) = 30 × 7 260 = 217 800 €, plus the shares 2 636,25 €.
    s.total = dec("220436.25");
    let doc = rendered(&s, "long.pdf");
    let pages = doc.get_pages();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let text = text_of(&doc);
    for i in 1..=120 {
        assert!(text.contains(&format!("REQ-{i:04}")), "REQ-{i:04}");
    }
    assert!(text.contains("3 600,00 €"), "the 120th line, 60 h");
    assert!(text.contains("217 800,00 €"), "the services' total");
    assert!(text.contains("220 436,25 €"));
    assert!(
        text.contains("deux cent vingt mille quatre cent trente-six euros et vingt-cinq centimes")
    );
    let count = pages.len();
    for (n, (_, &id)) in pages.iter().enumerate() {
        let page_text = doc.extract_text(&[n as u32 + 1]).unwrap();
        assert!(page_text.contains(&format!("Page {} / {count}", n + 1)));
        if page_text.contains("REQ-") {
            assert!(
                page_text.contains("Prix unitaire"),
                "the header on page {}",
                n + 1
            );
        }
        let running =
            "Saint-Denis-d'Oléron — pièce justificative du titre de recettes 2020 (suite)";
        assert_eq!(page_text.contains(running), n > 0, "page {}", n + 1);
        // Every text starts within the A4 page's margins: 2 cm on the sides, 1,5 cm at the
        // top but for the running header, and the page number, 1 cm from the edges.
        let content = Content::decode(&doc.get_page_content(id)).unwrap();
        for op in content.operations.iter().filter(|op| op.operator == "Td") {
            let x = op.operands[0].as_float().unwrap();
            let y = op.operands[1].as_float().unwrap();
            assert!(
                (56.0..=595.0 - 56.0).contains(&x),
                "x {x} on page {}",
                n + 1
            );
            assert!(
                (28.0..=842.0 - 28.0).contains(&y),
                "y {y} on page {}",
                n + 1
            );
        }
    }
}

/// A year whose service starts on 1 October has a partial second semester (92 days out of
/// 184), which the period says (and its 7 125 € the table shows); a debtor without services gets one line instead of a table;
/// a SIRET is printed in its groups, instead of the SIREN.
#[test]
fn a_partial_semester_and_no_services() {
    let mut s = saint_denis_2020();
    s.semesters.remove(0);
    s.semesters[0].first_day = date(2020, 10, 1);
    s.semesters[0].days = 92;
    // 28 500 € × 92 / (2 × 184) = 7 125 €; 9,25 % of it is 659,0625 €.
    s.semesters[0].amount = dec("7125.00");
    s.semesters[0].exact = "659.0625".into();
    s.semesters[0].rounded = dec("659.06");
    s.semesters[0].rounding_note = None;
    s.total = dec("659.06");
    s.services.clear();
    s.debtor.siret = Some("12345678900017".into());
    s.debtor.siren = Some("123456789".into());
    let text = text_of(&rendered(&s, "partial.pdf"));
    for expected in [
        "2e semestre 2020 01/10/2020 – 31/12/2020 (92 jours sur 184)",
        "au prorata des jours de service pour un semestre incomplet",
        "Sans prestation à la demande en 2020.",
        "SIRET 123 456 789 00017",
        "7 125,00 €",
        "659,0625 €",
        "six cent cinquante-neuf euros et six centimes",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in:\n{text}");
    }
    assert!(!text.contains("SIREN 123"), "{text}");
    assert!(!text.contains("Référence"), "{text}");
}
