/* Runs matmul.onnxtxt's object on 1- and 2-thread contexts and compares with the
 * product computed here (the same sums in the same order up to FMA rounding). */
#include "matmul.h"

#include <math.h>
#include <stdio.h>

int main(void) {
  float a[8 * 16], b[16 * 64], y[8 * 64];
  for (int i = 0; i < 8 * 16; ++i)
    a[i] = (float)((i * 7) % 13) - 6.0f;
  for (int i = 0; i < 16 * 64; ++i)
    b[i] = (float)((i * 5) % 11) * 0.25f - 1.0f;
  int bad = 0;
  for (int threads = 1; threads <= 2; ++threads) {
    kiln_context *ctx = kiln_context_create(threads);
    if (matmul_run_typed(ctx, a, b, y) != KILN_OK)
      return 1;
    kiln_context_destroy(ctx);
    for (int m = 0; m < 8; ++m)
      for (int n = 0; n < 64; ++n) {
        float want = 0;
        for (int k = 0; k < 16; ++k)
          want += a[m * 16 + k] * b[k * 64 + n];
        if (fabsf(y[m * 64 + n] - want) > 1e-4f * (1 + fabsf(want)))
          ++bad;
      }
  }
  printf("mismatches %d\n", bad);
  return bad != 0;
}
