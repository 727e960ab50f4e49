#!/usr/bin/env bash
# How `sorn check` and `sorn build --format all` grow from N = 100 to N = 1,000 generated
# SORN + exemption rule pairs: wall time (best of RUNS runs; the machine may be shared, and the
# best run is the least disturbed), peak memory, and the growth exponent
# log(t1000 / t100) / log(10), where 1.00 is linear.
#
#   scripts/growth.sh            # corpora in /dev/shm when it exists (tmpfs), else in /tmp
#   RUNS=9 WORK=/tmp scripts/growth.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
WORK=${WORK:-$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp )}
dir=$(mktemp -d "$WORK/sorn-growth.XXXXXX")
trap 'rm -rf "$dir"' EXIT

cargo build --release --quiet
sorn=$PWD/target/release/sorn
for n in 1 100 1000; do
    cargo bench --quiet --bench scale -- --generate "$n" "$dir/n$n/sorns" >/dev/null
done

# Best wall time in seconds of a command run in a folder, over RUNS runs, timed around the
# process alone (fork, exec, run, exit) with a monotonic clock: timing with `date` in the shell
# would add the start of a `date` process to every figure.
best() {
    local folder=$1
    shift
    (cd "$folder" && python3 - "$RUNS" "$@" <<'PY'
import subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
best = float("inf")
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    best = min(best, time.perf_counter() - start)
print(f"{best:.4f}")
PY
    )
}

# Peak resident memory in MiB of one run.
peak() {
    local folder=$1
    shift
    (cd "$folder" && /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1) | awk '{ printf "%.1f", $1 / 1024 }'
}

printf '%-28s %8s %10s %10s %10s\n' command N 'wall (s)' 'MiB peak' MB
printf '%-28s %8s %10s\n' "(start of /bin/true)" - "$(best . /bin/true)"
declare -A wall
for n in 1 100 1000; do
    mb=$(du -sb "$dir/n$n/sorns" | awk '{ printf "%.1f", $1 / 1e6 }')
    wall[check$n]=$(best "$dir/n$n" "$sorn" check sorns)
    printf '%-28s %8s %10s %10s %10s\n' "sorn check" "$n" "${wall[check$n]}" "$(peak "$dir/n$n" "$sorn" check sorns)" "$mb"
    wall[build$n]=$(best "$dir/n$n" "$sorn" build --format all --out-dir out sorns)
    printf '%-28s %8s %10s %10s %10s\n' "sorn build --format all" "$n" "${wall[build$n]}" \
        "$(peak "$dir/n$n" "$sorn" build --format all --out-dir out sorns)" "$mb"
done
for cmd in check build; do
    awk -v a="${wall[${cmd}100]}" -v b="${wall[${cmd}1000]}" -v c="$cmd" \
        'BEGIN { printf "growth exponent, %-10s %.2f  (N = 100 to 1,000; 1.00 is linear)\n", c, log(b / a) / log(10) }'
done
awk -v a="${wall[check1000]}" -v b="${wall[build1000]}" \
    'BEGIN { printf "check + build --format all at N = 1,000: %.3f s\n", a + b }'
