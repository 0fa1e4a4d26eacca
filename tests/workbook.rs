//! The workbook export, read back as a spreadsheet program would, against the CSV export.

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::{csv_rows, oleron_bill, repo_file};
use rust_decimal::Decimal;
use std::process::Output;

/// The cells of the first sheet of the workbook at `path`.
fn cells(path: &std::path::Path) -> Vec<Vec<Data>> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    assert_eq!(workbook.sheet_names(), ["Facturation"]);
    let range = workbook.worksheet_range("Facturation").unwrap();
    range.rows().map(|row| row.to_vec()).collect()
}

/// A number cell as the decimal it stands for (the file stores its shortest form).
fn decimal(cell: &Data) -> Decimal {
    match cell {
        Data::Float(f) => f.to_string().parse().unwrap(),
        Data::Int(i) => Decimal::from(*i),
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn the_workbook_holds_the_csv_rows_as_typed_cells() {
    let usage = repo_file("examples/usage-2021.csv");
    let usage = usage.to_str().unwrap();
    let csv = oleron_bill(&["2021", "-u", usage, "-f", "csv"]).stdout();
    let rows = csv_rows(&csv, b',');
    let mut run = oleron_bill(&["2021", "-u", usage, "-f", "xlsx", "-o", "2021.xlsx"]);
    assert_eq!(run.stdout(), "");
    let sheet = cells(&run.file("2021.xlsx"));

    let header: Vec<String> = sheet[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "year",
            "semester",
            "billing_date",
            "member_id",
            "member_name",
            "item",
            "label",
            "quantity",
            "unit",
            "unit_price",
            "amount"
        ]
    );
    // One row per CSV row, then the total.
    assert_eq!(sheet.len(), rows.len() + 2);
    for (row, expected) in sheet[1..].iter().zip(&rows) {
        assert_eq!(row[3].to_string(), expected["member_id"]);
        assert_eq!(row[6].to_string(), expected["label"]);
        assert_eq!(
            decimal(&row[7]),
            expected["quantity"].parse::<Decimal>().unwrap()
        );
        assert_eq!(
            decimal(&row[9]),
            expected["unit_price"].parse::<Decimal>().unwrap()
        );
        assert_eq!(
            decimal(&row[10]),
            expected["amount"].parse::<Decimal>().unwrap()
        );
        // A date cell, not text: 30/06/2021 or 31/12/2021.
        let Data::DateTime(date) = &row[2] else {
            panic!("{:?}", row[2])
        };
        let date = date.as_datetime().unwrap().date().to_string();
        assert_eq!(date, expected["billing_date"]);
    }
    // The year: 37 500,00 € of advisor (article 7.1) and the example's services,
    // 1 860,00 € in S1 and 1 260,00 € in S2 (worked out by hand in tests/extras.rs).
    let total = sheet.last().unwrap();
    assert_eq!(total[0].to_string(), "Total");
    assert_eq!(decimal(&total[10]), "40620.00".parse::<Decimal>().unwrap());
}

#[test]
fn a_workbook_goes_through_a_pipe() {
    // The test's standard output is a pipe, not a terminal: the workbook goes through.
    let output = assert_cmd::Command::cargo_bin("oleron-bill")
        .unwrap()
        .args(["2021", "-s", "2", "-f", "xlsx"])
        .output()
        .unwrap();
    assert!(output.status.success());
    // A zip archive, as every .xlsx file is.
    assert!(output.stdout.starts_with(b"PK\x03\x04"));
}

/// `oleron-bill ARGS` with its temporary folder `temp`, in English; `limit`, when given, is
/// the largest file it may write (in bytes), a file-system limit that fails a write past it.
fn workbook_run(args: &[&std::ffi::OsStr], temp: &std::path::Path, limit: Option<u64>) -> Output {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("oleron-bill"));
    command
        .args(args)
        .env("TMPDIR", temp)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    #[cfg(unix)]
    if let Some(bytes) = limit {
        use std::os::unix::process::CommandExt;
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            command.pre_exec(move || {
                // A write past the limit fails with EFBIG instead of killing the program.
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                let limit = libc::rlimit {
                    rlim_cur: bytes,
                    rlim_max: bytes,
                };
                match libc::setrlimit(libc::RLIMIT_FSIZE, &limit) {
                    0 => Ok(()),
                    _ => Err(std::io::Error::last_os_error()),
                }
            });
        }
    }
    command.output().unwrap()
}

#[test]
fn a_workbook_without_its_temporary_folder_is_an_error_and_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone");
    let out = dir.path().join("2021.xlsx");
    let args = ["2021", "-f", "xlsx", "-o"].map(std::ffi::OsStr::new);
    let output = workbook_run(&[&args[..], &[out.as_os_str()]].concat(), &gone, None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "error: {}: cannot write the workbook's temporary file in this folder (TMPDIR): \
             No such file or directory (os error 2)\n",
            gone.display()
        )
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn a_workbook_whose_temporary_file_cannot_grow_is_an_error_and_no_file() {
    // The whole convention's sheet (54 rows) is some 15 KB of XML: a 4 KB limit fails it.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all.xlsx");
    let args = ["-f", "xlsx", "-o"].map(std::ffi::OsStr::new);
    let output = workbook_run(
        &[&args[..], &[out.as_os_str()]].concat(),
        dir.path(),
        Some(4096),
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let prefix = format!(
        "error: {}: cannot write the workbook's temporary file in this folder (TMPDIR): ",
        dir.path().display()
    );
    assert!(stderr.starts_with(&prefix), "{stderr}");
    assert!(
        stderr.contains("File too large") && stderr.lines().count() == 1,
        "{stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn a_workbook_is_not_written_to_a_terminal() {
    // `script` runs the program on a pseudo-terminal, as a person typing it would.
    let binary = assert_cmd::cargo::cargo_bin("oleron-bill");
    let command = format!("{} 2021 -f xlsx", binary.display());
    let Ok(output) = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
    else {
        eprintln!("no `script` here: skipped");
        return;
    };
    assert_eq!(output.status.code(), Some(2));
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        shown.contains("error: a workbook is not for a terminal: write it with --output FILE.xlsx"),
        "{shown}"
    );
}

/// The example usage file as a workbook an accountant keeps: a sheet "Notes" first, then the
/// log in "Feuil1" with dates as date cells and quantities as number cells.
fn usage_workbook(path: &std::path::Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    book.add_worksheet()
        .set_name("Notes")
        .unwrap()
        .write_string(0, 0, "Prestations 2021")
        .unwrap();
    let sheet = book.add_worksheet().set_name("Feuil1").unwrap();
    let text = std::fs::read_to_string(repo_file("examples/usage-2021.csv")).unwrap();
    for (row, line) in text.lines().enumerate() {
        let row = row as u32;
        let cells: Vec<&str> = line.splitn(5, ',').collect();
        if row == 0 {
            // French column names, as the accountant types them.
            sheet
                .write_row(0, 0, ["Date", "Commune", "Prestation", "Quantité", "Note"])
                .unwrap();
            continue;
        }
        let ymd: Vec<u16> = cells[0].split('-').map(|p| p.parse().unwrap()).collect();
        let day = ExcelDateTime::from_ymd(ymd[0], ymd[1] as u8, ymd[2] as u8).unwrap();
        sheet
            .write_datetime_with_format(row, 0, &day, &date)
            .unwrap();
        sheet.write_string(row, 1, cells[1]).unwrap();
        sheet.write_string(row, 2, cells[2]).unwrap();
        // A number cell: 3.5 is stored as the double 3.5, read back by its shortest form.
        let quantity: f64 = cells[3].parse().unwrap();
        sheet.write_number(row, 3, quantity).unwrap();
        sheet
            .write_string(row, 4, cells.get(4).copied().unwrap_or(""))
            .unwrap();
    }
    book.save(path).unwrap();
}

#[test]
fn a_usage_workbook_bills_like_its_csv() {
    let csv = oleron_bill(&[
        "2021",
        "-u",
        repo_file("examples/usage-2021.csv").to_str().unwrap(),
        "-f",
        "csv",
    ])
    .stdout();
    let mut run = oleron_bill(&["2021", "-u", "usage.xlsx", "--sheet", "Feuil1", "-f", "csv"]);
    usage_workbook(&run.file("usage.xlsx"));
    assert_eq!(run.stdout(), csv);
    // The preflight says where it read.
    let mut check = oleron_bill(&["check", "-u", "usage.xlsx", "--sheet", "Feuil1"]);
    usage_workbook(&check.file("usage.xlsx"));
    assert!(check.stdout().contains("  classeur, feuille Feuil1\n"));
}

#[test]
fn workbook_errors_name_the_sheet_and_the_row() {
    // The first sheet, "Notes", has no usage columns.
    let mut run = oleron_bill(&["2021", "-u", "usage.xlsx"]);
    usage_workbook(&run.file("usage.xlsx"));
    assert_eq!(
        run.fails(2),
        "error: usage.xlsx:Notes:1: missing column \"date\" (the header has: Prestations 2021)"
    );
    let mut run = oleron_bill(&["2021", "-u", "usage.xlsx", "--sheet", "Feuille 3"]);
    usage_workbook(&run.file("usage.xlsx"));
    assert_eq!(
        run.fails(2),
        "error: usage.xlsx: no sheet \"Feuille 3\" (sheets: Notes, Feuil1)"
    );
    // A bad row, as the spreadsheet numbers it.
    let mut run = oleron_bill(&["2021", "-u", "bad.xlsx"]);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Feuil1").unwrap();
    sheet
        .write_row(0, 0, ["date", "member", "service", "quantity"])
        .unwrap();
    sheet
        .write_row(1, 0, ["2021-03-15", "Dolus", "amo", "1"])
        .unwrap();
    sheet
        .write_row(2, 0, ["2021-03-15", "Dollus", "amo", "1"])
        .unwrap();
    book.save(run.file("bad.xlsx")).unwrap();
    assert_eq!(
        run.fails(2),
        "error: bad.xlsx:Feuil1:3: unknown member \"Dollus\" (closest: dolus-d-oleron)"
    );
    assert_eq!(
        oleron_bill(&["2021", "-u", "u.csv", "--sheet", "Feuil1"]).with_file("u.csv", "date,member,service,quantity\n").fails(2),
        "error: u.csv: --sheet \"Feuil1\" goes with a workbook (.xlsx, .xlsm, .xlsb, .xls or .ods), not a CSV file"
    );
}
