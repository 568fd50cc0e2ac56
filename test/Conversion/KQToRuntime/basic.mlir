// convert-kq-to-runtime: queries become functions of a graph view, the
// statements the body of @kq_main, set operations runtime calls.
// RUN: kq-opt %s --convert-kq-to-runtime | FileCheck %s
// RUN: kq-opt %s --convert-kq-to-runtime --convert-func-to-llvm --reconcile-unrealized-casts | FileCheck %s --check-prefix=LLVM

kq.graph @g load "data/g"

kq.query @q {
  %a = kq.entity "a"
  %p = kq.project %a by "r"
  %b = kq.entity "b"
  %s = kq.project %b by "s" inverse
  %i = kq.intersect %p, %s, %a
  %u = kq.union %i, %a
  %d = kq.difference %u, %b
  %c = kq.complement %d
  kq.yield %c
}

kq.answer @q on @g ["train", "test"]
kq.answer @q on @g ["valid"] {arguments = ["x", "y"], label = "t"}

// CHECK-DAG: llvm.mlir.global private constant @[[$A:kq.str.[0-9]+]]("a\00")
// CHECK-DAG: llvm.mlir.global private constant @[[$R:kq.str.[0-9]+]]("r\00")
// CHECK-DAG: llvm.mlir.global private constant @[[$ARGS:kq.str.[0-9]+]]("x\00y\00\00")
// CHECK-DAG: func.func private @kq_rt_project(!llvm.ptr, !llvm.ptr, !llvm.ptr, i32) -> !llvm.ptr

// CHECK-LABEL: func.func private @kq.query.q(
// CHECK-SAME: %[[VIEW:.+]]: !llvm.ptr) -> !llvm.ptr
// CHECK: %[[NAME:.+]] = llvm.mlir.addressof @[[$A]]
// CHECK: %[[E:.+]] = call @kq_rt_entity(%[[VIEW]], %[[NAME]])
// CHECK: %[[REL:.+]] = llvm.mlir.addressof @[[$R]]
// CHECK: %[[FORWARD:.+]] = llvm.mlir.constant(0 : i32)
// CHECK: %[[P:.+]] = call @kq_rt_project(%[[VIEW]], %[[E]], %[[REL]], %[[FORWARD]])
// CHECK: %[[INVERSE:.+]] = llvm.mlir.constant(1 : i32)
// CHECK: %[[S:.+]] = call @kq_rt_project(%[[VIEW]], %{{.+}}, %{{.+}}, %[[INVERSE]])
// CHECK: %[[I1:.+]] = call @kq_rt_intersect(%[[VIEW]], %[[P]], %[[S]])
// CHECK: %[[I2:.+]] = call @kq_rt_intersect(%[[VIEW]], %[[I1]], %[[E]])
// CHECK: %[[U:.+]] = call @kq_rt_union(%[[VIEW]], %[[I2]], %[[E]])
// CHECK: %[[D:.+]] = call @kq_rt_difference(%[[VIEW]], %[[U]], %{{.+}})
// CHECK: %[[C:.+]] = call @kq_rt_complement(%[[VIEW]], %[[D]])
// CHECK: return %[[C]] : !llvm.ptr

// CHECK-LABEL: func.func @kq_main(
// CHECK-SAME: %[[CTX:.+]]: !llvm.ptr)
// CHECK: call @kq_rt_load_graph(%[[CTX]]
// CHECK: %[[MASK:.+]] = llvm.mlir.constant(5 : i32)
// CHECK: %[[V1:.+]] = call @kq_rt_graph_view(%[[CTX]], %{{.+}}, %[[MASK]])
// CHECK: %[[R1:.+]] = call @kq.query.q(%[[V1]])
// CHECK: %[[NONE:.+]] = llvm.mlir.constant(0 : i32)
// CHECK: call @kq_rt_emit_answer(%[[CTX]], %[[V1]], %{{.+}}, %[[NONE]], %{{.+}}, %[[R1]])
// CHECK: call @kq_rt_end_statement(%[[CTX]])
// CHECK: %[[MASK2:.+]] = llvm.mlir.constant(2 : i32)
// CHECK: %[[V2:.+]] = call @kq_rt_graph_view(%[[CTX]], %{{.+}}, %[[MASK2]])
// CHECK: %[[TWO:.+]] = llvm.mlir.constant(2 : i32)
// CHECK: %[[PACKED:.+]] = llvm.mlir.addressof @[[$ARGS]]
// CHECK: call @kq_rt_emit_answer(%[[CTX]], %[[V2]], %{{.+}}, %[[TWO]], %[[PACKED]], %{{.+}})
// CHECK: return
// CHECK-NOT: kq.

// LLVM-LABEL: llvm.func @kq_main(
// LLVM: llvm.call @kq_rt_graph_view
// LLVM-NOT: unrealized_conversion_cast
// LLVM-NOT: func.

// A fused chain is one runtime call with the names and directions packed.
// RUN: kq-opt %s --kq-fuse-projections --convert-kq-to-runtime | FileCheck %s --check-prefix=PATH
// PATH-DAG: llvm.mlir.global private constant @[[$NAMES:kq.str.[0-9]+]]("s\00r\00\00")
// PATH-DAG: llvm.mlir.global private constant @[[$DIRECTIONS:kq.str.[0-9]+]]("10\00")
// PATH-LABEL: func.func private @kq.query.chain(
// PATH: %[[STEPS:.+]] = llvm.mlir.constant(2 : i32)
// PATH: %[[N:.+]] = llvm.mlir.addressof @[[$NAMES]]
// PATH: %[[D:.+]] = llvm.mlir.addressof @[[$DIRECTIONS]]
// PATH: call @kq_rt_project_path(%{{.+}}, %{{.+}}, %[[STEPS]], %[[N]], %[[D]])
kq.query @chain {
  %a = kq.entity "a"
  %1 = kq.project %a by "s" inverse
  %2 = kq.project %1 by "r"
  kq.yield %2
}
