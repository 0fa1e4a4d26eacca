//! The outputs of a run as a hurried user names them: a file's extension chooses its format and
//! is never contradicted, two outputs of a run are never one file, a run writes all its files
//! or none, and a workbook holds any convention's dates (issue 21, items 3, 15 and 16).

mod common;

use std::fs;
use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::{oleron_bill, repo_file, ILE_DE_RE};

/// The interventions log of the examples, for `copil`.
fn log() -> String {
    repo_file("examples/interventions-2021.csv")
        .to_str()
        .unwrap()
        .to_string()
}

/// The names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn a_file_named_csv_json_or_xlsx_is_written_in_that_format_without_format() {
    // The second semester of 2021 costs 37 500 € / 2 = 18 750 €, of which the Cdc keeps 50 %.
    let mut run = oleron_bill(&["2021", "-s", "2", "-o", "2021.csv"]);
    assert_eq!(run.stdout(), "");
    let csv = fs::read_to_string(run.file("2021.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("year,semester,billing_date,member_id,member_name,item,label,quantity,unit,unit_price,amount")
    );
    assert_eq!(
        lines.next(),
        Some("2021,2,2021-12-31,cdc,Cdc de l'île d'Oléron,advisor,Participation 2021 S2 — Conseiller numérique de proximité (50 %),1,semestre,9375.00,9375.00")
    );

    let mut run = oleron_bill(&["2021", "-s", "2", "-o", "2021.JSON"]);
    assert_eq!(run.stdout(), "");
    let json = fs::read_to_string(run.file("2021.JSON")).unwrap();
    assert!(json.starts_with("{\n  \"convention\": "), "{json}");
    assert!(json.contains("\"invoice\": \"18750.00\""), "{json}");

    let mut run = oleron_bill(&["2021", "-s", "2", "-o", "2021.xlsx"]);
    assert_eq!(run.stdout(), "");
    let mut workbook: Xlsx<_> = open_workbook(run.file("2021.xlsx")).unwrap();
    let sheet = workbook.worksheet_range("Facturation").unwrap();
    assert_eq!(sheet.get((1, 3)), Some(&Data::String("cdc".into())));
    assert_eq!(sheet.get((1, 10)), Some(&Data::Float(9375.0)));

    // The COPIL's formats too: its CSV starts with its header.
    let mut run = oleron_bill(&["copil", "2021", "--interventions", &log(), "-o", "c.csv"]);
    assert_eq!(run.stdout(), "");
    let csv = fs::read_to_string(run.file("c.csv")).unwrap();
    assert!(
        csv.starts_with("member_id,member_name,assistance,minutes,hours,"),
        "{csv}"
    );
    assert!(
        csv.contains("\ncdc,Cdc de l'île d'Oléron,true,840,14.00,10,"),
        "{csv}"
    );
}

#[test]
fn a_file_of_another_extension_keeps_the_table_byte_for_byte() {
    let table = oleron_bill(&["2021"]).stdout();
    assert!(table.contains("│ Total "), "{table}");
    for name in ["2021.txt", "2021"] {
        let mut run = oleron_bill(&["2021", "-o", name]);
        assert_eq!(run.stdout(), "");
        assert_eq!(fs::read_to_string(run.file(name)).unwrap(), table, "{name}");
    }
}

#[test]
fn a_format_that_contradicts_the_file_name_is_refused_naming_both() {
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["2021", "-f", "json", "-o", "2021.csv"],
            "error: 2021.csv: the name says csv and --format says json; name the file 2021.json, or drop --format",
            "error: 2021.csv: le nom dit csv et --format dit json ; nommez le fichier 2021.json, ou retirez --format",
        ),
        (
            &["2021", "-f", "table", "-o", "2021.xlsx"],
            "error: 2021.xlsx: the name says xlsx and --format says table; name the file 2021.txt, or drop --format",
            "error: 2021.xlsx: le nom dit xlsx et --format dit table ; nommez le fichier 2021.txt, ou retirez --format",
        ),
        (
            &["2021", "--csv-dialect", "excel-fr", "-o", "2021.json"],
            "error: 2021.json: the name says json and --csv-dialect says csv; name the file 2021.csv, or drop --csv-dialect",
            "error: 2021.json: le nom dit json et --csv-dialect dit csv ; nommez le fichier 2021.csv, ou retirez --csv-dialect",
        ),
        (
            &["copil", "2021", "--interventions", "log.csv", "-f", "csv", "-o", "c.json"],
            "error: c.json: the name says json and --format says csv; name the file c.csv, or drop --format",
            "error: c.json: le nom dit json et --format dit csv ; nommez le fichier c.csv, ou retirez --format",
        ),
    ];
    for (args, english, french) in cases {
        let mut run = oleron_bill(args);
        assert_eq!(run.fails(2), english);
        assert_eq!(names_in(run.dir.path()), Vec::<String>::new());
        assert_eq!(oleron_bill(args).french().fails(2), french);
    }
}

#[test]
fn copil_refuses_a_file_named_as_a_workbook_it_cannot_write() {
    let args = ["copil", "2021", "--interventions", &log(), "-o", "c.xlsx"];
    let mut run = oleron_bill(&args);
    assert_eq!(
        run.fails(2),
        "error: c.xlsx: the name says xlsx, which this command does not write (its formats: table, csv, json); give the file another extension"
    );
    assert_eq!(names_in(run.dir.path()), Vec::<String>::new());
    assert_eq!(
        oleron_bill(&args).french().fails(2),
        "error: c.xlsx: le nom dit xlsx, que cette commande n'écrit pas (ses formats : table, csv, json) ; donnez au fichier une autre extension"
    );
}

#[test]
fn a_file_named_in_a_format_no_command_writes_is_refused_naming_the_formats() {
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["2021", "-o", "x.xls"],
            "error: x.xls: the name says xls, which this command does not write (its formats: table, csv, json, xlsx); name the file x.xlsx (or x.csv)",
            "error: x.xls: le nom dit xls, que cette commande n'écrit pas (ses formats : table, csv, json, xlsx) ; nommez le fichier x.xlsx (ou x.csv)",
        ),
        (
            &["2021", "-f", "csv", "-o", "x.ODS"],
            "error: x.ODS: the name says ods, which this command does not write (its formats: table, csv, json, xlsx); name the file x.xlsx (or x.csv)",
            "error: x.ODS: le nom dit ods, que cette commande n'écrit pas (ses formats : table, csv, json, xlsx) ; nommez le fichier x.xlsx (ou x.csv)",
        ),
        (
            &["2021", "-o", "x.pdf"],
            "error: x.pdf: the name says pdf, which this command does not write (its formats: table, csv, json, xlsx); name the file x.xlsx (or x.csv)",
            "error: x.pdf: le nom dit pdf, que cette commande n'écrit pas (ses formats : table, csv, json, xlsx) ; nommez le fichier x.xlsx (ou x.csv)",
        ),
        (
            &["copil", "2021", "--interventions", "log.csv", "-f", "json", "-o", "t.svg"],
            "error: t.svg: the name says svg, which this command does not write (its formats: table, csv, json); name the file t.csv (or t.json)",
            "error: t.svg: le nom dit svg, que cette commande n'écrit pas (ses formats : table, csv, json) ; nommez le fichier t.csv (ou t.json)",
        ),
        (
            &["copil", "2021", "--interventions", "log.csv", "-o", "t.xls"],
            "error: t.xls: the name says xls, which this command does not write (its formats: table, csv, json); name the file t.csv (or t.json)",
            "error: t.xls: le nom dit xls, que cette commande n'écrit pas (ses formats : table, csv, json) ; nommez le fichier t.csv (ou t.json)",
        ),
    ];
    for (args, english, french) in cases {
        let mut run = oleron_bill(args);
        assert_eq!(run.fails(2), english);
        assert_eq!(names_in(run.dir.path()), Vec::<String>::new());
        assert_eq!(oleron_bill(args).french().fails(2), french);
    }
    // A table asked for under a name of no format is written as today.
    let mut run = oleron_bill(&["2021", "-f", "json", "-o", "2021.txt"]);
    assert_eq!(run.stdout(), "");
    let json = fs::read_to_string(run.file("2021.txt")).unwrap();
    assert!(json.starts_with("{\n  \"convention\": "), "{json}");
}

#[test]
fn a_chart_named_other_than_svg_is_refused_naming_its_extension() {
    for chart in ["chart.csv", "chart.PNG"] {
        let args = ["copil", "2021", "--interventions", &log(), "--chart", chart];
        let mut run = oleron_bill(&args);
        let renamed = Path::new(chart).with_extension("svg");
        let extension = Path::new(chart).extension().unwrap().to_str().unwrap();
        assert_eq!(
            run.fails(2),
            format!(
                "error: {chart}: the chart is SVG and the name says {extension}; name the file {}",
                renamed.display()
            )
        );
        assert_eq!(names_in(run.dir.path()), Vec::<String>::new());
        assert_eq!(
            oleron_bill(&args).french().fails(2),
            format!(
                "error: {chart}: le graphique est en SVG et le nom dit {extension} ; nommez le fichier {}",
                renamed.display()
            )
        );
    }
    // An SVG name in any case, or a name without an extension, is drawn as before.
    let chart = fs::read_to_string(repo_file("docs/copil-2021.svg")).unwrap();
    for name in ["c.SVG", "c"] {
        let args = ["copil", "2021", "--interventions", &log(), "--chart", name];
        let mut run = oleron_bill(&args);
        run.stdout();
        assert_eq!(fs::read_to_string(run.file(name)).unwrap(), chart, "{name}");
    }
}

#[test]
fn a_chart_and_a_table_that_are_one_file_are_refused_before_anything_is_written() {
    // The same file spelled three ways, then through a link, which --force would follow; the
    // names have no extension, as a report named `.svg` is refused before it is compared.
    for (chart, output) in [("c", "c"), ("c", "./c"), ("sub/../c", "c")] {
        let args = [
            "copil",
            "2021",
            "--interventions",
            &log(),
            "--chart",
            chart,
            "-o",
            output,
        ];
        let mut run = oleron_bill(&args);
        fs::create_dir(run.file("sub")).unwrap();
        assert_eq!(
            run.fails(2),
            format!("error: {output}: is the file {chart} that --chart writes; give --output a file of its own")
        );
        assert_eq!(names_in(run.dir.path()), ["sub"]);
        let mut run = oleron_bill(&args).french();
        fs::create_dir(run.file("sub")).unwrap();
        assert_eq!(
            run.fails(2),
            format!("error: {output}: est le fichier {chart} qu'écrit --chart ; donnez à --output un fichier à lui")
        );
    }
    let args = [
        "copil",
        "2021",
        "--interventions",
        &log(),
        "--chart",
        "c.svg",
        "-o",
        "l",
    ];
    let mut run = oleron_bill(&args)
        .arg("--force")
        .with_file("c.svg", "old chart");
    std::os::unix::fs::symlink("c.svg", run.file("l")).unwrap();
    assert_eq!(
        run.fails(2),
        "error: l: is the file c.svg that --chart writes; give --output a file of its own"
    );
    assert_eq!(fs::read_to_string(run.file("c.svg")).unwrap(), "old chart");
}

#[test]
fn a_copil_run_writes_its_table_and_its_chart_side_by_side() {
    let args = [
        "copil",
        "2021",
        "--interventions",
        &log(),
        "--chart",
        "c.svg",
        "-o",
        "c.csv",
    ];
    let mut run = oleron_bill(&args);
    assert_eq!(run.stdout(), "");
    assert_eq!(names_in(run.dir.path()), ["c.csv", "c.svg"]);
    let chart = fs::read_to_string(run.file("c.svg")).unwrap();
    assert_eq!(
        chart,
        fs::read_to_string(repo_file("docs/copil-2021.svg")).unwrap()
    );
    let csv = fs::read_to_string(run.file("c.csv")).unwrap();
    assert!(
        csv.contains("\ncdc,Cdc de l'île d'Oléron,true,840,14.00,10,"),
        "{csv}"
    );
}

#[test]
fn a_copil_run_that_cannot_write_its_table_writes_no_chart() {
    let args = [
        "copil",
        "2021",
        "--interventions",
        &log(),
        "--chart",
        "c.svg",
        "-o",
        "/dev/full",
        "--force",
    ];
    let mut run = oleron_bill(&args);
    assert_eq!(
        run.fails(1),
        "error: /dev/full: cannot write: No space left on device (os error 28)"
    );
    // Neither the chart nor the file it was written into beside its place is left.
    assert_eq!(names_in(run.dir.path()), Vec::<String>::new());
    // A chart already there stays as it was.
    let mut run = oleron_bill(&args).french().with_file("c.svg", "old chart");
    assert_eq!(
        run.fails(1),
        "error: /dev/full: impossible d'écrire : No space left on device (os error 28)"
    );
    assert_eq!(names_in(run.dir.path()), ["c.svg"]);
    assert_eq!(fs::read_to_string(run.file("c.svg")).unwrap(), "old chart");
}

#[test]
fn a_convention_before_1900_has_its_billing_dates_as_text_in_the_workbook() {
    // The Île de Ré's convention moved to 1899–1900: 40 000 € a year at half time is 10 000 € a
    // semester, of which the Cdc keeps 40 %, 4 000 €.
    let text = ILE_DE_RE
        .replace("start = 2023-01-01", "start = 1899-01-01")
        .replace("end = 2024-12-31", "end = 1900-12-31");
    for french in [false, true] {
        let mut run = oleron_bill(&["-c", "re.toml", "-o", "re.xlsx"]).with_file("re.toml", &text);
        if french {
            run = run.french();
        }
        assert_eq!(run.stdout(), "");
        let mut workbook: Xlsx<_> = open_workbook(run.file("re.xlsx")).unwrap();
        let sheet = workbook.worksheet_range("Facturation").unwrap();
        // Four members a semester: rows 1 to 4 are 1899's first semester, 13 to 16 1900's second.
        assert_eq!(sheet.get((1, 0)), Some(&Data::Float(1899.0)));
        assert_eq!(sheet.get((1, 2)), Some(&Data::String("30/06/1899".into())));
        assert_eq!(sheet.get((5, 2)), Some(&Data::String("31/12/1899".into())));
        assert_eq!(sheet.get((1, 10)), Some(&Data::Float(4000.0)));
        // 30 June 1900 is day 182 of Excel's calendar, which counts a 29 February 1900.
        match sheet.get((9, 2)) {
            Some(Data::DateTime(day)) => assert_eq!(day.as_f64(), 182.0),
            other => panic!("not a date: {other:?}"),
        }
    }
}
