/* Links the object kilnc makes from add_relu.onnxtxt and checks the fixed C
 * interface: NAME_info's tables, NAME_run's results (computed here by hand),
 * and KILN_ERROR_INVALID_ARGUMENT for NULL pointers. */
#include "add_relu.h"

#include <stdio.h>
#include <string.h>

int main(void) {
  const kiln_model_info *info = add_relu_info();
  printf("model %s inputs %d outputs %d workspace %llu\n", info->name, info->num_inputs,
         info->num_outputs, (unsigned long long)info->workspace_bytes);
  for (int i = 0; i < info->num_inputs; ++i)
    printf("input %d %s dtype %d rank %d dim0 %lld\n", i, info->inputs[i].name,
           info->inputs[i].dtype, info->inputs[i].rank,
           (long long)info->inputs[i].shape[0]);
  for (int i = 0; i < info->num_outputs; ++i)
    printf("output %d %s dtype %d rank %d shape %lldx%lld\n", i, info->outputs[i].name,
           info->outputs[i].dtype, info->outputs[i].rank,
           (long long)info->outputs[i].shape[0], (long long)info->outputs[i].shape[1]);

  float x[6] = {-1, 2, -3, 4, -5, 6}, b[3] = {0.5f, -2.5f, 3.5f}, y[6];
  bool z[6];
  int bad = 0;
  for (int threads = 0; threads <= 2; ++threads) {
    kiln_context *ctx = threads ? kiln_context_create(threads) : NULL;
    memset(y, 0xff, sizeof y);
    kiln_status s = add_relu_run_typed(ctx, x, b, y, z);
    kiln_context_destroy(ctx);
    if (s != KILN_OK) {
      printf("run failed: %s\n", kiln_status_string(s));
      return 1;
    }
    for (int i = 0; i < 6; ++i) {
      float a = x[i] + b[i % 3];
      float want = a > 0 ? a : 0;
      if (y[i] != want || z[i] != (want < x[i]))
        ++bad;
    }
  }
  printf("mismatches %d\n", bad);

  const void *inputs[] = {x, b};
  void *outputs[] = {y, z};
  const void *nullInput[] = {x, NULL};
  void *nullOutput[] = {NULL, z};
  printf("null arrays: %s\n", kiln_status_string(add_relu_run(NULL, NULL, NULL)));
  printf("null input: %d\n", add_relu_run(NULL, nullInput, outputs));
  printf("null output: %d\n", add_relu_run(NULL, inputs, nullOutput));
  return bad != 0;
}
