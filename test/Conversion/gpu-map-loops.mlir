// RUN: kiln-opt %s --split-input-file --kiln-gpu-map-loops --verify-diagnostics | FileCheck %s

// A 3x300 loop becomes one dimension of 900 iterations, tiled by 256: blocks
// along x take tiles, threads along x their elements, and a guard drops the
// 124 threads past the end. The host-level read-modify-write of a 0-d buffer
// (a linalg op on scalars has no loops) runs as a kernel of one iteration.

// CHECK-LABEL: func.func @main
// CHECK: %[[C3:.+]] = arith.muli %{{.+}}, %{{.+}} : index
// CHECK-NEXT: %[[C900:.+]] = arith.muli %[[C3]], %{{.+}} : index
// CHECK: %[[C256:.+]] = arith.constant 256 : index
// CHECK: %[[STEP:.+]] = arith.muli %{{.+}}, %[[C256]] : index
// CHECK: scf.parallel (%[[TILE:.+]]) = (%{{.+}}) to (%[[C900]]) step (%[[STEP]]) {
// CHECK: scf.parallel (%[[T:.+]]) = (%{{.+}}) to (%[[STEP]]) step (%{{.+}}) {
// CHECK: %[[I:.+]] = arith.addi %[[T]], %[[TILE]] : index
// CHECK: %[[IN:.+]] = arith.cmpi ult, %{{.+}}, %[[C900]] : index
// CHECK: scf.if
// CHECK: %[[COL:.+]] = arith.remsi %[[I]], %{{.+}} : index
// CHECK: %[[ROW:.+]] = arith.divsi %[[I]], %{{.+}} : index
// CHECK: memref.load %{{.+}}[%[[ROW]], %[[COL]]] : memref<3x300xf32>
// CHECK: } {mapping = [#gpu.loop_dim_map<processor = thread_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK: } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK: scf.parallel (%{{.+}}) = (%{{.+}}) to (%{{.+}}) step (%{{.+}}) {
// CHECK-NEXT: %[[X:.+]] = memref.load %{{.+}}[] : memref<f32>
// CHECK-NEXT: %[[Y:.+]] = arith.addf %[[X]], %[[X]] : f32
// CHECK-NEXT: memref.store %[[Y]], %{{.+}}[] : memref<f32>
// CHECK-NEXT: scf.reduce
// CHECK-NEXT: } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK-NEXT: return
func.func @main(%a: memref<3x300xf32>, %b: memref<3x300xf32>, %s: memref<f32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c300 = arith.constant 300 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c3, %c300) step (%c1, %c1) {
    %v = memref.load %a[%i, %j] : memref<3x300xf32>
    memref.store %v, %b[%i, %j] : memref<3x300xf32>
    scf.reduce
  }
  %x = memref.load %s[] : memref<f32>
  %y = arith.addf %x, %x : f32
  memref.store %y, %s[] : memref<f32>
  return
}

// -----

// Fewer iterations than a block: one block of exactly that many threads, and
// no guard. A parallel loop nested in the body runs sequentially per thread.

// CHECK-LABEL: func.func @main
// CHECK: %[[C8:.+]] = arith.constant 8 : index
// CHECK: scf.parallel
// CHECK-NOT: scf.if
// CHECK: scf.parallel
// CHECK-NOT: scf.if
// CHECK: scf.parallel
// CHECK: } {mapping = [#gpu.loop_dim_map<processor = sequential, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK: } {mapping = [#gpu.loop_dim_map<processor = thread_x
// CHECK: } {mapping = [#gpu.loop_dim_map<processor = block_x
func.func @main(%a: memref<8x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i) = (%c0) to (%c8) step (%c1) {
    scf.parallel (%j) = (%c0) to (%c4) step (%c1) {
      memref.store %zero, %a[%i, %j] : memref<8x4xf32>
      scf.reduce
    }
    scf.reduce
  }
  return
}

// -----

// A value the host needs (here a loop bound) cannot come from device memory.

func.func @main(%n: memref<index>, %a: memref<16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %count = memref.load %n[] : memref<index>
  // expected-error @+1 {{cannot run on the GPU yet: it needs a value that 'memref.load' computes on the host}}
  scf.for %k = %c0 to %count step %c1 {
    scf.parallel (%i) = (%c0) to (%c1) step (%c1) {
      memref.store %zero, %a[%i] : memref<16xf32>
      scf.reduce
    }
  }
  return
}

// -----

// A scalar loaded on the host only for a kernel (linalg hoists tensor.extract
// out of its body) moves into the kernel.

// CHECK-LABEL: func.func @main
// CHECK-NOT: memref.load
// CHECK: scf.parallel
// CHECK: scf.parallel
// CHECK: %[[ON:.+]] = memref.load %{{.+}}[%{{.+}}] : memref<2xf32>
// CHECK: memref.store %[[ON]]
func.func @main(%values: memref<2xf32>, %out: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %on = memref.load %values[%c1] : memref<2xf32>
  scf.parallel (%i) = (%c0) to (%c8) step (%c1) {
    memref.store %on, %out[%i] : memref<8xf32>
    scf.reduce
  }
  return
}
