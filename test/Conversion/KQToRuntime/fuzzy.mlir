// A fuzzy twin becomes a function on truth vectors: entities and
// projections calls of the kq_rt_truth_* functions, the connectives and
// guards loops over every entity's degree with the logic's arithmetic
// (conjunctions with an existential leaf excepted: the runtime asks a leaf
// only where the other side is above 0), a kq.foreach a loop over the
// candidates of its input whose body's loop takes the maximum of
// T(candidate, body) and which frees each iteration's vectors. A kq.eval registers the twins and runs with the rows
// kernels of its model's family.
// RUN: kq-opt %s --split-input-file --convert-kq-to-runtime --verify-diagnostics | FileCheck %s

// CHECK-LABEL: func.func private @kq.truth.template.3c.product(%arg0: !llvm.ptr, %arg1: !llvm.ptr) -> !llvm.ptr
// CHECK:         %[[SIZE:.+]] = call @kq_rt_truth_size(%arg0) : (!llvm.ptr) -> i64
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
// CHECK:           %[[BOTH:.+]] = func.call @kq_rt_truth_empty(%arg0)
// CHECK:           %[[L:.+]] = func.call @kq_rt_truth_degrees(%arg0, %[[E2]])
// CHECK:           %[[R:.+]] = func.call @kq_rt_truth_degrees(%arg0, %{{.+}})
// CHECK:           %[[O:.+]] = func.call @kq_rt_truth_degrees(%arg0, %[[BOTH]])
// CHECK:           %[[END:.+]] = arith.index_cast %[[SIZE]] : i64 to index
// CHECK:           scf.for %[[Y:.+]] = %{{.+}} to %[[END]]
// CHECK:             %[[Y64:.+]] = arith.index_cast %[[Y]] : index to i64
// CHECK:             %[[LP:.+]] = llvm.getelementptr %[[L]][%[[Y64]]] : (!llvm.ptr, i64) -> !llvm.ptr, f64
// CHECK:             %[[LV:.+]] = llvm.load %[[LP]] : !llvm.ptr -> f64
// CHECK:             %[[RV:.+]] = llvm.load %{{.+}} : !llvm.ptr -> f64
// CHECK:             %[[T:.+]] = arith.mulf %[[LV]], %[[RV]] : f64
// CHECK:             %[[OP:.+]] = llvm.getelementptr %[[O]][%[[Y64]]]
// CHECK:             llvm.store %[[T]], %[[OP]] : f64, !llvm.ptr
// CHECK-NOT:       kq_rt_truth_and
// CHECK:           %[[W:.+]] = func.call @kq_rt_truth_candidate_degree(%arg0, %[[E1]], %[[K]]) : (!llvm.ptr, !llvm.ptr, i64) -> f64
// CHECK:           %[[V:.+]] = func.call @kq_rt_truth_degrees(%arg0, %{{.+}})
// CHECK:           %[[AD:.+]] = func.call @kq_rt_truth_degrees(%arg0, %[[A]])
// CHECK:           scf.for %[[Z:.+]] = %{{.+}} to %{{.+}}
// CHECK:             %[[Z64:.+]] = arith.index_cast %[[Z]] : index to i64
// CHECK:             %[[VP:.+]] = llvm.getelementptr %[[V]][%[[Z64]]]
// CHECK:             %[[VV:.+]] = llvm.load %[[VP]] : !llvm.ptr -> f64
// CHECK:             %[[WV:.+]] = arith.mulf %[[W]], %[[VV]] : f64
// CHECK:             %[[AP:.+]] = llvm.getelementptr %[[AD]][%[[Z64]]]
// CHECK:             %[[OLD:.+]] = llvm.load %[[AP]] : !llvm.ptr -> f64
// CHECK:             %[[LESS:.+]] = arith.cmpf olt, %[[OLD]], %[[WV]] : f64
// CHECK:             %[[MAX:.+]] = arith.select %[[LESS]], %[[WV]], %[[OLD]] : f64
// CHECK:             llvm.store %[[MAX]], %[[AP]] : f64, !llvm.ptr
// CHECK:           func.call @kq_rt_truth_release(%arg0, %[[MARK]])
// CHECK:           scf.yield %[[A]] : !llvm.ptr
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

// The connectives, named projections and the universe. Goedel's t-norm and
// t-conorm are comparisons (a < b ? a : b, a > b ? a : b), its negation
// 1 - a.
// CHECK-LABEL: func.func private @kq.truth.q.godel
// CHECK:         call @kq_rt_truth_entity(%arg0,
// CHECK:         call @kq_rt_truth_project(%arg0,
// CHECK:         call @kq_rt_truth_universe(%arg0)
// CHECK:         scf.for
// CHECK:           %[[GT:.+]] = arith.cmpf ogt, %[[A:.+]], %[[B:.+]] : f64
// CHECK:           arith.select %[[GT]], %[[A]], %[[B]] : f64
// CHECK:         scf.for
// CHECK:           %[[NOT:.+]] = arith.subf %{{.+}}, %{{.+}} : f64
// CHECK:           %[[LT:.+]] = arith.cmpf olt, %[[C:.+]], %[[NOT]] : f64
// CHECK:           arith.select %[[LT]], %[[C]], %[[NOT]] : f64
// CHECK:         scf.for
// CHECK:           arith.subf
// A guard: the largest degree of its condition, then T(value, it).
// CHECK:         %[[COND:.+]] = call @kq_rt_truth_degrees(%arg0, %{{.+}})
// CHECK:         %[[HOLDS:.+]] = scf.for %{{.+}} = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[BEST:.+]] = %{{.+}}) -> (f64) {
// CHECK:           %[[D:.+]] = llvm.load %{{.+}} : !llvm.ptr -> f64
// CHECK:           %[[BELOW:.+]] = arith.cmpf olt, %[[BEST]], %[[D]] : f64
// CHECK:           %[[UP:.+]] = arith.select %[[BELOW]], %[[D]], %[[BEST]] : f64
// CHECK:           scf.yield %[[UP]] : f64
// CHECK:         scf.for
// CHECK:           %[[GV:.+]] = llvm.load %{{.+}} : !llvm.ptr -> f64
// CHECK:           %[[GLT:.+]] = arith.cmpf olt, %[[GV]], %[[HOLDS]] : f64
// CHECK:           arith.select %[[GLT]], %[[GV]], %[[HOLDS]] : f64
// CHECK-NOT:     call @kq_rt_truth_guard
// CHECK-NOT:     call @kq_rt_truth_or
// CHECK-NOT:     call @kq_rt_truth_not
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

// An existential leaf is conjoined by the runtime, last, and the product
// logic's t-conorm is a + b - a * b.
// CHECK-LABEL: func.func private @kq.truth.q.product
// CHECK:         %[[X:.+]] = call @kq_rt_truth_project(%arg0, %{{.+}}, %{{.+}}, %{{.+}})
// CHECK:         %[[U:.+]] = call @kq_rt_truth_universe(%arg0)
// CHECK:         %[[LEAF:.+]] = call @kq_rt_truth_project(%arg0, %[[U]],
// CHECK:         %[[Y:.+]] = call @kq_rt_truth_project(%arg0,
// CHECK:         scf.for
// CHECK:           arith.mulf
// CHECK:         %[[AND:.+]] = call @kq_rt_truth_and(%arg0, %{{.+}}, %[[LEAF]])
// CHECK:         %[[NOT:.+]] = call @kq_rt_truth_and_not(%arg0, %[[Y]], %[[LEAF]])
// CHECK:         scf.for
// CHECK:           %[[SUM:.+]] = arith.addf %[[A:.+]], %[[B:.+]] : f64
// CHECK:           %[[PRODUCT:.+]] = arith.mulf %[[A]], %[[B]] : f64
// CHECK:           arith.subf %[[SUM]], %[[PRODUCT]] : f64
kq.query @q.product {
  %a = kq.entity "a" : !kq.truth<product>
  %x = kq.project %a by "x" : !kq.truth<product>
  %u = kq.universe : !kq.truth<product>
  %leaf = kq.project %u by "r" : !kq.truth<product>
  %y = kq.project %a by "y" : !kq.truth<product>
  %i = kq.intersect %leaf, %x, %y : !kq.truth<product>
  %d = kq.difference %y, %leaf : !kq.truth<product>
  %o = kq.union %i, %d : !kq.truth<product>
  kq.yield %o : !kq.truth<product>
}

// -----

// A foreach whose body negates its candidate's projection (FIT's pni) is
// T(B, max_c T(set(c), 1 - r(c, y))): the runtime computes the maximum from
// the best candidates' rows, and no loop over the candidates is left.
// CHECK-LABEL: func.func private @kq.truth.q.pni
// CHECK:         %[[S:.+]] = call @kq_rt_truth_project(%arg0,
// CHECK:         %[[B:.+]] = call @kq_rt_truth_project(%arg0,
// CHECK-NOT:     kq_rt_truth_candidates
// CHECK:         %[[M:.+]] = call @kq_rt_truth_project_negated(%arg0, %[[S]], %{{.+}}) : (!llvm.ptr, !llvm.ptr, !llvm.ptr) -> !llvm.ptr
// CHECK:         %[[BD:.+]] = call @kq_rt_truth_degrees(%arg0, %[[B]])
// CHECK:         %[[MD:.+]] = call @kq_rt_truth_degrees(%arg0, %[[M]])
// CHECK:         scf.for
// CHECK:           arith.mulf
// CHECK-NOT:     kq_rt_truth_candidate
kq.query @q.pni {
  %a = kq.entity "a" : !kq.truth<product>
  %s = kq.project %a by "r1" : !kq.truth<product>
  %f = kq.foreach %s : !kq.truth<product> {
  ^bb0(%c: !kq.truth<product>):
    %n = kq.project %c by "r2" : !kq.truth<product>
    %b0 = kq.entity "b" : !kq.truth<product>
    %b = kq.project %b0 by "r3" : !kq.truth<product>
    %d = kq.difference %b, %n : !kq.truth<product>
    kq.yield %d : !kq.truth<product>
  }
  kq.yield %f : !kq.truth<product>
}

// A bare negation gives the maximum itself; one through an inverse atom,
// or with a kept side that depends on the candidate, stays a loop.
// CHECK-LABEL: func.func private @kq.truth.q.not
// CHECK:         %[[M:.+]] = call @kq_rt_truth_project_negated(%arg0,
// CHECK-NEXT:    return %[[M]]
kq.query @q.not {
  %a = kq.entity "a" : !kq.truth<godel>
  %s = kq.project %a by "r1" : !kq.truth<godel>
  %f = kq.foreach %s : !kq.truth<godel> {
  ^bb0(%c: !kq.truth<godel>):
    %n = kq.project %c by "r2" : !kq.truth<godel>
    %d = kq.complement %n : !kq.truth<godel>
    kq.yield %d : !kq.truth<godel>
  }
  kq.yield %f : !kq.truth<godel>
}
// CHECK-LABEL: func.func private @kq.truth.q.inverse
// CHECK-NOT:     kq_rt_truth_project_negated
// CHECK:         call @kq_rt_truth_candidates
// CHECK-LABEL: func.func private @kq.truth.q.bound
// CHECK-NOT:     kq_rt_truth_project_negated
// CHECK:         call @kq_rt_truth_candidates
kq.query @q.inverse {
  %a = kq.entity "a" : !kq.truth<product>
  %s = kq.project %a by "r1" : !kq.truth<product>
  %f = kq.foreach %s : !kq.truth<product> {
  ^bb0(%c: !kq.truth<product>):
    %n = kq.project %c by "r2" inverse : !kq.truth<product>
    %d = kq.complement %n : !kq.truth<product>
    kq.yield %d : !kq.truth<product>
  }
  kq.yield %f : !kq.truth<product>
}
kq.query @q.bound {
  %a = kq.entity "a" : !kq.truth<product>
  %s = kq.project %a by "r1" : !kq.truth<product>
  %f = kq.foreach %s : !kq.truth<product> {
  ^bb0(%c: !kq.truth<product>):
    %k = kq.project %c by "r3" : !kq.truth<product>
    %n = kq.project %c by "r2" : !kq.truth<product>
    %d = kq.difference %k, %n : !kq.truth<product>
    kq.yield %d : !kq.truth<product>
  }
  kq.yield %f : !kq.truth<product>
}

// -----

// A domain's candidates only bound the enumeration: each weighs 1, so the
// atom its candidates came from, stated again in the body, counts once;
// nor does its negation take the sparse path, which orders by degree.
// CHECK-LABEL: func.func private @kq.truth.q.domain
// CHECK-NOT:     kq_rt_truth_project_negated
// CHECK:         call @kq_rt_truth_candidates
// CHECK:         scf.for
// The body's B and not r2(c, y), then the maximum with weight 1.
// CHECK:           scf.for
// CHECK:             arith.subf
// CHECK-NOT:       kq_rt_truth_candidate_degree
// CHECK:           %[[ONE:.+]] = arith.constant 1.000000e+00 : f64
// CHECK:           scf.for
// CHECK:             arith.mulf %[[ONE]], %{{.+}} : f64
kq.query @q.domain {
  %u = kq.universe : !kq.truth<product>
  %s = kq.project %u by "r1" : !kq.truth<product>
  %f = kq.foreach %s : !kq.truth<product> domain {
  ^bb0(%c: !kq.truth<product>):
    %a = kq.entity "a" : !kq.truth<product>
    %b = kq.project %a by "r3" : !kq.truth<product>
    %m = kq.project %c by "r2" : !kq.truth<product>
    %d = kq.difference %b, %m : !kq.truth<product>
    kq.yield %d : !kq.truth<product>
  }
  kq.yield %f : !kq.truth<product>
}

// -----

// An op with no reading on truth vectors cannot be in a fuzzy twin.
kq.query @q.product {
  %a = kq.entity "a" : !kq.truth<product>
  // expected-error @+1 {{'arith.constant' op has no reading on truth vectors, so the fuzzy twin of its query cannot be computed}}
  %n = arith.constant 0 : index
  kq.yield %a : !kq.truth<product>
}
