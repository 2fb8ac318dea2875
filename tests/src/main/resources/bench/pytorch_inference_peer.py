#!/usr/bin/env python3
"""PyTorch peer for Netwright's inference benchmark (run by dev.netwright.tests.bench.InferenceBenchmark).

Loads the PyTorch code and weights that Netwright exported from the same trained model (so the architecture and
the weights are the ones the Java side serves, output activation included), and measures under torch.no_grad()
with the given thread count, as the Java side does: one raw sample's forward pass (p50, p99 over the requests,
after the same seconds of warm-up as the Java side) and the throughput of batches of 256 in several timed rounds, from a tensor made beforehand and from
one array per sample. Prints one JSON line.
"""
import argparse
import importlib.util
import json
import time

import numpy
import torch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("code")
    parser.add_argument("weights")
    parser.add_argument("--shape", required=True, help="one sample's shape, comma-separated")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--rounds", type=int, default=40, help="batches per timed round")
    parser.add_argument("--repeats", type=int, default=5, help="timed rounds")
    parser.add_argument("--warmup-seconds", type=float, default=3.0, help="untimed runs before each section")
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
    def warm_up(step):
        end = time.perf_counter() + args.warmup_seconds
        i = 0
        while i < 30 or time.perf_counter() < end:
            step(i)
            i += 1

    single = []
    with torch.no_grad():
        warm_up(lambda i: model(samples[i % 64].unsqueeze(0)).numpy())
        for i in range(args.requests):
            x = samples[i % 64].unsqueeze(0)
            t = time.perf_counter()
            model(x).numpy()
            single.append(time.perf_counter() - t)
        warm_up(lambda i: model(batch).numpy())
        # (a) the batch as one tensor made beforehand; (b) the batch as the Java side gets it, one array per sample
        # (what a Python service holds after parsing a request), stacked into a tensor per call
        rows = [r.numpy().copy() for r in batch]
        prepared, from_rows = [], []
        for _ in range(args.repeats):
            t = time.perf_counter()
            for _ in range(args.rounds):
                model(batch).numpy()
            prepared.append(args.rounds * args.batch / (time.perf_counter() - t))
            t = time.perf_counter()
            for _ in range(args.rounds):
                model(torch.from_numpy(numpy.stack(rows))).numpy()
            from_rows.append(args.rounds * args.batch / (time.perf_counter() - t))
    single.sort()
    pick = lambda p: single[min(len(single) - 1, max(0, -(-p * len(single) // 100) - 1))] * 1000
    print(json.dumps({"single_p50_ms": pick(50), "single_p99_ms": pick(99),
                      "batch_samples_per_second": prepared, "rows_samples_per_second": from_rows}), flush=True)


if __name__ == "__main__":
    main()
