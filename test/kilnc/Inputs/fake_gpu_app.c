/* Runs weighted_relu (compiled with --target=cuda) against fake_libcuda.c: twice
 * on one context, then once without. */
#include "weighted_relu.h"

#include <stdio.h>

int main(void) {
  float x[6] = {-1, 2, -3, 4, -5, 6}, y[6];
  kiln_context *ctx = kiln_context_create(1);
  for (int run = 1; run <= 2; ++run) {
    printf("context run %d\n", run);
    kiln_status s = weighted_relu_run_typed(ctx, x, y);
    printf("status %s %s\n", kiln_status_string(s), kiln_last_error_message());
  }
  printf("destroy\n");
  kiln_context_destroy(ctx);
  printf("no context\n");
  printf("status %s\n", kiln_status_string(weighted_relu_run_typed(NULL, x, y)));
  return 0;
}
