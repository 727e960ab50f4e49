//! Throughput of the pipeline on the ICE-015 sources: load, check, lower and render.
//!
//! `cargo bench` prints the median time of each stage over many iterations. The linter runs on
//! every commit of a documentation repository, so these figures are part of its contract.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use sorn::emit::Format;
use sorn::lower::{LowerOptions, lower};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn measure(name: &str, iterations: usize, mut f: impl FnMut()) {
    for _ in 0..iterations / 10 {
        f();
    }
    let samples: Vec<Duration> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    println!("{name:<40} median {:>9.1} µs  ({iterations} iterations)", median(samples).as_secs_f64() * 1e6);
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let paths = vec![root.join("sorns/dhs-ice-015.toml"), root.join("sorns/dhs-ice-015-final-rule.toml")];
    let ws = sorn::source::load_paths(&paths).expect("the sources are readable");
    let options = LowerOptions::default();

    measure("load both sources", 300, || {
        black_box(sorn::source::load_paths(black_box(&paths)).expect("the sources are readable"));
    });
    measure("check (all rules, both sources)", 300, || {
        black_box(sorn::check::run(black_box(&ws), |m| m.default_level));
    });
    measure("lower + Markdown, both documents", 300, || {
        for d in &ws.documents {
            black_box(Format::Markdown.render(&lower(&d.document, &options)));
        }
    });
    measure("lower + HTML, both documents", 300, || {
        for d in &ws.documents {
            black_box(Format::Html.render(&lower(&d.document, &options)));
        }
    });
    measure("load + check + render all (one run)", 100, || {
        let ws = sorn::source::load_paths(&paths).expect("the sources are readable");
        black_box(sorn::check::run(&ws, |m| m.default_level));
        for d in &ws.documents {
            let tree = lower(&d.document, &options);
            black_box(Format::Markdown.render(&tree));
            black_box(Format::Html.render(&tree));
        }
    });
}
