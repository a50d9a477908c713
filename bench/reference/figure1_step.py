"""The Figure-1 network in PyTorch: the reference for bench/run.mjs.

Same network, batch and step protocol as bench/figure1-tfjs.mjs: 784 -> depth x Linear(784) + SELU
-> Linear(10), weights N(0, 1/784), zero biases, plain SGD, synthetic N(0, 1) inputs, each step on
its own pre-built batch. The softmax and the cross-entropy are fused (CrossEntropyLoss on the
logits), as one writes it in PyTorch; the FLOPs are the same.

torch.set_num_threads(1): this Debian build multithreads inside OpenBLAS already, and a second
level of threads oversubscribes a 2-core machine (slower and noisy). See shared FINDINGS.md.

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


def figure1_network(depth: int) -> torch.nn.Sequential:
    layers = []
    for _ in range(depth):
        layers += [torch.nn.Linear(WIDTH, WIDTH), torch.nn.SELU()]
    layers.append(torch.nn.Linear(WIDTH, CLASSES))
    model = torch.nn.Sequential(*layers)
    with torch.no_grad():
        for module in model:
            if isinstance(module, torch.nn.Linear):
                module.weight.normal_(0.0, (1.0 / WIDTH) ** 0.5)
                module.bias.zero_()
    return model


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--task", choices=["train", "predict"], default="train")
    parser.add_argument("--depth", type=int, default=8)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--name", default="pytorch")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = figure1_network(args.depth)
    durations = []
    total = args.warmup + args.steps

    if args.task == "train":
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
        loss_fn = torch.nn.CrossEntropyLoss()
        x = torch.randn(total, args.batch, WIDTH)
        y = torch.randint(0, CLASSES, (total, args.batch))
        model.train()
        for i in range(total):
            start = time.perf_counter()
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[i]), y[i])
            loss.backward()
            optimizer.step()
            elapsed = (time.perf_counter() - start) * 1000
            if i >= args.warmup:
                durations.append(elapsed)
        if not torch.isfinite(loss):
            raise SystemExit(f"loss is {loss.item()}")
    else:
        x = torch.randn(args.batch, WIDTH)
        model.eval()
        with torch.no_grad():
            for i in range(total):
                start = time.perf_counter()
                torch.softmax(model(x), dim=1)
                elapsed = (time.perf_counter() - start) * 1000
                if i >= args.warmup:
                    durations.append(elapsed)

    print(
        "RESULT "
        + json.dumps(
            {
                "name": args.name,
                "backend": "torch",
                "task": args.task,
                "depth": args.depth,
                "batch": args.batch,
                "durations": durations,
                "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "threads": torch.get_num_threads(),
                "torch": torch.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
