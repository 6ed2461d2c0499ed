#!/usr/bin/python3
"""The PyTorch Python reference of `salient sweep` for TestSweepReference, written the way the paper's code
path does it: a Dataset that returns each image with its masks, a DataLoader, and for every strategy and
level one pass over the batches that corrupts them and runs the model (the batches are decoded once and
kept, to keep the test short).

Images are preprocessed the torchvision way the program documents (PIL decode, RGB, Resize, CenterCrop,
[0, 1]); masks go through the same Resize and CenterCrop channel by channel as float images (Pillow's 'F'
mode), without 8-bit rounding. Core accuracy corrupts the union (max) of the
spurious masks of images that have one; spurious accuracy the union of the core masks; a feature's drop its
mask alone. Strategies as in core/sweep/SweepOptions.h; blur is torchvision's gaussian_blur.

Usage: check_sweep.py script-model MODEL OUT      a TorchScript black box of MODEL (the program's format),
                                                   with a sidecar OUT.json (resize 56, centre crop 48)
       check_sweep.py reference --data DIR --split S --model FILE... --strategies a,b --sigmas 0,1
                                --seed N --out JSON
"""
import argparse
import csv
import json
import math
import os
import sys

import cv2
import numpy as np
import torch
import torchvision.transforms as T
import torchvision.transforms.functional as TF
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from make_model_fixtures import NarrowResNet  # noqa: E402

ITEM, BACKGROUND, OBJECT = -1, -2, -3


def load_native(path):
    saved = torch.load(path)
    meta = json.loads(saved["metadata"])
    arch = meta["architecture"]
    model = NarrowResNet(arch["widths"], arch["blocks"], arch["num_classes"])
    model.load_state_dict(saved["state_dict"])
    return model.eval(), meta["preprocessing"], meta.get("class_ids", [])


class Wrapped(torch.nn.Module):
    """Not a torchvision ResNet by its parameter names, so the program runs it as a black box."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return self.net(x)


def script_model(args):
    model, preprocessing, class_ids = load_native(args.model)
    torch.jit.save(torch.jit.script(Wrapped(model)), args.out)
    sidecar = {"preprocessing": {"resize": 56, "crop": 48, "mean": preprocessing["mean"], "std": preprocessing["std"]},
               "class_ids": class_ids}
    with open(args.out + ".json", "w") as f:
        json.dump(sidecar, f)


def load_any(path):
    """(model, preprocessing, class ids) of the program's own format or of a TorchScript file with a sidecar."""
    try:
        return load_native(path)
    except Exception:
        with open(path + ".json") as f:
            sidecar = json.load(f)
        return torch.jit.load(path).eval(), sidecar["preprocessing"], sidecar.get("class_ids", [])


def geometry_steps(resize, crop):
    steps = []
    if resize > 0:
        steps.append(T.Resize(resize))
    if crop > 0:
        steps.append(T.CenterCrop(crop))
    return T.Compose(steps)


def geometry_image(path, resize, crop):
    with Image.open(path) as image:
        shaped = geometry_steps(resize, crop)(image.convert("RGB"))
    return np.asarray(shaped, dtype=np.float32) / 255.0


def geometry_mask(path, resize, crop):
    rgb = read_rgb(path)
    steps = geometry_steps(resize, crop)
    channels = [np.asarray(steps(Image.fromarray(np.ascontiguousarray(rgb[..., c]), mode="F")), dtype=np.float32)
                for c in range(3)]
    return np.ascontiguousarray(np.stack(channels, axis=-1))


def read_rgb(path):
    return cv2.cvtColor(cv2.imread(path, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB).astype(np.float32) / 255.0


class SalientSamples(torch.utils.data.Dataset):
    """The demo world's images of a split with their masks: item = core, background and object = spurious."""

    def __init__(self, root, split, preprocessing):
        with open(os.path.join(root, "manifest.csv")) as f:
            rows = list(csv.DictReader(f))
        self.classes = sorted({r["wnid"] for r in rows})
        self.rows = sorted((r for r in rows if r["split"] == split), key=lambda r: (r["wnid"], r["image"]))
        self.root, self.split, self.p = root, split, preprocessing

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        r = self.rows[i]
        name = os.path.join(r["wnid"], r["image"] + ".png")
        image = geometry_image(os.path.join(self.root, self.split, name), self.p["resize"], self.p["crop"])
        masks = geometry_mask(os.path.join(self.root, "masks", self.split, name), self.p["resize"], self.p["crop"])
        present = torch.tensor([True, r["background_cue"] != "none", r["object_cue"] != "none"])
        channels = torch.from_numpy(masks).permute(2, 0, 1)  # item, background, object
        channels = channels * present.view(3, 1, 1)
        return (torch.from_numpy(image).permute(2, 0, 1), channels, present, self.classes.index(r["wnid"]))


def blur(x):
    side = min(x.shape[-2:])
    sigma = max(1.0, side / 16.0)
    radius = min(math.ceil(3 * sigma), side - 1)
    return TF.gaussian_blur(x, [2 * radius + 1, 2 * radius + 1], [sigma, sigma])


def corrupt(strategy, level, x, m, generator):
    if strategy == "noise":
        return torch.clamp(x + level * torch.randn(x.shape, generator=generator) * m, 0, 1)
    if strategy == "uniform":
        return torch.clamp(x + level * (torch.rand(x.shape, generator=generator) * 2 - 1) * m, 0, 1)
    fill = {"black": lambda: torch.zeros_like(x), "grey": lambda: torch.full_like(x, 0.5),
            "mean": lambda: x.mean(dim=(2, 3), keepdim=True).expand_as(x), "blur": lambda: blur(x)}[strategy]()
    a = min(level, 1.0) * m
    return (1 - a) * x + a * fill


class Counts:
    def __init__(self):
        self.cells = {}

    def add(self, key, clean, corrupted):
        cell = self.cells.setdefault(key, [0, 0, 0])
        cell[0] += 1
        cell[1] += int(clean)
        cell[2] += int(corrupted)


def reference(args):
    sigmas = [float(s) for s in args.sigmas.split(",")]
    strategies = args.strategies.split(",")
    output = {"models": []}
    with torch.no_grad():
        for path in args.model:
            model, p, class_ids = load_any(path)
            data = SalientSamples(args.data, args.split, p)
            target = [class_ids.index(c) if class_ids else i for i, c in enumerate(data.classes)]
            mean = torch.tensor(p["mean"]).view(1, 3, 1, 1)
            std = torch.tensor(p["std"]).view(1, 3, 1, 1)
            loader = torch.utils.data.DataLoader(data, batch_size=64, shuffle=False, num_workers=0)

            def predict(x):
                return model((x - mean) / std).argmax(1)

            counts = Counts()
            batches = list(loader)  # decoded once; every pass below corrupts the same batches
            clean_by_batch = []
            for x, masks, present, labels in batches:
                y = torch.tensor([target[l] for l in labels])
                correct = predict(x).eq(y)
                clean_by_batch.append(correct)
                for i in range(len(labels)):
                    counts.add(("clean", -1), correct[i], correct[i])
                    counts.add(("clean", int(labels[i])), correct[i], correct[i])
            for strategy in strategies:
                for level in sigmas:
                    generator = torch.Generator().manual_seed(args.seed)
                    for (x, masks, present, labels), clean in zip(batches, clean_by_batch):
                        y = torch.tensor([target[l] for l in labels])
                        spurious = masks[:, 1:].amax(1, keepdim=True)
                        core = masks[:, :1]
                        regions = [("core", spurious, present[:, 1:].any(1)), ("spurious", core, present[:, 0])]
                        for f, feature in enumerate((ITEM, BACKGROUND, OBJECT)):
                            regions.append((("feature", feature), masks[:, f:f + 1], present[:, f]))
                        for measure, m, has in regions:
                            rows = has.nonzero().flatten()
                            if len(rows) == 0:
                                continue
                            after = predict(corrupt(strategy, level, x[rows], m[rows], generator)).eq(y[rows])
                            for k, i in enumerate(rows.tolist()):
                                c = int(labels[i])
                                counts.add((strategy, level, measure, c), clean[i], after[k])
                                if not isinstance(measure, tuple):
                                    counts.add((strategy, level, measure, -1), clean[i], after[k])
            cells = []
            for key, (images, clean, corrupted) in counts.cells.items():
                if key[0] == "clean":
                    cells.append({"measure": "clean", "class": key[1], "images": images, "clean_correct": clean,
                                  "corrupted_correct": corrupted})
                    continue
                strategy, level, measure, c = key
                feature = None
                if isinstance(measure, tuple):
                    measure, feature = measure
                cells.append({"strategy": strategy, "sigma": level, "measure": measure, "class": c,
                              "feature": feature, "images": images, "clean_correct": clean,
                              "corrupted_correct": corrupted})
            output["models"].append({"path": path, "cells": cells})
    with open(args.out, "w") as f:
        json.dump(output, f)


def main():
    torch.set_num_threads(os.cpu_count())
    if len(sys.argv) > 1 and sys.argv[1] == "script-model":
        parser = argparse.ArgumentParser()
        parser.add_argument("command")
        parser.add_argument("model")
        parser.add_argument("out")
        script_model(parser.parse_args())
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["reference"])
    parser.add_argument("--data", required=True)
    parser.add_argument("--split", default="test")
    parser.add_argument("--model", action="append", required=True)
    parser.add_argument("--strategies", default="black,grey,mean,blur")
    parser.add_argument("--sigmas", default="0,0.5,1")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    reference(parser.parse_args())


if __name__ == "__main__":
    main()
