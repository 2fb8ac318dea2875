#!/usr/bin/env python3
"""PyTorch peer for Netwright's training benchmark (run by dev.netwright.tests.bench.TrainingBenchmark).

Trains the benchmark models on the real Fashion-MNIST files with the same settings as the Java side
(batch 128, Adam 1e-3, the given thread count), times steady-state training after a warm-up, and prints one
JSON line per model: {"model", "samples_per_second", "peak_rss_mb", "batches", "ms_per_batch"}. Per batch it does
what the Java side does: gather the batch, forward, loss, backward, the optimizer step, and read the loss and the
number of correct predictions back to the host (a training loop's usual running loss and accuracy).
"ms_per_batch" splits the time into the same stages as the Java side's profile (CPU kernels are synchronous).
"""
import argparse
import gzip
import json
import resource
import struct
import sys
import time

import numpy as np
import torch
from torch import nn

DATA = "/usr/share/datasets/fashion-mnist"


def read_images(path):
    with gzip.open(path, "rb") as f:
        _, n, rows, cols = struct.unpack(">IIII", f.read(16))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(n, 1, rows, cols).astype(np.float32) / 255.0


def read_labels(path):
    with gzip.open(path, "rb") as f:
        f.read(8)
        return np.frombuffer(f.read(), dtype=np.uint8).astype(np.int64)


def peak_rss_mb():
    # VmHWM belongs to this process image; ru_maxrss would carry the parent JVM's peak across fork/exec
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def model(name):
    if name == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                             nn.Linear(128, 10))
    return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64 * 5 * 5, 128), nn.ReLU(), nn.Linear(128, 10))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", default="mlp,cnn")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--batches", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--warmup-seconds", type=float, default=0.0,
                        help="untimed training of each model, with a network of its own, before its timed one")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    x = torch.from_numpy(read_images(f"{DATA}/train-images-idx3-ubyte.gz"))
    y = torch.from_numpy(read_labels(f"{DATA}/train-labels-idx1-ubyte.gz"))
    for name in args.models.split(","):
        if args.warmup_seconds > 0:  # as the Java side: a network of its own, trained untimed, thrown away
            warm = model(name)
            warm_optimizer = torch.optim.Adam(warm.parameters(), lr=1e-3)
            end = time.perf_counter() + args.warmup_seconds
            while time.perf_counter() < end:
                idx = torch.randperm(x.shape[0])[:args.batch_size]
                loss = nn.CrossEntropyLoss()(warm(x[idx]), y[idx])
                loss.backward()
                warm_optimizer.step()
                warm_optimizer.zero_grad()
                loss.item()
        net = model(name)
        optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
        loss_fn = nn.CrossEntropyLoss()
        order = torch.randperm(x.shape[0])
        b = args.batch_size

        stages = dict.fromkeys(["data", "forward", "backward", "optimizer", "zero_gradients", "metrics"], 0.0)

        def step(i):
            t0 = time.perf_counter()
            idx = order[(i * b) % (x.shape[0] - b):][:b]
            xb, yb = x[idx], y[idx]
            t1 = time.perf_counter()
            out = net(xb)
            loss = loss_fn(out, yb)
            t2 = time.perf_counter()
            loss.backward()
            t3 = time.perf_counter()
            optimizer.step()
            t4 = time.perf_counter()
            optimizer.zero_grad()
            t5 = time.perf_counter()
            result = loss.item(), (out.argmax(1) == yb).sum().item()
            t6 = time.perf_counter()
            for key, took in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
                stages[key] += took
            return result

        for i in range(args.warmup):
            step(i)
        stages = dict.fromkeys(stages, 0.0)
        start = time.perf_counter()
        for i in range(args.batches):
            step(args.warmup + i)
        elapsed = time.perf_counter() - start
        peak_mb = peak_rss_mb()
        print(json.dumps({"model": name, "samples_per_second": args.batches * b / elapsed,
                          "peak_rss_mb": peak_mb, "batches": args.batches,
                          "ms_per_batch": {k: round(v * 1000 / args.batches, 3) for k, v in stages.items()}}),
              flush=True)


if __name__ == "__main__":
    sys.exit(main())
