// RUN: kiln-opt %s --kiln-parallel-to-runtime | FileCheck %s
// RUN: kiln-opt %s --kiln-parallel-to-runtime=min-work=1 | FileCheck %s --check-prefix=ALL

// @main gets the kiln_context * first; the outermost parallel loop that is big
// enough becomes a call to kiln_parallel_for over its first dimension, with the
// values it uses (memrefs as descriptors, indices as i64) in a struct on the
// stack. Constants are cloned, not captured.

// CHECK-LABEL: func.func @main(
// CHECK-SAME:      %[[CTX:.+]]: !llvm.ptr, %[[A:.+]]: memref<128x128xf32>, %[[B:.+]]: memref<128x128xf32>, %[[N:.+]]: index)
// CHECK:         %[[SLOT:.+]] = llvm.alloca %{{.+}} x !llvm.struct<(struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, i64, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>)>
// CHECK:         %[[VIEW:.+]] = memref.subview %[[A]]
// CHECK:         %[[D0:.+]] = builtin.unrealized_conversion_cast %[[VIEW]] : memref<128x128xf32, strided<[128, 1]>> to !llvm.struct
// CHECK:         %[[F0:.+]] = llvm.getelementptr %[[SLOT]][0, 0]
// CHECK:         llvm.store %[[D0]], %[[F0]]
// CHECK:         %[[I:.+]] = arith.index_cast %[[N]] : index to i64
// CHECK:         llvm.getelementptr %[[SLOT]][0, 1]
// CHECK:         %[[D1:.+]] = builtin.unrealized_conversion_cast %[[B]]
// CHECK:         llvm.getelementptr %[[SLOT]][0, 2]
// CHECK:         %[[FN:.+]] = constant @main_par_0 : (!llvm.ptr, i64, i64) -> ()
// CHECK:         %[[TRIPS:.+]] = arith.constant 64 : i64
// CHECK:         call @kiln_parallel_for(%[[CTX]], %[[TRIPS]], %[[FN]], %[[SLOT]])
// CHECK-NOT:     scf.parallel {{.*}}to (%c128, %c128)
// The small loop and the reduction stay sequential.
// CHECK:         scf.parallel {{.*}} to (%c4)
// CHECK:         scf.parallel {{.*}} to (%c1, %c128)
// CHECK:         scf.parallel {{.*}} to (%c128, %c128) {{.*}} init
// CHECK:         return

// CHECK-LABEL: func.func private @main_par_0(
// CHECK-SAME:      %[[ARG:.+]]: !llvm.ptr, %[[BEGIN:.+]]: i64, %[[END:.+]]: i64)
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[C128:.+]] = arith.constant 128 : index
// CHECK:         llvm.load
// CHECK:         %[[VA:.+]] = builtin.unrealized_conversion_cast %{{.+}} : !llvm.struct<{{.+}}> to memref<128x128xf32, strided<[128, 1]>>
// CHECK:         %[[NI:.+]] = llvm.load %{{.+}} : !llvm.ptr -> i64
// CHECK:         %[[NV:.+]] = arith.index_cast %[[NI]] : i64 to index
// CHECK:         %[[VB:.+]] = builtin.unrealized_conversion_cast %{{.+}} : !llvm.struct<{{.+}}> to memref<128x128xf32>
// Iteration i of the first dimension is lb + i * step.
// CHECK:         %[[B0:.+]] = arith.index_cast %[[BEGIN]] : i64 to index
// CHECK:         %[[B1:.+]] = arith.muli %[[B0]], %[[C2]]
// CHECK:         %[[LB:.+]] = arith.addi %[[C0]], %[[B1]]
// CHECK:         %[[E0:.+]] = arith.index_cast %[[END]] : i64 to index
// CHECK:         %[[E1:.+]] = arith.muli %[[E0]], %[[C2]]
// CHECK:         %[[UB:.+]] = arith.addi %[[C0]], %[[E1]]
// CHECK:         scf.parallel (%[[I:.+]], %[[J:.+]]) = (%[[LB]], %[[C0]]) to (%[[UB]], %[[C128]])
// CHECK:           memref.load %[[VA]][%[[I]], %[[J]]]
// CHECK:           arith.index_cast %[[NV]]
// CHECK:           memref.store %{{.+}}, %[[VB]][%[[I]], %[[J]]]
// CHECK:         return

// CHECK: func.func private @kiln_parallel_for(!llvm.ptr, i64, (!llvm.ptr, i64, i64) -> (), !llvm.ptr)

// With min-work=1 the small loops run on the threads too; the reduction never.
// A leading dimension of one iteration (a batch of 1) is not split: the next
// one is.
// ALL: call @kiln_parallel_for
// ALL: call @kiln_parallel_for
// ALL: %[[N128:.+]] = arith.constant 128 : i64
// ALL: call @kiln_parallel_for(%{{.+}}, %[[N128]],
// ALL-NOT: call @kiln_parallel_for
// ALL: func.func private @main_par_0
// ALL: func.func private @main_par_1
// ALL: func.func private @main_par_2
// ALL: scf.parallel ({{.+}}) = (%c0, %{{.+}}) to (%c1, %{{.+}}) step (%c1, %c1)
// ALL-NOT: func.func private @main_par_3

func.func @main(%a: memref<128x128xf32>, %b: memref<128x128xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c64 = arith.constant 64 : index
  %c128 = arith.constant 128 : index
  %zero = arith.constant 0.0 : f32
  %s = memref.subview %a[0, 0] [128, 128] [1, 1] : memref<128x128xf32> to memref<128x128xf32, strided<[128, 1]>>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c128, %c128) step (%c2, %c1) {
    %x = memref.load %s[%i, %j] : memref<128x128xf32, strided<[128, 1]>>
    %ni = arith.index_cast %n : index to i32
    %nf = arith.sitofp %ni : i32 to f32
    %y = arith.addf %x, %nf : f32
    memref.store %y, %b[%i, %j] : memref<128x128xf32>
    scf.reduce
  }
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    memref.store %zero, %b[%i, %c0] : memref<128x128xf32>
    scf.reduce
  }
  scf.parallel (%i, %j) = (%c0, %c0) to (%c1, %c128) step (%c1, %c1) {
    memref.store %zero, %b[%i, %j] : memref<128x128xf32>
    scf.reduce
  }
  %sum = scf.parallel (%i, %j) = (%c0, %c0) to (%c128, %c128) step (%c1, %c1) init (%zero) -> f32 {
    %x = memref.load %a[%i, %j] : memref<128x128xf32>
    scf.reduce(%x : f32) {
    ^bb0(%l: f32, %r: f32):
      %t = arith.addf %l, %r : f32
      scf.reduce.return %t : f32
    }
  }
  memref.store %sum, %b[%c0, %c0] : memref<128x128xf32>
  return
}
