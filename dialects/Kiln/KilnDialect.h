//===- KilnDialect.h - The kiln graph dialect -------------------*- C++ -*-===//

#ifndef KILN_DIALECT_KILNDIALECT_H
#define KILN_DIALECT_KILNDIALECT_H

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpImplementation.h"

#include "dialects/Kiln/KilnOpsDialect.h.inc"

#endif // KILN_DIALECT_KILNDIALECT_H
