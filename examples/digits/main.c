/* main.c: classifies the held-out digits with the Kiln-compiled model.
 *
 *   kilnc digits.onnx -o digits.o          # writes digits.o and digits.h
 *   cc main.c digits.o $(kilnc --print-runtime-flags) -o digits
 *   ./digits digits_test.bin
 *
 * Prints "accuracy C/N = P%", the same line train.py writes to
 * expected_accuracy.txt from its fp32 reference.
 */
#include "digits.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "digits_test.bin";
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return 1;
  }
  uint32_t count;
  if (fread(&count, sizeof count, 1, f) != 1 || count == 0 || count > 100000) {
    fprintf(stderr, "%s: bad header\n", path);
    return 1;
  }
  float *pixels = malloc(sizeof(float) * 64 * count);
  uint8_t *labels = malloc(count);
  if (!pixels || !labels || fread(pixels, sizeof(float) * 64, count, f) != count ||
      fread(labels, 1, count, f) != count) {
    fprintf(stderr, "%s: truncated\n", path);
    return 1;
  }
  fclose(f);

  kiln_context *ctx = kiln_context_create(1);
  unsigned correct = 0;
  for (uint32_t i = 0; i < count; ++i) {
    float logits[10];
    kiln_status s = digits_run_typed(ctx, pixels + 64 * i, logits);
    if (s != KILN_OK) {
      fprintf(stderr, "digits_run: %s\n", kiln_status_string(s));
      return 1;
    }
    int best = 0;
    for (int k = 1; k < 10; ++k)
      if (logits[k] > logits[best])
        best = k;
    correct += best == labels[i];
  }
  kiln_context_destroy(ctx);
  printf("accuracy %u/%u = %.2f%%\n", correct, count, 100.0 * correct / count);
  free(pixels);
  free(labels);
  return 0;
}
