//! The safeguards on what the program reads: a workbook cannot take memory in proportion to
//! what it unpacks to, a repeated column is refused, a cell is quoted short, and the names of
//! a convention are composed (NFC), visible, of bounded length, start with no hidden formula,
//! and print on the titre's PDF as written. Each in English and in French.

mod common;

use std::io::Write;

use common::{csv_rows, edited_convention, oleron_bill, pdf_text, Run};

/// The embedded convention's table of Dolus-d'Oléron, whose name is edited below.
const DOLUS: &str = "name = \"Dolus-d'Oléron\"";
/// The line of `[[member]]` Dolus-d'Oléron in conventions/oleron-2020-2022.toml.
const DOLUS_LINE: usize = 77;

/// `run` with the embedded convention, Dolus-d'Oléron's name set to `name`, as edited.toml.
fn named(run: Run, name: &str) -> Run {
    edited_convention(run.dir.path(), DOLUS, &format!("name = \"{name}\""));
    run
}

/// Runs `args` on the convention whose Dolus-d'Oléron is named `name`, in English then in
/// French; expects a one-line error with exit code 2 each time.
fn refusals(args: &[&str], name: &str) -> (String, String) {
    let en = named(oleron_bill(args), name).fails(2);
    let fr = named(oleron_bill(args), name).french().fails(2);
    (en, fr)
}

/// A workbook of one sheet, Feuil1, whose XML is `sheet` and whose shared strings are `strings`,
/// written by hand as Excel lays it out.
fn workbook(path: &std::path::Path, sheet: &[u8], strings: &[&str]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rels = "http://schemas.openxmlformats.org/package/2006/relationships";
    let office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let parts: [(&str, String); 4] = [
        ("[Content_Types].xml", String::from(
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>")),
        ("_rels/.rels", format!("<Relationships xmlns=\"{rels}\"><Relationship Id=\"rId1\" Type=\"{office}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")),
        ("xl/workbook.xml", format!("<workbook xmlns=\"{main}\" xmlns:r=\"{office}\"><sheets><sheet name=\"Feuil1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")),
        ("xl/_rels/workbook.xml.rels", format!(
            "<Relationships xmlns=\"{rels}\"><Relationship Id=\"rId1\" Type=\"{office}/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
             <Relationship Id=\"rId2\" Type=\"{office}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>")),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/sharedStrings.xml", options).unwrap();
    let strings: String = strings
        .iter()
        .map(|s| format!("<si><t>{s}</t></si>"))
        .collect();
    write!(zip, "<sst xmlns=\"{main}\">{strings}</sst>").unwrap();
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    write!(zip, "<worksheet xmlns=\"{main}\"><sheetData>").unwrap();
    zip.write_all(sheet).unwrap();
    zip.write_all(b"</sheetData></worksheet>").unwrap();
    zip.finish().unwrap();
}

/// The shared strings of the usage workbooks below, and a row of their header.
const STRINGS: [&str; 7] = [
    "date",
    "member",
    "service",
    "quantity",
    "2021-03-15",
    "dolus-d-oleron",
    "amo",
];
const HEADER: &[u8] =
    b"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>\
    <c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>";

#[test]
fn a_workbook_whose_blanks_or_shared_strings_would_fill_the_memory_is_refused_before_it_is_read() {
    // A sheet padded with 33 MiB of blanks between its rows: a few hundred KiB packed; the
    // reader would hold the blanks as one run.
    let mut sheet = HEADER.to_vec();
    sheet.extend(std::iter::repeat_n(b' ', 33 << 20));
    let mut runs = [
        oleron_bill(&["2021", "-u", "u.xlsx"]),
        oleron_bill(&["2021", "-u", "u.xlsx"]).french(),
    ];
    for run in &runs {
        workbook(&run.file("u.xlsx"), &sheet, &STRINGS);
        assert!(std::fs::metadata(run.file("u.xlsx")).unwrap().len() < 1 << 20);
    }
    assert_eq!(
        runs[0].fails(2),
        "error: u.xlsx: the workbook's sheet holds a cell or a run of blanks of more than 64 KiB, \
         more than a line of a usage file may hold (save its sheet of usage alone, or as CSV)"
    );
    assert_eq!(
        runs[1].fails(2),
        "error: u.xlsx: la feuille du classeur contient une cellule ou une suite de blancs de plus \
         de 64 Kio, plus qu'une ligne de fichier de prestations ne peut en contenir (enregistrez \
         sa feuille de prestations seule, ou en CSV)"
    );
    // Shared strings are read whole: 33 MiB of them are refused.
    let long = "x".repeat(60_000);
    let strings: Vec<&str> = STRINGS
        .iter()
        .copied()
        .chain(std::iter::repeat_n(
            long.as_str(),
            33 * 1024 * 1024 / 60_000 + 1,
        ))
        .collect();
    let mut runs = [
        oleron_bill(&["2021", "-u", "u.xlsx"]),
        oleron_bill(&["2021", "-u", "u.xlsx"]).french(),
    ];
    for run in &runs {
        workbook(&run.file("u.xlsx"), HEADER, &strings);
    }
    assert_eq!(
        runs[0].fails(2),
        "error: u.xlsx: the workbook holds more than 32 MiB once unpacked, the most a usage file \
         may hold (save its sheet of usage alone, or as CSV)"
    );
    assert!(runs[1]
        .fails(2)
        .contains("plus de 32 Mio une fois décompressé"));
}

#[test]
fn a_sheet_larger_than_32_mib_is_read_a_row_at_a_time() {
    // One order, then 2 000 000 empty rows (36 MiB of XML): read as a stream, as the same
    // rows in a CSV file would be. 2 h of AMO at 60 € for Dolus.
    let mut sheet = HEADER.to_vec();
    sheet.extend_from_slice(
        b"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\" t=\"s\"><v>5</v></c>\
          <c r=\"C2\" t=\"s\"><v>6</v></c><c r=\"D2\"><v>2</v></c></row>",
    );
    for row in 3..2_000_003 {
        sheet.extend_from_slice(format!("<row r=\"{row}\"/>").as_bytes());
    }
    assert!(sheet.len() > 33 << 20);
    let mut run = oleron_bill(&["2021", "-u", "u.xlsx", "-f", "csv"]);
    workbook(&run.file("u.xlsx"), &sheet, &STRINGS);
    let rows = csv_rows(&run.stdout(), b',');
    let amo: Vec<_> = rows
        .iter()
        .filter(|r| r["member_id"] == "dolus-d-oleron" && r["item"] == "amo")
        .map(|r| (r["quantity"].as_str(), r["amount"].as_str()))
        .collect();
    assert_eq!(amo, [("2", "120.00")]);
}

#[test]
fn a_workbook_row_over_64_kib_is_refused_with_its_row_and_the_next_rows_read() {
    // Row 2 has three notes of 30 000 characters beside its order: 90 000 bytes, more than a
    // CSV line may hold. Row 3 is a valid order, row 4 an unknown member.
    let note = "n".repeat(30_000);
    let mut sheet = HEADER.to_vec();
    sheet.extend_from_slice(
        b"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\" t=\"s\"><v>5</v></c>\
          <c r=\"C2\" t=\"s\"><v>6</v></c><c r=\"D2\"><v>2</v></c>\
          <c r=\"E2\" t=\"s\"><v>7</v></c><c r=\"F2\" t=\"s\"><v>7</v></c><c r=\"G2\" t=\"s\"><v>7</v></c></row>\
          <row r=\"3\"><c r=\"A3\" t=\"s\"><v>4</v></c><c r=\"B3\" t=\"s\"><v>5</v></c>\
          <c r=\"C3\" t=\"s\"><v>6</v></c><c r=\"D3\"><v>1</v></c></row>\
          <row r=\"4\"><c r=\"A4\" t=\"s\"><v>4</v></c><c r=\"B4\" t=\"s\"><v>8</v></c>\
          <c r=\"C4\" t=\"s\"><v>6</v></c><c r=\"D4\"><v>1</v></c></row>",
    );
    let mut strings = STRINGS.to_vec();
    strings.push(&note);
    strings.push("Dollus");
    let out = |run: Run| {
        let mut run = run;
        workbook(&run.file("u.xlsx"), &sheet, &strings);
        run.command_output()
    };
    let en = out(oleron_bill(&["2021", "-u", "u.xlsx"]));
    assert_eq!(en.code, Some(2));
    assert_eq!(
        en.stderr,
        "error: u.xlsx:Feuil1:2: the row's cells hold more than 64 KiB of text, too long for a record\n\
         error: u.xlsx:Feuil1:4: unknown member \"Dollus\" (closest: dolus-d-oleron)\n"
    );
    let fr = out(oleron_bill(&["2021", "-u", "u.xlsx"]).french());
    assert!(fr.stderr.starts_with(
        "error: u.xlsx:Feuil1:2: les cellules de la ligne contiennent plus de 64 Kio de texte, \
         trop pour un enregistrement\n"
    ));
}

#[test]
fn a_field_is_quoted_in_a_message_cut_after_60_characters() {
    // A member of 60 000 letters: the message quotes its first 60 and an ellipsis.
    let long = "D".repeat(60_000);
    let csv = format!("date,member,service,quantity\n2021-03-15,{long},amo,1\n");
    let quoted = format!("\"{}…\"", "D".repeat(60));
    let members = "cdc, saint-trojan-les-bains, le-grand-village-plage, le-chateau-d-oleron, \
                   dolus-d-oleron, saint-pierre-d-oleron, saint-georges-d-oleron, \
                   la-bree-les-bains, saint-denis-d-oleron";
    let en = oleron_bill(&["2021", "-u", "u.csv"])
        .with_file("u.csv", &csv)
        .fails(2);
    assert_eq!(
        en,
        format!("error: u.csv:2: unknown member {quoted} (members: {members})")
    );
    let fr = oleron_bill(&["2021", "-u", "u.csv"])
        .french()
        .with_file("u.csv", &csv)
        .fails(2);
    assert_eq!(
        fr,
        format!("error: u.csv:2: membre inconnu {quoted} (membres : {members})")
    );
    // In a workbook, the same.
    let mut sheet = HEADER.to_vec();
    sheet.extend_from_slice(
        b"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\" t=\"s\"><v>7</v></c>\
          <c r=\"C2\" t=\"s\"><v>6</v></c><c r=\"D2\"><v>1</v></c></row>",
    );
    let cell = "D".repeat(60_000);
    let mut strings = STRINGS.to_vec();
    strings.push(&cell);
    let mut run = oleron_bill(&["2021", "-u", "u.xlsx"]);
    workbook(&run.file("u.xlsx"), &sheet, &strings);
    assert_eq!(
        run.fails(2),
        format!("error: u.xlsx:Feuil1:2: unknown member {quoted} (members: {members})")
    );
}

#[test]
fn a_usage_header_naming_one_column_twice_is_refused_naming_both() {
    let cases = [
        (
            "date,member,membre,service,quantity\n2021-03-15,dolus-d-oleron,cdc,amo,1\n",
            "\"member\" and \"membre\"",
            "member",
        ),
        (
            "date,member,service,quantity,quantity\n2021-03-15,dolus-d-oleron,amo,1,2\n",
            "\"quantity\" and \"quantity\"",
            "quantity",
        ),
    ];
    for (csv, both, column) in cases {
        let en = oleron_bill(&["2021", "-u", "u.csv"])
            .with_file("u.csv", csv)
            .fails(2);
        assert_eq!(
            en,
            format!(
                "error: u.csv:1: the columns {both} both name the column {column}: keep one of \
                 them (which one was meant cannot be told)"
            )
        );
        let fr = oleron_bill(&["2021", "-u", "u.csv"])
            .french()
            .with_file("u.csv", csv)
            .fails(2);
        let both = both.replace(" and ", " et ");
        assert_eq!(
            fr,
            format!(
                "error: u.csv:1: les colonnes {both} désignent toutes deux la colonne {column} : \
                 gardez-en une seule (on ne peut pas savoir laquelle compte)"
            )
        );
    }
}

#[test]
fn a_formula_behind_any_unicode_space_is_refused() {
    // A no-break space, an ideographic space, a thin space and a zero-width space: each hides
    // the start of a formula as a plain space does.
    let cases = [
        ("\u{a0}=1+1", "\\u{a0}=1+1", '='),
        ("\u{3000}+cmd|calc", "\\u{3000}+cmd|calc", '+'),
        ("\u{2009}@SUM(1)", "\\u{2009}@SUM(1)", '@'),
        ("\u{200b}-2+3", "\\u{200b}-2+3", '-'),
    ];
    for (name, shown, start) in cases {
        let (en, fr) = refusals(&["check", "-c", "edited.toml"], name);
        assert_eq!(
            en,
            format!(
                "error: edited.toml:{DOLUS_LINE}:1: [[member]] name \"{shown}\" starts with \
                 '{start}': a spreadsheet opening the CSV would run it as a formula"
            )
        );
        assert_eq!(
            fr,
            format!(
                "error: edited.toml:{DOLUS_LINE}:1: [[member]] name \"{shown}\" commence par \
                 '{start}' : un tableur qui ouvre le CSV l'exécuterait comme une formule"
            )
        );
    }
}

#[test]
fn invisible_characters_in_names_ids_and_aliases_are_refused_naming_them() {
    let en_rest = "invisible characters are not allowed, as they make two texts that look alike \
                   differ";
    let fr_rest =
        "les caractères invisibles sont interdits, car deux textes qui se ressemblent en diffèrent";
    // In a name: a zero-width space, a word joiner, a byte order mark, a tag letter "A".
    for (invisible, code) in [
        ('\u{200b}', "200B"),
        ('\u{2060}', "2060"),
        ('\u{feff}', "FEFF"),
        ('\u{e0041}', "E0041"),
    ] {
        let name = format!("Do{invisible}lus");
        let shown = format!("Do{}lus", invisible.escape_unicode());
        let (en, fr) = refusals(&["check", "-c", "edited.toml"], &name);
        let at = format!("error: edited.toml:{DOLUS_LINE}:1: [[member]] name \"{shown}\"");
        assert_eq!(
            en,
            format!("{at} holds the invisible character U+{code}: {en_rest}")
        );
        assert_eq!(
            fr,
            format!("{at} contient le caractère invisible U+{code} : {fr_rest}")
        );
    }
    // In an id and in an alias.
    let mut run = oleron_bill(&["check", "-c", "edited.toml"]);
    edited_convention(
        run.dir.path(),
        "id = \"dolus-d-oleron\"",
        "id = \"dolus\u{200d}-d-oleron\"",
    );
    assert_eq!(
        run.fails(2),
        format!(
            "error: edited.toml:{DOLUS_LINE}:1: [[member]] id \"dolus\\u{{200d}}-d-oleron\" holds \
             the invisible character U+200D: {en_rest}"
        )
    );
    let mut run = oleron_bill(&["check", "-c", "edited.toml"]).french();
    edited_convention(
        run.dir.path(),
        "aliases = [\"Saint Denys d'Oléron\"]",
        "aliases = [\"Saint Denys\u{2063}d'Oléron\"]",
    );
    let error = run.fails(2);
    assert!(
        error.ends_with(&format!(
            ": [[member]] alias \"Saint Denys\\u{{2063}}d'Oléron\" contient le caractère invisible \
             U+2063 : {fr_rest}"
        )),
        "{error}"
    );
}

#[test]
fn every_default_ignorable_character_is_refused_by_every_command() {
    let en_rest = "invisible characters are not allowed, as they make two texts that look alike \
                   differ";
    let fr_rest =
        "les caractères invisibles sont interdits, car deux textes qui se ressemblent en diffèrent";
    // A soft hyphen, a combining grapheme joiner, the Hangul fillers, a variation selector and
    // one of its supplement, a Mongolian free variation selector, an invisible operator.
    for (invisible, code) in [
        ('\u{ad}', "00AD"),
        ('\u{34f}', "034F"),
        ('\u{115f}', "115F"),
        ('\u{3164}', "3164"),
        ('\u{ffa0}', "FFA0"),
        ('\u{fe0f}', "FE0F"),
        ('\u{e0100}', "E0100"),
        ('\u{180b}', "180B"),
        ('\u{206f}', "206F"),
    ] {
        let name = format!("Do{invisible}lus-d'Oléron");
        let shown = format!("Do{}lus-d'Oléron", invisible.escape_unicode());
        let at = format!("error: edited.toml:{DOLUS_LINE}:1: [[member]] name \"{shown}\"");
        // The bills refuse it as `check` and `rebill` do, before printing anything.
        for args in [
            &["check", "-c", "edited.toml"][..],
            &["2021", "-c", "edited.toml"],
            &["rebill", "2021", "-c", "edited.toml", "--out-dir", "out"],
        ] {
            let (en, fr) = refusals(args, &name);
            assert_eq!(
                en,
                format!("{at} holds the invisible character U+{code}: {en_rest}")
            );
            assert_eq!(
                fr,
                format!("{at} contient le caractère invisible U+{code} : {fr_rest}")
            );
        }
    }
    // In a label: a soft hyphen that the PDF would print as a hyphen.
    let mut run = oleron_bill(&["2021", "-c", "edited.toml"]);
    edited_convention(
        run.dir.path(),
        "label = \"Conseiller numérique de proximité\"",
        "label = \"Conseiller numé\u{ad}rique\"",
    );
    assert!(run.fails(2).ends_with(&format!(
        ": [cost] label \"Conseiller numé\\u{{ad}}rique\" holds the invisible character U+00AD: \
         {en_rest}"
    )));
}

#[test]
fn a_label_over_200_characters_and_a_mention_over_1000_are_refused_with_their_length() {
    let adjustment =
        "label = \"Remise exceptionnelle Territoire pilote (-20 % la première année)\"";
    // The first [[adjustment]] of conventions/oleron-2020-2022.toml opens on line 40.
    let at = "error: edited.toml:40:1: [[adjustment]] label \"Remise";
    let label = |chars: usize| format!("label = \"Remise {}\"", "é".repeat(chars - 7));
    let mut en = oleron_bill(&["check", "-c", "edited.toml"]);
    edited_convention(en.dir.path(), adjustment, &label(201));
    let en = en.fails(2);
    assert!(en.starts_with(at), "{en}");
    assert!(
        en.ends_with("\" is 201 characters long: at most 200"),
        "{en}"
    );
    let mut fr = oleron_bill(&["2021", "-c", "edited.toml"]).french();
    edited_convention(fr.dir.path(), adjustment, &label(201));
    let fr = fr.fails(2);
    assert!(fr.starts_with(at), "{fr}");
    assert!(fr.ends_with("\" fait 201 caractères : 200 au plus"), "{fr}");
    // 200 characters, with their accents, are taken.
    let mut run = oleron_bill(&["2021", "-c", "edited.toml"]);
    edited_convention(run.dir.path(), adjustment, &label(200));
    run.stdout();
    // A mention is a paragraph: 1 000 characters are taken, not 1 001.
    let mention = "mentions = [\"Voies et délais de recours";
    let long = |chars: usize| {
        format!(
            "mentions = [\"{}\", \"Voies et délais de recours",
            "a".repeat(chars)
        )
    };
    let mut run = oleron_bill(&["check", "-c", "edited.toml"]).french();
    edited_convention(run.dir.path(), mention, &long(1001));
    let error = run.fails(2);
    assert!(error.contains(": [rebilling] mention \"aaa"), "{error}");
    assert!(
        error.ends_with("\" fait 1001 caractères : 1000 au plus"),
        "{error}"
    );
    let mut run = oleron_bill(&["2021", "-c", "edited.toml"]);
    edited_convention(run.dir.path(), mention, &long(1000));
    run.stdout();
}

#[test]
fn a_name_over_100_characters_is_refused_with_its_length() {
    let name = "Dolus".repeat(21);
    assert_eq!(name.chars().count(), 105);
    let (en, fr) = refusals(&["check", "-c", "edited.toml"], &name);
    let at = format!(
        "error: edited.toml:{DOLUS_LINE}:1: [[member]] name \"{}…\"",
        &name[..60]
    );
    assert_eq!(en, format!("{at} is 105 characters long: at most 100"));
    assert_eq!(fr, format!("{at} fait 105 caractères : 100 au plus"));
    // 100 characters, with their accents, are taken.
    let name = format!("{}é", "D".repeat(99));
    let mut run = named(oleron_bill(&["2021", "-c", "edited.toml"]), &name);
    assert!(run.stdout().contains(&name));
}

#[test]
fn a_decomposed_name_is_composed_and_the_pdf_prints_the_titres_name() {
    // "Dolus-d'Ole\u{301}ron", as a Mac writes it: "e" and a combining acute accent.
    let mut run = named(
        oleron_bill(&["rebill", "2021", "-c", "edited.toml", "--out-dir", "out"]),
        "Dolus-d'Ole\u{301}ron",
    );
    run.command_output();
    let titres = std::fs::read_to_string(run.file("out/titres-2021.csv")).unwrap();
    let dolus = csv_rows(&titres, b',')
        .into_iter()
        .find(|r| r["debtor_id"] == "dolus-d-oleron")
        .unwrap();
    // Composed: one letter, U+00E9, as typed on any other machine.
    assert_eq!(dolus["debtor_name"], "Dolus-d'Ol\u{e9}ron");
    let pdf = pdf_text(&std::fs::read(run.file("out/rebill-2021-dolus-d-oleron.pdf")).unwrap());
    // The PDF names the debtor as the titre does.
    assert!(pdf.contains(&dolus["debtor_name"]), "{pdf}");
    assert!(
        !pdf.contains("Ole?ron") && !pdf.contains("Ole´ron"),
        "{pdf}"
    );
    // Named alike, the member is found by its name as any machine types it.
    let csv = "date,member,service,quantity\n2021-03-15,Dolus-d'Oléron,amo,1\n";
    let mut run = named(
        oleron_bill(&["check", "-c", "edited.toml", "-u", "u.csv"]),
        "Dolus-d'Ole\u{301}ron",
    )
    .with_file("u.csv", csv);
    assert!(run.command_output().code == Some(0));
}

#[test]
fn a_name_the_pdf_cannot_print_is_refused_at_check_and_before_rebill_writes() {
    let en_rest = "which the PDF of a titre cannot print (its fonts have the Latin-1 and \
                   Windows-1252 letters): write the text as the titre must show it, without this \
                   character";
    let fr_rest = "que le PDF d'un titre ne peut pas imprimer (ses polices ont les lettres du \
                   Latin-1 et du Windows-1252) : écrivez le texte tel que le titre doit le \
                   montrer, sans ce caractère";
    let at = "error: edited.toml: [[member]] dolus-d-oleron name";
    // `check` says so after its summary and warnings, and fails.
    let mut run = named(oleron_bill(&["check", "-c", "edited.toml"]), "Łódź");
    let out = run.command_output();
    assert_eq!(out.code, Some(2));
    assert_eq!(
        out.stderr.lines().last().unwrap(),
        format!("{at} \"Łódź\" holds 'Ł' (U+0141), {en_rest}")
    );
    // `rebill` refuses before anything is written: no folder.
    for (name, c, code) in [
        ("Łódź", 'Ł', "0141"),
        ("Αθήνα", 'Α', "0391"),
        ("Dolus 🏖", '🏖', "1F3D6"),
    ] {
        let (en, fr) = refusals(
            &["rebill", "2021", "-c", "edited.toml", "--out-dir", "out"],
            name,
        );
        assert_eq!(
            en,
            format!("{at} \"{name}\" holds '{c}' (U+{code}), {en_rest}")
        );
        assert_eq!(
            fr,
            format!("{at} \"{name}\" contient '{c}' (U+{code}), {fr_rest}")
        );
    }
    let mut run = named(
        oleron_bill(&["rebill", "2021", "-c", "edited.toml", "--out-dir", "out"]),
        "Łódź",
    );
    run.fails(2);
    assert!(!run.file("out").exists());
    // The bills, which print no PDF, are made.
    let mut run = named(oleron_bill(&["2021", "-c", "edited.toml"]), "Łódź");
    assert!(run.stdout().contains("Łódź"));
}
