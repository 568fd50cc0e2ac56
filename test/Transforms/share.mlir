// kq-share: adjacent answers on one graph view are evaluated together, so
// CSE computes their common sub-queries once.
// RUN: kq-opt %s --kq-share | FileCheck %s
// RUN: kq-opt %s --kq-share --cse | FileCheck %s --check-prefix=CSE

kq.graph @g load "data/g"
kq.query @q1 {
  %0 = kq.entity "a"
  %1 = kq.project %0 by "r"
  kq.yield %1
}
// The same sub-query as in q1 (in the source its variable had another name).
kq.query @q2 {
  %0 = kq.entity "a"
  %1 = kq.project %0 by "r"
  %2 = kq.project %1 by "s"
  kq.yield %2
}
kq.query @unused {
  %0 = kq.entity "z"
  kq.yield %0
}
kq.answer @q1 on @g ["train"]
kq.answer @q2 on @g ["train"] {arguments = ["x"], label = "t"}
kq.answer @q1 on @g ["train", "test"]

// CHECK-NOT: kq.query
// CHECK-LABEL: kq.evaluate on @g ["train"] {
// CHECK:   %[[A:.+]] = kq.entity "a"
// CHECK:   %[[P:.+]] = kq.project %[[A]] by "r"
// CHECK:   kq.report %[[P]] as "q1"
// CHECK:   %[[A2:.+]] = kq.entity "a"
// CHECK:   %[[P2:.+]] = kq.project %[[A2]] by "r"
// CHECK:   %[[S:.+]] = kq.project %[[P2]] by "s"
// CHECK:   kq.report %[[S]] as "t" {arguments = ["x"]}
// CHECK: }
// A different view is a statement of its own.
// CHECK-LABEL: kq.evaluate on @g ["train", "test"] {
// CHECK:   kq.report %{{.+}} as "q1"
// CHECK-NOT: kq.answer

// CSE-LABEL: kq.evaluate on @g ["train"] {
// CSE:   %[[A:.+]] = kq.entity "a"
// CSE:   %[[P:.+]] = kq.project %[[A]] by "r"
// CSE:   kq.report %[[P]] as "q1"
// CSE-NOT: kq.entity
// CSE:   %[[S:.+]] = kq.project %[[P]] by "s"
// CSE:   kq.report %[[S]] as "t"
