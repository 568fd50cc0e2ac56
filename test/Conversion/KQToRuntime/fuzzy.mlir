// A fuzzy twin becomes a function on truth vectors: each op one call of the
// kq_rt_truth_* function that computes it, a kq.foreach a loop over the
// candidates of its input that accumulates T(candidate, body) and frees each
// iteration's vectors. A kq.eval registers the twins and runs with the rows
// kernels of its model's family.
// RUN: kq-opt %s --split-input-file --convert-kq-to-runtime --verify-diagnostics | FileCheck %s

// CHECK-LABEL: func.func private @kq.truth.template.3c.product(%arg0: !llvm.ptr, %arg1: !llvm.ptr) -> !llvm.ptr
// CHECK:         %[[ID:.+]] = llvm.load %{{.+}} : !llvm.ptr -> i32
// CHECK:         %[[S:.+]] = call @kq_rt_truth_entity_id(%arg0, %[[ID]])
// CHECK:         %[[E1:.+]] = call @kq_rt_truth_project_id(%arg0, %[[S]], %{{.+}}, %{{.+}})
// What does not depend on ?e1 is computed once, before the loop:
// CHECK:         %[[S2:.+]] = call @kq_rt_truth_entity_id(%arg0,
// CHECK:         %[[E2:.+]] = call @kq_rt_truth_project_id(%arg0, %[[S2]],
// CHECK:         %[[N:.+]] = call @kq_rt_truth_candidates(%arg0, %[[E1]])
// CHECK:         %[[ACC:.+]] = call @kq_rt_truth_empty(%arg0)
// CHECK:         %[[LOOP:.+]] = scf.for %[[I:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[A:.+]] = %[[ACC]]) -> (!llvm.ptr) {
// CHECK:           %[[K:.+]] = arith.index_cast %[[I]] : index to i64
// CHECK:           %[[MARK:.+]] = func.call @kq_rt_truth_checkpoint(%arg0)
// CHECK:           %[[C:.+]] = func.call @kq_rt_truth_candidate(%arg0, %[[E1]], %[[K]])
// CHECK:           func.call @kq_rt_truth_project_id(%arg0, %[[C]],
// CHECK-NOT:       kq_rt_truth_entity_id
// CHECK:           func.call @kq_rt_truth_and(%arg0, %[[E2]],
// CHECK:           %[[NEXT:.+]] = func.call @kq_rt_truth_accumulate(%arg0, %[[A]], %[[E1]], %[[K]], %{{.+}})
// CHECK:           func.call @kq_rt_truth_release(%arg0, %[[MARK]])
// CHECK:           scf.yield %[[NEXT]] : !llvm.ptr
// CHECK:         return %[[LOOP]] : !llvm.ptr
// CHECK-LABEL: func.func @kq_main
// CHECK:         %[[F:.+]] = constant @kq.truth.template.3c.product
// CHECK:         call @kq_rt_eval_template(%arg0, %{{.+}}, %[[F]])
// CHECK-DAG:     %[[Q32:.+]] = constant @kq.kernel.rotate.f32.query
// CHECK-DAG:     %[[R32:.+]] = constant @kq.kernel.rotate.f32.rows
// CHECK-DAG:     %[[Q64:.+]] = constant @kq.kernel.rotate.f64.query
// CHECK-DAG:     %[[R64:.+]] = constant @kq.kernel.rotate.f64.rows
// CHECK-DAG:     %[[S32:.+]] = constant @kq.kernel.rotate.f32.softmax
// CHECK-DAG:     %[[S64:.+]] = constant @kq.kernel.rotate.f64.softmax
// CHECK:         call @kq_rt_eval(%arg0, {{.+}}, %[[Q32]], %[[R32]], %[[S32]], {{.+}}, %[[Q64]], %[[R64]], %[[S64]])
// CHECK-LABEL: func.func private @kq.kernel.rotate.f32.rows
// The softmax's float32 exp is a polynomial: no call of a math library.
// CHECK-LABEL: func.func private @kq.kernel.rotate.f32.softmax
// CHECK-NOT:     math.exp
// CHECK:         return
kq.graph @g load "g"
kq.model @m rotate "m" on @g
kq.query @template.3c attributes {parameters = ["entity", "entity", "relation", "relation", "relation", "relation", "relation"], pattern = [["p2", "p0", "v1", "+"], ["p3", "v1", "v0", "+"], ["p4", "p1", "v2", "+"], ["p5", "v2", "v0", "+"], ["p6", "v1", "v2", "+"]], text = ["?f . exists ?e1, ?e2 . ", 2, "(", 0, ", ?e1) & ", 3, "(?e1, ?f) & ", 4, "(", 1, ", ?e2) & ", 5, "(?e2, ?f) & ", 6, "(?e1, ?e2)"]} {
  %0 = kq.param 0
  %1 = kq.project_param %0 by 2
  %2 = kq.foreach %1 {
  ^bb0(%e1: !kq.set):
    %3 = kq.project_param %e1 by 3
    %4 = kq.param 1
    %5 = kq.project_param %4 by 4
    %6 = kq.project_param %e1 by 6
    %7 = kq.intersect %5, %6
    %8 = kq.project_param %7 by 5
    %9 = kq.intersect %3, %8
    kq.yield %9
  }
  kq.yield %2
}
kq.sample @b from [@template.3c] on @g observed ["train"] full ["train", "valid", "test"] count 3 seed 7
kq.eval @m on @b

// -----

// External scores need no twin and no kernel.
// CHECK-LABEL: func.func @kq_main
// CHECK-NOT:     kq_rt_eval_template
// CHECK:         call @kq_rt_eval_scores(%arg0,
// CHECK-NOT:     func.func private @kq.truth
kq.graph @g load "g"
kq.query @template.1p attributes {parameters = ["entity", "relation"], pattern = [["p1", "p0", "v0", "+"]], text = ["?y . ", 1, "(", 0, ", ?y)"]} {
  %s = kq.param 0
  %p = kq.project_param %s by 1
  kq.yield %p
}
kq.sample @b from [@template.1p] on @g observed ["train"] full ["train", "test"] count 1 seed 1
kq.eval scores "p.npy" at "/data/p.npy" on @b

// -----

// The connectives, named projections and the universe.
// CHECK-LABEL: func.func private @kq.truth.q.godel
// CHECK:         call @kq_rt_truth_entity(%arg0,
// CHECK:         call @kq_rt_truth_project(%arg0,
// CHECK:         call @kq_rt_truth_universe(%arg0)
// CHECK:         call @kq_rt_truth_or(%arg0,
// CHECK:         call @kq_rt_truth_and_not(%arg0,
// CHECK:         call @kq_rt_truth_not(%arg0,
// CHECK:         call @kq_rt_truth_guard(%arg0,
kq.query @q.godel {
  %a = kq.entity "a" : !kq.truth<godel>
  %p = kq.project %a by "r" inverse : !kq.truth<godel>
  %u = kq.universe : !kq.truth<godel>
  %o = kq.union %p, %u : !kq.truth<godel>
  %d = kq.difference %o, %p : !kq.truth<godel>
  %n = kq.complement %d : !kq.truth<godel>
  %g = kq.guard %n if %a : !kq.truth<godel>
  kq.yield %g : !kq.truth<godel>
}

// -----

// An op with no reading on truth vectors cannot be in a fuzzy twin.
kq.query @q.product {
  %a = kq.entity "a" : !kq.truth<product>
  // expected-error @+1 {{'arith.constant' op has no reading on truth vectors, so the fuzzy twin of its query cannot be computed}}
  %n = arith.constant 0 : index
  kq.yield %a : !kq.truth<product>
}
