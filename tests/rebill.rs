//! `rebill` writes what the Cdc needs to issue its eight titres: a PDF pièce justificative per
//! commune, read back here with a PDF parser (lopdf), the titres' import files and the Cdc's own
//! statement; every figure is checked against values worked out by hand from the convention
//! and the example usage, and a rerun gives the same bytes.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{csv_rows, edited_convention, oleron_bill, pdf_text, repo_file};

/// Each commune's INSEE code (domain notes), and its titre for 2021 worked out by hand: its key
/// of the communes' 18 750,00 € (half of 37 500 €, article 7.1) plus its services from
/// examples/usage-2021.csv (formation 100 € a day, AMO 60 € an hour, quantities summed per
/// semester): e.g. Dolus 3 562,50 + 1 j + 4 h + 2 j + 0,5 h = 3 562,50 + 100 + 240 + 200 + 30.
const TITRES: [(&str, &str, &str, &str); 8] = [
    ("saint-trojan-les-bains", "17411", "1407.50", "1 407,50 €"), // 1 312,50 + 50 + 45
    ("le-grand-village-plage", "17485", "1912.50", "1 912,50 €"), // 1 687,50 + 75 + 150
    ("le-chateau-d-oleron", "17093", "1765.00", "1 765,00 €"),    // 1 500 + 100 + 165
    ("dolus-d-oleron", "17140", "4132.50", "4 132,50 €"),         // 3 562,50 + 570
    ("saint-pierre-d-oleron", "17385", "1907.50", "1 907,50 €"),  // 1 687,50 + 100 + 120
    ("saint-georges-d-oleron", "17337", "5003.75", "5 003,75 €"), // 4 218,75 + 200 + 210 + 375
    ("la-bree-les-bains", "17486", "1422.50", "1 422,50 €"),      // 1 312,50 + 50 + 60
    ("saint-denis-d-oleron", "17323", "3778.75", "3 778,75 €"),   // 3 468,75 + 210 + 100
];

/// `rebill 2021` of the example usage into `titres/2021` of a fresh folder, with `extra`
/// arguments; the folder's files by name.
fn rebill_2021(extra: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let usage = repo_file("examples/usage-2021.csv").display().to_string();
    let mut args = vec![
        "rebill",
        "2021",
        "--out-dir",
        "titres/2021",
        "--usage",
        &usage,
    ];
    args.extend(extra);
    let mut run = oleron_bill(&args);
    let (_, warnings) = run.stdout_with_warnings();
    // What the embedded convention lacks for titres, said once: the addresses of the Cdc and
    // of the communes, their SIRETs, the signature date, the fonction and the ordonnateur.
    assert_eq!(warnings.lines().count(), 6, "{warnings}");
    let first = files_in(&run.file("titres/2021"));
    // Again, over the first: the same bytes, the PDFs included.
    let mut args = args.clone();
    args.push("--force");
    let mut again = oleron_bill(&args);
    std::fs::create_dir_all(again.file("titres")).unwrap();
    std::fs::rename(run.file("titres/2021"), again.file("titres/2021")).unwrap();
    again.stdout_with_warnings();
    assert_eq!(files_in(&again.file("titres/2021")), first);
    first
}

fn files_in(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().into_string().unwrap();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(files[name].clone()).unwrap()
}

#[test]
fn the_titres_of_2021_tie_out_and_their_pdfs_say_so() {
    let files = rebill_2021(&[]);

    // One PDF per commune, with both parties' identities and the amount in figures.
    for (id, insee, _, total) in TITRES {
        let pdf = pdf_text(&files[&format!("rebill-2021-{id}.pdf")]);
        for expected in [
            "SIREN 241 700 624",
            &format!("Code INSEE {insee}"),
            &format!("Total dû {total}"),
            "Date d'émission 31/12/2021",
            "articles 7.1, 7.2 et 7.3",
            "Montants nets, non soumis à la TVA.",
        ] {
            assert!(pdf.contains(expected), "{id}: {expected:?} in {pdf}");
        }
    }

    // Saint-Denis: 18,5 % of the communes' 9 375,00 € a semester is exactly 1 734,375 €; S1's
    // last cent goes to Saint-Georges (22,5 %: same half-cent remainder, larger key), and the
    // year, rounded on its cumul (3 468,75 € exactly), gives it back in S2 (README's rounding
    // contract): 1 734,37 € then 1 734,38 €.
    let denis = pdf_text(&files["rebill-2021-saint-denis-d-oleron.pdf"]);
    for expected in [
        "1er semestre 2021 01/01/2021 – 30/06/2021 18 750,00 € 9,25 % 1 734,375 € 1 734,37 €",
        "Le centime restant revient à Saint-Georges-d'Oléron : à reste égal, sa clé est plus forte.",
        "2e semestre 2021 01/07/2021 – 31/12/2021 18 750,00 € 9,25 % 1 734,375 € 1 734,38 €",
        "Cumul de l'année : 3 468,75 € - 1 734,37 € facturés au 1er semestre = 1 734,38 € (le centime retenu au 1er semestre est rendu).",
        "3 468,75 € Participation de Saint-Denis-d'Oléron pour 2021",
        // One line per order of examples/usage-2021.csv (lines 5, 14 and 24), with its date.
        "09/02/2021 1er semestre 2021 — Prestations spécifiques et AMO 2 heures 60,00 € 120,00 €",
        "25/05/2021 1er semestre 2021 — Prestations spécifiques et AMO 1,5 heure 60,00 € 90,00 €",
        "1 jour 100,00 € 100,00 €",
        "310,00 € Total des prestations pour 2021",
        "Arrêté à la somme de trois mille sept cent soixante-dix-huit euros et soixante-quinze centimes.",
    ] {
        assert!(denis.contains(expected), "{expected:?} in {denis}");
    }
    // The example, in words (traditional spelling).
    let dolus = pdf_text(&files["rebill-2021-dolus-d-oleron.pdf"]);
    assert!(dolus.contains("quatre mille cent trente-deux euros et cinquante centimes"));
    let chateau = pdf_text(&files["rebill-2021-le-chateau-d-oleron.pdf"]);
    assert!(chateau
        .contains("1er semestre 2021 01/01/2021 – 30/06/2021 18 750,00 € 4 % 750,00 € 750,00 €"));
    assert!(chateau.contains("1 500,00 € Participation du Château-d'Oléron pour 2021"));
    assert!(chateau.contains("2,75 heures 60,00 € 165,00 €"));

    // Article 7.2: Saint-Pierre pays its key "sans accès à l'assistance du Conseiller
    // Numérique"; the others do not get that line.
    let pierre = pdf_text(&files["rebill-2021-saint-pierre-d-oleron.pdf"]);
    assert!(pierre.contains(
        "Saint-Pierre-d'Oléron contribue sans accès à l'assistance du conseiller, comme le prévoit la convention."
    ));
    assert!(!denis.contains("sans accès"));

    // The titres: one row each, with what identifies the debtor and the PDF to attach.
    let titres = csv_rows(&text(&files, "titres-2021.csv"), b',');
    let got: Vec<_> = titres
        .iter()
        .map(|r| {
            (
                r["debtor_id"].as_str(),
                r["insee"].as_str(),
                r["amount"].as_str(),
            )
        })
        .collect();
    let expected: Vec<_> = TITRES.iter().map(|(id, i, a, _)| (*id, *i, *a)).collect();
    assert_eq!(got, expected);
    for (n, r) in titres.iter().enumerate() {
        assert_eq!(r["titre"], (n + 1).to_string());
        assert_eq!(r["nature"], "70875");
        assert_eq!(
            (r["period_start"].as_str(), r["period_end"].as_str()),
            ("2021-01-01", "2021-12-31")
        );
        assert_eq!(
            r["attachment"],
            format!("rebill-2021-{}.pdf", r["debtor_id"])
        );
        assert!(files.contains_key(&r["attachment"]));
        assert!(r["object"].chars().count() <= 160);
    }
    // Its lines add up to it, each label within 50 characters.
    let lines = csv_rows(&text(&files, "titres-2021-lignes.csv"), b',');
    for r in &titres {
        let mine: Vec<_> = lines.iter().filter(|l| l["titre"] == r["titre"]).collect();
        assert_eq!(mine.len().to_string(), r["lines"]);
        assert_eq!(
            cents(mine.iter().map(|l| l["amount"].as_str())),
            cents([r["amount"].as_str()])
        );
        assert!(mine.iter().all(|l| l["label"].chars().count() <= 50));
    }
    let denis_lines: Vec<_> = lines
        .iter()
        .filter(|l| l["debtor_id"] == "saint-denis-d-oleron")
        .map(|l| {
            (
                l["label"].as_str(),
                l["quantity"].as_str(),
                l["amount"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        denis_lines,
        [
            ("Participation 2021 S1 (clé 18,5 % de 50 %)", "1", "1734.37"),
            ("Participation 2021 S2 (clé 18,5 % de 50 %)", "1", "1734.38"),
            ("2021 S1 Prestations spécifiques et AMO", "3.5", "210.00"),
            (
                "2021 S2 Formation intra-île catalogue Soluris...",
                "1",
                "100.00"
            ),
        ]
    );

    // The Cdc's side. Soluris invoices 37 500 € + every service of the example: 3 120 € (the
    // communes' 2 580 € above, the Cdc's 6 h + 3 h of AMO = 540 €, the included ones at 0):
    // 40 620 €; the Cdc keeps 18 750 + 540 = 19 290 €; the titres are 18 750 + 2 580 = 21 330 €.
    assert_eq!(cents(TITRES.iter().map(|t| t.2)), 2_133_000);
    let cdc = text(&files, "rebill-2021-cdc.txt");
    for expected in [
        "Total facturé par Soluris : 40 620,00 €",
        "Total de la part du client : 19 290,00 €",
        "Total des titres : 21 330,00 €",
        "Rapprochement : part du client 19 290,00 € + titres 21 330,00 € = 40 620,00 € ; facture 40 620,00 € : concordant",
    ] {
        assert!(cdc.contains(expected), "{expected:?} in {cdc}");
    }
}

/// The sum of plain amounts, in cents.
fn cents<'a>(amounts: impl IntoIterator<Item = &'a str>) -> i64 {
    amounts
        .into_iter()
        .map(|a| a.replace(['.', ','], "").parse::<i64>().unwrap())
        .sum()
}

#[test]
fn excel_fr_applies_to_every_csv_of_the_rebilling() {
    let files = rebill_2021(&["--csv-dialect", "excel-fr"]);
    for name in [
        "rebill-2021.csv",
        "titres-2021.csv",
        "titres-2021-lignes.csv",
    ] {
        let text = text(&files, name);
        let body = text.strip_prefix('\u{feff}').expect("a BOM");
        assert!(body.lines().next().unwrap().contains(';'), "{name}");
    }
    let titres = text(&files, "titres-2021.csv");
    let rows = csv_rows(titres.trim_start_matches('\u{feff}'), b';');
    assert_eq!(rows[7]["amount"], "3778,75");
    assert_eq!(rows[7]["period_start"], "01/01/2021");
}

/// What the convention's `[rebilling]` table and identities add reaches the PDF and the titres:
/// here a SIRET made up for the test (211700323 00002, both parts passing the Luhn check), an
/// address, the imputation, the ordonnateur, none of which the embedded convention has, and
/// payment terms and voies et délais de recours of the test's own.
#[test]
fn the_rebilling_settings_reach_the_documents_and_the_titres() {
    let dir = tempfile::tempdir().unwrap();
    let edited = common::edited_convention(
        dir.path(),
        "payment_days = 30",
        "payment_days = 30\nfonction = \"020\"\nservice_code = \"INFO\"\n\
         ordonnateur = { name = \"Prénom Nom\", title = \"Président\" }",
    );
    let edited_text = std::fs::read_to_string(&edited).unwrap();
    let mentions = edited_text
        .lines()
        .find(|l| l.starts_with("mentions = "))
        .unwrap();
    let with_identity = edited_text.replacen(
        mentions,
        "mentions = [\"Voies et délais de recours : deux mois (article L1617-5 du CGCT).\"]",
        1,
    ).replacen(
        "insee = \"17323\"",
        "insee = \"17323\"\nsiret = \"21170032300002\"\naddress = [\"Place de la mairie\", \"17650 Saint-Denis-d'Oléron\"]",
        1,
    );
    std::fs::write(&edited, with_identity).unwrap();
    let convention = edited.display().to_string();
    let mut run = oleron_bill(&["rebill", "2022", "--out-dir", "out", "-c", &convention]);
    run.stdout_with_warnings();
    let files = files_in(&run.file("out"));
    let denis = pdf_text(&files["rebill-2022-saint-denis-d-oleron.pdf"]);
    for expected in [
        "SIRET 211 700 323 00002",
        "Place de la mairie 17650 Saint-Denis-d'Oléron",
        "Délai de paiement : 30 jours",
        "L'ORDONNATEUR Président Prénom Nom",
        "Voies et délais de recours : deux mois (article L1617-5 du CGCT).",
        // No usage: the year's part only, 18,5 % of 18 750 € (article 7.2's 3 468,75 €).
        "Total dû 3 468,75 €",
        "Arrêté à la somme de trois mille quatre cent soixante-huit euros et soixante-quinze centimes.",
        "Sans prestation à la demande en 2022.",
    ] {
        assert!(denis.contains(expected), "{expected:?} in {denis}");
    }
    let titres = csv_rows(&text(&files, "titres-2022.csv"), b',');
    let row = &titres[7];
    assert_eq!(
        [
            &row["siren"],
            &row["siret"],
            &row["fonction"],
            &row["service_code"],
            &row["amount"],
            &row["lines"]
        ],
        ["211700323", "21170032300002", "020", "INFO", "3468.75", "2"]
    );
    assert_eq!(titres[0]["siret"], "");
}

#[test]
fn titres_are_in_euros() {
    let mut run = oleron_bill(&["rebill", "2021", "--out-dir", "out", "-c", "edited.toml"]);
    edited_convention(run.dir.path(), "currency = \"EUR\"", "currency = \"CHF\"");
    assert_eq!(
        run.fails(2),
        "error: titres de recettes are in euros, and the convention's currency is CHF: rebill needs currency = \"EUR\""
    );
    assert!(!run.file("out").exists());
}

#[test]
fn orders_are_listed_with_their_reference() {
    // The French Excel twin of the example usage has a "Référence" column: each order of
    // Saint-Denis-d'Oléron is listed with it (line 5: BC-2021-004, 2 hours of AMO on 09/02/2021).
    let usage = repo_file("examples/usage-2021-excel-fr.csv")
        .display()
        .to_string();
    let mut run = oleron_bill(&["rebill", "2021", "--out-dir", "out", "-u", &usage]);
    run.stdout_with_warnings();
    let denis =
        pdf_text(&std::fs::read(run.file("out/rebill-2021-saint-denis-d-oleron.pdf")).unwrap());
    assert!(denis.contains("Référence"), "{denis}");
    assert!(denis.contains("09/02/2021 BC-2021-004"), "{denis}");
    assert!(denis.contains("Total dû 3 778,75 €"), "{denis}");
}

#[test]
fn a_reference_column_may_be_named_as_spreadsheets_name_it() {
    for header in ["N°", "Réf.", "Numéro", "Bon de commande"] {
        let usage =
            format!("Date;{header};Commune;Prestation;Quantité\n09/02/2021;BC-9;Dolus;amo;2\n");
        let mut run = oleron_bill(&["rebill", "2021", "--out-dir", "out", "-u", "u.csv"])
            .with_file("u.csv", &usage);
        run.stdout_with_warnings();
        let dolus =
            pdf_text(&std::fs::read(run.file("out/rebill-2021-dolus-d-oleron.pdf")).unwrap());
        assert!(dolus.contains("09/02/2021 BC-9"), "{header}: {dolus}");
    }
}
