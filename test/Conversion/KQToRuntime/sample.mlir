// A template becomes a function of the view and its arguments (i32 ids);
// kq.sample registers each template's function, kinds, pattern and text,
// then draws; kq.emit writes the benchmark.
// RUN: kq-opt --convert-kq-to-runtime %s | FileCheck %s

kq.graph @g load "g"
kq.query @template.2p attributes {parameters = ["entity", "relation", "relation"], pattern = [["p1", "p0", "v1", "+"], ["p2", "v1", "v0", "+"]], text = ["?y . exists ?x . ", 1, "(", 0, ", ?x) & ", 2, "(?x, ?y)"]} {
  %s = kq.param 0
  %x = kq.project_param %s by 1
  %y = kq.project_param %x by 2 inverse
  kq.yield %y
}
kq.sample @b from [@template.2p] on @g observed ["train"] full ["train", "valid", "test"] count 10 seed 7 {max_answers = 100 : i64}
kq.emit @b to "b.jsonl"

// The kinds, the atoms each ended by a NUL byte, the label.
// CHECK-DAG: llvm.mlir.global private constant @[[KINDS:kq\.str\.[0-9]+]]("err\00")
// CHECK-DAG: llvm.mlir.global private constant @[[PATTERN:kq\.str\.[0-9]+]]("p1\1Fp0\1Fv1\1F+\00p2\1Fv1\1Fv0\1F+\00\00")
// CHECK-DAG: llvm.mlir.global private constant @[[LABEL:kq\.str\.[0-9]+]]("2p\00")

// CHECK-LABEL: func.func private @kq.query.template.2p
// CHECK-SAME: (%[[VIEW:.+]]: !llvm.ptr, %[[ARGS:.+]]: !llvm.ptr) -> !llvm.ptr
// CHECK: %[[I0:.+]] = llvm.mlir.constant(0 : i32)
// CHECK: %[[A0:.+]] = llvm.getelementptr %[[ARGS]][%[[I0]]] : (!llvm.ptr, i32) -> !llvm.ptr, i32
// CHECK: %[[S:.+]] = llvm.load %[[A0]] : !llvm.ptr -> i32
// CHECK: %[[SET:.+]] = call @kq_rt_entity_id(%[[VIEW]], %[[S]])
// CHECK: %[[R1:.+]] = llvm.load
// CHECK: %[[ADJ:.+]] = call @kq_rt_adjacency_id(%[[VIEW]], %[[R1]], %{{.+}})
// CHECK: %[[X:.+]] = call @kq.kernel.set.project(%[[VIEW]], %[[SET]], %[[ADJ]])
// CHECK: %[[ADJ2:.+]] = call @kq_rt_adjacency_id(%[[VIEW]],
// CHECK: call @kq.kernel.set.project(%[[VIEW]], %[[X]], %[[ADJ2]])

// CHECK-LABEL: func.func @kq_main
// CHECK: %[[FN:.+]] = constant @kq.query.template.2p : (!llvm.ptr, !llvm.ptr) -> !llvm.ptr
// CHECK: %[[NUM_ATOMS:.+]] = llvm.mlir.constant(2 : i32)
// CHECK: call @kq_rt_sample_template(%arg0, %{{.+}}, %{{.+}}, %[[FN]], %{{.+}}, %[[NUM_ATOMS]],
// Observed train (1), full all three (7), count, seed, max answers, no exclusions.
// CHECK: %[[OBSERVED:.+]] = llvm.mlir.constant(1 : i32)
// CHECK: %[[FULL:.+]] = llvm.mlir.constant(7 : i32)
// CHECK: %[[COUNT:.+]] = arith.constant 10 : i64
// CHECK: %[[SEED:.+]] = arith.constant 7 : i64
// CHECK: %[[MAX:.+]] = arith.constant 100 : i64
// CHECK: call @kq_rt_sample(%arg0, %{{.+}}, %{{.+}}, %[[OBSERVED]], %[[FULL]], %[[COUNT]], %[[SEED]], %[[MAX]],
// CHECK: call @kq_rt_end_statement
// CHECK: call @kq_rt_emit(%arg0,

// A batch of answers registers its templates, then runs its rows: each the
// template's index and its argument names.
// RUN: kq-opt --convert-kq-to-runtime %S/Inputs/answer-batch.mlir | FileCheck %s --check-prefix=BATCH
// BATCH-DAG: llvm.mlir.global private constant @[[$ROWS:kq\.str\.[0-9]+]]("0\00a\00r\00s\001\00b\00r\00\00")
// BATCH-LABEL: func.func @kq_main
// BATCH: %[[FN:.+]] = constant @kq.query.template.2p
// BATCH: call @kq_rt_batch_template(%arg0, %{{.+}}, %{{.+}}, %[[FN]],
// BATCH: %[[FN1:.+]] = constant @kq.query.template.1p
// BATCH: call @kq_rt_batch_template(%arg0, %{{.+}}, %{{.+}}, %[[FN1]],
// BATCH: %[[VIEW:.+]] = call @kq_rt_graph_view
// BATCH: %[[ROWS_ADDRESS:.+]] = llvm.mlir.addressof @[[$ROWS]]
// BATCH: call @kq_rt_answer_batch(%arg0, %[[VIEW]], %{{.+}}, %[[ROWS_ADDRESS]])
