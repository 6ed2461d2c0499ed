#!/usr/bin/python3
"""Loads a Salient Studio model file with torch.load into torchvision's resnet18 (strict) and checks its
logits against a reference: SAVED EXPECTED. Exit 0 when they agree."""
import json
import sys

import torch
import torchvision

saved = torch.load(sys.argv[1])
expected = torch.load(sys.argv[2])
assert saved["format"] == "salient-studio-model", saved.get("format")
meta = json.loads(saved["metadata"])
model = torchvision.models.resnet18(weights=None)
model.load_state_dict(saved["state_dict"], strict=True)
model.eval()
pre = meta["preprocessing"]
mean = torch.tensor(pre["mean"]).view(1, 3, 1, 1)
std = torch.tensor(pre["std"]).view(1, 3, 1, 1)
with torch.no_grad():
    logits = model((expected["input"] - mean) / std)
error = (logits - expected["logits"]).abs().max().item()
print("max |logit difference|:", error)
sys.exit(0 if error < 1e-4 else 1)
