/* Links two objects that kilnc made from big_add_relu.onnxtxt under the names
 * first and second into one program: only NAME_run and NAME_info are exported,
 * so the helpers each model defines (its outlined parallel loops) do not clash.
 * Both run on a 2-thread context; the results are checked against the sum and
 * ReLU computed here. */
#include "first.h"
#include "second.h"

#include <stdio.h>

enum { ROWS = 512, COLS = 256 };

static float x[ROWS * COLS], b[COLS], y1[ROWS * COLS], y2[ROWS * COLS];

int main(void) {
  for (int i = 0; i < ROWS * COLS; ++i)
    x[i] = (float)(i % 7) - 3.0f;
  for (int j = 0; j < COLS; ++j)
    b[j] = (float)(j % 5) - 2.0f;
  kiln_context *ctx = kiln_context_create(2);
  if (!ctx || first_run_typed(ctx, x, b, y1) != KILN_OK ||
      second_run_typed(ctx, x, b, y2) != KILN_OK) {
    printf("run failed\n");
    return 1;
  }
  kiln_context_destroy(ctx);
  int bad = 0;
  for (int i = 0; i < ROWS * COLS; ++i) {
    float a = x[i] + b[i % COLS], want = a > 0 ? a : 0;
    bad += y1[i] != want;
    bad += y2[i] != want;
  }
  printf("%s and %s: %d wrong elements\n", first_info()->name, second_info()->name, bad);
  return bad != 0;
}
