#!/usr/bin/python3
"""Recomputes a feature index with PyTorch and OpenCV in Python and compares: MODEL DATASET INDEX_DIR.
Exit 0 when features agree within 1e-4 (relative to max(1, |x|)) and predictions are equal."""
import json
import os
import sys

import cv2
import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
from make_model_fixtures import NarrowResNet  # noqa: E402

model_path, dataset, index_dir = sys.argv[1:4]
saved = torch.load(model_path)
meta = json.loads(saved["metadata"])
arch = meta["architecture"]
assert arch["small_input_stem"] and arch["block"] == "basic"
model = NarrowResNet(arch["widths"], arch["blocks"], arch["num_classes"])
model.load_state_dict(saved["state_dict"], strict=True)
model.eval()
mean = torch.tensor(meta["preprocessing"]["mean"]).view(1, 3, 1, 1)
std = torch.tensor(meta["preprocessing"]["std"]).view(1, 3, 1, 1)

info = json.load(open(os.path.join(index_dir, "index.json")))
names = open(os.path.join(index_dir, "images.txt")).read().split("\n")[:-1]
n, d = info["images"], info["feature_width"]
features = np.fromfile(os.path.join(index_dir, "features.f32"), dtype="<f4").reshape(n, d)
predictions = np.fromfile(os.path.join(index_dir, "predictions.i32"), dtype="<i4")
unreadable = {os.path.relpath(u["path"], dataset) for u in info["unreadable"]}

worst = 0.0
for i, name in enumerate(names):
    if name in unreadable:
        assert predictions[i] == -1 and not features[i].any(), name
        continue
    image = cv2.cvtColor(cv2.imread(os.path.join(dataset, name), cv2.IMREAD_UNCHANGED), cv2.COLOR_BGR2RGB)
    x = torch.from_numpy(image.astype(np.float32) / 255.0).permute(2, 0, 1).unsqueeze(0)
    with torch.no_grad():
        maps = model.layer4_maps((x - mean) / std)
        pooled = torch.flatten(model.avgpool(maps), 1)
        logits = model.fc(pooled)
    reference = pooled[0].numpy()
    worst = max(worst, float(np.max(np.abs(features[i] - reference) / np.maximum(1.0, np.abs(reference)))))
    assert int(logits.argmax()) == predictions[i], (name, int(logits.argmax()), predictions[i])
print("images", n, "worst relative feature error", worst)
sys.exit(0 if worst < 1e-4 else 1)
