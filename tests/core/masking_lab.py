#!/usr/bin/python3
"""The PyTorch reference of `salient masking leakage` for TestMaskingLab, one image at a time: the demo
world's images of a split (sorted by class, then name; `--limit N` takes images k * n // N), each model's
clean prediction, and on the images it gets right the object (the item's ground-truth mask) removed with
each strategy, and the same mask rolled by half the image in both axes. Fills: black 0, grey the model's
normalisation mean, mean the image's per-channel mean, blended as x (1 - m) + f m; layer masking by the
float64 port in layer_masking.py with the keep mask thresholded (1 - m >= threshold).

Usage: masking_lab.py leakage --data DIR --split S --model FILE... --strategies a,b --limit N
                              --threshold T --out JSON
"""
import argparse
import copy
import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from check_sweep import SalientSamples, load_any  # noqa: E402
from layer_masking import layer_masked  # noqa: E402


def leakage(args):
    strategies = args.strategies.split(",")
    output = {"models": []}
    with torch.no_grad():
        for path in args.model:
            model, p, class_ids = load_any(path)
            model64 = copy.deepcopy(model).double()
            data = SalientSamples(args.data, args.split, p)
            target = [class_ids.index(c) if class_ids else i for i, c in enumerate(data.classes)]
            mean = torch.tensor(p["mean"]).view(1, 3, 1, 1)
            std = torch.tensor(p["std"]).view(1, 3, 1, 1)
            n = len(data)
            chosen = range(n) if args.limit <= 0 or args.limit >= n else [k * n // args.limit for k in range(args.limit)]
            clean = [0, 0]
            cells = {}
            for i in chosen:
                x, masks, present, label = data[i]
                x = x.unsqueeze(0)
                y = target[label]
                clean[0] += 1
                if model((x - mean) / std).argmax(1).item() != y:
                    continue
                clean[1] += 1
                item = masks[0:1].unsqueeze(0)
                broken = torch.roll(item, (item.shape[2] // 2, item.shape[3] // 2), (2, 3))
                for strategy in strategies:
                    right = {}
                    for which, m in (("object", item), ("broken", broken)):
                        keep = 1 - m
                        if strategy == "layer":
                            binary = (keep >= args.threshold).double()
                            logits, _ = layer_masked(model64, x.double(), binary, p["mean"], p["std"])
                        else:
                            fill = {"black": torch.zeros(1, 3, 1, 1), "grey": mean,
                                    "mean": x.mean(dim=(2, 3), keepdim=True)}[strategy]
                            logits = model((x * keep + fill * m - mean) / std)
                        right[which] = int(logits.argmax(1).item() == y)
                    for c in (int(label), -1):
                        cell = cells.setdefault((strategy, c), [0, 0, 0])
                        cell[0] += 1
                        cell[1] += right["object"]
                        cell[2] += right["broken"]
            output["models"].append({
                "clean": clean,
                "cells": [{"strategy": s, "class": c, "images": v[0], "object_correct": v[1], "broken_correct": v[2]}
                          for (s, c), v in sorted(cells.items())]})
    with open(args.out, "w") as f:
        json.dump(output, f, indent=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["leakage"])
    parser.add_argument("--data", required=True)
    parser.add_argument("--split", default="test")
    parser.add_argument("--model", nargs="+", required=True)
    parser.add_argument("--strategies", default="black,grey,mean,layer")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--out", required=True)
    leakage(parser.parse_args())


if __name__ == "__main__":
    main()
