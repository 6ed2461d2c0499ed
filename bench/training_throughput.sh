#!/usr/bin/env bash
# Training throughput (images/s) of `salient train` against the same recipe written in PyTorch Python
# (bench/train_peer.py under Debian's /usr/bin/python3 with python3-torch), standard and L2-PGD training,
# on this machine in one run. Both sides hold the whole training set in memory as uint8, so this measures the
# training loop, not PNG decoding. The runs are strictly sequential.
#
# Usage: bench/training_throughput.sh
# Environment: SALIENT (the CLI; default build/app/cli/salient), PYTHON (default /usr/bin/python3),
#              BENCH_TRAIN (training images in the demo world; default 3000), BENCH_EPOCHS (default 2),
#              BENCH_KEEP=1 keeps the temporary folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SALIENT="${SALIENT:-$ROOT/build/app/cli/salient}"
PYTHON="${PYTHON:-/usr/bin/python3}"
TRAIN="${BENCH_TRAIN:-3000}"
EPOCHS="${BENCH_EPOCHS:-2}"

[ -x "$SALIENT" ] || { echo "training_throughput.sh: no CLI at $SALIENT (build first)" >&2; exit 1; }
"$PYTHON" -c 'import torch, torchvision, cv2' 2>/dev/null ||
    { echo "training_throughput.sh: $PYTHON lacks torch/torchvision/cv2 (python3-torch, python3-torchvision, python3-opencv)" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/salient-train-bench.XXXXXX")"
if [ "${BENCH_KEEP:-0}" = 1 ]; then
    echo "Keeping $WORK" >&2
else
    trap 'rm -rf "$WORK"' EXIT
fi

echo "Making a demo world with $TRAIN training images in $WORK ..." >&2
"$SALIENT" demo "$WORK" --world-only --train "$TRAIN" --val 10 --test 10 --balanced 10 >"$WORK/demo.log" 2>&1 ||
    { cat "$WORK/demo.log" >&2; exit 1; }
DATA="$WORK/dataset/train"
[ -d "$DATA" ] || { echo "training_throughput.sh: the demo wrote no $DATA" >&2; exit 1; }

# The shipped recipes, pointed at the demo world and shortened to $EPOCHS epochs.
write_recipe() { # NAME
    "$PYTHON" - "$ROOT/resources/models/$1.recipe.json" "$WORK/$1.recipe.json" "$DATA" "$EPOCHS" <<'PY'
import json, sys
source, target, data, epochs = sys.argv[1:]
recipe = json.load(open(source))
recipe["data"] = data
recipe["epochs"] = int(epochs)
json.dump(recipe, open(target, "w"), indent=2)
PY
}
write_recipe standard
write_recipe robust
read -r EPS STEPS < <("$PYTHON" -c 'import json, sys; a = json.load(open(sys.argv[1]))["adversarial"]; print(a["eps"], a["steps"])' \
    "$WORK/robust.recipe.json")

# salient train; prints the images/s of the last epoch line.
run_salient() { # NAME
    local log="$WORK/$1.salient.log"
    echo "salient train ($1, $EPOCHS epochs) ..." >&2
    "$SALIENT" train --recipe "$WORK/$1.recipe.json" --out "$WORK/$1.pt" --device cpu 2>&1 | tr '\r' '\n' >"$log" ||
        { cat "$log" >&2; exit 1; }
    grep -E '^Epoch [0-9]+/[0-9]+:' "$log" | sed 's/^/    /' >&2
    local rate
    rate="$(grep -E '^Epoch [0-9]+/[0-9]+:' "$log" | tail -n 1 | sed -E 's/.*, ([0-9.]+) images\/s.*/\1/')"
    [ -n "$rate" ] || { echo "training_throughput.sh: no epoch line from salient train:" >&2; cat "$log" >&2; exit 1; }
    echo "$rate"
}

# The Python peer; prints its images/s.
run_python() { # NAME [PEER ARGS...]
    local name="$1"; shift
    local log="$WORK/$name.python.log"
    echo "python peer ($name, $EPOCHS epochs) ..." >&2
    "$PYTHON" "$ROOT/bench/train_peer.py" --data "$DATA" --epochs "$EPOCHS" "$@" >"$WORK/$name.python.json" 2>"$log" ||
        { cat "$log" >&2; exit 1; }
    sed 's/^/    /' "$log" >&2
    "$PYTHON" -c 'import json, sys; print(json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])["images_per_second"])' \
        "$WORK/$name.python.json"
}

STD_CPP="$(run_salient standard)"
STD_PY="$(run_python standard)"
PGD_CPP="$(run_salient robust)"
PGD_PY="$(run_python robust --adversarial --eps "$EPS" --steps "$STEPS")"

IMAGES="$(find "$DATA" -type f -name '*.png' | wc -l)"
echo
echo "Training throughput, $IMAGES images 48x48, batch 128, $EPOCHS epochs, $(nproc) CPU threads"
if [ "$EPOCHS" -ge 2 ]; then
    echo "(salient: the last epoch; python: the epochs after the first)"
else
    echo "(salient: the epoch; python: the epoch after 5 warm-up batches, or all of it when shorter)"
fi
printf '%-24s %16s %16s %16s\n' "recipe" "salient img/s" "python img/s" "salient/python"
row() { # LABEL SALIENT PYTHON
    awk -v label="$1" -v a="$2" -v b="$3" 'BEGIN {
        printf "%-24s %16.1f %16.1f %16s\n", label, a, b, (b + 0 > 0) ? sprintf("%.2f", a / b) : "n/a" }'
}
row "standard" "$STD_CPP" "$STD_PY"
row "L2 PGD (eps $EPS, $STEPS steps)" "$PGD_CPP" "$PGD_PY"
