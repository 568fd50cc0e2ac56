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
// CHECK-DAG: func.func private @kq_rt_adjacency(!llvm.ptr, !llvm.ptr, i32) -> !llvm.ptr
// CHECK-DAG: func.func private @kq_rt_new_set(!llvm.ptr, i64) -> !llvm.ptr

// CHECK-LABEL: func.func private @kq.query.q(
// CHECK-SAME: %[[VIEW:.+]]: !llvm.ptr) -> !llvm.ptr
// CHECK: %[[NAME:.+]] = llvm.mlir.addressof @[[$A]]
// CHECK: %[[E:.+]] = call @kq_rt_entity(%[[VIEW]], %[[NAME]])
// CHECK: %[[REL:.+]] = llvm.mlir.addressof @[[$R]]
// CHECK: %[[FORWARD:.+]] = llvm.mlir.constant(0 : i32)
// CHECK: %[[ADJ:.+]] = call @kq_rt_adjacency(%[[VIEW]], %[[REL]], %[[FORWARD]])
// CHECK: %[[P:.+]] = call @kq.kernel.set.project(%[[VIEW]], %[[E]], %[[ADJ]])
// CHECK: %[[INVERSE:.+]] = llvm.mlir.constant(1 : i32)
// CHECK: %[[BACK:.+]] = call @kq_rt_adjacency(%[[VIEW]], %{{.+}}, %[[INVERSE]])
// CHECK: %[[S:.+]] = call @kq.kernel.set.project(%[[VIEW]], %{{.+}}, %[[BACK]])
// CHECK: %[[I1:.+]] = call @kq.kernel.set.intersect(%[[VIEW]], %[[P]], %[[S]])
// CHECK: %[[I2:.+]] = call @kq.kernel.set.intersect(%[[VIEW]], %[[I1]], %[[E]])
// CHECK: %[[U:.+]] = call @kq.kernel.set.union(%[[VIEW]], %[[I2]], %[[E]])
// CHECK: %[[D:.+]] = call @kq.kernel.set.difference(%[[VIEW]], %[[U]], %{{.+}})
// CHECK: %[[ALL:.+]] = call @kq_rt_universe(%[[VIEW]])
// CHECK: %[[C:.+]] = call @kq.kernel.set.difference(%[[VIEW]], %[[ALL]], %[[D]])
// CHECK: return %[[C]] : !llvm.ptr

// CHECK-LABEL: func.func @kq_main(
// CHECK-SAME: %[[CTX:.+]]: !llvm.ptr)
// Every data file is an input of the run before the first statement.
// CHECK: call @kq_rt_declare_inputs(%[[CTX]], %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}})
// CHECK-NOT: kq_rt_declare_inputs
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

// A fused chain is the projection kernel once a step, each step's frontier
// the next one's input.
// RUN: kq-opt %s --kq-fuse-projections --convert-kq-to-runtime | FileCheck %s --check-prefix=PATH
// PATH-DAG: llvm.mlir.global private constant @[[$S:kq.str.[0-9]+]]("s\00")
// PATH-LABEL: func.func private @kq.query.chain(
// PATH: %[[NAME:.+]] = llvm.mlir.addressof @[[$S]]
// PATH: %[[BACKWARDS:.+]] = llvm.mlir.constant(1 : i32)
// PATH: %[[ADJ1:.+]] = call @kq_rt_adjacency(%{{.+}}, %[[NAME]], %[[BACKWARDS]])
// PATH: %[[F1:.+]] = call @kq.kernel.set.project(%{{.+}}, %{{.+}}, %[[ADJ1]])
// PATH: %[[ADJ2:.+]] = call @kq_rt_adjacency(
// PATH: %[[F2:.+]] = call @kq.kernel.set.project(%{{.+}}, %[[F1]], %[[ADJ2]])
// PATH: return %[[F2]]
kq.query @chain {
  %a = kq.entity "a"
  %1 = kq.project %a by "s" inverse
  %2 = kq.project %1 by "r"
  kq.yield %2
}
