#!/usr/bin/python3
"""An ImageNet-shaped case and its reference, the way every PyTorch user computes it (PIL decode,
torchvision's Resize(256) + CenterCrop(224) + ToTensor, ImageNet mean and std, a torchvision ResNet-50).

  make OUT                      writes OUT/data (an ImageFolder of real photographs in three ImageNet
                                classes, of varied sizes and formats) and OUT/resnet50_photos.pt (a
                                torchvision ResNet-50 with seeded weights whose last layer separates the
                                three classes, saved by torch.save as a state dict)
  check OUT INDEX_DIR           recomputes the program's index of OUT/data with torchvision; exit 0 when
                                predictions are equal and features agree within 1e-3 (relative to
                                max(1, |x|); float32 over 50 layers, batched differently, drifts by
                                about 2e-4). Writes OUT/ranking.json (the paper's ranking from these
                                features) and, for each class's best feature and its top predicted images,
                                OUT/nams.json + nams.f32 (NAMs) and heatmaps.f32 (the reference code's
                                heatmaps), all at 224 x 224.
"""
import json
import os
import sys

import cv2
import numpy as np
import torch
import torch.nn.functional as F
import torchvision
import torchvision.transforms as T
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
sys.path.insert(0, HERE)
from make_model_fixtures import IMAGENET_MEAN, IMAGENET_STD, randomise_batch_norm  # noqa: E402
from reference_ranking import paper_ranking  # noqa: E402

# Class folders (ImageNet ids) and the scikit-image photographs their images are made from.
CLASSES = {
    "n02123045": ["chelsea", "clock"],               # tabby; clock is grayscale
    "n04266014": ["rocket", "astronaut", "hubble_deep_field"],  # space shuttle
    "n07920052": ["coffee", "colorwheel"],           # espresso
}
IMAGES_PER_CLASS = 21
# Output sizes users' photographs come in: landscape, portrait, square, small (upscaled by Resize).
SIZES = [(500, 375), (333, 500), (640, 480), (256, 256), (150, 100), (451, 300), (1000, 700), (375, 500)]
MODEL = "resnet50_photos.pt"


def preprocess(path):
    with Image.open(path) as image:
        return T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor()])(image.convert("RGB"))


def photo(name):
    import skimage.data
    pixels = getattr(skimage.data, name)()
    return pixels if pixels.ndim == 3 else np.stack([pixels] * 3, axis=-1)


def write_dataset(root):
    """Crops, flips and resizes of each photograph, saved as JPEG (quality 70-95), PNG, grayscale PNG or
    PNG with alpha."""
    rng = np.random.default_rng(21)
    for wnid, names in CLASSES.items():
        folder = os.path.join(root, wnid)
        os.makedirs(folder, exist_ok=True)
        for k in range(IMAGES_PER_CLASS):
            rgb = photo(names[k % len(names)])
            h, w = rgb.shape[:2]
            ch, cw = int(h * rng.uniform(0.6, 1.0)), int(w * rng.uniform(0.6, 1.0))
            top, left = int(rng.integers(0, h - ch + 1)), int(rng.integers(0, w - cw + 1))
            bgr = cv2.cvtColor(np.ascontiguousarray(rgb[top:top + ch, left:left + cw]), cv2.COLOR_RGB2BGR)
            if rng.random() < 0.5:
                bgr = bgr[:, ::-1]
            bgr = cv2.resize(np.ascontiguousarray(bgr), SIZES[k % len(SIZES)], interpolation=cv2.INTER_AREA)
            kind = k % 5
            if kind == 3:
                cv2.imwrite(os.path.join(folder, f"{k:02d}_gray.png"), cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY))
            elif kind == 4:
                alpha = rng.integers(0, 256, size=bgr.shape[:2] + (1,), dtype=np.uint8)
                cv2.imwrite(os.path.join(folder, f"{k:02d}_alpha.png"), np.concatenate([bgr, alpha], axis=-1))
            elif kind == 2:
                cv2.imwrite(os.path.join(folder, f"{k:02d}.png"), bgr)
            else:
                quality = int(rng.integers(70, 96))
                cv2.imwrite(os.path.join(folder, f"{k:02d}.jpg"), bgr, [cv2.IMWRITE_JPEG_QUALITY, quality])


def image_paths(root):
    """The ImageFolder's images in its order: class folders sorted, files sorted within each."""
    paths = []
    for wnid in sorted(os.listdir(root)):
        paths += [os.path.join(wnid, f) for f in sorted(os.listdir(os.path.join(root, wnid)))]
    return paths


def normalise(x):
    return (x - torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1)) / torch.tensor(IMAGENET_STD).view(1, 3, 1, 1)


def layer4_maps(model, x):
    m = model
    x = m.maxpool(m.relu(m.bn1(m.conv1(normalise(x)))))
    return m.layer4(m.layer3(m.layer2(m.layer1(x))))


def batched_maps(model, images, batch=16):
    with torch.no_grad():
        return torch.cat([layer4_maps(model, images[i:i + batch]) for i in range(0, len(images), batch)])


def make(out):
    data = os.path.join(out, "data")
    write_dataset(data)
    torch.manual_seed(50)
    model = torchvision.models.resnet50(weights=None, num_classes=len(CLASSES))
    with torch.no_grad():
        randomise_batch_norm(model, torch.Generator().manual_seed(51))
    model.eval()
    # The last layer as a nearest-centroid classifier of the seeded features, so that every class is
    # predicted for some images and the ranking has something to rank.
    paths = image_paths(data)
    images = torch.stack([preprocess(os.path.join(data, p)) for p in paths])
    features = torch.flatten(model.avgpool(batched_maps(model, images)), 1)
    labels = torch.tensor([sorted(CLASSES).index(p.split("/")[0]) for p in paths])
    with torch.no_grad():
        centroids = torch.stack([features[labels == c].mean(0) for c in range(len(CLASSES))])
        model.fc.weight.copy_(centroids)
        model.fc.bias.copy_(-0.5 * (centroids * centroids).sum(1))
    torch.save(model.state_dict(), os.path.join(out, MODEL))
    print("images", len(paths))


def check(out, index_dir):
    data = os.path.join(out, "data")
    model = torchvision.models.resnet50(weights=None, num_classes=len(CLASSES))
    model.load_state_dict(torch.load(os.path.join(out, MODEL)), strict=True)
    model.eval()
    names = open(os.path.join(index_dir, "images.txt")).read().split("\n")[:-1]
    assert names == image_paths(data), "the index lists other images than the ImageFolder"
    info = json.load(open(os.path.join(index_dir, "index.json")))
    n, d = info["images"], info["feature_width"]
    features = np.fromfile(os.path.join(index_dir, "features.f32"), dtype="<f4").reshape(n, d)
    predictions = np.fromfile(os.path.join(index_dir, "predictions.i32"), dtype="<i4")

    images = torch.stack([preprocess(os.path.join(data, p)) for p in names])
    maps = batched_maps(model, images)
    with torch.no_grad():
        pooled = torch.flatten(model.avgpool(maps), 1)
        own_predictions = model.fc(pooled).argmax(1).numpy()
    own_features = pooled.double().numpy()
    worst = float(np.max(np.abs(features - own_features) / np.maximum(1.0, np.abs(own_features))))
    differing = [names[i] for i in np.where(own_predictions != predictions)[0]]
    print(f"images {n}, worst relative feature error {worst:.2e}, predictions differing {len(differing)}, "
          f"per class predicted {np.bincount(own_predictions, minlength=len(CLASSES)).tolist()}")

    labels = np.array([sorted(CLASSES).index(p.split("/")[0]) for p in names])
    weights = model.fc.weight.detach().double().numpy()
    ranking = paper_ranking(own_features, own_predictions, labels, weights)
    json.dump(ranking, open(os.path.join(out, "ranking.json"), "w"))

    # NAMs and heatmaps of each class's best feature on its top predicted images, as the reference code
    # makes them: channel / its max, bilinear to 224, JET over the image.
    pairs, nams, heatmaps = [], [], []
    for c in sorted(ranking):
        if not ranking[c]:
            continue
        best = ranking[c][0]
        j = best["feature"]
        for i in best["top_predicted"]:
            channel = maps[i, j]
            peak = channel.max()
            normalised = channel / peak if peak > 0 else torch.zeros_like(channel)
            nam = F.interpolate(normalised[None, None], size=(224, 224), mode="bilinear",
                                align_corners=False)[0, 0].numpy()
            jet = np.float32(cv2.applyColorMap(np.uint8(255 * nam), cv2.COLORMAP_JET))[..., ::-1] / 255
            cam = jet + images[i].permute(1, 2, 0).numpy()
            pairs.append({"image": int(i), "feature": j})
            nams.append(nam.astype("<f4"))
            heatmaps.append((cam / cam.max()).astype("<f4"))
    json.dump({"size": 224, "pairs": pairs}, open(os.path.join(out, "nams.json"), "w"))
    np.stack(nams).tofile(os.path.join(out, "nams.f32"))
    np.stack(heatmaps).tofile(os.path.join(out, "heatmaps.f32"))
    if differing:
        print("predictions differ for", differing)
    return 0 if worst < 1e-3 and not differing else 1


if __name__ == "__main__":
    torch.set_num_threads(os.cpu_count() or 1)
    if sys.argv[1] == "make":
        make(sys.argv[2])
    else:
        sys.exit(check(sys.argv[2], sys.argv[3]))
