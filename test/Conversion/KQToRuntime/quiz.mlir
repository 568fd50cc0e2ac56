// kq.quiz and a graph's labels become runtime calls in program order.
// RUN: kq-opt %s --convert-kq-to-runtime | FileCheck %s

// CHECK-DAG: llvm.mlir.global private constant @[[$LABELS:kq\.str\.[0-9]+]]("labels.tsv\00")
// The formats as KQ_QUIZ_ codes, one byte each: tf = 0, mc = 1.
// CHECK-DAG: llvm.mlir.global private constant @[[$FORMATS:kq\.str\.[0-9]+]]("\00\01\00")
// CHECK-LABEL: func.func @kq_main(
// CHECK-SAME: %[[CTX:.+]]: !llvm.ptr)
// CHECK: call @kq_rt_load_graph(%[[CTX]],
// CHECK: %[[FILE:.+]] = llvm.mlir.addressof @[[$LABELS]]
// CHECK: call @kq_rt_load_labels(%[[CTX]], %{{.+}}, %[[FILE]])
// CHECK: %[[TEST:.+]] = llvm.mlir.constant(4 : i32)
// CHECK: %[[TWO:.+]] = llvm.mlir.constant(2 : i32)
// CHECK: %[[NAMES:.+]] = llvm.mlir.addressof @[[$FORMATS]]
// CHECK: %[[COUNT:.+]] = arith.constant 5 : i64
// CHECK: %[[SEED:.+]] = arith.constant 9 : i64
// CHECK: %[[RANGE:.+]] = llvm.mlir.constant(1 : i32)
// CHECK: %[[UNIQUE:.+]] = llvm.mlir.constant(1 : i32)
// CHECK: call @kq_rt_quiz(%[[CTX]], %{{.+}}, %{{.+}}, %[[TEST]], %[[TWO]], %[[NAMES]], %[[COUNT]], %[[SEED]], %[[RANGE]], %[[UNIQUE]])
// CHECK: call @kq_rt_emit(%[[CTX]],
kq.graph @g load "g" labels "labels.tsv"
kq.quiz @z from @g ["test"] formats [tf, mc] count 5 seed 9 distractors range keys unique
kq.emit @z to "z.jsonl"
