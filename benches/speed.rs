//! `cargo bench`: oleron-bill's speed and memory against baselines, side by side in one run.
//!
//! Every program runs as a child process, the two sides taking turns so that both see the same
//! load; each time is the median of several runs, with the spread (lowest–highest), and each
//! ratio of sections 1 to 3 and 5 the median of the ratios of the runs made one after the
//! other, with the middle half of them. CPU time is user + system time of the child, from `wait4`; memory is its peak
//! resident set.
//!
//! 1. A usage log of 1,000,000 lines (`2021 --usage FILE --format csv`) against the baseline:
//!    this program parsing the same file with the csv crate and summing its quantity column as
//!    decimals. Targets: CPU ≤ 1.3×, wall time on one core ≤ 1.3×, on every core ≤ 1.0×.
//! 2. The same log as French Excel writes it (`;`, BOM, CRLF, 15/03/2021, 1,5, commune names):
//!    CPU per byte ≤ 1.0× the standard file's.
//! 3. 520 spellings of the members against their 9 ids: CPU ≤ 1.1×.
//! 4. Every command on conventions of 500, 1,000 and 2,000 members: twice the members, at most
//!    2.2× the CPU time, the least of 7 runs (linear; the start-up's fixed cost makes it less
//!    than 2×).
//! 5. `2021 --semester 2` against the start of a trivial Rust program (this one, parsing a
//!    one-line CSV), and against `oleron-bill --version`: both programs copied and read from
//!    the disk afresh, as after a reboot (see `read_afresh`).
//! 6. Peak memory of the runs above, and of a usage file of 200,000 lines, nearly each a sum of
//!    its own (2,000 members over 50 years), billed and checked: target ≤ 30 MB.
//!
//! `cargo bench --bench speed -- 5` runs the fifth only (and 6 for it); 1, 2 and 3 share their
//! files and run together.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rust_decimal::Decimal;

const LINES: usize = 1_000_000;
/// Each member as the standard file writes it (ids and names), and as French Excel does.
const MEMBERS: [(&str, &str); 9] = [
    ("cdc", "Cdc de l'île d'Oléron"),
    ("saint-trojan-les-bains", "Saint-Trojan-les-Bains"),
    ("Le Grand-Village-Plage", "Le Grand-Village-Plage"),
    ("le-chateau-d-oleron", "Le Château-d'Oléron"),
    ("Dolus-d'Oléron", "Dolus-d'Oléron"),
    ("saint-pierre-d-oleron", "Saint-Pierre-d'Oléron"),
    ("Saint Georges d'Oléron", "Saint-Georges-d'Oléron"),
    ("la-bree-les-bains", "La Brée-les-Bains"),
    ("Saint Denys d'Oléron", "Saint-Denis-d'Oléron"),
];
const SERVICES: [&str; 5] = ["formation", "amo", "club", "copil", "forum"];
/// Set in the environment of this program's children that act as the baseline.
const BASELINE: &str = "OLERON_BENCH_BASELINE";

fn main() {
    if let Some(path) = std::env::var_os(BASELINE) {
        println!("{}", parse_and_sum(Path::new(&path)));
        return;
    }
    let binary = env!("CARGO_BIN_EXE_oleron-bill");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "{cores} cores; times: median of the runs (lowest–highest); ratios: median of the \
         ratios of runs made in turn (middle half); CPU = user + system\n"
    );
    let mut peak = Peak::default();
    // `cargo bench --bench speed -- 5` runs section 5 only (1 to 3 go together).
    let only: Vec<u32> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .map(|a| match a.parse() {
            Ok(section @ 1..=5) => section,
            _ => panic!("no section {a:?}: sections are 1 to 5, and 6 comes with each"),
        })
        .collect();
    let wanted = |section: u32| only.is_empty() || only.contains(&section);

    if (1..=3).any(wanted) {
        let standard = dir.path().join("usage.csv");
        let excel = dir.path().join("usage-excel-fr.csv");
        let expected = generate(&standard, Some(&excel), |_, (id, _)| id.to_string());
        let baseline = |file: &Path| {
            let file = file.to_path_buf();
            move || {
                let out = child(&std::env::current_exe().unwrap(), &[], Some(&file));
                assert_eq!(out.stdout.trim(), expected.to_string());
                out
            }
        };
        let ours = |file: &Path| {
            let file = file.to_str().expect("a UTF-8 path").to_string();
            move || {
                child(
                    Path::new(binary),
                    &["2021", "--format", "csv", "--usage", &file],
                    None,
                )
            }
        };
        println!("1. a usage log of {LINES} lines, against the csv crate's parse and sum");
        let (base, log) = side_by_side(21, baseline(&standard), ours(&standard));
        peak.note("usage log", &log);
        report("wall time, every core", &base.wall, &log.wall, 1.0);
        report("CPU time", &base.cpu, &log.cpu, 1.3);
        let (base_one, log_one) =
            on_one_core(|| side_by_side(21, baseline(&standard), ours(&standard)));
        report("wall time, one core", &base_one.wall, &log_one.wall, 1.3);

        println!("\n2. the same log as French Excel writes it, per byte");
        let (standard_log, excel_log) = side_by_side(21, ours(&standard), ours(&excel));
        peak.note("French Excel log", &excel_log);
        let bytes = |path: &Path| std::fs::metadata(path).unwrap().len() as f64;
        let (standard_bytes, excel_bytes) = (bytes(&standard), bytes(&excel));
        let ns = |runs: &Runs, bytes: f64| median(&runs.cpu).as_secs_f64() * 1e9 / bytes;
        let ratios = Ratios::of(
            &excel_log.cpu,
            &standard_log.cpu,
            standard_bytes / excel_bytes,
        );
        let ratio = ratios.median();
        println!(
            "   CPU per byte: {:.2} ns ({:.1} MB), standard file {:.2} ns ({:.1} MB), ratio \
             {ratio:.2} (middle half {:.2}–{:.2}; {} the 1.0× target)",
            ns(&excel_log, excel_bytes),
            excel_bytes / 1e6,
            ns(&standard_log, standard_bytes),
            standard_bytes / 1e6,
            ratios.quartile(1),
            ratios.quartile(3),
            verdict(ratio, 1.0)
        );

        println!("\n3. 520 spellings of the members against the 9 of the standard log");
        let many = dir.path().join("spellings.csv");
        generate(&many, None, |i, (id, _)| spelling(id, i % 64));
        let (few, many) = side_by_side(21, ours(&standard), ours(&many));
        report("CPU time", &few.cpu, &many.cpu, 1.1);
    }

    if wanted(4) {
        println!("\n4. every command on conventions of 500, 1 000 and 2 000 members");
        for command in COMMANDS {
            let times: Vec<Runs> = [500, 1000, 2000]
                .iter()
                .map(|&members| {
                    let (convention, usage) = large_convention(dir.path(), members);
                    // Rebilling's thousands of files go to memory where it can: on a disk, creating
                    // a file costs the file system up to a millisecond, whatever the program does.
                    let shm = Path::new("/dev/shm");
                    let out = match shm.is_dir() {
                        true => shm.join(format!("oleron-bill-bench-{}", std::process::id())),
                        false => dir.path().join("out"),
                    };
                    let args = command.1(&convention, &usage, &out);
                    let runs = repeat(7, || {
                        let _ = std::fs::remove_dir_all(&out);
                        child(
                            Path::new(binary),
                            &args.iter().map(String::as_str).collect::<Vec<_>>(),
                            None,
                        )
                    });
                    let _ = std::fs::remove_dir_all(&out);
                    peak.note(&format!("{} ({members} members)", command.0), &runs);
                    runs
                })
                .collect();
            // The least CPU time of the runs: what else the machine does only adds to it.
            let ms = |runs: &Runs| runs.cpu.iter().min().unwrap().as_secs_f64() * 1e3;
            let growth = ms(&times[2]) / ms(&times[1]);
            println!(
                "   {:<28} {:>8.1} {:>8.1} {:>8.1} ms CPU ×{growth:.2} from 1 000 to 2 000 ({} the 2.2× bound)",
                command.0,
                ms(&times[0]),
                ms(&times[1]),
                ms(&times[2]),
                verdict(growth, 2.2)
            );
        }
    }

    if wanted(4) {
        // Memory follows the number of sums a usage file has: one per (semester, member,
        // service). A file where nearly every line is one of its own, to bill and to check.
        let (convention, usage, sums) = many_sums(dir.path());
        for (what, rest) in [
            ("csv", &["-f", "csv"][..]),
            ("check --usage", &["check"][..]),
        ] {
            let args = args(&convention, &usage, rest);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let runs = repeat(3, || child(Path::new(binary), &args, None));
            peak.note(&format!("{what}, {sums} sums"), &runs);
        }
    }

    if wanted(5) {
        println!("\n5. start-up");
        let one_line = dir.path().join("one-line.csv");
        std::fs::write(
            &one_line,
            "date,member,service,quantity\n2021-03-15,cdc,amo,1\n",
        )
        .unwrap();
        // Copies, so that neither is the running bench, whose pages cannot be dropped.
        let ours = read_afresh(Path::new(binary), &dir.path().join("oleron-bill"));
        let bare = read_afresh(
            &std::env::current_exe().unwrap(),
            &dir.path().join("trivial"),
        );
        let statement = || child(&ours, &["2021", "--semester", "2"], None);
        let trivial = || child(&bare, &[], Some(&one_line));
        // Untimed: the reading from the disk.
        statement();
        trivial();
        let (bare, ours_start) = side_by_side(201, trivial, statement);
        peak.note("2021 --semester 2", &ours_start);
        report(
            "2021 --semester 2 / a Rust program parsing one CSV line",
            &bare.wall,
            &ours_start.wall,
            1.3,
        );
        let version = || child(&ours, &["--version"], None);
        let (version, ours_start) = side_by_side(201, version, statement);
        report(
            "2021 --semester 2 / oleron-bill --version",
            &version.wall,
            &ours_start.wall,
            1.3,
        );
    }

    println!("\n6. peak memory");
    let floor = child(Path::new("true"), &[], None).peak_kb;
    println!(
        "   (Linux counts in a child's peak the {:.1} MB of this bench when it starts one)",
        floor as f64 / 1024.0
    );
    for (what, kb) in &peak.0 {
        println!(
            "   {what:<40} {:>6.1} MB ({} the 30 MB target)",
            *kb as f64 / 1024.0,
            verdict(*kb as f64, 30.0 * 1024.0)
        );
    }
}

/// Each command of the linearity runs: its name and its arguments, given a convention, a usage
/// file and a place to write.
type Args = fn(&Path, &Path, &Path) -> Vec<String>;
const COMMANDS: [(&str, Args); 7] = [
    ("table, whole convention", |c, u, _| args(c, u, &[])),
    ("csv, whole convention", |c, u, _| {
        args(c, u, &["-f", "csv"])
    }),
    ("json, whole convention", |c, u, _| {
        args(c, u, &["-f", "json"])
    }),
    ("table, 2021 S2", |c, u, _| args(c, u, &["2021", "-s", "2"])),
    ("explain 2021", |c, u, _| args(c, u, &["explain", "2021"])),
    ("check", |c, _, _| {
        vec!["check".into(), "-c".into(), c.display().to_string()]
    }),
    ("rebill 2021", |c, u, out| {
        let out = out.display().to_string();
        args(c, u, &["rebill", "2021", "--out-dir", &out])
    }),
];

fn args(convention: &Path, usage: &Path, rest: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
    for (option, path) in [("-c", convention), ("-u", usage)] {
        all.push(option.into());
        all.push(path.display().to_string());
    }
    all
}

/// The times and peak memory of a program's runs.
#[derive(Default)]
struct Runs {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
    peak_kb: u64,
}

impl Runs {
    fn push(&mut self, run: Run) {
        self.wall.push(run.wall);
        self.cpu.push(run.cpu);
        self.peak_kb = self.peak_kb.max(run.peak_kb);
    }
}

/// What a child printed, and what it cost.
struct Run {
    stdout: String,
    wall: Duration,
    cpu: Duration,
    peak_kb: u64,
}

/// Runs `program` to its end: this bench as the baseline when `baseline` names a file.
// The child is waited for by `wait4`, which also gives its own resource usage.
#[allow(clippy::zombie_processes)]
fn child(program: &Path, args: &[&str], baseline: Option<&Path>) -> Run {
    let mut command = Command::new(program);
    // What a check warns of is not the point here.
    command
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(file) = baseline {
        command.env(BASELINE, file);
    }
    let start = Instant::now();
    let mut child = command.spawn().expect("the program starts");
    // The first bytes only: a child's peak memory, as Linux counts it, starts from this
    // process's, which must stay small.
    let mut pipe = child.stdout.take().expect("a pipe");
    let mut head = Vec::new();
    (&mut pipe).take(4096).read_to_end(&mut head).unwrap();
    std::io::copy(&mut pipe, &mut std::io::sink()).unwrap();
    let stdout = String::from_utf8_lossy(&head).into_owned();
    let (status, usage) = wait4(child.id());
    let wall = start.elapsed();
    assert!(status == 0, "{} {args:?} failed", program.display());
    let cpu = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Run {
        stdout,
        wall,
        cpu: cpu(usage.ru_utime) + cpu(usage.ru_stime),
        peak_kb: usage.ru_maxrss as u64,
    }
}

/// Copies `program` to `copy` and drops the copy from the page cache, so that its first start
/// reads it from the disk, as the first start after a reboot does. How the kernel holds a file
/// it has just written (a linker writes through a mapping, a copy through writes) moved the
/// ratio by up to a tenth in our runs: the same binaries took 1.20–1.24× the trivial program's
/// time as two fresh copies and 1.29–1.31× as the linker wrote them.
fn read_afresh(program: &Path, copy: &Path) -> PathBuf {
    use std::os::fd::AsRawFd;
    std::fs::copy(program, copy).unwrap();
    let file = std::fs::File::open(copy).unwrap();
    // Pages not yet on the disk would stay.
    file.sync_all().unwrap();
    // SAFETY: advice on an open descriptor's whole range; it changes no memory of ours.
    let dropped = unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
    assert_eq!(dropped, 0, "posix_fadvise failed");
    copy.to_path_buf()
}

/// Waits for the process `pid`: its exit status and its own resource usage.
fn wait4(pid: u32) -> (i32, libc::rusage) {
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid, and wait4 writes into the two places given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid as i32, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid as i32, "wait4 failed");
    (status, usage)
}

/// Runs `f` with this thread, and the children it starts, on one core only: the first this
/// process may use.
fn on_one_core<T>(f: impl FnOnce() -> T) -> T {
    let size = std::mem::size_of::<libc::cpu_set_t>();
    // SAFETY: cpu_set_t is plain data; the calls read and write the sets given.
    unsafe {
        let mut all: libc::cpu_set_t = std::mem::zeroed();
        assert_eq!(libc::sched_getaffinity(0, size, &mut all), 0);
        let first = (0..libc::CPU_SETSIZE as usize)
            .find(|&cpu| libc::CPU_ISSET(cpu, &all))
            .expect("a core to run on");
        let mut one: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(first, &mut one);
        assert_eq!(libc::sched_setaffinity(0, size, &one), 0);
        let result = f();
        assert_eq!(libc::sched_setaffinity(0, size, &all), 0);
        result
    }
}

fn repeat(runs: usize, mut f: impl FnMut() -> Run) -> Runs {
    let mut all = Runs::default();
    for _ in 0..runs {
        all.push(f());
    }
    all
}

/// The runs of `baseline` and `ours`, taking turns so that both see the same load.
fn side_by_side(
    runs: usize,
    mut baseline: impl FnMut() -> Run,
    mut ours: impl FnMut() -> Run,
) -> (Runs, Runs) {
    let (mut base, mut our) = (Runs::default(), Runs::default());
    for _ in 0..runs {
        for (f, all) in [
            (&mut baseline as &mut dyn FnMut() -> Run, &mut base),
            (&mut ours, &mut our),
        ] {
            all.push(f());
        }
    }
    (base, our)
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}

/// Prints the medians of both sides and their spread, and the ratio against `target`: the
/// median of the ratios of runs made one after the other (`side_by_side`), which a machine
/// slower for a while changes less than it changes the ratio of two medians.
fn report(what: &str, baseline: &[Duration], ours: &[Duration], target: f64) {
    let spread = |times: &[Duration]| {
        let unit = |t: &Duration| t.as_secs_f64() * 1e3;
        let (low, high) = (times.iter().min().unwrap(), times.iter().max().unwrap());
        format!(
            "{:.1} ms ({:.1}–{:.1})",
            unit(&median(times)),
            unit(low),
            unit(high)
        )
    };
    let ratios = Ratios::of(ours, baseline, 1.0);
    let ratio = ratios.median();
    println!(
        "   {what}: oleron-bill {}, baseline {}, ratio {ratio:.2} (middle half {:.2}–{:.2}; {} the {target}× target)",
        spread(ours),
        spread(baseline),
        ratios.quartile(1),
        ratios.quartile(3),
        verdict(ratio, target)
    );
}

/// The ratios of runs made one after the other, each scaled by `scale`, sorted.
struct Ratios(Vec<f64>);

impl Ratios {
    fn of(ours: &[Duration], baseline: &[Duration], scale: f64) -> Self {
        let mut ratios: Vec<f64> = ours
            .iter()
            .zip(baseline)
            .map(|(o, b)| o.as_secs_f64() / b.as_secs_f64() * scale)
            .collect();
        ratios.sort_by(f64::total_cmp);
        Ratios(ratios)
    }

    /// The first (1), second (2: the median) or third (3) quartile.
    fn quartile(&self, q: usize) -> f64 {
        self.0[(self.0.len() - 1) * q / 4]
    }

    fn median(&self) -> f64 {
        self.quartile(2)
    }
}

fn verdict(value: f64, target: f64) -> &'static str {
    if value <= target {
        "within"
    } else {
        "OVER"
    }
}

/// The highest peak memory of each kind of run.
#[derive(Default)]
struct Peak(Vec<(String, u64)>);

impl Peak {
    fn note(&mut self, what: &str, runs: &Runs) {
        self.0.push((what.to_string(), runs.peak_kb));
    }
}

/// Writes `LINES` lines over 2021 in the standard dialect (each member written by `member`)
/// and, if asked, the same in French Excel's; returns the sum of their quantities.
fn generate(
    standard: &Path,
    excel: Option<&Path>,
    member: impl Fn(usize, (&str, &str)) -> String,
) -> Decimal {
    let create = |path| std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut out = create(standard);
    let mut fr: Box<dyn Write> = match excel {
        Some(path) => Box::new(create(path)),
        None => Box::new(std::io::sink()),
    };
    writeln!(out, "date,member,service,quantity,note").unwrap();
    write!(fr, "\u{feff}Date;Commune;Prestation;Quantité;Note\r\n").unwrap();
    let mut sequence = Sequence(0x2021);
    let mut next = |n| sequence.below(n);
    let mut sum = Decimal::ZERO;
    for i in 0..LINES {
        let quantity = Decimal::new((next(40) as i64 + 1) * 25, 2);
        sum += quantity;
        let (month, day) = (next(12) + 1, next(28) + 1);
        let who = MEMBERS[next(9) as usize];
        let service = SERVICES[next(5) as usize];
        let name = member(i, who);
        writeln!(
            out,
            "2021-{month:02}-{day:02},{name},{service},{quantity},ligne {i}"
        )
        .unwrap();
        let comma = quantity.to_string().replace('.', ",");
        write!(
            fr,
            "{day:02}/{month:02}/2021;{};{service};{comma};ligne {i}\r\n",
            who.1
        )
        .unwrap();
    }
    out.flush().unwrap();
    fr.flush().unwrap();
    sum
}

/// A fixed linear congruential sequence: the same files on every run.
struct Sequence(u64);

impl Sequence {
    /// The next number below `n`.
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// The `n`-th way of writing `id`: its letters in upper or lower case after the bits of `n`.
fn spelling(id: &str, n: usize) -> String {
    let mut bits = n;
    id.chars()
        .map(|c| {
            if !c.is_ascii_alphabetic() {
                return c;
            }
            let upper = bits & 1 == 1;
            bits >>= 1;
            if upper {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

/// A convention of `members` communes sharing the key evenly, over the Oléron convention's
/// years and services, and a usage file of three orders per commune; their paths.
fn large_convention(dir: &Path, members: usize) -> (PathBuf, PathBuf) {
    let oleron = include_str!("../conventions/oleron-2020-2022.toml");
    let head = &oleron[..oleron.find("[[member]]").unwrap()];
    let services =
        &oleron[oleron.find("# Article 7.3").unwrap()..oleron.find("# Figures printed").unwrap()];
    let key = Decimal::from(100) / Decimal::from(members);
    let mut text = format!("{head}[[member]]\nid = \"cdc\"\nname = \"Cdc\"\n\n");
    for i in 0..members {
        text.push_str(&format!(
            "[[member]]\nid = \"m{i}\"\nname = \"Commune {i}\"\nkey = \"{key}\"\n\n"
        ));
    }
    text.push_str(services);
    let convention = dir.join(format!("convention-{members}.toml"));
    std::fs::write(&convention, text).unwrap();
    let mut usage = String::from("date,member,service,quantity\n");
    for i in 0..members {
        for (date, service) in [
            ("2021-03-15", "formation"),
            ("2021-09-15", "amo"),
            ("2022-03-15", "club"),
        ] {
            usage.push_str(&format!("{date},Commune {i},{service},{}\n", i % 7 + 1));
        }
    }
    let path = dir.join(format!("usage-{members}.csv"));
    std::fs::write(&path, usage).unwrap();
    (convention, path)
}

/// A convention of 2,000 members over 50 years and a usage file of 200,000 lines spread over
/// them and three services, nearly every line a sum of its own; their paths and the number of
/// sums.
fn many_sums(dir: &Path) -> (PathBuf, PathBuf, usize) {
    let (two_thousand, _) = large_convention(dir, 2000);
    let text = std::fs::read_to_string(&two_thousand).unwrap();
    let convention = dir.join("convention-50-years.toml");
    std::fs::write(
        &convention,
        text.replacen("end = 2022-12-31", "end = 2069-12-31", 1),
    )
    .unwrap();
    let mut sequence = Sequence(0x50);
    let mut next = |n| sequence.below(n);
    // Written as it is made, and the sums counted in one flag each, so that this bench stays
    // small: a child's peak memory, as Linux counts it, starts from this process's.
    let path = dir.join("usage-many-sums.csv");
    let mut usage = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(usage, "date,member,service,quantity").unwrap();
    let mut seen = vec![false; 50 * 2 * 2000 * 3];
    for _ in 0..200_000 {
        let (year, month, day) = (next(50), next(12) + 1, next(28) + 1);
        let (member, service) = (next(2000), next(3));
        let quantity = next(7) + 1;
        seen[(((year * 2 + u64::from(month > 6)) * 2000 + member) * 3 + service) as usize] = true;
        let service = ["formation", "amo", "club"][service as usize];
        let year = 2020 + year;
        writeln!(
            usage,
            "{year}-{month:02}-{day:02},m{member},{service},{quantity}"
        )
        .unwrap();
    }
    usage.flush().unwrap();
    (convention, path, seen.iter().filter(|&&s| s).count())
}

/// The baseline: parse the file with the csv crate, sum the quantities as decimals.
fn parse_and_sum(path: &Path) -> Decimal {
    let mut reader = csv::Reader::from_path(path).expect("the usage file");
    let mut record = csv::StringRecord::new();
    let mut sum = Decimal::ZERO;
    while reader.read_record(&mut record).expect("a record") {
        sum += record[3].parse::<Decimal>().expect("a quantity");
    }
    sum
}
