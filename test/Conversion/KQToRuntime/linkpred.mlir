// kq.model loads; kq.linkpred calls the runtime's driver with the kernels
// generated for the model's family, float32 and float64: a query kernel, a
// single-candidate score kernel, and the register-tiled rank kernel whose
// epilogue compares and counts under the filter.
// RUN: kq-opt --convert-kq-to-runtime %s | FileCheck %s
// RUN: kq-opt --convert-kq-to-runtime=vector-bits=512 %s | FileCheck %s --check-prefix=WIDE
// RUN: not kq-opt --convert-kq-to-runtime=vector-bits=32 %s 2>&1 | FileCheck %s --check-prefix=NARROW
// NARROW: error: vector-bits must be a positive multiple of 64, not 32
// RUN: kq-opt --convert-kq-to-runtime %s | kq-opt --convert-scf-to-cf --convert-vector-to-llvm --convert-math-to-llvm --convert-arith-to-llvm --convert-cf-to-llvm --convert-func-to-llvm --reconcile-unrealized-casts | FileCheck %s --check-prefix=LLVM

kq.graph @kin load "data/kinship"
kq.model @rot rotate "data/kinship/RotatE_500" on @kin
kq.model @cx complex "models/cx" on @kin
kq.linkpred @rot on @kin "test" ties realistic per [direction]
kq.linkpred @cx on @kin "valid"

// CHECK-LABEL: func.func @kq_main
// CHECK: call @kq_rt_load_model
// CHECK: call @kq_rt_load_model
// The split is test (4), ties realistic (2), per direction (2); panels of
// 16 float32 entities and tiles of 4 queries, or 8 float64 entities.
// CHECK: %[[TEST:.+]] = llvm.mlir.constant(4 : i32)
// CHECK: %[[REALISTIC:.+]] = llvm.mlir.constant(2 : i32)
// CHECK: %[[DIRECTION:.+]] = llvm.mlir.constant(2 : i32)
// CHECK: %[[W32:.+]] = arith.constant 16 : i64
// CHECK: %[[B32:.+]] = arith.constant 4 : i64
// CHECK: %[[RQ:.+]] = constant @kq.kernel.rotate.f32.query
// CHECK: %[[RS:.+]] = constant @kq.kernel.rotate.f32.score
// CHECK: %[[RR:.+]] = constant @kq.kernel.rotate.f32.rank
// CHECK: %[[W64:.+]] = arith.constant 8 : i64
// CHECK: call @kq_rt_linkpred(%{{.*}}, %{{.*}}, %{{.*}}, %[[TEST]], %[[REALISTIC]], %[[DIRECTION]], %[[W32]], %[[B32]], %[[RQ]], %[[RS]], %[[RR]], %[[W64]],
// CHECK: call @kq_rt_end_statement
// Bilinear tiles hold 6 queries.
// CHECK: %[[B6:.+]] = arith.constant 6 : i64
// CHECK: constant @kq.kernel.complex.f32.query
// CHECK: call @kq_rt_linkpred({{.*}}, %[[B6]],

// The distance family: |q - e| of complex numbers, a tile of 4 queries x 2
// vectors of 8 lanes, gamma - the sum.
// CHECK-LABEL: func.func private @kq.kernel.rotate.f32.query
// CHECK: math.cos
// CHECK: math.sin
// CHECK-LABEL: func.func private @kq.kernel.rotate.f32.score
// CHECK: math.fma
// CHECK: math.sqrt
// CHECK-LABEL: func.func private @kq.kernel.rotate.f32.rank
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>)
// CHECK: vector.broadcast {{.*}} : f32 to vector<8xf32>
// CHECK-COUNT-8: math.sqrt {{.*}} : vector<8xf32>
// CHECK: arith.cmpf ogt, {{.*}} : vector<8xf32>
// CHECK: arith.cmpf oeq, {{.*}} : vector<8xf32>
// CHECK: vector.reduction <add>, {{.*}} : vector<8xi32> into i32
// CHECK-LABEL: func.func private @kq.kernel.rotate.f64.rank
// CHECK: -> (vector<4xf64>, vector<4xf64>, vector<4xf64>, vector<4xf64>, vector<4xf64>, vector<4xf64>, vector<4xf64>, vector<4xf64>)

// The bilinear family: a tile of 6 queries x 2 vectors of fused multiply-adds.
// CHECK-LABEL: func.func private @kq.kernel.complex.f32.rank
// CHECK: scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>)
// CHECK-COUNT-12: math.fma {{.*}} : vector<8xf32>

// WIDE-LABEL: func.func private @kq.kernel.rotate.f32.rank
// WIDE: -> (vector<16xf32>,

// LLVM: llvm.func @kq_main
// LLVM: llvm.mlir.addressof @kq.kernel.rotate.f32.rank
// LLVM: llvm.call @kq_rt_linkpred
// LLVM-LABEL: llvm.func @kq.kernel.rotate.f32.query
// LLVM: llvm.intr.cos
// LLVM-LABEL: llvm.func @kq.kernel.rotate.f32.rank
// LLVM: llvm.intr.fma({{.*}}) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
// LLVM: llvm.intr.sqrt({{.*}}) : (vector<8xf32>) -> vector<8xf32>
// LLVM: llvm.intr.vector.reduce.add
