# Sourced by the netwright launcher: the environment libtorch's CPU kernels run best in. Why, with the measurements:
# docs/training.md, "CPU threads and oneMKL".
#
# netwright_cpu_env ROOT
#   - GOMP_SPINCOUNT=10000 unless OMP_WAIT_POLICY or GOMP_SPINCOUNT is set already: libtorch's OpenMP threads wait
#     about 0.3 ms for the next parallel region before they sleep. With OMP_WAIT_POLICY=PASSIVE (sleep at once) each
#     two-thread oneMKL product woke its helper thread and took as long as one thread; with libgomp's default they
#     spin about 7 ms after every region, taking a core from the rest of the process and the machine.
#   - MALLOC_MMAP_THRESHOLD_=32 MiB and MALLOC_TRIM_THRESHOLD_=256 MiB (glibc's allocator) unless either is set
#     already: tensors under 32 MiB come from the allocator's heaps and freed memory stays there for the next batch,
#     instead of a fresh mmap per large tensor whose pages the kernel faults in and zeroes, and an munmap when it is
#     freed (glibc's default only raises its 128 KiB threshold as large blocks get freed, per process history).
#   - MALLOC_ARENA_MAX=1 unless set already: every thread allocates from glibc's main heap. Any other thread gets an
#     arena of its own, whose memory comes in heaps of at most 64 MiB that glibc unmaps as soon as one is wholly
#     free, whatever the thresholds above: the app's in-process worker trains on such a thread, and a CPU profile of a
#     platform run had 8.6 % of its training thread's CPU in page faults (fresh pages for the next batch's tensors)
#     against 0.5 % with one arena, and against 1.3 % for the command line, which trains on the process's first thread.
#   - on x86-64 AMD CPUs, preloads the oneMKL CPU dispatch library (scripts/native/mkl_cpu_dispatch.c), built here
#     with gcc into ROOT/target/native, so that oneMKL uses its AVX2/AVX-512 kernels. NETWRIGHT_MKL_DISPATCH=0 turns
#     that off; without gcc the launcher says so once and runs without it.
NETWRIGHT_GOMP_SPINCOUNT=10000
NETWRIGHT_MALLOC_MMAP_THRESHOLD=33554432
NETWRIGHT_MALLOC_TRIM_THRESHOLD=268435456
NETWRIGHT_MALLOC_ARENA_MAX=1

netwright_cpu_env() {
    if [ -z "${OMP_WAIT_POLICY:-}" ] && [ -z "${GOMP_SPINCOUNT:-}" ]; then
        export GOMP_SPINCOUNT="$NETWRIGHT_GOMP_SPINCOUNT"
    fi
    if [ -z "${MALLOC_MMAP_THRESHOLD_:-}" ] && [ -z "${MALLOC_TRIM_THRESHOLD_:-}" ]; then
        export MALLOC_MMAP_THRESHOLD_="$NETWRIGHT_MALLOC_MMAP_THRESHOLD"
        export MALLOC_TRIM_THRESHOLD_="$NETWRIGHT_MALLOC_TRIM_THRESHOLD"
    fi
    if [ -z "${MALLOC_ARENA_MAX:-}" ]; then
        export MALLOC_ARENA_MAX="$NETWRIGHT_MALLOC_ARENA_MAX"
    fi
    if [ "${NETWRIGHT_MKL_DISPATCH:-1}" != 1 ] || [ "$(uname -m)" != x86_64 ] \
            || ! grep -q -m1 AuthenticAMD /proc/cpuinfo 2>/dev/null; then
        return 0
    fi
    local lib="$1/target/native/libnetwright-mkl-cpu-dispatch.so"
    if sh "$1/scripts/build-mkl-cpu-dispatch.sh" "$lib"; then
        case ":${LD_PRELOAD:-}:" in
            *":$lib:"*) ;;
            *) export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}" ;;
        esac
    fi
}
