"""Runs generated PyTorch files: python3 run_generated.py CASES.json RESULTS.json.

Each case names a generated file, the network to take from build() (0, or 1 for a GAN's discriminator), an optional
weights file with its key prefix, and a batch of inputs. The result per case: the parameter count (batch-norm
running statistics included, as Netwright counts them), the output shape without the batch, and the outputs.
"""
import importlib.util
import json
import sys
import traceback

import torch

torch.set_num_threads(1)
results = []
with open(sys.argv[1]) as f:
    cases = json.load(f)
for i, case in enumerate(cases):
    try:
        spec = importlib.util.spec_from_file_location(f"generated_{i}", case["code"])
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        built = module.build()
        net = built[case["network"]] if isinstance(built, tuple) else built
        if case.get("weights"):
            module.load_weights(net, case["weights"], case.get("prefix", ""))
        net.eval()
        params = sum(p.numel() for p in net.parameters())
        params += sum(b.numel() for name, b in net.named_buffers()
                      if name.endswith("running_mean") or name.endswith("running_var"))
        x = torch.tensor(case["input"], dtype=torch.float32).reshape(case["inputShape"])
        with torch.no_grad():
            y = net(x)
        results.append({"label": case["label"], "params": params, "shape": list(y.shape)[1:],
                        "output": y.flatten().tolist()})
    except Exception:
        results.append({"label": case["label"], "error": traceback.format_exc()})
with open(sys.argv[2], "w") as f:
    json.dump(results, f)
