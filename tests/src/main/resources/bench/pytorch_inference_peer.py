#!/usr/bin/env python3
"""PyTorch peer for Netwright's inference benchmark (run by dev.netwright.tests.bench.InferenceBenchmark).

Loads the PyTorch code and weights that Netwright exported from the same trained model (so the architecture and
the weights are the ones the Java side serves, output activation included), and measures under torch.no_grad()
with the given thread count, as the Java side does: one raw sample's forward pass (p50, p99 over the requests,
after a warm-up) and the throughput of batches of 256. Prints one JSON line.
"""
import argparse
import importlib.util
import json
import time

import torch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("code")
    parser.add_argument("weights")
    parser.add_argument("--shape", required=True, help="one sample's shape, comma-separated")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--batch-warmup", type=int, default=30)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    spec = importlib.util.spec_from_file_location("exported", args.code)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.build()
    module.load_weights(model, args.weights)
    model.eval()
    shape = [int(d) for d in args.shape.split(",")]
    samples = torch.rand(64, *shape)
    batch = torch.rand(args.batch, *shape)
    warmup = max(50, args.requests // 10)
    single = []
    with torch.no_grad():
        for i in range(-warmup, args.requests):
            x = samples[i % 64].unsqueeze(0)
            t = time.perf_counter()
            model(x).numpy()
            if i >= 0:
                single.append(time.perf_counter() - t)
        for _ in range(args.batch_warmup):
            model(batch).numpy()
        t = time.perf_counter()
        for _ in range(args.rounds):
            model(batch).numpy()
        seconds = time.perf_counter() - t
    single.sort()
    pick = lambda p: single[min(len(single) - 1, max(0, -(-p * len(single) // 100) - 1))] * 1000
    print(json.dumps({"single_p50_ms": pick(50), "single_p99_ms": pick(99),
                      "batch_samples_per_second": args.rounds * args.batch / seconds}), flush=True)


if __name__ == "__main__":
    main()
