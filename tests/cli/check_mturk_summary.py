#!/usr/bin/python3
"""Independent count of the paper's rule on an MTurk CSV, for comparison with `salient hits summary --json`.

A pair (class, feature) is spurious when a strict majority of its answers (3 of 5) are separate_object or
background, core when a strict majority are main_object, a tie otherwise. Among a spurious pair's spurious
answers: background when they are mostly background, separate_object when mostly separate_object, else
ambiguous. Fleiss' kappa over the three answers (and over core/spurious) for pairs with >= 2 answers.
Only the standard library: csv, collections, json.
"""
import collections
import csv
import json
import sys


def kappa(items):
    items = [c for c in items if sum(c) >= 2]
    if not items:
        return None
    agreement = [(sum(x * x for x in c) - sum(c)) / (sum(c) * (sum(c) - 1)) for c in items]
    totals = [sum(c[j] for c in items) for j in range(len(items[0]))]
    ratings = sum(totals)
    expected = sum((t / ratings) ** 2 for t in totals)
    if expected >= 1 - 1e-12:
        return None
    return (sum(agreement) / len(agreement) - expected) / (1 - expected)


def main(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    answers = collections.defaultdict(collections.Counter)
    for row in rows:
        answers[(int(row["Input.class_index"]), int(row["Input.feature_index"]))][row["Answer.main"]] += 1
    labels = collections.Counter()
    subs = collections.Counter()
    spurious_classes = set()
    for (cls, _), votes in answers.items():
        n = sum(votes.values())
        spurious = votes["separate_object"] + votes["background"]
        if 2 * spurious > n:
            labels["spurious"] += 1
            spurious_classes.add(cls)
            if 2 * votes["background"] > spurious:
                subs["background"] += 1
            elif 2 * votes["separate_object"] > spurious:
                subs["separate_object"] += 1
            else:
                subs["ambiguous"] += 1
        elif 2 * votes["main_object"] > n:
            labels["core"] += 1
        else:
            labels["tie"] += 1
    options = ["main_object", "separate_object", "background"]
    counts = [[v[o] for o in options] for v in answers.values()]
    print(json.dumps({
        "pairs": len(answers),
        "answers": len(rows),
        "annotators": len({row["WorkerId"] for row in rows}),
        "core": labels["core"],
        "spurious": labels["spurious"],
        "tie": labels["tie"],
        "background": subs["background"],
        "separate_object": subs["separate_object"],
        "ambiguous": subs["ambiguous"],
        "classes": len({cls for cls, _ in answers}),
        "classes_with_spurious": len(spurious_classes),
        "fleiss_kappa": kappa(counts),
        "fleiss_kappa_core_spurious": kappa([[c[0], c[1] + c[2]] for c in counts]),
    }, indent=1))


if __name__ == "__main__":
    main(sys.argv[1])
