#!/usr/bin/python3
"""The Python peer of `salient index` for bench/index_throughput.sh: step 1 of the method as the paper's code
path writes it in PyTorch.

torchvision.datasets.ImageFolder (PIL decoding, ToTensor) and a torch.utils.data.DataLoader (batch 128,
num_workers 2, no shuffling) feed the robust model, loaded from the program's own model file
(`torch.load`, metadata JSON, NarrowResNet from scripts/make_model_fixtures.py, `load_state_dict`, eval).
Under torch.no_grad each batch is normalised with the model's mean/std, its pooled penultimate features
(`flatten(avgpool(layer4_maps(x)))`) and logits are computed, the features go into a preallocated N x D
float32 numpy array and the arg-max predictions into an N int32 array; both are written as .npy files.

Must run under Debian's /usr/bin/python3 (python3-torch, python3-torchvision, python3-pil).

Usage: index_peer.py --model FILE --data DIR --out DIR       (the index)
       index_peer.py --model FILE --bare-forward [--batches N] (the same forward on random in-memory batches)
Prints one JSON line. For the index, `seconds` runs from the top of this script (before `import torch`;
only the interpreter's own start-up is excluded) to after the .npy files are written. For --bare-forward,
`seconds` covers N batches of 128 random 48x48 images after 3 warm-up batches, with no data loading.
Both use torch.set_num_threads(os.cpu_count()), since Debian's Python torch defaults to one thread.
"""
import time

START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torchvision  # noqa: E402
from torchvision import transforms  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from make_model_fixtures import NarrowResNet  # noqa: E402

BATCH_SIZE = 128
NUM_WORKERS = 2
WARMUP_BATCHES = 3


def load_model(path):
    """The robust model from the program's file format, and its normalisation as 1 x 3 x 1 x 1 tensors."""
    saved = torch.load(path)
    meta = json.loads(saved["metadata"])
    architecture = meta["architecture"]
    model = NarrowResNet(architecture["widths"], architecture["blocks"], architecture["num_classes"])
    model.load_state_dict(saved["state_dict"])
    model.eval()
    mean = torch.tensor(meta["preprocessing"]["mean"], dtype=torch.float32).view(1, 3, 1, 1)
    std = torch.tensor(meta["preprocessing"]["std"], dtype=torch.float32).view(1, 3, 1, 1)
    return model, mean, std, architecture["widths"][-1]


def forward(model, mean, std, images):
    """Pooled penultimate features and logits of a batch of [0, 1] images."""
    x = (images - mean) / std
    features = torch.flatten(model.avgpool(model.layer4_maps(x)), 1)
    return features, model.fc(features)


def index(args):
    model, mean, std, width = load_model(args.model)
    dataset = torchvision.datasets.ImageFolder(args.data, transform=transforms.ToTensor())
    loader = torch.utils.data.DataLoader(dataset, batch_size=BATCH_SIZE, shuffle=False, num_workers=NUM_WORKERS)
    count = len(dataset)
    features = np.empty((count, width), dtype=np.float32)
    predictions = np.empty(count, dtype=np.int32)
    labels = np.empty(count, dtype=np.int32)
    row = 0
    with torch.no_grad():
        for images, targets in loader:
            batch_features, logits = forward(model, mean, std, images)
            n = images.shape[0]
            features[row:row + n] = batch_features.numpy()
            predictions[row:row + n] = logits.argmax(1).numpy()
            labels[row:row + n] = targets.numpy()
            row += n
    if row != count:
        sys.exit(f"index_peer.py: the loader gave {row} of {count} images")
    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, "features.npy"), features)
    np.save(os.path.join(args.out, "predictions.npy"), predictions)
    seconds = time.perf_counter() - START
    return {
        "mode": "index",
        "images": count,
        "feature_width": width,
        "accuracy": float((predictions == labels).mean()) if count else 0.0,
        "seconds": seconds,
        "images_per_second": count / seconds,
        "threads": torch.get_num_threads(),
        "num_workers": NUM_WORKERS,
        "batch_size": BATCH_SIZE,
    }


def bare_forward(args):
    model, mean, std, _ = load_model(args.model)
    generator = torch.Generator().manual_seed(0)
    batches = [torch.rand(BATCH_SIZE, 3, args.size, args.size, generator=generator)
               for _ in range(min(args.batches, 8))]
    with torch.no_grad():
        for i in range(WARMUP_BATCHES):
            forward(model, mean, std, batches[i % len(batches)])
        begin = time.perf_counter()
        for i in range(args.batches):
            features, logits = forward(model, mean, std, batches[i % len(batches)])
            features.numpy()
            logits.argmax(1)
        seconds = time.perf_counter() - begin
    images = args.batches * BATCH_SIZE
    return {
        "mode": "bare-forward",
        "images": images,
        "image_size": args.size,
        "seconds": seconds,
        "images_per_second": images / seconds,
        "threads": torch.get_num_threads(),
        "batch_size": BATCH_SIZE,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True)
    parser.add_argument("--data")
    parser.add_argument("--out")
    parser.add_argument("--bare-forward", action="store_true")
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--size", type=int, default=48)
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count())
    if args.bare_forward:
        result = bare_forward(args)
    else:
        if not args.data or not args.out:
            parser.error("--data and --out are needed unless --bare-forward")
        result = index(args)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
