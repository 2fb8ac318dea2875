#!/bin/sh
# Builds scripts/native/mkl_cpu_dispatch.c into the shared library OUT with this machine's gcc (the source is the
# whole of it; nothing is downloaded). Exits 0 when OUT is up to date or was built, 1 with a message when there is no
# gcc (callers then run without it: oneMKL keeps its generic kernels on AMD CPUs, results are the same, slower).
#
# Usage: build-mkl-cpu-dispatch.sh OUT
set -eu
out=$1
src="$(cd "$(dirname "$0")" && pwd)/native/mkl_cpu_dispatch.c"
if [ -f "$out" ] && [ "$out" -nt "$src" ]; then
    exit 0
fi
cc=${CC:-gcc}
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "netwright: no $cc, so oneMKL keeps its generic matrix kernels on this AMD CPU (install gcc for the faster ones;" \
         "docs/training.md, \"CPU threads and oneMKL\")" >&2
    exit 1
fi
mkdir -p "$(dirname "$out")"
tmp="$out.$$"
"$cc" -O2 -shared -fPIC -o "$tmp" "$src"
mv "$tmp" "$out"
