/* Links the object kilnc --target=cuda makes from add_relu.onnxtxt and runs it
 * where no CUDA driver can be loaded: every run must return
 * KILN_ERROR_DEVICE_UNAVAILABLE with a message, with and without a context,
 * and argument checks still come first. */
#include "add_relu.h"

#include <stdio.h>

int main(void) {
  const kiln_model_info *info = add_relu_info();
  printf("model %s workspace %llu\n", info->name,
         (unsigned long long)info->workspace_bytes);
  float x[6] = {-1, 2, -3, 4, -5, 6}, b[3] = {0.5f, -2.5f, 3.5f}, y[6];
  bool z[6];
  for (int threads = 0; threads <= 1; ++threads) {
    kiln_context *ctx = threads ? kiln_context_create(threads) : NULL;
    kiln_status s = add_relu_run_typed(ctx, x, b, y, z);
    printf("context %d: status %d (%s): %s\n", threads, s, kiln_status_string(s),
           kiln_last_error_message());
    kiln_context_destroy(ctx);
  }
  printf("null arrays: %s\n", kiln_status_string(add_relu_run(NULL, NULL, NULL)));
  return 0;
}
