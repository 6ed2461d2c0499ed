#!/usr/bin/env bash
# Index throughput (images/s) of `salient index` against step 1 of the method as the paper's code path writes
# it in PyTorch Python (bench/index_peer.py under Debian's /usr/bin/python3: ImageFolder + DataLoader with
# 2 workers, batch 128), on the same CPU and the same images in one run, plus the model's bare forward
# throughput on random in-memory batches (no data loading) as the ceiling both sides are measured against.
# Both sides run the shipped robust model and write the penultimate features and the predictions.
#
# salient index is timed as the whole command (wall-clock, process start to exit); the Python peer times
# itself from the top of its script (including `import torch`) to after its .npy files are written. Each side
# runs BENCH_REPS times, alternating, each time into a fresh output folder; the best run counts. The runs
# are strictly sequential.
#
# Usage: bench/index_throughput.sh
# Environment: SALIENT (the CLI; default build/app/cli/salient), PYTHON (default /usr/bin/python3),
#              BENCH_TRAIN (training images in the demo world; default 12000), BENCH_REPS (default 2),
#              BENCH_FORWARD_BATCHES (batches of 128 for the bare forward; default 60),
#              BENCH_KEEP=1 keeps the temporary folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SALIENT="${SALIENT:-$ROOT/build/app/cli/salient}"
PYTHON="${PYTHON:-/usr/bin/python3}"
TRAIN="${BENCH_TRAIN:-12000}"
REPS="${BENCH_REPS:-2}"
FORWARD_BATCHES="${BENCH_FORWARD_BATCHES:-60}"
MODEL="$ROOT/resources/models/robust.pt"
TIME=/usr/bin/time

[ -x "$SALIENT" ] || { echo "index_throughput.sh: no CLI at $SALIENT (build first)" >&2; exit 1; }
[ -x "$TIME" ] || { echo "index_throughput.sh: needs GNU time at $TIME (apt-get install time)" >&2; exit 1; }
[ -f "$MODEL" ] || { echo "index_throughput.sh: no model at $MODEL" >&2; exit 1; }
"$PYTHON" -c 'import torch, torchvision, PIL, numpy' 2>/dev/null ||
    { echo "index_throughput.sh: $PYTHON lacks torch/torchvision/PIL/numpy (python3-torch, python3-torchvision, python3-pil)" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/salient-index-bench.XXXXXX")"
if [ "${BENCH_KEEP:-0}" = 1 ]; then
    echo "Keeping $WORK" >&2
else
    trap 'rm -rf "$WORK"' EXIT
fi

echo "Making a demo world with $TRAIN training images in $WORK ..." >&2
"$SALIENT" demo "$WORK/world" --world-only --train "$TRAIN" --val 10 --test 10 --balanced 10 >"$WORK/demo.log" 2>&1 ||
    { cat "$WORK/demo.log" >&2; exit 1; }
DATA="$WORK/world/dataset/train"
[ -d "$DATA" ] || { echo "index_throughput.sh: the demo wrote no $DATA" >&2; exit 1; }
IMAGES="$(find "$DATA" -type f -name '*.png' | wc -l)"

now() { date +%s.%N; }
json_field() { # FILE FIELD: a field of the JSON object in FILE
    "$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

# salient index into a fresh folder; prints "images/s seconds peak-RSS-KB".
run_salient() { # REP
    local out="$WORK/salient.$1" log="$WORK/salient.$1.log" json="$WORK/salient.$1.json" begin end
    echo "salient index (run $1) ..." >&2
    begin="$(now)"
    "$TIME" -f '%M' -o "$WORK/salient.$1.rss" \
        "$SALIENT" index --model "$MODEL" --data "$DATA" --out "$out" --device cpu --json >"$json" 2>"$log" ||
        { cat "$log" "$json" >&2; exit 1; }
    end="$(now)"
    local images rss
    images="$(json_field "$json" images)"
    rss="$(tail -n 1 "$WORK/salient.$1.rss")"
    [ "$images" = "$IMAGES" ] || { echo "index_throughput.sh: salient indexed $images of $IMAGES images" >&2; exit 1; }
    awk -v n="$images" -v b="$begin" -v e="$end" -v rss="$rss" 'BEGIN {
        printf "%.3f %.3f %s\n", n / (e - b), e - b, rss }'
}

# The Python peer into a fresh folder; prints "images/s seconds process-seconds peak-RSS-KB".
run_python() { # REP
    local out="$WORK/python.$1" log="$WORK/python.$1.log" json="$WORK/python.$1.json" begin end
    echo "python peer (run $1) ..." >&2
    begin="$(now)"
    "$TIME" -f '%M' -o "$WORK/python.$1.rss" \
        "$PYTHON" "$ROOT/bench/index_peer.py" --model "$MODEL" --data "$DATA" --out "$out" >"$json" 2>"$log" ||
        { cat "$log" >&2; exit 1; }
    end="$(now)"
    local images
    images="$(json_field "$json" images)"
    [ "$images" = "$IMAGES" ] || { echo "index_throughput.sh: the peer indexed $images of $IMAGES images" >&2; exit 1; }
    awk -v r="$(json_field "$json" images_per_second)" -v s="$(json_field "$json" seconds)" -v b="$begin" \
        -v e="$end" -v rss="$(tail -n 1 "$WORK/python.$1.rss")" 'BEGIN { printf "%.3f %.3f %.3f %s\n", r, s, e - b, rss }'
}

run_forward() { # REP; prints images/s
    echo "bare forward (run $1, $FORWARD_BATCHES batches) ..." >&2
    "$PYTHON" "$ROOT/bench/index_peer.py" --model "$MODEL" --bare-forward --batches "$FORWARD_BATCHES" \
        >"$WORK/forward.$1.json" 2>"$WORK/forward.$1.log" || { cat "$WORK/forward.$1.log" >&2; exit 1; }
    json_field "$WORK/forward.$1.json" images_per_second
}

SALIENT_RUNS=()
PYTHON_RUNS=()
for rep in $(seq 1 "$REPS"); do
    SALIENT_RUNS+=("$(run_salient "$rep")")
    echo "    ${SALIENT_RUNS[-1]}  (images/s, s, peak RSS KB)" >&2
    PYTHON_RUNS+=("$(run_python "$rep")")
    echo "    ${PYTHON_RUNS[-1]}  (images/s, s in script, s as process, peak RSS KB)" >&2
done
FORWARD_RUNS=()
for rep in $(seq 1 "$REPS"); do
    FORWARD_RUNS+=("$(run_forward "$rep")")
    echo "    ${FORWARD_RUNS[-1]}  (images/s)" >&2
done

best() { sort -k1,1 -g -r | head -n 1; }
read -r CPP CPP_S CPP_RSS < <(printf '%s\n' "${SALIENT_RUNS[@]}" | best)
read -r PY PY_S PY_PROC_S PY_RSS < <(printf '%s\n' "${PYTHON_RUNS[@]}" | best)
read -r FWD < <(printf '%s\n' "${FORWARD_RUNS[@]}" | best)
MAX_RSS="$(printf '%s\n' "${SALIENT_RUNS[@]}" | awk '$3 > m { m = $3 } END { print m }')"

# Not timed: both sides computed the same thing (the first runs' outputs).
CHECK="$("$PYTHON" - "$WORK" "$IMAGES" <<'PY'
import glob, os, sys
import numpy as np
work, n = sys.argv[1], int(sys.argv[2])
cpp_dir, py_dir = os.path.join(work, "salient.1"), os.path.join(work, "python.1")
py = np.load(os.path.join(py_dir, "features.npy"))
cpp = np.fromfile(os.path.join(cpp_dir, "features.f32"), dtype="<f4").reshape(n, -1)
cpp_pred = np.fromfile(os.path.join(cpp_dir, "predictions.i32"), dtype="<i4")
py_pred = np.load(os.path.join(py_dir, "predictions.npy"))
print(f"max |feature difference| {np.abs(cpp - py).max():.2e}, predictions agree on "
      f"{(cpp_pred == py_pred).mean() * 100:.2f} % of {n} images")
PY
)" || CHECK="(the output comparison failed)"

echo
echo "Index throughput, $IMAGES images 48x48 (PNG), batch 128, $(nproc) CPU threads, best of $REPS runs"
echo "(salient: the whole command, wall-clock; python: script top incl. import torch to .npy written;"
echo " bare forward: $FORWARD_BATCHES random in-memory batches of 128, no data loading, same model and threads)"
awk -v cpp="$CPP" -v py="$PY" -v fwd="$FWD" 'BEGIN {
    printf "%-38s %12s\n", "", "images/s"
    printf "%-38s %12.1f\n", "salient index", cpp
    printf "%-38s %12.1f\n", "python peer (ImageFolder+DataLoader)", py
    printf "%-38s %12.2f   (goal >= 1.5)\n", "ratio salient / python", cpp / py
    printf "%-38s %12.1f\n", "bare forward (python, in memory)", fwd
    printf "%-38s %11.1f %%   (goal >= 85 %%)\n", "salient share of bare forward", 100 * cpp / fwd
    printf "%-38s %11.1f %%\n", "python share of bare forward", 100 * py / fwd
}'
echo "salient index: best run $CPP_S s; peak RSS $CPP_RSS KB (largest of all runs $MAX_RSS KB)"
echo "python peer:   best run $PY_S s in the script, $PY_PROC_S s as a process; peak RSS $PY_RSS KB (main process)"
firsts() { printf '%s\n' "$@" | awk '{ printf "%s%.1f", (NR > 1 ? " " : ""), $1 }'; }
echo "all runs (images/s): salient $(firsts "${SALIENT_RUNS[@]}"); python $(firsts "${PYTHON_RUNS[@]}");" \
    "bare forward $(firsts "${FORWARD_RUNS[@]}")"
echo "output check (run 1): $CHECK"
