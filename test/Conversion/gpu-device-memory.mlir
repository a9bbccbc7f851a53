// RUN: kiln-opt %s --split-input-file --kiln-gpu-device-memory | FileCheck %s

// The planned arena (64 bytes) grows by one 256-byte aligned region each for
// the weight (256), the input (512) and the output (768): 768 + 16 = 784.
// The input is copied in at entry, the weight only when the runtime asks for
// it, the output out at the return; the host copy into the output becomes a
// device-to-device copy.

// CHECK-LABEL: module attributes {kiln.workspace_bytes = 784 : i64}
// CHECK: func.func @main(%[[X:[^:]+]]: memref<4xf32>, %[[Y:[^:]+]]: memref<4xf32>, %[[WS:[^:]+]]: memref<784xi8> {kiln.workspace}, %[[UP:[^:]+]]: i32 {kiln.upload_weights})
// CHECK: %[[C256:.+]] = arith.constant 256 : index
// CHECK: %[[W:.+]] = memref.view %[[WS]][%[[C256]]][] : memref<784xi8> to memref<4xf32>
// CHECK: %[[C512:.+]] = arith.constant 512 : index
// CHECK: %[[XD:.+]] = memref.view %[[WS]][%[[C512]]][] : memref<784xi8> to memref<4xf32>
// CHECK: %[[C768:.+]] = arith.constant 768 : index
// CHECK: %[[YD:.+]] = memref.view %[[WS]][%[[C768]]][] : memref<784xi8> to memref<4xf32>
// CHECK: gpu.memcpy %[[XD]], %[[X]]
// CHECK: %[[ZERO:.+]] = arith.constant 0 : i32
// CHECK: %[[ASK:.+]] = arith.cmpi ne, %[[UP]], %[[ZERO]] : i32
// CHECK: scf.if %[[ASK]] {
// CHECK-NEXT: %[[HOST:.+]] = memref.get_global @w : memref<4xf32>
// CHECK-NEXT: gpu.memcpy %[[W]], %[[HOST]]
// CHECK-NEXT: }
// CHECK: %[[T:.+]] = memref.view %[[WS]][%{{.+}}][] : memref<784xi8> to memref<4xf32>
// CHECK: linalg.add ins(%[[XD]], %[[W]] : memref<4xf32>, memref<4xf32>) outs(%[[T]] : memref<4xf32>)
// CHECK-NEXT: gpu.memcpy %[[YD]], %[[T]]
// CHECK-NEXT: gpu.memcpy %[[Y]], %[[YD]]
// CHECK-NEXT: return
module attributes {kiln.workspace_bytes = 64 : i64} {
  memref.global "private" constant @w : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
  func.func @main(%x: memref<4xf32>, %y: memref<4xf32>, %ws: memref<64xi8> {kiln.workspace}) {
    %c0 = arith.constant 0 : index
    %t = memref.view %ws[%c0][] : memref<64xi8> to memref<4xf32>
    %w = memref.get_global @w : memref<4xf32>
    linalg.add ins(%x, %w : memref<4xf32>, memref<4xf32>) outs(%t : memref<4xf32>)
    memref.copy %t, %y : memref<4xf32> to memref<4xf32>
    return
  }
}

// -----

// No planned arena: one is added, with the input at 0 and the output at 256
// (272 bytes). Heap buffers the planner left (here one in
// a loop) become device allocations; a copy between strided views becomes a
// linalg.copy, which runs as a kernel. No weights: no upload.

// CHECK-LABEL: module attributes {kiln.workspace_bytes = 272 : i64}
// CHECK: func.func @main(%[[X:[^:]+]]: memref<2x4xf32>, %[[Y:[^:]+]]: memref<2x2xf32>, %[[WS:[^:]+]]: memref<272xi8> {kiln.workspace}, %{{.+}}: i32 {kiln.upload_weights})
// CHECK: %[[XD:.+]] = memref.view %[[WS]][%{{.+}}][] : memref<272xi8> to memref<2x4xf32>
// CHECK: %[[YD:.+]] = memref.view %[[WS]][%{{.+}}][] : memref<272xi8> to memref<2x2xf32>
// CHECK: gpu.memcpy %[[XD]], %[[X]]
// CHECK-NOT: scf.if
// CHECK: scf.for
// CHECK: %[[TMP:.+]] = gpu.alloc () : memref<2x2xf32>
// CHECK: %[[SUB:.+]] = memref.subview %[[XD]]
// CHECK: linalg.copy ins(%[[SUB]] : memref<2x2xf32, strided<[4, 1]>>) outs(%[[TMP]] : memref<2x2xf32>)
// CHECK: gpu.memcpy %[[YD]], %[[TMP]]
// CHECK: gpu.dealloc %[[TMP]]
// CHECK: gpu.memcpy %[[Y]], %[[YD]]
// CHECK-NEXT: return
module {
  func.func @main(%x: memref<2x4xf32>, %y: memref<2x2xf32>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    scf.for %i = %c0 to %c2 step %c1 {
      %tmp = memref.alloc() : memref<2x2xf32>
      %sub = memref.subview %x[0, 0] [2, 2] [1, 1] : memref<2x4xf32> to memref<2x2xf32, strided<[4, 1]>>
      memref.copy %sub, %tmp : memref<2x2xf32, strided<[4, 1]>> to memref<2x2xf32>
      memref.copy %tmp, %y : memref<2x2xf32> to memref<2x2xf32>
      memref.dealloc %tmp : memref<2x2xf32>
    }
    return
  }
}
