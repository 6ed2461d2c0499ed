#!/usr/bin/python3
"""The masking lab's pixel fills computed with NumPy and OpenCV, the reference of TestSweepCorruption.

  masking_fills.py DIR N H W MEAN_R MEAN_G MEAN_B
      reads DIR/images.f32 (N x 3 x H x W, [0, 1]) and DIR/keep.f32 (N x 1 x H x W, soft, 1 keeps) and
      writes DIR/<strategy>.f32 = x keep + f (1 - keep) for black, grey, mean, blur and grey-edge:
      black f = 0; grey f = the given per-channel mean; mean f = the image's per-channel mean; blur f =
      cv2.GaussianBlur with sigma max(1, side / 16), kernel 2 ceil(3 sigma) + 1 (at most 2 side - 1),
      reflected border; grey-edge: c = x keep + grey (1 - keep), then f = GaussianBlur(c, 5x5, sigma 1)
      and c keep + f (1 - keep) is the fill.
"""
import math
import os
import sys

import cv2
import numpy as np


def blur(image_hwc, ksize, sigma):
    return cv2.GaussianBlur(image_hwc, (ksize, ksize), sigma, borderType=cv2.BORDER_REFLECT_101)


def main():
    folder = sys.argv[1]
    n, h, w = (int(v) for v in sys.argv[2:5])
    grey = np.array([float(v) for v in sys.argv[5:8]], dtype=np.float32)
    images = np.fromfile(os.path.join(folder, "images.f32"), dtype=np.float32).reshape(n, 3, h, w)
    keep = np.fromfile(os.path.join(folder, "keep.f32"), dtype=np.float32).reshape(n, 1, h, w)
    side = min(h, w)
    sigma = max(1.0, side / 16.0)
    ksize = 2 * min(math.ceil(3 * sigma), side - 1) + 1
    out = {name: np.empty_like(images) for name in ("black", "grey", "mean", "blur", "grey-edge")}
    for i in range(n):
        x = images[i].transpose(1, 2, 0)  # H x W x 3
        k = keep[i, 0][:, :, None]
        fills = {
            "black": np.zeros_like(x),
            "grey": np.broadcast_to(grey, x.shape),
            "mean": np.broadcast_to(x.mean(axis=(0, 1)), x.shape),
            "blur": blur(np.ascontiguousarray(x), ksize, sigma),
        }
        composite = (x * k + grey * (1 - k)).astype(np.float32)
        smoothed = blur(composite, 5, 1.0)
        fills["grey-edge"] = composite * k + smoothed * (1 - k)
        for name, fill in fills.items():
            out[name][i] = (x * k + fill * (1 - k)).transpose(2, 0, 1)
    for name, values in out.items():
        values.astype(np.float32).tofile(os.path.join(folder, name + ".f32"))


if __name__ == "__main__":
    if len(sys.argv) != 8:
        sys.exit(__doc__)
    main()
