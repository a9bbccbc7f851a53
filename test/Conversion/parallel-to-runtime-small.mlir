// RUN: kiln-opt %s --kiln-parallel-to-runtime | FileCheck %s
// RUN: kiln-opt %s --kiln-parallel-to-runtime=min-largest-work=8192 | FileCheck %s --check-prefix=SPLIT

// A function whose largest loop is under min-largest-work (16384 operations
// by default) runs on the calling thread: no loop is outlined, not even the
// one over min-work (4096). Its loops stay scf.parallel, sequential later.
// This one's largest loop is 32 x 128 iterations of a store and the
// terminator (8192 operations).

// CHECK-LABEL: func.func @main(
// CHECK-SAME:      %{{.+}}: !llvm.ptr,
// CHECK-NOT:     kiln_parallel_for
// CHECK:         scf.parallel {{.*}} to (%c32, %c128)
// CHECK:         scf.parallel {{.*}} to (%c4, %c128)
// CHECK-NOT:     kiln_parallel_for
// CHECK-NOT:     func.func private @main_par_0

// With a lower bar the large loop is outlined; the small one (1024, under
// min-work) still is not.
// SPLIT-LABEL: func.func @main(
// SPLIT:         %[[N32:.+]] = arith.constant 32 : i64
// SPLIT:         call @kiln_parallel_for(%{{.+}}, %[[N32]],
// SPLIT:         scf.parallel {{.*}} to (%c4, %c128)
// SPLIT-NOT:     call @kiln_parallel_for
// SPLIT:         func.func private @main_par_0(

func.func @main(%b: memref<128x128xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c32 = arith.constant 32 : index
  %c128 = arith.constant 128 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%c32, %c128) step (%c1, %c1) {
    memref.store %zero, %b[%i, %j] : memref<128x128xf32>
    scf.reduce
  }
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c128) step (%c1, %c1) {
    memref.store %zero, %b[%i, %j] : memref<128x128xf32>
    scf.reduce
  }
  return
}
