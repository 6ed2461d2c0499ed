#!/usr/bin/python3
"""Recomputes a case written by TestEvidence with PyTorch and OpenCV in Python, the way the Salient
ImageNet reference code does, and compares: CASE_DIR (holding case.json and the C++ outputs as raw
float32 files). Exit 0 when
- NAMs (layer4 channel / its per-image max, torch.nn.functional.interpolate bilinear, align_corners=False)
  agree within 1/255,
- heatmaps (cv2.applyColorMap(np.uint8(255 * nam), COLORMAP_JET), BGR -> RGB, + image, / max) made from
  the C++ NAMs agree within 1/255,
- every step of the feature attack (x + grad / (||grad|| + 1e-10) * step, clamped to [0, 1]) taken from
  the C++ iterate agrees with the next C++ iterate within 1e-4, and the feature values along the way
  within 1e-4 relative. (Whole runs are not compared: ReLU kinks amplify rounding differences.)"""
import json
import os
import sys

import cv2
import numpy as np
import torch
import torch.nn.functional as F
import torchvision

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
from make_model_fixtures import NarrowResNet  # noqa: E402

case_dir = sys.argv[1]
case = json.load(open(os.path.join(case_dir, "case.json")))
n, h, w = case["images"], case["height"], case["width"]


def floats(name, *shape):
    return np.fromfile(os.path.join(case_dir, name), dtype="<f4").reshape(*shape)


if case["architecture"] == "salient":
    saved = torch.load(case["model"])
    arch = json.loads(saved["metadata"])["architecture"]
    model = NarrowResNet(arch["widths"], arch["blocks"], arch["num_classes"])
    model.load_state_dict(saved["state_dict"], strict=True)
    layer4_maps = model.layer4_maps
else:
    model = torchvision.models.resnet18(weights=None)
    model.load_state_dict(torch.load(case["model"]), strict=True)

    def layer4_maps(x):
        m = model
        x = m.maxpool(m.relu(m.bn1(m.conv1(x))))
        return m.layer4(m.layer3(m.layer2(m.layer1(x))))
model.eval()
mean = torch.tensor(case["mean"]).view(1, 3, 1, 1)
std = torch.tensor(case["std"]).view(1, 3, 1, 1)


def features(x):
    return torch.flatten(model.avgpool(layer4_maps((x - mean) / std)), 1)


images = floats("images.f32", n, h, w, 3)
x = torch.from_numpy(images.copy()).permute(0, 3, 1, 2).contiguous()
with torch.no_grad():
    maps = layer4_maps((x - mean) / std)

failures = []
for j in case["features"]:
    nams = maps[:, j]
    flat = nams.reshape(n, -1)
    peak = flat.max(dim=1, keepdim=True).values
    flat = torch.where(peak > 0, flat / peak, torch.zeros_like(flat))
    reference = F.interpolate(flat.view_as(nams).unsqueeze(1), size=(h, w), mode="bilinear",
                              align_corners=False)[:, 0].numpy()
    ours = floats(f"nam_{j}.f32", n, h, w)
    nam_error = float(np.abs(reference - ours).max())

    heat = floats(f"heatmap_{j}.f32", n, h, w, 3)
    heat_error = 0.0
    for i in range(n):
        jet = cv2.applyColorMap(np.uint8(255 * ours[i]), cv2.COLORMAP_JET)
        jet = np.float32(jet) / 255
        jet = jet[..., ::-1]
        cam = jet + np.float32(images[i])
        cam = cam / np.max(cam)
        heat_error = max(heat_error, float(np.abs(cam - heat[i]).max()))
    print(f"feature {j}: NAM error {nam_error:.2e}, heatmap error {heat_error:.2e}, "
          f"NAM range [{ours.min():.3f}, {ours.max():.3f}]")
    if nam_error > 1 / 255 or heat_error > 1 / 255:
        failures.append(j)

# The reference's feature_attack, one step at a time from each of the C++ iterates.
attack = case["attack"]
j, steps, step_size = attack["feature"], attack["steps"], attack["step_size"]
iterates = torch.from_numpy(floats("iterates.f32", steps + 1, n, h, w, 3).copy()).permute(0, 1, 4, 2, 3).contiguous()
ours_trace = floats("trace.f32", n, steps + 1)
step_error = trace_error = 0.0
for t in range(steps + 1):
    seed = iterates[t].clone().requires_grad_()
    selected = features(seed)[:, j]
    value = selected.detach().numpy()
    trace_error = max(trace_error, float((np.abs(value - ours_trace[:, t]) / np.maximum(1.0, np.abs(value))).max()))
    if t == steps:
        break
    grad = torch.autograd.grad(selected.sum(), [seed])[0]
    grad_norm = torch.norm(grad.view(grad.shape[0], -1), dim=1).view(-1, 1, 1, 1)
    seed = seed + grad / (grad_norm + 1e-10) * step_size
    seed = torch.clamp(seed, min=0.0, max=1.0).detach()
    step_error = max(step_error, float((seed - iterates[t + 1]).abs().max()))
print(f"attack on feature {j}, {steps} steps of {step_size:.4f}: worst step error {step_error:.2e}, trace error "
      f"{trace_error:.2e}, feature {ours_trace[:, 0].mean():.3f} -> {ours_trace[:, -1].mean():.3f} (mean)")
if step_error > 1e-4 or trace_error > 1e-4:
    failures.append("attack")
if failures:
    print("differs from the reference:", failures)
sys.exit(1 if failures else 0)
