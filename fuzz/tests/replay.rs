//! Replays the seed corpus and every failing input the fuzzer has found (`fuzz/regressions/`):
//! none may panic or take longer than a second.

use sorn_fuzz::{Outcome, Target, regressions, run, seeds};

fn replay(target: Target, inputs: Vec<sorn_fuzz::Input>) {
    for input in inputs {
        match run(target, &input) {
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
