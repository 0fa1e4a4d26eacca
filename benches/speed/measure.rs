//! Running a program as a child and reading what it cost (wall time, CPU time and peak memory
//! from `wait4`), taking turns between two programs, and the medians, spreads and ratios the
//! bench prints.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a child printed (its first bytes), and what it cost.
pub struct Run {
    pub stdout: String,
    pub wall: Duration,
    pub cpu: Duration,
    pub peak_kb: u64,
}

/// The times and the highest peak memory of a program's runs.
#[derive(Default)]
pub struct Runs {
    pub wall: Vec<Duration>,
    pub cpu: Vec<Duration>,
    pub peak_kb: u64,
}

impl Runs {
    fn push(&mut self, run: Run) {
        self.wall.push(run.wall);
        self.cpu.push(run.cpu);
        self.peak_kb = self.peak_kb.max(run.peak_kb);
    }

    /// The least CPU time of the runs, in milliseconds: what else the machine does only adds
    /// to a program's time.
    pub fn least_cpu_ms(&self) -> f64 {
        ms(self.cpu.iter().min().expect("a run"))
    }

    pub fn peak_mb(&self) -> f64 {
        self.peak_kb as f64 / 1024.0
    }
}

/// Runs `program` with `args` to its end, with `env` set; panics if it fails.
// The child is waited for by `wait4`, which also gives its own resource usage.
#[allow(clippy::zombie_processes)]
pub fn child(program: &Path, args: &[&str], env: Option<(&str, &Path)>) -> Run {
    let mut command = Command::new(program);
    // What a check warns of is not the point here.
    command
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some((name, value)) = env {
        command.env(name, value);
    }
    let start = Instant::now();
    let mut child = command.spawn().expect("the program starts");
    // The first bytes only: a child's peak memory, as Linux counts it, starts from this
    // process's, which must stay small.
    let mut pipe = child.stdout.take().expect("a pipe");
    let mut head = Vec::new();
    (&mut pipe).take(4096).read_to_end(&mut head).unwrap();
    std::io::copy(&mut pipe, &mut std::io::sink()).unwrap();
    let (status, usage) = wait4(child.id());
    let wall = start.elapsed();
    assert!(status == 0, "{} {args:?} failed", program.display());
    let cpu = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Run {
        stdout: String::from_utf8_lossy(&head).into_owned(),
        wall,
        cpu: cpu(usage.ru_utime) + cpu(usage.ru_stime),
        peak_kb: usage.ru_maxrss as u64,
    }
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

/// Copies `program` to `copy` and drops the copy from the page cache, so that its first start
/// reads it from the disk, as the first start after a reboot does. The copy also makes both
/// sides of a comparison files written the same way: how the kernel holds a file it has just
/// written (a linker writes through a mapping, a copy through writes) moves the start-up time.
pub fn read_afresh(program: &Path, copy: &Path) -> PathBuf {
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

/// Runs `f` with this thread, and the children it starts, on core 0 only, as `taskset -c 0`
/// would (or on the first core this process may use, if not core 0).
pub fn on_one_core<T>(f: impl FnOnce() -> T) -> T {
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

pub fn repeat(runs: usize, mut f: impl FnMut() -> Run) -> Runs {
    let mut all = Runs::default();
    for _ in 0..runs {
        all.push(f());
    }
    all
}

/// The runs of `first` and `second`, taking turns so that both see the same load.
pub fn side_by_side(
    runs: usize,
    mut first: impl FnMut() -> Run,
    mut second: impl FnMut() -> Run,
) -> (Runs, Runs) {
    let (mut one, mut two) = (Runs::default(), Runs::default());
    for _ in 0..runs {
        one.push(first());
        two.push(second());
    }
    (one, two)
}

pub fn ms(time: &Duration) -> f64 {
    time.as_secs_f64() * 1e3
}

pub fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}

/// The median of the runs, then their lowest and highest, in milliseconds.
pub fn spread(times: &[Duration]) -> String {
    let (low, high) = (times.iter().min().unwrap(), times.iter().max().unwrap());
    format!(
        "{:.1} ms ({:.1}–{:.1})",
        ms(&median(times)),
        ms(low),
        ms(high)
    )
}

/// Prints the medians of both sides with their spread, and their ratio against `target`: the
/// median of the ratios of runs made one after the other (`side_by_side`), which a machine
/// slower for a while changes less than it changes the ratio of two medians.
pub fn report(what: &str, (base, baseline): (&str, &[Duration]), ours: &[Duration], target: f64) {
    let ratios = Ratios::of(ours, baseline);
    let ratio = ratios.median();
    println!(
        "   {what}: oleron-bill {}, {base} {}\n   ratio {ratio:.3} (middle half {:.3}–{:.3}, \
         all {:.3}–{:.3}; {} the {target}× target)",
        spread(ours),
        spread(baseline),
        ratios.quartile(1),
        ratios.quartile(3),
        ratios.0[0],
        ratios.0[ratios.0.len() - 1],
        verdict(ratio, target)
    );
}

/// The ratios of runs made one after the other, sorted.
pub struct Ratios(pub Vec<f64>);

impl Ratios {
    pub fn of(ours: &[Duration], baseline: &[Duration]) -> Self {
        let mut ratios: Vec<f64> = ours
            .iter()
            .zip(baseline)
            .map(|(o, b)| o.as_secs_f64() / b.as_secs_f64())
            .collect();
        ratios.sort_by(f64::total_cmp);
        Ratios(ratios)
    }

    /// The first (1), second (2: the median) or third (3) quartile.
    pub fn quartile(&self, q: usize) -> f64 {
        self.0[(self.0.len() - 1) * q / 4]
    }

    pub fn median(&self) -> f64 {
        self.quartile(2)
    }
}

pub fn verdict(value: f64, target: f64) -> &'static str {
    if value <= target {
        "within"
    } else {
        "OVER"
    }
}
