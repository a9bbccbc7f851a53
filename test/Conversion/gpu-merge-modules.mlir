// RUN: kiln-opt %s --kiln-gpu-merge-modules | FileCheck %s

// Outlining names the kernel of each module alike: in the merged module they
// take their (unique) module names, and the launches follow. A device function
// cloned into both modules is kept once.

// CHECK: module attributes {gpu.container_module}
// CHECK: gpu.launch_func @kiln_kernels::@main_kernel blocks
// CHECK: gpu.launch_func @kiln_kernels::@main_kernel_0 blocks
// CHECK: gpu.module @kiln_kernels {
// CHECK-DAG: gpu.func @main_kernel(%{{.+}}: memref<4xf32>) kernel
// CHECK-DAG: gpu.func @main_kernel_0(%{{.+}}: memref<8xf32>) kernel
// CHECK-DAG: func.func @helper(
// CHECK-NOT: func.func @helper(
// CHECK-NOT: gpu.module
module attributes {gpu.container_module} {
  func.func @main(%a: memref<4xf32>, %b: memref<8xf32>) {
    %c1 = arith.constant 1 : index
    gpu.launch_func @main_kernel::@main_kernel blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%a : memref<4xf32>)
    gpu.launch_func @main_kernel_0::@main_kernel blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%b : memref<8xf32>)
    return
  }
  gpu.module @main_kernel {
    func.func @helper(%x: f32) -> f32 {
      return %x : f32
    }
    gpu.func @main_kernel(%a: memref<4xf32>) kernel {
      gpu.return
    }
  }
  gpu.module @main_kernel_0 {
    func.func @helper(%x: f32) -> f32 {
      return %x : f32
    }
    gpu.func @main_kernel(%b: memref<8xf32>) kernel {
      gpu.return
    }
  }
}
