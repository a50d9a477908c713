#!/usr/bin/env bash
# The GPU check of the webgpu backend, for a bare GPU machine: x86-64 Linux with the NVIDIA driver
# and a Python with PyTorch (CUDA), no Node, no network. Everything else comes from the bundle that
# `pnpm gpu:bundle` packs into gpu-bundle/ (git-ignored, < 64 MiB) next to this working tree.
#
#   bench/gpu-check.sh <results-dir> [--allow-software]
#
# It unpacks the bundle (Python's tarfile: no xz needed) into $TMPDIR, prints the WebGPU adapter
# (one line and exit 2 when there is no hardware adapter or no Vulkan driver), runs the WebGPU
# numerics (SELU against float64; the Figure-1 network and the seven architectures against tfjs's
# cpu backend; no leak), then times the Figure-1 training step (batch 128, width 784, depth 8
# and 32) on webgpu, on PyTorch with CUDA and on PyTorch on the CPU, and writes
# gpu-check-<date>.json and .md into <results-dir>. About 2–4 minutes on a GPU; it stops itself
# after 7.5. --allow-software runs on a software adapter (Mesa's llvmpipe) to test the script.
#
# Environment: SNN_GPU_BUNDLE (default <working tree>/gpu-bundle), PYTHON (default python3),
# TMPDIR.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-}"
if [ -z "$out" ] || [ "${out#--}" != "$out" ]; then
  echo "usage: bench/gpu-check.sh <results-dir> [--allow-software]" >&2
  exit 64
fi
shift
mkdir -p "$out"
out="$(cd "$out" && pwd)"
bundle="${SNN_GPU_BUNDLE:-$repo/gpu-bundle}"
python="${PYTHON:-python3}"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "gpu-check: no $python on PATH (it unpacks the bundle and runs the PyTorch reference); set PYTHON" >&2
  exit 2
fi
if [ ! -f "$bundle/manifest.json" ] || [ ! -f "$bundle/snn-gpu-bundle.tar.xz" ]; then
  echo "gpu-check: no bundle in $bundle (manifest.json, snn-gpu-bundle.tar.xz); make it with \`pnpm gpu:bundle\` on a machine with Node and copy gpu-bundle/ here, or set SNN_GPU_BUNDLE" >&2
  exit 2
fi

# Unpack once per bundle (its SHA-256 names the folder), checking the archive against the manifest.
work="$("$python" - "$bundle" "${TMPDIR:-/tmp}" <<'PY'
import hashlib, json, os, sys, tarfile
bundle, tmp = sys.argv[1], sys.argv[2]
manifest = json.load(open(os.path.join(bundle, "manifest.json")))
archive = os.path.join(bundle, manifest["archive"])
digest = hashlib.sha256(open(archive, "rb").read()).hexdigest()
if digest != manifest["sha256"]:
    sys.exit(f"gpu-check: {archive} does not match manifest.json (sha256 {digest[:12]}… ≠ {manifest['sha256'][:12]}…); copy the bundle again")
work = os.path.join(tmp, f"snn-gpu-check-{digest[:16]}")
if not os.path.exists(os.path.join(work, ".complete")):
    partial = work + ".partial"
    with tarfile.open(archive, "r:xz") as tar:
        root = os.path.realpath(partial)
        for member in tar.getmembers():
            target = os.path.realpath(os.path.join(partial, member.name))
            if not (target == root or target.startswith(root + os.sep)) or member.issym() or member.islnk():
                sys.exit(f"gpu-check: {archive} holds an entry outside its folder or a link: {member.name}")
        tar.extractall(partial)
    open(os.path.join(partial, ".complete"), "w").close()
    os.replace(partial, work)
print(work)
PY
)"

# The scripts travel with the working tree; the modules they import come from the bundle.
rm -rf "$work/bench"
mkdir -p "$work/bench/lib"
cp "$repo/bench/gpu-check.mjs" "$work/bench/"
cp "$repo"/bench/lib/*.mjs "$work/bench/lib/"

export PATH="$work/node/bin:$PATH"
export LD_LIBRARY_PATH="$work/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# Mesa's EGL without a display (software adapter only); harmless with the NVIDIA driver.
export EGL_PLATFORM="${EGL_PLATFORM:-surfaceless}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"

echo "gpu-check: $("$work/node/bin/node" --version) from the bundle, working tree $repo"
status=0
timeout --kill-after=10 450 "$work/node/bin/node" "$work/bench/gpu-check.mjs" \
  --out "$out" --repo "$repo" --python "$python" "$@" || status=$?
if [ "$status" = 124 ] || [ "$status" = 137 ]; then
  echo "gpu-check: stopped after 7.5 minutes; what finished is in the lines above" >&2
fi
exit "$status"
