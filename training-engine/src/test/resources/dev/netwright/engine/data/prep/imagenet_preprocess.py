"""What torchvision does to images for an ImageNet-pretrained network, on random images:
python3 imagenet_preprocess.py OUT_DIR

Grey images [2, 1, 28, 28] and RGB images [2, 3, 20, 30] (values 0 to 1) are resized to 48 x 64 (bilinear,
align_corners=False, no antialiasing: torchvision's Resize on tensors), grey repeated into 3 channels, and normalised
with torchvision's Normalize(ImageNet mean, std). Writes grey.f32, rgb.f32 (inputs) and grey_out.f32, rgb_out.f32.
"""
import os
import sys

import torch
from torchvision import transforms

torch.manual_seed(11)
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
prepare = transforms.Compose([
    transforms.Resize((48, 64), interpolation=transforms.InterpolationMode.BILINEAR, antialias=False),
    transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
])
for name, shape in (("grey", (2, 1, 28, 28)), ("rgb", (2, 3, 20, 30))):
    x = torch.rand(*shape)
    y = prepare(x.expand(-1, 3, -1, -1) if shape[1] == 1 else x)
    x.numpy().astype("<f4").tofile(os.path.join(out, name + ".f32"))
    y.contiguous().numpy().astype("<f4").tofile(os.path.join(out, name + "_out.f32"))
