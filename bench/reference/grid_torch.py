"""The bench:grid slice in PyTorch: the reference for bench/grid.mjs.

Trains the configurations bench/grid.mjs lists (a plan JSON) on the prepared UCI units it exported
(a binary file: the rows, split and standardized by our own `uciUnit`), as our `buildFnn` builds the
seven networks (packages/snn-layers), with the same budget: plain SGD at the configuration's
learning rate, batch 32, softmax cross-entropy, the epochs of the plan, and after every epoch an
accuracy on the validation rows and on the test rows (eval mode). The networks are those of
torch_networks.py beside this file, buildFnn's seven layer for layer (the same function
build-fnn-torch.test.ts checks buildFnn against on float64 fixtures); numerical equality of the
runs is not the point, the cost of a configuration is.

Threads: before the run it trains one configuration (the plan's `probe`) once per thread setting,
each in a fresh process with OPENBLAS_NUM_THREADS set before torch loads, and keeps the setting with
the most configurations per hour on the machine (processes in parallel = cores ÷ threads). The run
then trains every configuration in a pool of that many processes, longest first. CPU time is that
of the pool's processes (getrusage of the waited children), the probe excluded.

With --probe-only it only probes (and names the BLAS); with --setting LABEL it skips the probe
and trains with that setting, and --dataset NAME trains only that data set's configurations: so
bench/grid.mjs probes once, then alternates data set by data set with our side.

Prints one line: RESULT {json}.

  /usr/bin/python3 bench/reference/grid_torch.py --data units.bin --plan plan.json
  /usr/bin/python3 bench/reference/grid_torch.py --data units.bin --plan plan.json --probe-only
  /usr/bin/python3 bench/reference/grid_torch.py --data units.bin --plan plan.json \
      --setting "torch 1 thread, OPENBLAS_NUM_THREADS=1" --dataset iris
"""

import argparse
import json
import math
import multiprocessing
import os
import resource
import struct
import time

from torch_networks import network

SETTINGS = [
    {"label": "torch 1 thread, OPENBLAS_NUM_THREADS=1", "torch": 1, "openblas": 1},
    {"label": "torch 1 thread, OPENBLAS_NUM_THREADS=2", "torch": 1, "openblas": 2},
    {"label": "torch 2 threads, OPENBLAS_NUM_THREADS=2", "torch": 2, "openblas": 2},
]

_units = None
_data_path = None


def read_units(path):
    """The units file: a uint32 header length, a JSON header, then float32/int32 arrays."""
    import numpy as np

    with open(path, "rb") as f:
        blob = f.read()
    (length,) = struct.unpack_from("<I", blob, 0)
    header = json.loads(blob[4 : 4 + length].decode("utf8"))
    base = 4 + length
    units = {}
    for unit in header["units"]:
        parts = {}
        for part in ("train", "validation", "test"):
            p = unit[part]
            x = np.frombuffer(blob, np.float32, p["n"] * p["d"], base + p["x"]).reshape(p["n"], p["d"])
            y = np.frombuffer(blob, np.int32, p["n"], base + p["y"])
            parts[part] = (x.copy(), y.astype(np.int64))
        units[unit["dataset"]] = {"outputs": unit["outputs"], **parts}
    return units


def init_worker(path, threads):
    global _units, _data_path
    import torch

    torch.set_num_threads(threads)
    _data_path = path
    _units = read_units(path)


def train(task):
    """One configuration: {index, dataset, config, epochs, batchSize, seed} -> its timing and curves."""
    import torch

    unit = _units[task["dataset"]]
    start, cpu0 = time.perf_counter(), time.process_time()
    torch.manual_seed(task["seed"])
    x, y = (torch.from_numpy(a) for a in unit["train"])
    xv, yv = (torch.from_numpy(a) for a in unit["validation"])
    xt, yt = (torch.from_numpy(a) for a in unit["test"])
    config = task["config"]
    model = network(config, x.shape[1], unit["outputs"], torch)
    optimizer = torch.optim.SGD(model.parameters(), lr=config["lr"])
    loss_fn = torch.nn.CrossEntropyLoss()
    batch = task["batchSize"]
    losses, validation, test = [], [], []
    for _ in range(task["epochs"]):
        model.train()
        order = torch.randperm(x.shape[0])
        total = 0.0
        for i in range(0, x.shape[0], batch):
            idx = order[i : i + batch]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
            total += loss.item() * idx.shape[0]
        losses.append(total / x.shape[0])
        model.eval()
        with torch.no_grad():
            validation.append((model(xv).argmax(1) == yv).float().mean().item())
            test.append((model(xt).argmax(1) == yt).float().mean().item())
    return {
        "index": task["index"],
        "dataset": task["dataset"],
        "arch": config["arch"],
        "key": task.get("key"),
        "seconds": time.perf_counter() - start,
        "cpuSeconds": time.process_time() - cpu0,
        # A diverged run (deep MSRA or highway with dropout 0.5) ends in NaN: JSON has no NaN.
        "finalLoss": losses[-1] if math.isfinite(losses[-1]) else None,
        "bestValidation": max(validation),
        "finalTest": test[-1],
    }


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_pool(data, tasks, setting, processes):
    """Trains `tasks` in a fresh pool; (results, wall seconds, CPU seconds of the pool)."""
    os.environ["OPENBLAS_NUM_THREADS"] = str(setting["openblas"])
    os.environ["OMP_NUM_THREADS"] = str(setting["torch"])
    context = multiprocessing.get_context("spawn")
    cpu0, start = children_cpu(), time.perf_counter()
    with context.Pool(processes, initializer=init_worker, initargs=(data, setting["torch"])) as pool:
        results = list(pool.imap_unordered(train, tasks, chunksize=1))
        pool.close()
        pool.join()
    return results, time.perf_counter() - start, children_cpu() - cpu0


def blas_and_version():
    """The BLAS libraries mapped into a torch process (/proc/self/maps) and torch's version."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(_blas_probe)


def _blas_probe():
    import torch

    found = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split()
            name = fields[-1].rsplit("/", 1)[-1] if len(fields) >= 6 else ""
            if any(key in name for key in ("blas", "blis", "mkl")):
                found.add(fields[-1])
    return sorted(found), torch.__version__


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--cores", type=int, default=os.cpu_count())
    parser.add_argument("--probe-only", action="store_true")
    parser.add_argument("--setting", choices=[s["label"] for s in SETTINGS])
    parser.add_argument("--dataset")
    args = parser.parse_args()
    with open(args.plan) as f:
        plan = json.load(f)
    tasks = plan["tasks"]
    probe_task = tasks[plan["probe"]]
    if args.dataset is not None:
        tasks = [t for t in tasks if t["dataset"] == args.dataset]
        if not tasks:
            parser.error(f"--dataset {args.dataset}: the plan has no configuration of that data set")

    probe = []
    for setting in SETTINGS if args.setting is None else []:
        (result,), wall, cpu = run_pool(args.data, [probe_task], setting, 1)
        # A process runs as many threads as the larger of the two settings; the cores take that
        # many such processes side by side.
        processes = max(1, args.cores // max(setting["torch"], setting["openblas"]))
        probe.append(
            {
                **setting,
                "wallSeconds": result["seconds"],
                "cpuSeconds": result["cpuSeconds"],
                "processWallSeconds": wall,
                "processCpuSeconds": cpu,
                "processes": processes,
                "throughputPerHour": processes * 3600 / result["seconds"],
            }
        )
    if args.setting is None:
        chosen = max(probe, key=lambda p: p["throughputPerHour"])
    else:
        setting = next(s for s in SETTINGS if s["label"] == args.setting)
        threads = max(setting["torch"], setting["openblas"])
        chosen = {**setting, "processes": max(1, args.cores // threads)}

    if args.probe_only:
        results, wall, cpu = [], 0.0, 0.0
    else:
        # Longest first, so that the pool does not end on one long configuration.
        order = sorted(tasks, key=lambda t: -t["cost"])
        results, wall, cpu = run_pool(args.data, order, chosen, chosen["processes"])
        results.sort(key=lambda r: r["index"])
    blas, version = blas_and_version()
    print(
        "RESULT "
        + json.dumps(
            {
                "torch": version,
                "blas": blas,
                "probe": probe,
                "chosen": chosen,
                "wallSeconds": wall,
                "cpuSeconds": cpu,
                "results": results,
            }
        )
    )


if __name__ == "__main__":
    main()
