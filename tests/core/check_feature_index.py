#!/usr/bin/python3
"""Recomputes a feature index with PyTorch and OpenCV in Python and compares: MODEL DATASET INDEX_DIR [OUT].
Exit 0 when features agree within 1e-4 (relative to max(1, |x|)) and predictions are equal. With OUT,
writes the paper's ranking computed from these PyTorch features: per class the top-5 features by
importance (mean over images predicted as the class of features * fc row), each with its 5 top predicted
and 65 top labelled images (indices into the index), for the C++ test to compare."""
import json
import os
import sys

import cv2
import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_model_fixtures import NarrowResNet  # noqa: E402
from reference_ranking import paper_ranking  # noqa: E402

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
own_features = np.zeros((n, d), dtype=np.float64)
own_predictions = np.full(n, -1)
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
    own_features[i] = reference
    own_predictions[i] = int(logits.argmax())
    worst = max(worst, float(np.max(np.abs(features[i] - reference) / np.maximum(1.0, np.abs(reference)))))
    assert int(logits.argmax()) == predictions[i], (name, int(logits.argmax()), predictions[i])
print("images", n, "worst relative feature error", worst)

if len(sys.argv) > 4:
    class_ids = meta["class_ids"]
    own_labels = np.array([class_ids.index(name.split("/")[0]) for name in names])
    weights = saved["state_dict"]["fc.weight"].double().numpy()
    json.dump(paper_ranking(own_features, own_predictions, own_labels, weights), open(sys.argv[4], "w"))
sys.exit(0 if worst < 1e-4 else 1)
