//! `sorn-fuzz`: mutates the seed corpus and feeds it to the library until a time or execution
//! budget is spent. Failing inputs (a panic, or longer than a second) are written to
//! `fuzz/artifacts/<target>/`; move them to `fuzz/regressions/<target>/` once fixed, where the
//! replay test runs them on every `cargo test --workspace`.
//!
//! ```text
//! sorn-fuzz [--seconds N] [--execs N] [--seed N] [--slow-ms N] [--target source|config|import]...
//! ```
//!
//! `--slow-ms` sets the time an input may take (default 1000); a debug build, about ten times
//! slower, is run with ten times as much.
//!
//! ```text
//! ```

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sorn_fuzz::mutate::Mutator;
use sorn_fuzz::{Input, Outcome, Target, regressions, repo_root, run_within, seeds};

/// An input still running after this long is a hang: the watchdog saves it and aborts.
const HANG: Duration = Duration::from_secs(20);

struct Args {
    seconds: Option<u64>,
    execs: Option<u64>,
    seed: u64,
    slow: Duration,
    targets: Vec<Target>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args { seconds: None, execs: None, seed: 1, slow: sorn_fuzz::SLOW, targets: Vec::new() };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--seconds" => args.seconds = Some(value()?.parse().map_err(|e| format!("--seconds: {e}"))?),
            "--execs" => args.execs = Some(value()?.parse().map_err(|e| format!("--execs: {e}"))?),
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--slow-ms" => {
                args.slow = Duration::from_millis(value()?.parse().map_err(|e| format!("--slow-ms: {e}"))?);
            }
            "--target" => {
                let name = value()?;
                args.targets.push(Target::from_name(&name).ok_or(format!("unknown target {name}"))?);
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.targets.is_empty() {
        args.targets = Target::ALL.to_vec();
    }
    if args.seconds.is_none() && args.execs.is_none() {
        args.seconds = Some(60);
    }
    Ok(args)
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

fn save(target: Target, kind: &str, input: &Input) -> PathBuf {
    let dir = repo_root().join("fuzz/artifacts").join(target.name());
    let _ = std::fs::create_dir_all(&dir);
    let ext = input.name.rsplit_once('.').map_or("bin", |(_, e)| e);
    let path = dir.join(format!("{kind}-{:016x}.{ext}", fnv(&input.bytes)));
    let _ = std::fs::write(&path, &input.bytes);
    path
}

/// Aborts the process, after saving the input, when one execution runs past [`HANG`].
fn watchdog(current: Arc<Mutex<Option<(Target, Input)>>>, started: Arc<AtomicU64>, epoch: Instant) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let since = started.load(Ordering::Relaxed);
            let now = epoch.elapsed().as_millis() as u64;
            if since != u64::MAX && now.saturating_sub(since) > HANG.as_millis() as u64 {
                if let Some((target, input)) = current.lock().ok().and_then(|c| c.clone()) {
                    let path = save(target, "hang", &input);
                    eprintln!("HANG on {}: {} (saved as {})", target.name(), input.name, path.display());
                }
                std::process::abort();
            }
        }
    });
}

struct Pool {
    target: Target,
    inputs: Vec<Input>,
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(message) => {
            eprintln!("sorn-fuzz: {message}");
            std::process::exit(2);
        }
    };
    // Panics are caught and reported once per input; the default hook would print each one.
    std::panic::set_hook(Box::new(|_| {}));
    let pools: Vec<Pool> = args
        .targets
        .iter()
        .map(|&target| {
            let mut inputs = seeds(target);
            if target == Target::Config {
                inputs.extend(config_seeds());
            }
            inputs.extend(regressions(target));
            Pool { target, inputs }
        })
        .collect();
    let epoch = Instant::now();
    let current = Arc::new(Mutex::new(None));
    let started = Arc::new(AtomicU64::new(u64::MAX));
    watchdog(current.clone(), started.clone(), epoch);

    let mut mutator = Mutator::new(args.seed);
    let mut execs = [0u64; 3];
    let mut failures = 0usize;
    let mut retimed = 0usize;
    let mut slowest = (Duration::ZERO, String::new());
    let deadline = args.seconds.map(|s| epoch + Duration::from_secs(s));
    let mut n: u64 = 0;
    loop {
        if args.execs.is_some_and(|max| n >= max) || deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        let pool = &pools[(n as usize) % pools.len()];
        n += 1;
        if pool.inputs.is_empty() {
            continue;
        }
        let base = mutator.rng.pick(&pool.inputs);
        let others: Vec<&[u8]> = pool.inputs.iter().map(|i| i.bytes.as_slice()).collect();
        let bytes = mutator.mutate(&base.bytes, &others);
        let input = Input { name: base.name.clone(), bytes };
        if let Ok(mut c) = current.lock() {
            *c = Some((pool.target, input.clone()));
        }
        started.store(epoch.elapsed().as_millis() as u64, Ordering::Relaxed);
        let mut outcome = run_within(pool.target, &input, args.slow);
        if matches!(outcome, Outcome::Slow(_)) {
            // The machine may be busy: an input is slow only if a second run is slow too.
            outcome = run_within(pool.target, &input, args.slow);
            retimed += 1;
        }
        started.store(u64::MAX, Ordering::Relaxed);
        execs[Target::ALL.iter().position(|t| *t == pool.target).unwrap_or(0)] += 1;
        match outcome {
            Outcome::Ok(took) => {
                if took > slowest.0 {
                    slowest = (took, format!("{} ({} bytes)", input.name, input.bytes.len()));
                }
            }
            Outcome::Panic(message) => {
                failures += 1;
                let path = save(pool.target, "crash", &input);
                eprintln!("PANIC on {}: {message} (saved as {})", pool.target.name(), path.display());
            }
            Outcome::Slow(took) => {
                failures += 1;
                let path = save(pool.target, "slow", &input);
                eprintln!("SLOW on {}: {took:?} (saved as {})", pool.target.name(), path.display());
            }
        }
        if n.is_multiple_of(100_000) {
            eprintln!("… {n} executions in {:.0?}", epoch.elapsed());
        }
    }
    let total: u64 = execs.iter().sum();
    let per_target: Vec<String> =
        Target::ALL.iter().zip(execs).filter(|(_, n)| *n > 0).map(|(t, n)| format!("{} {n}", t.name())).collect();
    println!(
        "sorn-fuzz: {total} executions in {:.1?} ({}), seed {}; {failures} failing ({retimed} retimed); slowest {:.1?}: {}",
        epoch.elapsed(),
        per_target.join(", "),
        args.seed,
        slowest.0,
        slowest.1
    );
    if failures > 0 {
        std::process::exit(1);
    }
}

/// Configurations to start from: every key and table sorn.toml knows, and a few broken ones.
fn config_seeds() -> Vec<Input> {
    [
        "[lints]\nroutine-use-order = \"error\"\nname-variant = \"allow\"\n",
        "[calendar]\nclosures = [{ date = 2018-12-05, reason = \"National Day of Mourning\" }]\n",
        "[lints]\nunknown-rule = \"error\"\n[rules]\nx = 1\n",
        "[calendar]\nclosures = [{ date = \"2018-12-05\" }, { reason = 1 }]\n[lints]\nfr-citation = 3\n",
        "lints = 1\ncalendar = []\n",
    ]
    .iter()
    .enumerate()
    .map(|(i, text)| Input { name: format!("sorn-{i}.toml"), bytes: text.as_bytes().to_vec() })
    .collect()
}
