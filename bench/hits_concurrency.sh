#!/usr/bin/env bash
# Several annotators at once on one workspace (issue 6): BENCH_PROCESSES (default 8) `salient hits answer`
# processes, each signed in as its own annotator, answer HITs of one discovery study for BENCH_SECONDS
# (default 60); halfway one of them is killed with SIGKILL. The pairs are Salient ImageNet's 5000 (from
# ../shared when present, else the small test fixture, 4 pairs, which fills up quickly); every process may
# answer every HIT (N = BENCH_PROCESSES answers per HIT), so that they are not starved before the end.
#
# Afterwards (Python's sqlite3 on the file): PRAGMA integrity_check, every answer a process reported is
# stored, no answer doubled, no HIT over N answers, at most one answer more than reported (the killed
# process's last) and no "locked"/"busy" on any stderr. Prints answers per second.
#
# Usage: bench/hits_concurrency.sh
# Environment: SALIENT (default build/app/cli/salient), BENCH_SECONDS, BENCH_PROCESSES, BENCH_KEEP=1 keeps
#              the temporary folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SALIENT="${SALIENT:-$ROOT/build/app/cli/salient}"
SECONDS_TO_RUN="${BENCH_SECONDS:-60}"
PROCESSES="${BENCH_PROCESSES:-8}"
PAIRS="$ROOT/../shared/data/salient_imagenet/discover_spurious_features.csv"
[ -f "$PAIRS" ] || PAIRS="$ROOT/tests/data/mturk_small.csv"
[ -x "$SALIENT" ] || { echo "hits_concurrency.sh: no CLI at $SALIENT (build first)" >&2; exit 1; }

WORK="$(mktemp -d)"
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
WS="$WORK/ws"
"$SALIENT" hits create --study discovery --pairs-from "$PAIRS" --annotators-per-hit "$PROCESSES" \
    --workspace "$WS" >/dev/null

answers=(main_object separate_object background)
pids=()
for i in $(seq 0 $((PROCESSES - 1))); do
    "$SALIENT" hits answer --workspace "$WS" --annotator "annotator-$i" --answer "${answers[$((i % 3))]}" \
        --confidence $((1 + i % 5)) --reason "scripted reason $i, with a comma" --all \
        --max-seconds "$SECONDS_TO_RUN" >"$WORK/out-$i" 2>"$WORK/err-$i" &
    pids+=($!)
done
sleep $((SECONDS_TO_RUN / 2))
VICTIM=$((PROCESSES / 2))
kill -9 "${pids[$VICTIM]}"
status=0
for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}" 2>/dev/null && [ "$i" != "$VICTIM" ]; then
        echo "annotator-$i failed:" >&2
        cat "$WORK/err-$i" >&2
        status=1
    fi
done

/usr/bin/python3 - "$WS/salient.db" "$WORK" "$PROCESSES" "$VICTIM" "$SECONDS_TO_RUN" <<'PY'
import sqlite3, sys
db, work, processes, victim, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
con = sqlite3.connect(db)
problems = []
if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
    problems.append("integrity_check is not ok")
printed_total = 0
for i in range(processes):
    printed = {line.split()[4] for line in open(f"{work}/out-{i}") if line.startswith("answered HIT ")}
    stored = {row[0] for row in con.execute(
        "SELECT r.uid FROM responses r JOIN annotators a USING (annotator_id) WHERE a.name = ?", (f"annotator-{i}",))}
    err = open(f"{work}/err-{i}").read().lower()
    printed_total += len(printed)
    if "locked" in err or "busy" in err:
        problems.append(f"annotator-{i}: {err.strip()}")
    if not printed <= stored:
        problems.append(f"annotator-{i}: {len(printed - stored)} reported answers are not stored")
    extra = len(stored - printed)
    if extra > (1 if i == victim else 0):
        problems.append(f"annotator-{i}: {extra} stored answers were never reported")
total, distinct = con.execute("SELECT COUNT(*), COUNT(DISTINCT uid) FROM responses").fetchone()
over = con.execute(f"SELECT COUNT(*) FROM (SELECT hit_id FROM responses GROUP BY hit_id HAVING COUNT(*) > {processes})").fetchone()[0]
doubled = total - con.execute("SELECT COUNT(*) FROM (SELECT DISTINCT hit_id, annotator_id FROM responses)").fetchone()[0]
if total != distinct or doubled or over:
    problems.append(f"{total - distinct} duplicate ids, {doubled} doubled answers, {over} HITs over {processes} answers")
complete = con.execute("SELECT COUNT(*) FROM hit_labels WHERE complete = 1").fetchone()[0]
busiest = max(float(open(f"{work}/err-{i}").read().split(" in ")[-1].split()[0])
              for i in range(processes) if i != victim)
print(f"{processes} processes, {seconds} s, annotator-{victim} killed halfway: {total} answers "
      f"({total / busiest:.0f}/s over {busiest:.1f} s), {complete} HITs complete, {printed_total} reported; integrity ok: "
      f"{'integrity_check is not ok' not in problems}")
for problem in problems:
    print("PROBLEM:", problem)
sys.exit(1 if problems else 0)
PY
exit $status
