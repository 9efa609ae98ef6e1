#!/usr/bin/env python3
"""Forward-only throughput of a torchvision model in PyTorch on the CPU: the reference the Java forward pass is
compared with (same machine, batch, threads and input size; inference mode, as the frozen part runs).

    /usr/bin/python3 bench/pytorch_forward.py resnet152 --batch 4 --images 16 --size 331 --threads 2

Needs Debian's python3-torch and python3-torchvision (apt); prints one tab-separated line: model, torch version,
batch, size, threads, images, seconds, images/s. NASNet is not in torchvision. torchvision's ResNet152 is v1.5 (stride
in the 3x3 convolution: 11.6e9 multiply-adds at 224 against Keras' v1, 11.3e9), so compare per multiply-add.
"""
import argparse
import time

import torch
import torchvision

MODELS = {
    "resnet152": lambda: torchvision.models.resnet152(),
    "inceptionv3": lambda: torchvision.models.inception_v3(aux_logits=False, init_weights=False),
    "mobilenetv3": lambda: torchvision.models.mobilenet_v3_large(),
    "regnet": lambda: torchvision.models.regnet_y_800mf(),
}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model", choices=sorted(MODELS))
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--images", type=int, default=16)
    p.add_argument("--size", type=int, default=331)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    net = MODELS[a.model]().eval()
    x = torch.rand(a.images, 3, a.size, a.size) * 255 - 120
    with torch.inference_mode():
        net(x[: a.batch])  # warm-up: oneDNN primitive creation
        start = time.perf_counter()
        for i in range(0, a.images, a.batch):
            net(x[i:i + a.batch])
        seconds = time.perf_counter() - start
    print("\t".join(map(str, [a.model, torch.__version__, a.batch, a.size, a.threads, a.images,
                              round(seconds, 2), round(a.images / seconds, 3)])))


if __name__ == "__main__":
    main()
