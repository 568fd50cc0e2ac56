// kq-simplify: idempotence, flattening, repeated inputs, double complement,
// repeated difference.
// RUN: kq-opt %s --kq-simplify | FileCheck %s

// CHECK-LABEL: kq.query @idempotent
kq.query @idempotent {
  // CHECK: %[[A:.+]] = kq.entity "a"
  // CHECK-NEXT: %[[P:.+]] = kq.project %[[A]] by "r"
  // CHECK-NEXT: kq.yield %[[P]]
  %a = kq.entity "a"
  %p = kq.project %a by "r"
  %i = kq.intersect %p, %p
  %u = kq.union %i, %i, %i
  kq.yield %u
}

// CHECK-LABEL: kq.query @flatten
kq.query @flatten {
  // CHECK-DAG: %[[X:.+]] = kq.project {{.*}} by "x"
  // CHECK-DAG: %[[Y:.+]] = kq.project {{.*}} by "y"
  // CHECK-DAG: %[[Z:.+]] = kq.project {{.*}} by "z"
  // CHECK: %[[I:.+]] = kq.intersect %[[X]], %[[Y]], %[[Z]]
  // CHECK-NOT: kq.intersect
  // CHECK: kq.yield %[[I]]
  %a = kq.entity "a"
  %x = kq.project %a by "x"
  %y = kq.project %a by "y"
  %z = kq.project %a by "z"
  %inner = kq.intersect %x, %y
  %outer = kq.intersect %inner, %y, %z
  kq.yield %outer
}

// A nested combination used elsewhere too is kept: flattening would
// compute it twice.
// CHECK-LABEL: kq.query @shared_inner
kq.query @shared_inner {
  // CHECK: %[[IN:.+]] = kq.union %[[X:.+]], %[[Y:.+]]
  // CHECK: %[[OUT:.+]] = kq.union %[[IN]], %{{.+}}
  // CHECK: kq.intersect %[[OUT]], %[[IN]]
  %a = kq.entity "a"
  %x = kq.project %a by "x"
  %y = kq.project %a by "y"
  %z = kq.project %a by "z"
  %inner = kq.union %x, %y
  %outer = kq.union %inner, %z
  %both = kq.intersect %outer, %inner
  kq.yield %both
}

// CHECK-LABEL: kq.query @double_complement
kq.query @double_complement {
  // CHECK: %[[P:.+]] = kq.project
  // CHECK-NEXT: kq.yield %[[P]]
  %a = kq.entity "a"
  %p = kq.project %a by "r"
  %c1 = kq.complement %p
  %c2 = kq.complement %c1
  kq.yield %c2
}

// CHECK-LABEL: kq.query @repeated_difference
kq.query @repeated_difference {
  // CHECK: %[[D:.+]] = kq.difference %[[P:.+]], %[[N:.+]]
  // CHECK-NEXT: kq.yield %[[D]]
  %a = kq.entity "a"
  %p = kq.project %a by "r"
  %n = kq.project %a by "s"
  %d1 = kq.difference %p, %n
  %d2 = kq.difference %d1, %n
  kq.yield %d2
}
