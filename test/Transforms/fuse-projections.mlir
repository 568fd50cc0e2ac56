// kq-fuse-projections: chains of projections whose intermediate sets serve
// nothing else become one kq.path.
// RUN: kq-opt %s --kq-fuse-projections | FileCheck %s

// CHECK-LABEL: kq.query @chain
kq.query @chain {
  // CHECK: %[[A:.+]] = kq.entity "a"
  // CHECK-NEXT: %[[P:.+]] = kq.path %[[A]] by ["r", "s", "t"] inverse [false, true, false]
  // CHECK-NEXT: kq.yield %[[P]]
  %a = kq.entity "a"
  %1 = kq.project %a by "r"
  %2 = kq.project %1 by "s" inverse
  %3 = kq.project %2 by "t"
  kq.yield %3
}

// A projection used twice stays: its set is needed on its own.
// CHECK-LABEL: kq.query @shared_prefix
kq.query @shared_prefix {
  // CHECK: %[[X:.+]] = kq.project %{{.+}} by "r"
  // CHECK-DAG: kq.project %[[X]] by "s"
  // CHECK-DAG: kq.project %[[X]] by "t"
  %a = kq.entity "a"
  %x = kq.project %a by "r"
  %s = kq.project %x by "s"
  %t = kq.project %x by "t"
  %i = kq.intersect %s, %t
  kq.yield %i
}
