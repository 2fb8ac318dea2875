#!/usr/bin/env python3
"""PyTorch HTTP peer for Netwright's API benchmark (started by dev.netwright.tests.bench.ApiBenchmark).

Serves one trained model the way Netwright's prediction API does, with the standard library's HTTP server and
Debian's python3-torch, from the model ZIP that GET /api/runs/{id}/artifact downloads (unpacked): the exported
pytorch/model.py and pytorch/weights.npz (same architecture, weights and output activation), and model.json for
what the PyTorch code leaves out, the normalisation fitted in training and the class names. Endpoints (any path
ending so, so that the client's URLs are Netwright's):

  POST .../predict      {"input": sample} or {"inputs": [samples]}, samples as nested number arrays;
                        answers {"predictions": [{"label", "classIndex", "probabilities"}...]} as Netwright does
  POST .../predict-csv  multipart/form-data with a "file" part: a CSV with a header line and one sample per row;
                        answers the same CSV with "predicted" and one "p(class)" column per class appended, streamed
                        (chunked) 512 rows per forward pass, as Netwright does

Inputs are normalised with the training statistics, then run under torch.no_grad() with the given thread count.
Prints {"port": N} on stdout once it listens; stops on SIGTERM.
"""
import argparse
import csv
import importlib.util
import io
import json
import os
import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy
import torch

CSV_CHUNK = 512  # rows per forward pass, as Netwright's PredictionService


class Model:
    """The exported network plus what model.json says about its inputs and outputs."""

    def __init__(self, model_dir):
        with open(os.path.join(model_dir, "model.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        self.width = 1
        for d in manifest["inputShape"]:
            self.width *= int(d)
        self.classes = manifest.get("classNames") or []
        self.task = manifest.get("task")
        self.offset, self.scale = normaliser(manifest.get("normaliser"), self.width)
        spec = importlib.util.spec_from_file_location("exported", os.path.join(model_dir, "pytorch", "model.py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        self.net = module.build()
        module.load_weights(self.net, os.path.join(model_dir, "pytorch", "weights.npz"))
        self.net.eval()

    def forward(self, rows):
        """rows: float32 array (n, width) of raw samples; the output activation's values, (n, k)."""
        x = rows.reshape(rows.shape[0], self.width)
        if self.offset is not None:
            x = (x - self.offset) / self.scale
        with torch.no_grad():
            return self.net(torch.from_numpy(numpy.ascontiguousarray(x, dtype=numpy.float32))).numpy()

    def answer(self, out):
        """One sample's answer as Netwright's JSON names it (classifiers with one output per class)."""
        best = int(out.argmax())
        values = out.tolist()
        return {"label": self.classes[best], "classIndex": best, "probabilities": dict(zip(self.classes, values)),
                "values": None}


def normaliser(text, width):
    """Offset and scale from the Java properties text model.json carries (kind, width, offset, scale)."""
    if not text:
        return None, None
    props = {}
    for line in text.splitlines():
        line = line.strip()
        if line and line[0] not in "#!" and "=" in line:
            key, value = line.split("=", 1)
            props[key.strip()] = value.strip()
    offset = numpy.array([float(v) for v in props["offset"].split(",")], dtype=numpy.float32)
    scale = numpy.array([float(v) for v in props["scale"].split(",")], dtype=numpy.float32)
    if offset.shape[0] != width:
        raise ValueError("normaliser width %d, model width %d" % (offset.shape[0], width))
    return offset, scale


def multipart_file(body, content_type):
    """The bytes of the first file part of a multipart/form-data body."""
    boundary = None
    for part in content_type.split(";"):
        part = part.strip()
        if part.startswith("boundary="):
            boundary = part[len("boundary="):].strip('"')
    if boundary is None:
        raise ValueError("no multipart boundary")
    delimiter = b"--" + boundary.encode("ascii")
    for part in body.split(delimiter)[1:]:
        if part.startswith(b"--"):
            break
        head, _, content = part.partition(b"\r\n\r\n")
        if b'name="file"' in head:
            return content[:-2] if content.endswith(b"\r\n") else content
    raise ValueError("no file part")


def handler_for(model):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the Java client expects
        disable_nagle_algorithm = True  # headers and body go out in separate writes; Tomcat sets TCP_NODELAY too

        def log_message(self, fmt, *args):
            pass

        def do_POST(self):
            try:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.path.endswith("/predict"):
                    self.predict(body)
                elif self.path.endswith("/predict-csv"):
                    self.predict_csv(body)
                else:
                    self.fail(404, "no such endpoint")
            except (ValueError, KeyError, IndexError) as e:
                self.fail(400, str(e))

        def predict(self, body):
            request = json.loads(body)
            samples = request["inputs"] if "inputs" in request else [request["input"]]
            rows = numpy.asarray(samples, dtype=numpy.float32)  # Netwright's "millis" starts after reading the body
            start = time.perf_counter()
            out = model.forward(rows)
            answers = [model.answer(row) for row in out]
            millis = (time.perf_counter() - start) * 1000
            data = json.dumps({"model": self.path.split("/")[-2], "task": model.task, "predictions": answers,
                               "millis": millis}).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def predict_csv(self, body):
            text = multipart_file(body, self.headers.get("Content-Type", "")).decode("utf-8")
            reader = csv.reader(io.StringIO(text, newline=""))
            header = next(reader)
            self.send_response(200)
            self.send_header("Content-Type", "text/csv;charset=UTF-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(header + ["predicted"] + ["p(%s)" % c for c in model.classes])
            pending = []
            for cells in reader:
                if len(cells) == 1 and not cells[0].strip():
                    continue
                pending.append(cells)
                if len(pending) == CSV_CHUNK:
                    self.write_rows(writer, buffer, pending)
                    pending = []
            if pending:
                self.write_rows(writer, buffer, pending)
            self.chunk(buffer.getvalue().encode("utf-8"))
            self.wfile.write(b"0\r\n\r\n")

        def write_rows(self, writer, buffer, rows):
            out = model.forward(numpy.array(rows, dtype=numpy.float32))
            for cells, row in zip(rows, out):
                best = int(row.argmax())
                writer.writerow(cells + [model.classes[best]] + ["%#.6g" % v for v in row.tolist()])
            if buffer.tell() >= 64 * 1024:  # Netwright's answer goes out through a 64 KiB buffer
                self.chunk(buffer.getvalue().encode("utf-8"))
                buffer.seek(0)
                buffer.truncate()

        def chunk(self, data):
            if data:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

        def fail(self, status, message):
            data = json.dumps({"detail": message}).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model_dir", help="the unpacked model ZIP of a run")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=0, help="0: a free port, printed on stdout")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(args.threads)
    model = Model(args.model_dir)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler_for(model))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(json.dumps({"port": server.server_address[1]}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
