#!/usr/bin/env bash
# Peak memory of `salient index` as the number of images grows: the images are streamed and the feature
# matrix is written row batch by row batch, so the peak resident set should stay flat from 10k to 100k
# images. Runs the bare index (model, data and output folder given) and then the same index stored in a
# workspace (ranking + salient.db), each under GNU time, and prints peak RSS per size.
#
# Usage: bench/index_memory.sh [SIZES...]   (default: 10000 30000 100000; above 50,000 the demo world's
# images are repeated as hard links, since Fashion-MNIST has 60,000 training items)
# Environment: SALIENT (the CLI; default build/app/cli/salient), BENCH_KEEP=1 keeps the temporary folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SALIENT="${SALIENT:-$ROOT/build/app/cli/salient}"
MODEL="$ROOT/resources/models/robust.pt"
TIME=/usr/bin/time
MAX_WORLD=50000
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 30000 100000)

[ -x "$SALIENT" ] || { echo "index_memory.sh: no CLI at $SALIENT (build first)" >&2; exit 1; }
[ -x "$TIME" ] || { echo "index_memory.sh: needs GNU time at $TIME (apt-get install time)" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/salient-index-memory.XXXXXX")"
if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "Keeping $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi

printf '%10s %16s %16s %12s\n' images "index peak MiB" "+store peak MiB" "images/s"
for n in "${SIZES[@]}"; do
    world="$WORK/world-$n"
    # Fashion-MNIST has 60,000 training items: a larger set repeats the world's images as hard links.
    base=$((n < MAX_WORLD ? n : MAX_WORLD))
    "$SALIENT" demo "$world" --world-only --train "$base" --val 10 --test 10 --balanced 10 >"$WORK/demo-$n.log" 2>&1 ||
        { cat "$WORK/demo-$n.log" >&2; exit 1; }
    copy=1
    while [ "$(find "$world/dataset/train" -type f | wc -l)" -lt "$n" ]; do
        copy=$((copy + 1))
        need=$((n - $(find "$world/dataset/train" -type f | wc -l)))
        find "$world/dataset/train" -type f -name '*.png' ! -name '*_copy*' | sort | head -n "$need" |
            while read -r image; do ln "$image" "${image%.png}_copy$copy.png"; done
    done
    begin="$(date +%s.%N)"
    "$TIME" -f '%M' -o "$WORK/index-$n.rss" "$SALIENT" index --model "$MODEL" --data "$world/dataset/train" \
        --out "$WORK/index-$n" --device cpu --json >"$WORK/index-$n.json" 2>"$WORK/index-$n.log" ||
        { cat "$WORK/index-$n.log" >&2; exit 1; }
    end="$(date +%s.%N)"
    rm -rf "$WORK/index-$n"
    # The same run inside a workspace: also ranks every class and writes salient.db.
    "$SALIENT" workspace init "$world" --dataset "$world/dataset" --robust-model "$MODEL" >/dev/null
    "$TIME" -f '%M' -o "$WORK/store-$n.rss" "$SALIENT" index --workspace "$world" --device cpu --json \
        >"$WORK/store-$n.json" 2>"$WORK/store-$n.log" ||
        { cat "$WORK/store-$n.log" >&2; exit 1; }
    awk -v n="$n" -v a="$(tail -n 1 "$WORK/index-$n.rss")" -v b="$(tail -n 1 "$WORK/store-$n.rss")" \
        -v s="$begin" -v e="$end" 'BEGIN { printf "%10d %16.1f %16.1f %12.1f\n", n, a / 1024, b / 1024, n / (e - s) }'
    rm -rf "$world"
done
