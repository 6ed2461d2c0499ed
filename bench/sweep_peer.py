#!/usr/bin/python3
"""The Python peer of `salient sweep` for bench/sweep_throughput.sh: step 7 of the method (Gaussian noise on the
spurious and on the core regions) as the paper's code path writes it in PyTorch.

A Dataset returns each image of a demo-world split with the union of its spurious masks (background and
object cue, present per manifest.csv) and its core mask (the item), decoded with PIL as ToTensor does; a
torch.utils.data.DataLoader (batch 128, 2 workers, no shuffling) feeds the model, loaded from the program's
own file (torch.load, metadata, NarrowResNet from scripts/make_model_fixtures.py, load_state_dict, eval).
One pass computes the clean predictions; then, as in the paper, for every sigma one pass over the loader
adds noise x' = clamp(x + sigma * z * m, 0, 1) to the spurious region of the images that have one (core
accuracy) and to the core region (spurious accuracy), and runs the model on each, under torch.no_grad.
The same forward work as `salient sweep --no-feature-drops`, counted the same way.

Must run under Debian's /usr/bin/python3 (python3-torch, python3-torchvision, python3-pil).

Usage: sweep_peer.py --model FILE --data DIR [--split test] [--sigmas 0,0.1,...] [--seed 0]
Prints one JSON line; `seconds` runs from the top of this script (before `import torch`) to the end.
"""
import time

START = time.perf_counter()

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
from PIL import Image  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from make_model_fixtures import NarrowResNet  # noqa: E402

BATCH_SIZE = 128
NUM_WORKERS = 2


def load_model(path):
    saved = torch.load(path)
    meta = json.loads(saved["metadata"])
    arch = meta["architecture"]
    model = NarrowResNet(arch["widths"], arch["blocks"], arch["num_classes"])
    model.load_state_dict(saved["state_dict"])
    model.eval()
    mean = torch.tensor(meta["preprocessing"]["mean"], dtype=torch.float32).view(1, 3, 1, 1)
    std = torch.tensor(meta["preprocessing"]["std"], dtype=torch.float32).view(1, 3, 1, 1)
    return model, mean, std, meta.get("class_ids", [])


def to_tensor(path):
    """PIL decoding and ToTensor: C x H x W float in [0, 1]."""
    with Image.open(path) as image:
        array = np.asarray(image.convert("RGB"), dtype=np.float32) / 255.0
    return torch.from_numpy(array).permute(2, 0, 1)


class SalientSplit(torch.utils.data.Dataset):
    def __init__(self, root, split):
        with open(os.path.join(root, "manifest.csv")) as f:
            rows = list(csv.DictReader(f))
        self.classes = sorted({r["wnid"] for r in rows})
        self.rows = sorted((r for r in rows if r["split"] == split), key=lambda r: (r["wnid"], r["image"]))
        self.root, self.split = root, split

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        r = self.rows[i]
        name = os.path.join(r["wnid"], r["image"] + ".png")
        image = to_tensor(os.path.join(self.root, self.split, name))
        masks = to_tensor(os.path.join(self.root, "masks", self.split, name))
        background, obj = r["background_cue"] != "none", r["object_cue"] != "none"
        spurious = torch.maximum(masks[1] * background, masks[2] * obj).unsqueeze(0)
        return image, masks[:1], spurious, background or obj, self.classes.index(r["wnid"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--split", default="test")
    parser.add_argument("--sigmas", default="0,0.1,0.25,0.5,0.75,1")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count())
    torch.manual_seed(args.seed)
    sigmas = [float(s) for s in args.sigmas.split(",")]
    model, mean, std, class_ids = load_model(args.model)
    data = SalientSplit(args.data, args.split)
    target = torch.tensor([class_ids.index(c) if class_ids else i for i, c in enumerate(data.classes)])
    loader = torch.utils.data.DataLoader(data, batch_size=BATCH_SIZE, shuffle=False, num_workers=NUM_WORKERS)
    forwards = 0

    def predict(x):
        nonlocal forwards
        forwards += x.shape[0]
        return model((x - mean) / std).argmax(1)

    results = []
    with torch.no_grad():
        clean = torch.cat([predict(x).eq(target[y]) for x, _, _, _, y in loader])
        for sigma in sigmas:
            core = [0, 0]  # images, correct: noise on the spurious region
            spurious = [0, 0]  # noise on the core region
            for x, core_mask, spurious_mask, has_spurious, y in loader:
                labels = target[y]
                rows = has_spurious.nonzero().flatten()
                noisy = torch.clamp(x[rows] + sigma * torch.randn_like(x[rows]) * spurious_mask[rows], 0, 1)
                core[0] += len(rows)
                core[1] += int(predict(noisy).eq(labels[rows]).sum())
                noisy = torch.clamp(x + sigma * torch.randn_like(x) * core_mask, 0, 1)
                spurious[0] += x.shape[0]
                spurious[1] += int(predict(noisy).eq(labels).sum())
            results.append({"sigma": sigma, "core_accuracy": core[1] / core[0],
                            "spurious_accuracy": spurious[1] / spurious[0], "core_images": core[0]})
    seconds = time.perf_counter() - START
    print(json.dumps({"images": len(data), "sigmas": sigmas, "clean_accuracy": float(clean.float().mean()),
                      "results": results, "forward_images": forwards, "seconds": seconds,
                      "images_per_second": len(data) * len(sigmas) / seconds, "threads": torch.get_num_threads(),
                      "batch_size": BATCH_SIZE, "num_workers": NUM_WORKERS}), flush=True)


if __name__ == "__main__":
    main()
