#!/usr/bin/python3
"""Writes the model fixtures the C++ tests compare against: torchvision ResNets saved the ways users
save them, damaged files, test images, and reference outputs computed by PyTorch and OpenCV in Python.

Usage: make_model_fixtures.py OUT_DIR   (skips the work when OUT_DIR is up to date with this script)
"""
import copy
import hashlib
import json
import os
import sys

import cv2
import numpy as np
import torch
import torch.nn as nn
import torchvision
from torchvision.models.resnet import BasicBlock, conv1x1

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


def randomise_batch_norm(model, generator):
    """Non-trivial running statistics, so that eval-mode batch norm is really tested."""
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            c = module.num_features
            module.running_mean.copy_(torch.randn(c, generator=generator) * 0.1)
            module.running_var.copy_(torch.rand(c, generator=generator) + 0.5)
            module.weight.data.copy_(torch.rand(c, generator=generator) + 0.5)
            module.bias.data.copy_(torch.randn(c, generator=generator) * 0.1)
            module.num_batches_tracked.fill_(7)


def make_torchvision(name, seed):
    torch.manual_seed(seed)
    model = getattr(torchvision.models, name)(weights=None)
    with torch.no_grad():
        randomise_batch_norm(model, torch.Generator().manual_seed(seed + 1))
    return model.eval()


class NarrowResNet(nn.Module):
    """A small-image ResNet built from torchvision's blocks: 3x3 stem, no max-pool, narrow stages."""

    def __init__(self, widths, blocks, num_classes):
        super().__init__()
        self.inplanes = widths[0]
        self.conv1 = nn.Conv2d(3, widths[0], 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(widths[0])
        self.relu = nn.ReLU(inplace=True)
        self.layer1 = self._make_layer(widths[0], blocks[0], 1)
        self.layer2 = self._make_layer(widths[1], blocks[1], 2)
        self.layer3 = self._make_layer(widths[2], blocks[2], 2)
        self.layer4 = self._make_layer(widths[3], blocks[3], 2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(widths[3], num_classes)

    def _make_layer(self, planes, count, stride):
        downsample = None
        if stride != 1 or self.inplanes != planes:
            downsample = nn.Sequential(conv1x1(self.inplanes, planes, stride), nn.BatchNorm2d(planes))
        layers = [BasicBlock(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes
        layers += [BasicBlock(planes, planes) for _ in range(1, count)]
        return nn.Sequential(*layers)

    def forward(self, x):
        return self.fc(torch.flatten(self.avgpool(self.layer4_maps(x)), 1))

    def layer4_maps(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        return self.layer4(self.layer3(self.layer2(self.layer1(x))))


class TinyClassifier(nn.Module):
    """Not a ResNet: loaded as a black-box classifier."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(4))
        self.head = nn.Linear(8 * 16, 7)

    def forward(self, x):
        return self.head(torch.flatten(self.features(x), 1))


def layer4_maps(model, normalised):
    if isinstance(model, NarrowResNet):
        return model.layer4_maps(normalised)
    m = model
    h = m.maxpool(m.relu(m.bn1(m.conv1(normalised))))
    return m.layer4(m.layer3(m.layer2(m.layer1(h))))


def reference_outputs(model, images01, mean, std, target_class):
    """Logits, penultimate features, layer4 maps and d logit[target] / d image, as PyTorch computes them."""
    mean_t = torch.tensor(mean).view(1, 3, 1, 1)
    std_t = torch.tensor(std).view(1, 3, 1, 1)
    x = images01.clone().requires_grad_(True)
    normalised = (x - mean_t) / std_t
    layer4 = layer4_maps(model, normalised)
    features = torch.flatten(model.avgpool(layer4), 1)
    logits = model.fc(features)
    logits[:, target_class].sum().backward()
    exact = exact_outputs(model, images01, mean, std)
    return {
        "input": images01,
        "logits": logits.detach(),
        "features": features.detach(),
        "layer4": layer4.detach(),
        "grad": x.grad.detach(),
        "target": torch.tensor(target_class),
        **exact,
    }


def exact_outputs(model, images01, mean, std):
    """The same forward pass in double precision: the yardstick for float rounding, so that a test can
    tell a reordering of float operations (batch-norm folding) from a wrong result."""
    model64 = copy.deepcopy(model).double()
    with torch.no_grad():
        normalised = (images01.double() - torch.tensor(mean, dtype=torch.float64).view(1, 3, 1, 1)) \
            / torch.tensor(std, dtype=torch.float64).view(1, 3, 1, 1)
        layer4 = layer4_maps(model64, normalised)
        features = torch.flatten(model64.avgpool(layer4), 1)
        logits = model64.fc(features)
    return {"logits_exact": logits, "features_exact": features, "layer4_exact": layer4}


def torchvision_geometry(path, resize, crop):
    """Preprocessing as every PyTorch user writes it: PIL decode, RGB, Resize, CenterCrop, ToTensor."""
    from PIL import Image
    import torchvision.transforms as T
    with Image.open(path) as image:
        return T.Compose([T.Resize(resize), T.CenterCrop(crop), T.ToTensor()])(image.convert("RGB"))


def preprocess_like_torchvision(path, resize, crop, mean, std):
    x = torchvision_geometry(path, resize, crop).unsqueeze(0)
    return (x - torch.tensor(mean).view(1, 3, 1, 1)) / torch.tensor(std).view(1, 3, 1, 1)


def write_photo_fixtures(out):
    """Real photographs (scikit-image's) in the shapes and formats users feed a model, with the tensor
    torchvision's Resize(256) + CenterCrop(224) makes of each: the program must match it."""
    import skimage.data
    photos = {"astronaut": skimage.data.astronaut(), "chelsea": skimage.data.chelsea(),
              "coffee": skimage.data.coffee(), "camera": skimage.data.camera()}
    bgr = lambda rgb: cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    variants = {
        "astronaut.png": bgr(photos["astronaut"]),  # 512 x 512
        "chelsea_q90.jpg": bgr(photos["chelsea"]),  # 451 x 300, re-encoded
        "coffee_500x375.jpg": cv2.resize(bgr(photos["coffee"]), (500, 375), interpolation=cv2.INTER_AREA),
        "coffee_333x500.png": cv2.resize(bgr(photos["coffee"]), (333, 500), interpolation=cv2.INTER_AREA),
        "camera_gray.png": photos["camera"],  # 8-bit grayscale
        "chelsea_small_150x100.jpg": cv2.resize(bgr(photos["chelsea"]), (150, 100), interpolation=cv2.INTER_AREA),
    }
    alpha = np.linspace(0, 255, 512 * 512).reshape(512, 512, 1).astype(np.uint8)
    variants["astronaut_alpha.png"] = np.concatenate([bgr(photos["astronaut"]), alpha], axis=-1)
    expected = {}
    for name, pixels in variants.items():
        path = os.path.join(out, "photos", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        params = [cv2.IMWRITE_JPEG_QUALITY, 90] if name.endswith(".jpg") else []
        cv2.imwrite(path, pixels, params)
        expected[name] = torchvision_geometry(path, 256, 224)
    torch.save(expected, os.path.join(out, "torchvision_expected.pt"))


def smooth_test_image(seed, width, height):
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 256, size=(height // 16 + 1, width // 16 + 1, 3), dtype=np.uint8)
    image = cv2.resize(small, (width, height), interpolation=cv2.INTER_CUBIC)
    return image


def write_decoder_fixtures(out):
    """Images in the formats the decoder must handle, with the RGB values it must produce."""
    y, x = np.mgrid[0:20, 0:30]
    gray8 = ((x * 7 + y * 3) % 256).astype(np.uint8)
    gray16 = ((x * 2000 + y * 900) % 65536).astype(np.uint16)
    bgr8 = np.stack([(x * 5) % 256, (y * 11) % 256, (x + y) * 4 % 256], axis=-1).astype(np.uint8)
    bgra8 = np.concatenate([bgr8, np.full((20, 30, 1), 100, np.uint8)], axis=-1)
    bgr16 = (bgr8.astype(np.uint16) * 257 + 3).astype(np.uint16)
    cv2.imwrite(os.path.join(out, "gray8.png"), gray8)
    cv2.imwrite(os.path.join(out, "gray16.png"), gray16)
    cv2.imwrite(os.path.join(out, "bgra8.png"), bgra8)
    cv2.imwrite(os.path.join(out, "bgr16.png"), bgr16)
    cv2.imwrite(os.path.join(out, "bgr8.jpg"), bgr8, [cv2.IMWRITE_JPEG_QUALITY, 90])
    decoded_jpeg = cv2.imread(os.path.join(out, "bgr8.jpg"), cv2.IMREAD_UNCHANGED)

    def rgb(bgr, scale):
        return torch.from_numpy(np.ascontiguousarray(bgr[..., ::-1]).astype(np.float64) / scale).float()

    gray_rgb = lambda g, s: torch.from_numpy(np.repeat(g[..., None], 3, -1).astype(np.float64) / s).float()
    torch.save({
        "gray8.png": gray_rgb(gray8, 255.0),
        "gray16.png": gray_rgb(gray16, 65535.0),
        "bgra8.png": rgb(bgr8, 255.0),
        "bgr16.png": rgb(bgr16, 65535.0),
        "bgr8.jpg": rgb(decoded_jpeg, 255.0),
    }, os.path.join(out, "decoder_expected.pt"))
    with open(os.path.join(out, "not_an_image.png"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + bytes(range(200)))


def write_bad_files(out, good_path):
    with open(os.path.join(out, "empty.pt"), "wb"):
        pass
    rng = np.random.default_rng(5)
    with open(os.path.join(out, "random.pt"), "wb") as f:
        f.write(rng.integers(0, 256, 4096, dtype=np.uint8).tobytes())
    with open(good_path, "rb") as f:
        data = f.read()
    with open(os.path.join(out, "truncated.pt"), "wb") as f:
        f.write(data[: len(data) // 2])
    torch.save({"w": torch.ones(3)}, os.path.join(out, "legacy.pt"), _use_new_zipfile_serialization=False)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    with open(__file__, "rb") as f:
        stamp = hashlib.sha256(f.read() + torch.__version__.encode()).hexdigest()
    stamp_path = os.path.join(out, "fixtures.stamp")
    if os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
        print("fixtures up to date in", out)
        return
    torch.set_num_threads(os.cpu_count() or 1)
    generator = torch.Generator().manual_seed(1234)

    for name, seed in (("resnet18", 18), ("resnet50", 50)):
        model = make_torchvision(name, seed)
        torch.jit.save(torch.jit.script(model), os.path.join(out, f"{name}_script.pt"))
        torch.save(model.state_dict(), os.path.join(out, f"{name}_state.pt"))
        images = torch.rand(2, 3, 224, 224, generator=generator)
        torch.save(reference_outputs(model, images, IMAGENET_MEAN, IMAGENET_STD, 3),
                   os.path.join(out, f"{name}_expected.pt"))
        if name == "resnet18":
            # Shaped like a robustness-library checkpoint, with its own normaliser.
            mean, std = [0.5, 0.4, 0.3], [0.2, 0.25, 0.3]
            weights = {}
            for key, value in model.state_dict().items():
                weights["module.model." + key] = value
                weights["module.attacker.model." + key] = value * 0  # must be ignored
            weights["module.normalizer.new_mean"] = torch.tensor(mean).view(3, 1, 1)
            weights["module.normalizer.new_std"] = torch.tensor(std).view(3, 1, 1)
            weights["module.attacker.normalize.new_mean"] = torch.tensor(mean).view(3, 1, 1)
            torch.save({"model": weights, "epoch": 90, "schedule": None},
                       os.path.join(out, "robustness_resnet18.pt"))
            torch.save(reference_outputs(model, images, mean, std, 3),
                       os.path.join(out, "robustness_resnet18_expected.pt"))
            # Wrong architectures: a mis-shaped and a missing key.
            broken = dict(model.state_dict())
            broken["fc.weight"] = torch.zeros(1000, 256)
            torch.save(broken, os.path.join(out, "misshaped_fc.pt"))
            broken = dict(model.state_dict())
            del broken["layer2.0.downsample.0.weight"]
            torch.save(broken, os.path.join(out, "missing_downsample.pt"))
            write_bad_files(out, os.path.join(out, "resnet18_state.pt"))

            # Top-5 of the TorchScript model on a PNG, preprocessed as torchvision does.
            predictions = {}
            for i, (w, h) in enumerate(((300, 260), (180, 400))):
                path = os.path.join(out, f"photo{i}.png")
                cv2.imwrite(path, smooth_test_image(i, w, h))
                with torch.no_grad():
                    logits = model(preprocess_like_torchvision(path, 256, 224, IMAGENET_MEAN, IMAGENET_STD))
                p = torch.softmax(logits, 1)[0]
                top = torch.topk(p, 5)
                predictions[path] = [{"class": int(c), "probability": float(v)}
                                     for v, c in zip(top.values, top.indices)]
            with open(os.path.join(out, "predict_expected.json"), "w") as f:
                json.dump(predictions, f, indent=1)

    torch.manual_seed(7)
    narrow = NarrowResNet([16, 32, 48, 64], [1, 2, 1, 1], 10)
    with torch.no_grad():
        randomise_batch_norm(narrow, torch.Generator().manual_seed(8))
    narrow.eval()
    torch.save({"state_dict": narrow.state_dict(), "epoch": 3}, os.path.join(out, "narrow_state.pt"))
    images = torch.rand(3, 3, 64, 64, generator=generator)
    torch.save(reference_outputs(narrow, images, IMAGENET_MEAN, IMAGENET_STD, 2),
               os.path.join(out, "narrow_expected.pt"))

    torch.manual_seed(9)
    tiny = TinyClassifier().eval()
    torch.jit.save(torch.jit.script(tiny), os.path.join(out, "blackbox_script.pt"))
    images = torch.rand(2, 3, 224, 224, generator=generator)
    with torch.no_grad():
        mean_t, std_t = torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1), torch.tensor(IMAGENET_STD).view(1, 3, 1, 1)
        logits = tiny((images - mean_t) / std_t)
    torch.save({"input": images, "logits": logits}, os.path.join(out, "blackbox_expected.pt"))
    torch.save({"conv.weight": torch.ones(4, 3, 3, 3)}, os.path.join(out, "not_a_resnet.pt"))

    write_decoder_fixtures(out)
    write_photo_fixtures(out)
    with open(stamp_path, "w") as f:
        f.write(stamp)
    print("fixtures written to", out)


if __name__ == "__main__":
    main()
