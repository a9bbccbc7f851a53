/* A stand-in for libcuda.so.1 that runs no kernels: it logs the driver calls the
 * runtime makes for a --target=cuda model, to stdout, so that a test can check the
 * host side (module loaded once, launches, copies, weights uploaded once per
 * context) on a machine without a GPU. "Device" memory is host memory.
 * FAKE_CUDA_NO_MEMORY makes every allocation fail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
typedef unsigned long long CUdeviceptr;

CUresult cuInit(unsigned flags) {
  printf("cuInit\n");
  return 0;
}
CUresult cuDeviceGet(int *device, int ordinal) {
  *device = ordinal;
  return 0;
}
CUresult cuDevicePrimaryCtxRetain(void **ctx, int device) {
  static int context;
  *ctx = &context;
  return 0;
}
CUresult cuCtxSetCurrent(void *ctx) { return 0; }
CUresult cuModuleLoadData(void **module, const void *image) {
  const char *ptx = image;
  const char *target = strstr(ptx, ".target ");
  int entries = 0;
  for (const char *p = ptx; (p = strstr(p, ".entry ")); ++p)
    ++entries;
  printf("cuModuleLoadData %.*s, %d kernels\n", target ? (int)strcspn(target, "\n") : 0,
         target ? target : "", entries);
  static int loaded;
  *module = &loaded;
  return 0;
}
CUresult cuModuleGetFunction(void **function, void *module, const char *name) {
  if (strncmp(name, "main_kernel", 11) != 0)
    return 500; /* CUDA_ERROR_NOT_FOUND */
  *function = (void *)name;
  return 0;
}
CUresult cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz, unsigned bx,
                        unsigned by, unsigned bz, unsigned smem, void *stream,
                        void **params, void **extra) {
  printf("cuLaunchKernel %s grid %ux%ux%u block %ux%ux%u\n", (const char *)f, gx, gy, gz,
         bx, by, bz);
  return 0;
}
CUresult cuMemAlloc_v2(CUdeviceptr *p, size_t bytes) {
  printf("cuMemAlloc %zu\n", bytes);
  if (getenv("FAKE_CUDA_NO_MEMORY"))
    return 2; /* CUDA_ERROR_OUT_OF_MEMORY */
  *p = (CUdeviceptr)(size_t)calloc(1, bytes);
  return *p ? 0 : 2;
}
CUresult cuMemFree_v2(CUdeviceptr p) {
  printf("cuMemFree\n");
  free((void *)(size_t)p);
  return 0;
}
CUresult cuMemcpy(CUdeviceptr dst, CUdeviceptr src, size_t bytes) {
  printf("cuMemcpy %zu\n", bytes);
  memcpy((void *)(size_t)dst, (const void *)(size_t)src, bytes);
  return 0;
}
CUresult cuMemsetD32_v2(CUdeviceptr dst, unsigned value, size_t n) { return 0; }
CUresult cuMemsetD16_v2(CUdeviceptr dst, unsigned short value, size_t n) { return 0; }
CUresult cuCtxSynchronize(void) {
  printf("cuCtxSynchronize\n");
  return 0;
}
CUresult cuGetErrorString(CUresult r, const char **s) {
  *s = r == 500 ? "named symbol not found" : r == 2 ? "out of memory" : "error";
  return 0;
}
