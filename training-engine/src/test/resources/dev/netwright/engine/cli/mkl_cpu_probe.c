/* Loads libtorch_cpu.so (argv[1]) and prints the code of the kernel family oneMKL chose for this CPU: 0 generic, 5 AVX2,
 * 7 AVX-512 (oneMKL 2024.0 in libtorch 2.7.1). Built and run by CpuEnvironmentTest. */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv) {
    void *torch = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
    if (!torch) {
        fprintf(stderr, "%s\n", dlerror());
        return 2;
    }
    int (*detect)(void) = (int (*)(void)) dlsym(torch, "mkl_serv_cpu_detect");
    if (!detect) {
        fprintf(stderr, "no mkl_serv_cpu_detect in %s\n", argv[1]);
        return 3;
    }
    printf("%d\n", detect());
    return 0;
}
