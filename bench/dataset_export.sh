#!/usr/bin/env bash
# Export throughput (masks/s) of `salient dataset export`, the Salient ImageNet layout (grayscale JPEG masks
# at quality 95, image_names_map.csv, manifest.csv, annotations.csv), on two datasets:
#   demo       the demo world's dataset as the method builds it: demo world, index, discovery study labelled
#              by the ground-truth annotator, `salient dataset build` (48 x 48 masks);
#   synthetic  BENCH_MASKS (default 10000) NAM-like 224 x 224 masks made by /usr/bin/python3 + OpenCV in
#              the published layout (40 classes x 5 features), imported with `salient dataset import`.
# Each export is the whole command (wall-clock, process start to exit) into a fresh folder, BENCH_REPS times;
# the best run counts. Masks/s = masks exported / seconds. Build and import times are printed, not counted.
#
# Usage: bench/dataset_export.sh
# Environment: SALIENT (default build/app/cli/salient), PYTHON (default /usr/bin/python3), BENCH_MASKS,
#              BENCH_REPS (default 3), BENCH_KEEP=1 keeps the temporary folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SALIENT="${SALIENT:-$ROOT/build/app/cli/salient}"
PYTHON="${PYTHON:-/usr/bin/python3}"
MASKS="${BENCH_MASKS:-10000}"
REPS="${BENCH_REPS:-3}"
MODEL="$ROOT/resources/models/robust.pt"

[ -x "$SALIENT" ] || { echo "dataset_export.sh: no CLI at $SALIENT (build first)" >&2; exit 1; }
"$PYTHON" -c 'import cv2, numpy' 2>/dev/null || { echo "dataset_export.sh: $PYTHON lacks cv2/numpy" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/salient-dataset-bench.XXXXXX")"
if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "Keeping $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi
now() { date +%s.%N; }

# Best of REPS exports of workspace $1; prints "masks seconds masks/s".
bench_export() {
    local ws="$1" best="" masks=0
    for rep in $(seq "$REPS"); do
        rm -rf "$WORK/out" "$WORK/out.partial"
        local start end
        start=$(now)
        masks=$("$SALIENT" dataset export "$WORK/out" --workspace "$ws" --json | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["masks"])')
        end=$(now)
        local seconds
        seconds=$("$PYTHON" -c "print($end - $start)")
        if [ -z "$best" ] || "$PYTHON" -c "import sys; sys.exit(0 if $seconds < $best else 1)"; then best=$seconds; fi
    done
    "$PYTHON" -c "print('%d masks in %.2f s: %.0f masks/s' % ($masks, $best, $masks / $best))"
}

echo "== demo world (600 training images, labels from ground truth)"
start=$(now)
"$SALIENT" demo "$WORK/demo" --world-only --train 600 --val 20 --test 10 --balanced 10 >/dev/null
"$SALIENT" workspace init "$WORK/demo" --dataset "$WORK/demo/dataset" --robust-model "$MODEL" 2>/dev/null
"$SALIENT" index --workspace "$WORK/demo" --device cpu >/dev/null
"$SALIENT" hits create --study discovery --annotators-per-hit 1 --workspace "$WORK/demo" >/dev/null
"$SALIENT" hits autolabel --ground-truth --workspace "$WORK/demo" >/dev/null
build_start=$(now)
"$SALIENT" dataset build --workspace "$WORK/demo"
end=$(now)
"$PYTHON" -c "print('set-up %.1f s, of which dataset build %.1f s' % ($end - $start, $end - $build_start))"
echo "export: $(bench_export "$WORK/demo")"

echo "== synthetic: $MASKS masks of 224 x 224"
"$PYTHON" - "$WORK/synthetic" "$MASKS" <<'PY'
import os, sys, cv2, numpy as np
out, total = sys.argv[1], int(sys.argv[2])
classes, features = 40, 5
per_pair = (total + classes * features - 1) // (classes * features)
rng = np.random.default_rng(0)
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "wordnet_dict.py"), "w") as f:
    f.write("{\n" + "".join("    %d: 'n%08d',\n" % (c, c) for c in range(classes)) + "}\n")
made = 0
for c in range(classes):
    wnid = "n%08d" % c
    names = ["%s_%d" % (wnid, i) for i in range(per_pair * 2)]
    columns = {}
    for j in range(features):
        feature = c * 7 + j
        os.makedirs(os.path.join(out, wnid, "feature_%d" % feature), exist_ok=True)
        chosen = [str(n) for n in rng.choice(names, per_pair, replace=False)]
        columns[feature] = chosen
        for name in chosen:
            small = rng.random((7, 7)).astype(np.float32)  # like layer4 of a ResNet-50, upsampled
            mask = cv2.resize(small, (224, 224), interpolation=cv2.INTER_LINEAR)
            mask = np.uint8(np.round(255 * mask / mask.max()))
            cv2.imwrite(os.path.join(out, wnid, "feature_%d" % feature, name + ".JPEG"), mask,
                        [cv2.IMWRITE_JPEG_QUALITY, 95])
            made += 1
    rows = max(len(v) for v in columns.values())
    with open(os.path.join(out, wnid, "image_names_map.csv"), "w") as f:
        f.write(",".join(str(k) for k in columns) + "\n")
        for r in range(rows):
            f.write(",".join(v[r] if r < len(v) else "" for v in columns.values()) + "\n")
print("made %d masks" % made, file=sys.stderr)
PY
mkdir -p "$WORK/imagenet/train"
start=$(now)
"$SALIENT" dataset import "$WORK/synthetic" --images "$WORK/imagenet" --workspace "$WORK/synthetic-ws" 2>/dev/null
end=$(now)
"$PYTHON" -c "print('import %.1f s' % ($end - $start))"
echo "export: $(bench_export "$WORK/synthetic-ws")"
