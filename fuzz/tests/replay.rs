//! Replays the seed corpus and every failing input the fuzzer has found (`fuzz/regressions/`):
//! none may panic or take longer than a second.

use std::time::Duration;

use sorn_fuzz::{Outcome, SLOW, Target, regressions, run_within, seeds};

/// The time an input may take: a second in an optimized build, ten in a debug build.
fn limit() -> Duration {
    if cfg!(debug_assertions) { SLOW * 10 } else { SLOW }
}

fn replay(target: Target, inputs: Vec<sorn_fuzz::Input>) {
    for input in inputs {
        match run_within(target, &input, limit()) {
            Outcome::Ok(_) => {}
            other => panic!("{} on {}: {other:?}", input.name, target.name()),
        }
    }
}

#[test]
fn regressions_stay_fixed() {
    for target in Target::ALL {
        let inputs = regressions(target);
        replay(target, inputs);
    }
    assert!(!regressions(Target::Import).is_empty(), "the regression corpus is found");
}

#[test]
fn the_seed_corpus_passes() {
    for target in Target::ALL {
        replay(target, seeds(target));
    }
}
