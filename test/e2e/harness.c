/* harness.c: runs a model compiled with `kilnc --name model` on raw inputs.
 *
 *   harness IN_DIR OUT_DIR [THREADS]
 *
 * Reads IN_DIR/input_<i>.bin (raw little-endian bytes of each input, exactly
 * the size NAME_info() gives), runs model_run and writes OUT_DIR/output_<i>.bin.
 * The conformance runner converts ONNX's .pb tensors to and from these files,
 * so this program needs no protobuf. Exit status: 0 ok, 2 usage/IO, 3 the
 * model returned an error.
 */
#include <kiln/runtime.h>

#include <stdio.h>
#include <stdlib.h>

const kiln_model_info *model_info(void);
kiln_status model_run(kiln_context *ctx, const void *const *inputs, void *const *outputs);

static size_t tensor_bytes(const kiln_tensor_info *t) {
  size_t n = 1, element;
  for (int i = 0; i < t->rank; ++i)
    n *= (size_t)t->shape[i];
  switch (t->dtype) {
  case 1:
  case 6:
  case 12:
    element = 4;
    break;
  case 7:
  case 11:
  case 13:
    element = 8;
    break;
  case 4:
  case 5:
  case 10:
  case 16:
    element = 2;
    break;
  default:
    element = 1;
  }
  return n * element;
}

static void *read_file(const char *dir, int i, size_t bytes) {
  char path[4096];
  snprintf(path, sizeof path, "%s/input_%d.bin", dir, i);
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "harness: cannot open %s\n", path);
    return NULL;
  }
  /* One extra byte so that zero-sized tensors still get a non-NULL buffer. */
  char *data = malloc(bytes + 1);
  size_t got = data ? fread(data, 1, bytes + 1, f) : 0;
  fclose(f);
  if (!data || got != bytes) {
    fprintf(stderr, "harness: %s has %zu bytes, expected %zu\n", path, got, bytes);
    free(data);
    return NULL;
  }
  return data;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: harness IN_DIR OUT_DIR [THREADS]\n");
    return 2;
  }
  const kiln_model_info *info = model_info();
  const void **inputs = calloc((size_t)info->num_inputs + 1, sizeof *inputs);
  void **outputs = calloc((size_t)info->num_outputs + 1, sizeof *outputs);
  for (int i = 0; i < info->num_inputs; ++i)
    if (!(inputs[i] = read_file(argv[1], i, tensor_bytes(&info->inputs[i]))))
      return 2;
  for (int i = 0; i < info->num_outputs; ++i)
    outputs[i] = malloc(tensor_bytes(&info->outputs[i]) + 1);
  kiln_context *ctx = argc > 3 ? kiln_context_create(atoi(argv[3])) : NULL;
  kiln_status s = model_run(ctx, inputs, outputs);
  kiln_context_destroy(ctx);
  if (s != KILN_OK) {
    const char *why = kiln_last_error_message();
    fprintf(stderr, "harness: model_run failed: %s%s%s\n", kiln_status_string(s),
            *why ? ": " : "", why);
    return 3;
  }
  for (int i = 0; i < info->num_outputs; ++i) {
    char path[4096];
    snprintf(path, sizeof path, "%s/output_%d.bin", argv[2], i);
    FILE *f = fopen(path, "wb");
    size_t bytes = tensor_bytes(&info->outputs[i]);
    if (!f || fwrite(outputs[i], 1, bytes, f) != bytes || fclose(f) != 0) {
      fprintf(stderr, "harness: cannot write %s\n", path);
      return 2;
    }
  }
  return 0;
}
