// kq-order-intersections: smallest estimated input first, from graph
// statistics in a kq.evaluate on a graph that has them, from the shape alone
// elsewhere.
// RUN: kq-opt %s --kq-order-intersections | FileCheck %s

// "big" reaches many entities per source, "small" few.
kq.graph @g load "data/g" {statistics = {entities = 1000 : i64, relations = {big = array<i64: 5000, 10, 900>, small = array<i64: 20, 10, 15>}}}

// CHECK-LABEL: kq.evaluate on @g ["train"]
kq.evaluate on @g ["train"] {
  %a = kq.entity "a"
  %big = kq.project %a by "big"
  %small = kq.project %a by "small"
  // CHECK: kq.intersect %[[SMALL:.+]], %[[BIG:.+]]
  %i = kq.intersect %big, %small
  kq.report %i as "q"
}

// Without statistics: one hop before two, an anchor's projection before a
// complement.
// CHECK-LABEL: kq.query @shape
kq.query @shape {
  %a = kq.entity "a"
  %one = kq.project %a by "r"
  %two = kq.project %one by "s"
  %not = kq.complement %two
  // CHECK: %[[ONE:.+]] = kq.project %{{.+}} by "r"
  // CHECK: %[[TWO:.+]] = kq.project %[[ONE]] by "s"
  // CHECK: %[[NOT:.+]] = kq.complement %[[TWO]]
  // CHECK: kq.intersect %[[ONE]], %[[TWO]], %[[NOT]]
  %i = kq.intersect %not, %two, %one
  kq.yield %i
}
