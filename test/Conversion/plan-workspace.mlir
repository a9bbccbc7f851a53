// RUN: kiln-opt %s --split-input-file --kiln-plan-workspace | FileCheck %s

// A chain a -> b -> c -> d: a and c are never live together, nor b and d, so
// they share bytes. Sizes are 4x8xf32 = 128 bytes, 64-byte aligned offsets.

// CHECK-LABEL: module attributes {kiln.workspace_bytes = 256 : i64}
// CHECK: func.func @main(%[[X:[^:]+]]: memref<4x8xf32>, %[[Y:[^:]+]]: memref<4x8xf32>, %[[WS:[^:]+]]: memref<256xi8> {kiln.workspace})
// CHECK-NOT: memref.alloc
// CHECK: %[[C0:.+]] = arith.constant 0 : index
// CHECK: %[[A:.+]] = memref.view %[[WS]][%[[C0]]][] : memref<256xi8> to memref<4x8xf32>
// CHECK: %[[C128:.+]] = arith.constant 128 : index
// CHECK: %[[B:.+]] = memref.view %[[WS]][%[[C128]]][] : memref<256xi8> to memref<4x8xf32>
// CHECK: %[[C0B:.+]] = arith.constant 0 : index
// CHECK: %[[C:.+]] = memref.view %[[WS]][%[[C0B]]][] : memref<256xi8> to memref<4x8xf32>
// CHECK: %[[C128B:.+]] = arith.constant 128 : index
// CHECK: %[[D:.+]] = memref.view %[[WS]][%[[C128B]]][] : memref<256xi8> to memref<4x8xf32>
// CHECK: linalg.copy ins(%[[X]] : memref<4x8xf32>) outs(%[[A]] : memref<4x8xf32>)
// CHECK: linalg.copy ins(%[[A]] : memref<4x8xf32>) outs(%[[B]] : memref<4x8xf32>)
// CHECK: linalg.copy ins(%[[B]] : memref<4x8xf32>) outs(%[[C]] : memref<4x8xf32>)
// CHECK: linalg.copy ins(%[[C]] : memref<4x8xf32>) outs(%[[D]] : memref<4x8xf32>)
func.func @main(%x: memref<4x8xf32>, %y: memref<4x8xf32>) {
  %a = memref.alloc() : memref<4x8xf32>
  %b = memref.alloc() : memref<4x8xf32>
  %c = memref.alloc() : memref<4x8xf32>
  %d = memref.alloc() : memref<4x8xf32>
  linalg.copy ins(%x : memref<4x8xf32>) outs(%a : memref<4x8xf32>)
  linalg.copy ins(%a : memref<4x8xf32>) outs(%b : memref<4x8xf32>)
  linalg.copy ins(%b : memref<4x8xf32>) outs(%c : memref<4x8xf32>)
  linalg.copy ins(%c : memref<4x8xf32>) outs(%d : memref<4x8xf32>)
  linalg.copy ins(%d : memref<4x8xf32>) outs(%y : memref<4x8xf32>)
  return
}

// -----

// Uses through a view extend the live range: %a is read (through its
// collapse_shape) after %b is written, so they must not overlap. A buffer
// used inside a loop is live for the whole loop. Allocations inside a loop
// body stay heap allocations.

// CHECK-LABEL: module attributes {kiln.workspace_bytes = 192 : i64}
// CHECK: func.func @main(%{{.+}}: memref<32xf32>, %{{.+}}: memref<32xf32>, %[[WS:[^:]+]]: memref<192xi8> {kiln.workspace})
// CHECK: %[[C0:.+]] = arith.constant 0 : index
// CHECK: memref.view %[[WS]][%[[C0]]][] : memref<192xi8> to memref<4x8xf32>
// CHECK: %[[C128:.+]] = arith.constant 128 : index
// CHECK: memref.view %[[WS]][%[[C128]]][] : memref<192xi8> to memref<2xf32>
// CHECK: scf.for
// CHECK: memref.alloc() : memref<2xf32>
func.func @main(%x: memref<32xf32>, %y: memref<32xf32>) {
  %a = memref.alloc() : memref<4x8xf32>
  %flat = memref.collapse_shape %a [[0, 1]] : memref<4x8xf32> into memref<32xf32>
  linalg.copy ins(%x : memref<32xf32>) outs(%flat : memref<32xf32>)
  %b = memref.alloc() : memref<2xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  scf.for %i = %c0 to %c2 step %c1 {
    %t = memref.alloc() : memref<2xf32>
    %v = memref.load %b[%i] : memref<2xf32>
    memref.store %v, %t[%i] : memref<2xf32>
    memref.dealloc %t : memref<2xf32>
  }
  linalg.copy ins(%flat : memref<32xf32>) outs(%y : memref<32xf32>)
  return
}

// -----

// Nothing to place: the size is 0 and @main keeps its signature.

// CHECK-LABEL: module attributes {kiln.workspace_bytes = 0 : i64}
// CHECK: func.func @main(%{{[^:]+}}: memref<4xf32>, %{{[^:]+}}: memref<4xf32>) {
func.func @main(%x: memref<4xf32>, %y: memref<4xf32>) {
  linalg.copy ins(%x : memref<4xf32>) outs(%y : memref<4xf32>)
  return
}
