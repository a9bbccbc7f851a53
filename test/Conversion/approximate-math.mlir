// RUN: kiln-opt %s --split-input-file --kiln-approximate-math | FileCheck %s

// f32 math.exp becomes upstream's polynomial: the input is clamped, split
// into k = floor(x * log2(e) + 0.5) (the constant 1.44269502) and a
// remainder, the remainder goes through a chain of FMAs, and 2^k is built by
// shifting k + 127 into the exponent field (bit 23) and bitcasting to f32.
// What is returned is that product, so the math.exp is gone.

// CHECK-LABEL: func.func @exp
// CHECK-SAME: (%[[X:[^:]+]]: f32)
// CHECK-DAG: %[[BIAS:.+]] = arith.constant 127 : i32
// CHECK-DAG: %[[C23:.+]] = arith.constant 23 : i32
// CHECK-DAG: %[[LOG2E:.+]] = arith.constant 1.44269502 : f32
// CHECK: arith.cmpf uge, %[[X]]
// CHECK: math.fma %{{.+}}, %[[LOG2E]], %{{.+}} : f32
// CHECK: math.floor
// CHECK-COUNT-5: math.fma
// CHECK: %[[K:.+]] = arith.fptosi %{{.+}} : f32 to i32
// CHECK-NEXT: %[[E:.+]] = arith.addi %[[K]], %[[BIAS]] : i32
// CHECK-NEXT: %[[BITS:.+]] = arith.shli %[[E]], %[[C23]] : i32
// CHECK-NEXT: %[[POW:.+]] = arith.bitcast %[[BITS]] : i32 to f32
// CHECK-NEXT: %[[R:.+]] = arith.mulf %{{.+}}, %[[POW]] : f32
// CHECK-NEXT: return %[[R]] : f32
// CHECK-NOT: math.exp
func.func @exp(%x: f32) -> f32 {
  %0 = math.exp %x : f32
  return %0 : f32
}

// -----

// f32 math.erf becomes a rational approximation on |x| whose coefficients
// are selected by interval (|x| < 0.8, < 2, < 3.75; 1 beyond), two FMA
// chains and a division, and the sign of x put back at the end.

// CHECK-LABEL: func.func @erf
// CHECK-SAME: (%[[X:[^:]+]]: f32)
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[B1:.+]] = arith.constant 8.000000e-01 : f32
// CHECK-DAG: %[[B2:.+]] = arith.constant 2.000000e+00 : f32
// CHECK-DAG: %[[B3:.+]] = arith.constant 3.750000e+00 : f32
// CHECK: %[[NEG:.+]] = arith.cmpf olt, %[[X]], %[[ZERO]] : f32
// CHECK: %[[ABS:.+]] = arith.select %[[NEG]], %{{.+}}, %[[X]] : f32
// CHECK: arith.cmpf olt, %[[ABS]], %[[B1]] : f32
// CHECK: arith.cmpf olt, %[[ABS]], %[[B2]] : f32
// CHECK: arith.cmpf ult, %[[ABS]], %[[B3]] : f32
// CHECK-COUNT-8: math.fma %[[ABS]]
// CHECK: arith.divf
// CHECK: %[[MAG:.+]] = arith.select
// CHECK: %[[NEGMAG:.+]] = arith.negf %[[MAG]] : f32
// CHECK: %[[R:.+]] = arith.select %[[NEG]], %[[NEGMAG]], %[[MAG]] : f32
// CHECK: return %[[R]] : f32
// CHECK-NOT: math.erf
func.func @erf(%x: f32) -> f32 {
  %0 = math.erf %x : f32
  return %0 : f32
}

// -----

// f32 math.tanh: x clamped to [-7.99881172, 7.99881172], a ratio of two
// polynomials in x^2 (FMA chains, one division), and x itself where
// |x| < 0.0004.

// CHECK-LABEL: func.func @tanh
// CHECK-SAME: (%[[X:[^:]+]]: f32)
// CHECK-DAG: %[[HI:.+]] = arith.constant 7.99881172 : f32
// CHECK-DAG: %[[LO:.+]] = arith.constant -7.99881172 : f32
// CHECK-DAG: %[[TINY:.+]] = arith.constant 4.000000e-04 : f32
// CHECK: arith.cmpf ult, %[[X]], %[[HI]] : f32
// CHECK: arith.cmpf ugt, %{{.+}}, %[[LO]] : f32
// CHECK: %[[CLAMPED:.+]] = arith.select
// CHECK: %[[ABS:.+]] = math.absf %[[X]] : f32
// CHECK: %[[SMALL:.+]] = arith.cmpf olt, %[[ABS]], %[[TINY]] : f32
// CHECK: math.fma
// CHECK: %[[Q:.+]] = arith.divf
// CHECK: %[[R:.+]] = arith.select %[[SMALL]], %[[CLAMPED]], %[[Q]] : f32
// CHECK: return %[[R]] : f32
// CHECK-NOT: math.tanh
func.func @tanh(%x: f32) -> f32 {
  %0 = math.tanh %x : f32
  return %0 : f32
}

// -----

// The same expansions on vector<16xf32> (one AVX-512 register), with vector
// constants and vector<16xi1> selects; the exponent trick works on
// vector<16xi32>.

// CHECK-LABEL: func.func @vectors
// CHECK-NOT: math.exp
// CHECK-NOT: math.erf
// CHECK-NOT: math.tanh
// CHECK: arith.select {{.+}} : vector<16xi1>, vector<16xf32>
// CHECK: math.fma {{.+}} : vector<16xf32>
// CHECK: arith.shli {{.+}} : vector<16xi32>
// CHECK: arith.bitcast {{.+}} : vector<16xi32> to vector<16xf32>
// CHECK-NEXT: %[[EXP:.+]] = arith.mulf {{.+}} : vector<16xf32>
// CHECK: arith.divf {{.+}} : vector<16xf32>
// CHECK: arith.negf
// CHECK-NEXT: %[[ERF:.+]] = arith.select {{.+}} : vector<16xi1>, vector<16xf32>
// CHECK: arith.divf {{.+}} : vector<16xf32>
// CHECK-NEXT: %[[TANH:.+]] = arith.select {{.+}} : vector<16xi1>, vector<16xf32>
// CHECK-NEXT: return %[[EXP]], %[[ERF]], %[[TANH]]
// CHECK-NOT: math.exp
// CHECK-NOT: math.erf
// CHECK-NOT: math.tanh
func.func @vectors(%x: vector<16xf32>) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>) {
  %0 = math.exp %x : vector<16xf32>
  %1 = math.erf %x : vector<16xf32>
  %2 = math.tanh %x : vector<16xf32>
  return %0, %1, %2 : vector<16xf32>, vector<16xf32>, vector<16xf32>
}

// -----

// Left alone: math.log (not one of the three), and math.exp on f64 and on
// f16 (the approximations are f32's; other element types keep the calls).

// CHECK-LABEL: func.func @kept
// CHECK-NEXT: %[[LOG:.+]] = math.log %{{.+}} : f32
// CHECK-NEXT: %[[E64:.+]] = math.exp %{{.+}} : f64
// CHECK-NEXT: %[[E16:.+]] = math.exp %{{.+}} : f16
// CHECK-NEXT: return %[[LOG]], %[[E64]], %[[E16]]
func.func @kept(%x: f32, %d: f64, %h: f16) -> (f32, f64, f16) {
  %0 = math.log %x : f32
  %1 = math.exp %d : f64
  %2 = math.exp %h : f16
  return %0, %1, %2 : f32, f64, f16
}
