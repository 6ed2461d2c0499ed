#!/usr/bin/python3
"""The Python peer of `salient train` for bench/training_throughput.sh: the same recipe written in PyTorch.

A NarrowResNet (torchvision BasicBlocks, blocks [1,1,1,1], widths [16,32,64,128], 3x3 stem, no max-pool)
with the input normalised inside the model (mean 0.5, std 0.25), trained on a whole ImageFolder that is
decoded into memory once as uint8, so that only the training loop is timed. Per epoch: shuffle, batches of
128, random horizontal flip (p = 0.5), optionally L2 PGD on the batch with the model in eval mode, then a
train-mode step: cross-entropy, SGD (momentum 0.9, weight decay 5e-4), cosine learning rate per step from 0.1.

Must run under Debian's /usr/bin/python3 (python3-torch, python3-torchvision).

Usage: train_peer.py --data DIR [--epochs N] [--adversarial --eps 0.5 --steps 2]
Prints one JSON line; images_per_second covers all epochs after the first when epochs >= 2, else the
epoch without its first 5 batches (warm-up; the whole epoch when it has no more than 5).
"""
import argparse
import json
import math
import os
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from make_model_fixtures import NarrowResNet  # noqa: E402

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp")
WARMUP_BATCHES = 5


class Normalised(nn.Module):
    """Images in [0, 1] in, logits out; normalisation is part of the model, as in the program."""

    def __init__(self, net, mean, std):
        super().__init__()
        self.net = net
        self.register_buffer("mean", torch.tensor(mean).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(std).view(1, 3, 1, 1))

    def forward(self, x):
        return self.net((x - self.mean) / self.std)


def load_image_folder(root):
    """All images of root/<class>/* as one uint8 N x 3 x H x W tensor, and their labels (sorted classes)."""
    classes = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    arrays, labels = [], []
    for label, name in enumerate(classes):
        folder = os.path.join(root, name)
        for file in sorted(os.listdir(folder)):
            if not file.lower().endswith(IMAGE_SUFFIXES):
                continue
            image = cv2.imread(os.path.join(folder, file), cv2.IMREAD_COLOR)
            if image is None:
                sys.exit(f"train_peer.py: cannot read {os.path.join(folder, file)}")
            arrays.append(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
            labels.append(label)
    if not arrays:
        sys.exit(f"train_peer.py: no images under {root}")
    images = torch.from_numpy(np.stack(arrays)).permute(0, 3, 1, 2).contiguous()
    return images, torch.tensor(labels, dtype=torch.long), classes


def per_image_norm(t):
    return t.flatten(1).norm(p=2, dim=1)


def pgd_l2(model, clean, labels, eps, steps, step_size):
    """L2 PGD without random start: x += step * grad / ||grad||, project onto the eps ball, clamp to [0, 1]."""
    delta = torch.zeros_like(clean)
    for _ in range(steps):
        adversarial = (clean + delta).requires_grad_(True)
        loss = F.cross_entropy(model(adversarial), labels)
        (gradient,) = torch.autograd.grad(loss, adversarial)
        with torch.no_grad():
            direction = gradient / per_image_norm(gradient).clamp_min(1e-12).view(-1, 1, 1, 1)
            delta = delta + step_size * direction
            scale = (eps / per_image_norm(delta).clamp_min(1e-12)).clamp_max(1.0)
            delta = delta * scale.view(-1, 1, 1, 1)
            delta = (clean + delta).clamp(0.0, 1.0) - clean
    return (clean + delta).detach()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="an ImageFolder (e.g. WORLD/dataset/train)")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--adversarial", action="store_true", help="L2 PGD adversarial training")
    parser.add_argument("--eps", type=float, default=0.5)
    parser.add_argument("--steps", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    started = time.perf_counter()
    images, labels, classes = load_image_folder(args.data)
    load_seconds = time.perf_counter() - started
    count = images.size(0)

    model = Normalised(NarrowResNet([16, 32, 64, 128], [1, 1, 1, 1], len(classes)), [0.5] * 3, [0.25] * 3)
    optimiser = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
    steps_per_epoch = (count + args.batch_size - 1) // args.batch_size
    total_steps = steps_per_epoch * args.epochs
    step_size = 2.5 * args.eps / args.steps if args.adversarial else 0.0

    epochs_log = []
    measured_images, measured_seconds = 0, 0.0
    for epoch in range(args.epochs):
        epoch_started = time.perf_counter()
        warm_started, warm_images = None, 0
        order = torch.randperm(count)
        flips = torch.rand(count) < 0.5
        loss_sum, correct = 0.0, 0
        for step in range(steps_per_epoch):
            if args.epochs == 1 and step == WARMUP_BATCHES:
                warm_started = time.perf_counter()
            index = order[step * args.batch_size:(step + 1) * args.batch_size]
            x = images.index_select(0, index).float().div_(255.0)
            x = torch.where(flips[index].view(-1, 1, 1, 1), x.flip(3), x)
            y = labels.index_select(0, index)
            if args.adversarial:
                model.eval()
                x = pgd_l2(model, x, y, args.eps, args.steps, step_size)
            model.train()
            for group in optimiser.param_groups:
                group["lr"] = args.lr * 0.5 * (1.0 + math.cos(math.pi * (epoch * steps_per_epoch + step) / total_steps))
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
            loss_sum += loss.item() * index.numel()
            correct += int(logits.argmax(1).eq(y).sum().item())
            if warm_started is not None:
                warm_images += index.numel()
        ended = time.perf_counter()
        seconds = ended - epoch_started
        epochs_log.append({"epoch": epoch + 1, "loss": loss_sum / count, "accuracy": correct / count,
                           "seconds": seconds, "images_per_second": count / seconds})
        print(f"Epoch {epoch + 1}/{args.epochs}: loss {loss_sum / count:.4f}, training accuracy "
              f"{100 * correct / count:.2f} %, {count / seconds:.1f} images/s", file=sys.stderr, flush=True)
        if args.epochs >= 2 and epoch >= 1:
            measured_images += count
            measured_seconds += seconds
        elif args.epochs == 1 and warm_started is not None:
            measured_images += warm_images
            measured_seconds += ended - warm_started
        elif args.epochs == 1:  # too few batches for a warm-up: the whole epoch
            measured_images += count
            measured_seconds += seconds

    print(json.dumps({
        "adversarial": args.adversarial, "eps": args.eps if args.adversarial else None,
        "steps": args.steps if args.adversarial else None, "images": count, "epochs": args.epochs,
        "threads": torch.get_num_threads(), "torch": torch.__version__, "load_seconds": round(load_seconds, 3),
        "images_per_second": round(measured_images / measured_seconds, 2) if measured_seconds > 0 else None,
        "epoch_log": epochs_log,
    }))


if __name__ == "__main__":
    main()
