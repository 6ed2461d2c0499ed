#!/usr/bin/python3
"""An independent port of layer masking (Balasubramanian & Feizi, ICCV 2023) over torchvision's own
modules, the reference of TestLayerMasking. Every rule is applied literally, in float64: removed input
pixels start at 0 (the normalised mean); before every convolution the removed positions are filled by
kernel-width rounds of 3x3 neighbour-mean inpainting; the mask goes through each convolution as a
max-pool with its kernel, stride and padding and multiplies the output; batch norm and ReLU are
f(x m) m; the residual is (branch + identity) (m_branch m_identity), then ReLU; the global pool is
sum(x m) / sum(m).

  make OUT     writes OUT/cases.json and, per case, the model file, the images (N x 3 x H x W, [0, 1]),
               the binary keep masks (N x 1 x H x W) and the reference logits and features, as raw
               little-endian float32 files
"""
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from torchvision.models.resnet import BasicBlock, Bottleneck

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
sys.path.insert(0, HERE)
from make_model_fixtures import IMAGENET_MEAN, IMAGENET_STD, make_torchvision, randomise_batch_norm  # noqa: E402
from check_sweep import load_native  # noqa: E402

DEMO_MODEL = os.path.join(HERE, "..", "..", "resources", "models", "standard.pt")


def inpaint(x, m, rounds):
    """Neighbour-mean inpainting of the positions m removes; the fill carries no gradient."""
    with torch.no_grad():
        x = x.clone()
        m = m.clone()
        channels = x.shape[1]
        sum_x = torch.ones(channels, 1, 3, 3, dtype=x.dtype)
        sum_m = torch.ones(1, 1, 3, 3, dtype=x.dtype)
        for _ in range(rounds):
            num = F.conv2d(x, sum_x, padding=1, groups=channels)
            den = F.conv2d(m, sum_m, padding=1)
            x = x + (1 - m) * num / (den + 1e-5)
            m = torch.clamp(m + den, 0, 1)
    return x


def masked_conv(conv, x, m):
    y = conv(inpaint(x, m, conv.kernel_size[1]))
    m_out = F.max_pool2d(m, conv.kernel_size, conv.stride, conv.padding)
    return y * m_out, m_out


def masked_bn(bn, x, m):
    return bn(x * m) * m


def masked_relu(x, m):
    return F.relu(x * m) * m


def masked_block(block, x, m):
    if isinstance(block, BasicBlock):
        pairs = [(block.conv1, block.bn1), (block.conv2, block.bn2)]
    else:
        assert isinstance(block, Bottleneck)
        pairs = [(block.conv1, block.bn1), (block.conv2, block.bn2), (block.conv3, block.bn3)]
    out, m_out = x, m
    for i, (conv, bn) in enumerate(pairs):
        out, m_out = masked_conv(conv, out, m_out)
        out = masked_bn(bn, out, m_out)
        if i + 1 < len(pairs):
            out = masked_relu(out, m_out)
    if block.downsample is not None:
        identity, m_identity = masked_conv(block.downsample[0], x, m)
        identity = masked_bn(block.downsample[1], identity, m_identity)
    else:
        identity, m_identity = x, m
    joint = m_out * m_identity
    return masked_relu((out + identity) * joint, joint), joint


def layer_masked(model, images01, keep, mean, std):
    """(logits, features) of the layer-masked forward pass."""
    mean = torch.tensor(mean, dtype=images01.dtype).view(1, 3, 1, 1)
    std = torch.tensor(std, dtype=images01.dtype).view(1, 3, 1, 1)
    x = (images01 - mean) / std * keep
    x, m = masked_conv(model.conv1, x, keep)
    x = masked_relu(masked_bn(model.bn1, x, m), m)
    if isinstance(getattr(model, "maxpool", None), nn.MaxPool2d):
        x = F.max_pool2d(x, 3, 2, 1)
        m = F.max_pool2d(m, 3, 2, 1)
        x = x * m
    for layer in (model.layer1, model.layer2, model.layer3, model.layer4):
        for block in layer:
            x, m = masked_block(block, x, m)
    features = (x * m).sum(dim=(2, 3)) / m.sum(dim=(2, 3))
    return model.fc(features), features


def random_masks(n, size, generator):
    """Binary keep masks of several kinds: random blocks, random pixels, a removed rectangle."""
    masks = []
    for i in range(n):
        kind = i % 4
        if kind in (0, 3):
            block = max(2, size // 14)
            cells = -(-size // block)
            p = 0.6 if kind == 0 else 0.3
            grid = (torch.rand(cells, cells, generator=generator) < p).double()
            mask = grid.repeat_interleave(block, 0).repeat_interleave(block, 1)[:size, :size]
        elif kind == 1:
            mask = (torch.rand(size, size, generator=generator) < 0.7).double()
        else:
            mask = torch.ones(size, size, dtype=torch.float64)
            top, left = [int(v) for v in torch.randint(0, size // 3, (2,), generator=generator)]
            mask[top:top + size // 2, left:left + size * 2 // 3] = 0
        mask[0, 0] = 1  # never all removed
        masks.append(mask)
    return torch.stack(masks).unsqueeze(1)


def small_stem_bottleneck(seed):
    """A Bottleneck ResNet with a 3x3 stride-1 stem and no max-pool, one block per stage."""
    torch.manual_seed(seed)
    model = torchvision.models.resnet.ResNet(Bottleneck, [1, 1, 1, 1], num_classes=10)
    model.conv1 = nn.Conv2d(3, 64, 3, 1, 1, bias=False)
    nn.init.kaiming_normal_(model.conv1.weight, mode="fan_out", nonlinearity="relu")
    model.maxpool = nn.Identity()
    with torch.no_grad():
        randomise_batch_norm(model, torch.Generator().manual_seed(seed + 1))
    return model.eval()


def write(path, tensor):
    tensor.detach().to(torch.float32).contiguous().numpy().tofile(path)


def make(out):
    os.makedirs(out, exist_ok=True)
    cases = []

    def add(name, model, model_file, size, count, mean, std, seed):
        generator = torch.Generator().manual_seed(seed)
        images = torch.rand(count, 3, size, size, generator=generator, dtype=torch.float64)
        keep = random_masks(count, size, generator)
        model64 = model.double().eval()
        with torch.no_grad():
            logits, features = layer_masked(model64, images, keep, mean, std)
        for key, tensor in (("images", images), ("masks", keep), ("logits", logits), ("features", features)):
            write(os.path.join(out, f"{name}.{key}.f32"), tensor)
        cases.append({"name": name, "model": model_file, "count": count, "size": size,
                      "classes": logits.shape[1], "features": features.shape[1]})

    for name, size, count, seed in (("resnet18", 128, 4, 18), ("resnet50", 224, 2, 50)):
        model = make_torchvision(name, seed)
        path = os.path.join(out, f"{name}.pt")
        torch.save(model.state_dict(), path)
        add(name, model, path, size, count, IMAGENET_MEAN, IMAGENET_STD, seed + 100)

    bottleneck = small_stem_bottleneck(7)
    path = os.path.join(out, "bottleneck_small_stem.pt")
    torch.save(bottleneck.state_dict(), path)
    add("bottleneck_small_stem", bottleneck, path, 32, 4, IMAGENET_MEAN, IMAGENET_STD, 107)

    demo, preprocessing, _ = load_native(DEMO_MODEL)
    add("demo_standard", demo, os.path.abspath(DEMO_MODEL), 48, 4, preprocessing["mean"],
        preprocessing["std"], 48)

    with open(os.path.join(out, "cases.json"), "w") as f:
        json.dump({"cases": cases}, f, indent=1)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "make":
        sys.exit(__doc__)
    make(sys.argv[2])
