/* status.c: status strings. */
#include "kiln/runtime.h"

const char *kiln_status_string(kiln_status s) {
  switch (s) {
  case KILN_OK:
    return "ok";
  case KILN_ERROR_INVALID_ARGUMENT:
    return "invalid argument (a NULL or malformed input/output pointer)";
  case KILN_ERROR_OUT_OF_MEMORY:
    return "out of memory";
  case KILN_ERROR_DEVICE_UNAVAILABLE:
    return "device unavailable";
  case KILN_ERROR_INTERNAL:
    return "internal error";
  }
  return "unknown status";
}
