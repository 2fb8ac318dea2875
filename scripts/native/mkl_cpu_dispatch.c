/*
 * Preloaded into Netwright's JVM on AMD CPUs (scripts/cpu-env.sh): libtorch 2.7.1 links oneMKL statically and exports
 * its service functions, and oneMKL asks mkl_serv_intel_cpu_true() whether the CPU is Intel before it looks at the
 * CPU's features. On AMD the answer is 0 and every float32 matrix product takes oneMKL's generic kernels
 * (mkl_blas_def_*); with this definition, which the dynamic linker binds ahead of libtorch's own, oneMKL picks its
 * kernels from the features the CPU reports (AVX2, AVX-512), as on an Intel CPU with the same features.
 * On Intel CPUs it changes nothing (the function returns 1 there too). See docs/training.md, "CPU threads and oneMKL".
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}

/* Lets a process (the benchmark's header, tests) see that this library is the one bound. */
const char netwright_mkl_cpu_dispatch[] = "netwright mkl cpu dispatch 1";
