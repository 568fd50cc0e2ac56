// The set kernels a module with set operations gets, once: the projection
// marks targets in the view's bitmap and compacts only the words it marked;
// the merges store unconditionally. A module without sets gets none.
// RUN: kq-opt %s --split-input-file --convert-kq-to-runtime | FileCheck %s

// CHECK-COUNT-1: func.func private @kq.kernel.set.lower_bound(
// CHECK-COUNT-1: func.func private @kq.kernel.set.intersect(
// CHECK: arith.muli %{{.+}}, %{{.+}} : i64
// CHECK: scf.if
// CHECK-COUNT-1: func.func private @kq.kernel.set.union(
// CHECK: arith.minui
// CHECK-COUNT-1: func.func private @kq.kernel.set.difference(
// CHECK-LABEL: func.func private @kq.kernel.set.project(
// CHECK: %[[BITMAP:.+]] = call @kq_rt_bitmap(
// CHECK: %[[MARKS:.+]]:4 = scf.for
// CHECK:   func.call @kq.kernel.set.lower_bound(
// CHECK:   arith.minsi
// CHECK:   arith.maxsi
// CHECK: %[[OUT:.+]] = call @kq_rt_new_set(%{{.+}}, %[[MARKS]]#1)
// CHECK: %[[END:.+]] = arith.addi %[[MARKS]]#3, %{{.+}} : i64
// CHECK: scf.for %{{.+}} = %[[MARKS]]#2 to %[[END]]
// CHECK:   math.cttz
// CHECK-LABEL: func.func private @kq.kernel.set.self_loops(
// CHECK-LABEL: func.func private @kq.kernel.set.guard(
// CHECK: call @kq_rt_empty(
kq.graph @g load "g"
kq.query @q {
  %a = kq.entity "a"
  %p = kq.project %a by "r"
  kq.yield %p
}
kq.answer @q on @g ["train"]

// -----

// CHECK-NOT: kq.kernel.set
kq.graph @g load "g"
