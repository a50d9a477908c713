"""The Figure-1 network in PyTorch: the reference for bench/run.mjs.

Same network, batch and step protocol as bench/figure1-tfjs.mjs: 784 -> depth x Linear(784) + SELU
-> Linear(10), weights N(0, 1/784), zero biases, plain SGD, synthetic N(0, 1) inputs, each step on
its own pre-built batch (task `uci`: the same with width 1024 and 2 classes). The softmax and the
cross-entropy are fused (CrossEntropyLoss on the logits), as one writes it in PyTorch; the FLOPs
are the same.

The result names the BLAS libraries mapped into this process (/proc/self/maps): Debian links
PyTorch to whichever libblas.so.3 its alternatives select, the reference libblas3 when
libopenblas0-pthread is missing, and bench/run.mjs refuses ratios against that.

torch.set_num_threads(1): this Debian build multithreads inside OpenBLAS already, and a second
level of threads oversubscribes a 2-core machine (slower and noisy). See shared FINDINGS.md.

--device cuda runs the same on an NVIDIA GPU (bench/gpu-check.sh): each step ends with
torch.cuda.synchronize(), so that its time holds the GPU's work.

Prints one line: RESULT {json}.

  /usr/bin/python3 bench/reference/figure1_step.py --task train --depth 8 --batch 128 --steps 30 --warmup 5
"""

import argparse
import json
import resource
import time

import torch

WIDTH = 784
CLASSES = 10


def network(depth: int, width: int, classes: int) -> torch.nn.Sequential:
    layers = []
    for _ in range(depth):
        layers += [torch.nn.Linear(width, width), torch.nn.SELU()]
    layers.append(torch.nn.Linear(width, classes))
    model = torch.nn.Sequential(*layers)
    with torch.no_grad():
        for module in model:
            if isinstance(module, torch.nn.Linear):
                module.weight.normal_(0.0, (1.0 / width) ** 0.5)
                module.bias.zero_()
    return model


def blas_libraries() -> list:
    """The BLAS-like shared objects mapped into this process, by their real paths."""
    found = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            name = path.rsplit("/", 1)[-1]
            if any(key in name for key in ("blas", "blis", "mkl")):
                found.add(path)
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--task", choices=["train", "predict", "uci"], default="train")
    parser.add_argument("--depth", type=int, default=8)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--name", default="pytorch")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--width", type=int, default=WIDTH)
    parser.add_argument("--classes", type=int, default=CLASSES)
    parser.add_argument("--device", default="cpu", help="cpu or cuda")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    device = torch.device(args.device)
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    model = network(args.depth, args.width, args.classes).to(device)
    durations = []
    total = args.warmup + args.steps

    if args.task in ("train", "uci"):
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
        loss_fn = torch.nn.CrossEntropyLoss()
        x = torch.randn(total, args.batch, args.width).to(device)
        y = torch.randint(0, args.classes, (total, args.batch)).to(device)
        model.train()
        sync()
        for i in range(total):
            start = time.perf_counter()
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[i]), y[i])
            loss.backward()
            optimizer.step()
            sync()
            elapsed = (time.perf_counter() - start) * 1000
            if i >= args.warmup:
                durations.append(elapsed)
        if not torch.isfinite(loss):
            raise SystemExit(f"loss is {loss.item()}")
    else:
        x = torch.randn(args.batch, args.width).to(device)
        model.eval()
        with torch.no_grad():
            for i in range(total):
                start = time.perf_counter()
                torch.softmax(model(x), dim=1)
                sync()
                elapsed = (time.perf_counter() - start) * 1000
                if i >= args.warmup:
                    durations.append(elapsed)

    print(
        "RESULT "
        + json.dumps(
            {
                "backend": "torch",
                "durations": durations,
                "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "extra": {
                    "threads": torch.get_num_threads(),
                    "device": (
                        torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"
                    ),
                    "torch": torch.__version__,
                    "blasLibraries": blas_libraries(),
                },
            }
        )
    )


if __name__ == "__main__":
    main()
