#!/usr/bin/env bash
# Sweep throughput of `salient sweep` against step 7 of the method as the paper's code path writes it in PyTorch
# Python (bench/sweep_peer.py under Debian's /usr/bin/python3: a Dataset of images and masks, a DataLoader with
# 2 workers and batch 128, then the model on the noised batches, one pass over the loader per sigma), on the
# same CPU, the same images, masks, model and sigmas, in one run. Both sides do the same forward work: the
# clean images once, then per sigma the images that have a spurious mask with noise on it (core accuracy) and
# every image with noise on its item (spurious accuracy); salient runs with --no-feature-drops.
#
# salient sweep is timed as the whole command (wall-clock, process start to exit); the Python peer times itself
# from the top of its script (including `import torch`) to the end. Throughput is images x sigmas per second.
# The overhead over the bare forward is measured two ways: inside salient (its wall-clock against the time
# spent in the models' forward passes, which it reports) and against the same model's bare forward in Python
# (bench/index_peer.py --bare-forward: random in-memory batches of 128, no data loading) for salient's count of
# forwarded images. Each side runs BENCH_REPS times, alternating; the best run counts.
#
# Usage: bench/sweep_throughput.sh
# Environment: SALIENT (default build/app/cli/salient), PYTHON (default /usr/bin/python3),
#              BENCH_TEST (test images in the demo world; default 2000), BENCH_SIGMAS (default 0,0.1,0.25,0.5,0.75,1),
#              BENCH_MODEL (default resources/models/standard.pt), BENCH_REPS (default 2),
#              BENCH_FORWARD_BATCHES (default 60), BENCH_KEEP=1 keeps the temporary folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SALIENT="${SALIENT:-$ROOT/build/app/cli/salient}"
PYTHON="${PYTHON:-/usr/bin/python3}"
TEST="${BENCH_TEST:-2000}"
SIGMAS="${BENCH_SIGMAS:-0,0.1,0.25,0.5,0.75,1}"
MODEL="${BENCH_MODEL:-$ROOT/resources/models/standard.pt}"
REPS="${BENCH_REPS:-2}"
FORWARD_BATCHES="${BENCH_FORWARD_BATCHES:-60}"

[ -x "$SALIENT" ] || { echo "sweep_throughput.sh: no CLI at $SALIENT (build first)" >&2; exit 1; }
[ -f "$MODEL" ] || { echo "sweep_throughput.sh: no model at $MODEL" >&2; exit 1; }
"$PYTHON" -c 'import torch, PIL, numpy' 2>/dev/null ||
    { echo "sweep_throughput.sh: $PYTHON lacks torch/PIL/numpy (python3-torch, python3-pil)" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/salient-sweep-bench.XXXXXX")"
if [ "${BENCH_KEEP:-0}" = 1 ]; then
    echo "Keeping $WORK" >&2
else
    trap 'rm -rf "$WORK"' EXIT
fi

echo "Making a demo world with $TEST test images in $WORK ..." >&2
"$SALIENT" demo "$WORK/world" --world-only --train 10 --val 10 --test "$TEST" --balanced 10 >"$WORK/demo.log" 2>&1 ||
    { cat "$WORK/demo.log" >&2; exit 1; }
DATA="$WORK/world/dataset"
NSIGMAS="$(awk -F, '{ print NF }' <<<"$SIGMAS")"

now() { date +%s.%N; }
field() { # FILE EXPRESSION: a value of the JSON object in FILE
    "$PYTHON" -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# prints "images/s seconds forward-images forward-seconds"
run_salient() {
    local json="$WORK/salient.$1.json" begin end
    echo "salient sweep (run $1) ..." >&2
    begin="$(now)"
    "$SALIENT" sweep --workspace "$WORK/none" --dataset "$DATA" --model "$MODEL" --split test --sigmas "$SIGMAS" \
        --strategy noise --no-feature-drops --device cpu --json "$json" >"$WORK/salient.$1.log" 2>&1 ||
        { cat "$WORK/salient.$1.log" >&2; exit 1; }
    end="$(now)"
    awk -v n="$TEST" -v s="$NSIGMAS" -v b="$begin" -v e="$end" -v f="$(field "$json" "d['forward_images']")" \
        -v fs="$(field "$json" "d['forward_seconds']")" 'BEGIN { printf "%.2f %.3f %d %.3f\n", n * s / (e - b), e - b, f, fs }'
}

# prints "images/s seconds forward-images"
run_python() {
    local json="$WORK/python.$1.json"
    echo "python peer (run $1) ..." >&2
    "$PYTHON" "$ROOT/bench/sweep_peer.py" --model "$MODEL" --data "$DATA" --split test --sigmas "$SIGMAS" \
        >"$json" 2>"$WORK/python.$1.log" || { cat "$WORK/python.$1.log" >&2; exit 1; }
    echo "$(field "$json" "'%.2f %.3f %d' % (d['images_per_second'], d['seconds'], d['forward_images'])")"
}

run_forward() {
    echo "bare forward (run $1) ..." >&2
    "$PYTHON" "$ROOT/bench/index_peer.py" --model "$MODEL" --bare-forward --batches "$FORWARD_BATCHES" \
        >"$WORK/forward.$1.json" 2>"$WORK/forward.$1.log" || { cat "$WORK/forward.$1.log" >&2; exit 1; }
    field "$WORK/forward.$1.json" "d['images_per_second']"
}

SALIENT_RUNS=()
PYTHON_RUNS=()
for rep in $(seq 1 "$REPS"); do
    SALIENT_RUNS+=("$(run_salient "$rep")")
    echo "    ${SALIENT_RUNS[-1]}  (images x sigmas / s, s, forwarded images, s in forward passes)" >&2
    PYTHON_RUNS+=("$(run_python "$rep")")
    echo "    ${PYTHON_RUNS[-1]}  (images x sigmas / s, s, forwarded images)" >&2
done
FORWARD_RUNS=()
for rep in $(seq 1 "$REPS"); do
    FORWARD_RUNS+=("$(run_forward "$rep")")
    echo "    ${FORWARD_RUNS[-1]}  (images/s)" >&2
done

best() { sort -k1,1 -g -r | head -n 1; }
read -r CPP CPP_S CPP_FWD CPP_FWD_S < <(printf '%s\n' "${SALIENT_RUNS[@]}" | best)
read -r PY PY_S PY_FWD < <(printf '%s\n' "${PYTHON_RUNS[@]}" | best)
read -r BARE < <(printf '%s\n' "${FORWARD_RUNS[@]}" | best)

# Not timed: both sides measured the same accuracies (noise differs, so within binomial error).
CHECK="$("$PYTHON" - "$WORK/salient.1.json" "$WORK/python.1.json" <<'PY'
import json, math, sys
cpp, py = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
worst = 0.0
for row in py["results"]:
    level = cpp["sigmas"].index(row["sigma"])
    for measure, key in (("core", "core_accuracy"), ("spurious", "spurious_accuracy")):
        cell = next(c for c in cpp["results"] if c["measure"] == measure and c["class"] == -1 and c["sigma"] == row["sigma"])
        p = 0.5 * (cell["accuracy"] + row[key])
        se = math.sqrt(max(2 * p * (1 - p) / cell["images"], 1e-12))
        worst = max(worst, abs(cell["accuracy"] - row[key]) / se)
print(f"largest core/spurious accuracy difference {worst:.2f} standard errors; clean accuracy "
      f"{next(c for c in cpp['clean'] if c['class'] == -1)['accuracy']:.4f} vs {py['clean_accuracy']:.4f}")
PY
)" || CHECK="(the output comparison failed)"

echo
echo "Sweep throughput, $TEST images 48x48 (PNG + mask PNG), noise at $NSIGMAS sigmas ($SIGMAS), batch 128,"
echo "$(nproc) CPU threads, best of $REPS runs (salient: whole command; python: script top incl. import torch)"
awk -v cpp="$CPP" -v py="$PY" -v cs="$CPP_S" -v cf="$CPP_FWD" -v cfs="$CPP_FWD_S" -v pf="$PY_FWD" -v bare="$BARE" 'BEGIN {
    printf "%-44s %12s\n", "", "images x sigmas / s"
    printf "%-44s %12.1f\n", "salient sweep", cpp
    printf "%-44s %12.1f\n", "python peer (Dataset + DataLoader per sigma)", py
    printf "%-44s %12.2f   (goal >= 1.5)\n", "ratio salient / python", cpp / py
    printf "forwarded images: salient %d, python %d\n", cf, pf
    printf "%-44s %11.1f %%   (goal <= 15 %%)\n", "salient overhead over its own forward passes", 100 * (cs / cfs - 1)
    printf "%-44s %11.1f %%\n", "salient overhead over python bare forward", 100 * (cs / (cf / bare) - 1)
    printf "bare forward (python, in memory, batch 128): %.1f images/s\n", bare
}'
firsts() { printf '%s\n' "$@" | awk '{ printf "%s%.1f", (NR > 1 ? " " : ""), $1 }'; }
echo "all runs: salient $(firsts "${SALIENT_RUNS[@]}"); python $(firsts "${PYTHON_RUNS[@]}"); bare forward $(firsts "${FORWARD_RUNS[@]}")"
echo "output check (run 1): $CHECK"
