// kq-simplify: idempotence, flattening, repeated inputs, double complement,
// repeated difference, projections hoisted out of kq.foreach.
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

// Flattening, then absorption, repeatedly: ((x|y)|z) & (x|y) & w & (((x|y)|z)|x)
// is (x|y) & w.
// CHECK-LABEL: kq.query @shared_inner
kq.query @shared_inner {
  // CHECK-DAG: %[[X:.+]] = kq.project %{{.+}} by "x"
  // CHECK-DAG: %[[Y:.+]] = kq.project %{{.+}} by "y"
  // CHECK-DAG: %[[W:.+]] = kq.project %{{.+}} by "w"
  // CHECK: %[[IN:.+]] = kq.union %[[X]], %[[Y]]
  // CHECK-NEXT: %[[R:.+]] = kq.intersect %[[IN]], %[[W]]
  // CHECK-NEXT: kq.yield %[[R]]
  %a = kq.entity "a"
  %x = kq.project %a by "x"
  %y = kq.project %a by "y"
  %z = kq.project %a by "z"
  %w = kq.project %a by "w"
  %inner = kq.union %x, %y
  %outer = kq.union %inner, %z
  %both = kq.intersect %outer, %inner, %w
  %more = kq.union %outer, %x
  %all = kq.intersect %both, %more
  kq.yield %all
}

// Absorption: a & (a | b) == a and a | (a & b) == a.
// CHECK-LABEL: kq.query @absorption
kq.query @absorption {
  // CHECK: %[[X:.+]] = kq.project %{{.+}} by "x"
  // CHECK: %[[U:.+]] = kq.union %[[X]], %[[Y:.+]]
  // CHECK-NOT: kq.intersect
  // CHECK: kq.yield %[[U]]
  %a = kq.entity "a"
  %x = kq.project %a by "x"
  %y = kq.project %a by "y"
  %either = kq.union %x, %y
  %absorbed = kq.intersect %either, %either
  %both = kq.intersect %x, %y
  %u = kq.union %absorbed, %both
  kq.yield %u
}

// Empty and universal sets.
// CHECK-LABEL: kq.query @identities
kq.query @identities {
  // CHECK: %[[X:.+]] = kq.project %{{.+}} by "x"
  // CHECK-NEXT: kq.yield %[[X]]
  %a = kq.entity "a"
  %x = kq.project %a by "x"
  %all = kq.universe
  %none = kq.empty
  %i = kq.intersect %x, %all
  %u = kq.union %i, %none
  %d = kq.difference %u, %none
  kq.yield %d
}

// CHECK-LABEL: kq.query @to_empty
kq.query @to_empty {
  // CHECK: %[[E:.+]] = kq.empty
  // CHECK-NEXT: kq.yield %[[E]]
  %a = kq.entity "a"
  %x = kq.project %a by "x"
  %none = kq.empty
  %all = kq.universe
  %i = kq.intersect %x, %none
  %p = kq.project %i by "r"
  %f = kq.foreach %p {
  ^bb0(%e: !kq.set):
    kq.yield %e
  }
  %d1 = kq.difference %x, %x
  %d2 = kq.difference %x, %all
  %c = kq.complement %all
  %u = kq.union %f, %d1, %d2, %c
  kq.yield %u
}

// CHECK-LABEL: kq.query @guards
kq.query @guards {
  // A guard on everything passes, one on nothing gives nothing (which the
  // union then drops).
  // CHECK: %[[X:.+]] = kq.project %{{.+}} by "x"
  // CHECK-NEXT: kq.yield %[[X]]
  %a = kq.entity "a"
  %x = kq.project %a by "x"
  %all = kq.universe
  %none = kq.empty
  %passes = kq.guard %x if %all
  %fails = kq.guard %x if %none
  %u = kq.union %passes, %fails
  kq.yield %u
}

// CHECK-LABEL: kq.query @to_universe
kq.query @to_universe {
  // CHECK-NEXT: %[[ALL:.+]] = kq.universe
  // CHECK-NEXT: kq.yield %[[ALL]]
  %a = kq.entity "a"
  %x = kq.project %a by "x"
  %none = kq.empty
  %all = kq.complement %none
  %notx = kq.difference %all, %x
  %u = kq.union %notx, %all
  kq.yield %u
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

// A projection that a foreach's body ends with is taken once, after the
// loop, on the union of what the bodies yield (the supremum, on truth
// vectors); chains come out one projection at a time.
// CHECK-LABEL: kq.query @hoist_projection
kq.query @hoist_projection {
  // CHECK: %[[ALL:.+]] = kq.foreach %{{.+}} {
  // CHECK-NEXT: ^bb0(%[[E:.+]]: !kq.set):
  // CHECK-NEXT:   %[[X:.+]] = kq.project %[[E]] by "x"
  // CHECK-NEXT:   %[[Y:.+]] = kq.project %[[E]] by "y"
  // CHECK-NEXT:   %[[I:.+]] = kq.intersect %[[X]], %[[Y]]
  // CHECK-NEXT:   kq.yield %[[I]]
  // CHECK-NEXT: }
  // CHECK-NEXT: %[[R:.+]] = kq.project %[[ALL]] by "r" inverse
  // CHECK-NEXT: %[[S:.+]] = kq.project %[[R]] by "s"
  // CHECK-NEXT: kq.yield %[[S]]
  %a = kq.entity "a"
  %p = kq.project %a by "p"
  %f = kq.foreach %p {
  ^bb0(%e: !kq.set):
    %x = kq.project %e by "x"
    %y = kq.project %e by "y"
    %i = kq.intersect %x, %y
    %r = kq.project %i by "r" inverse
    %s = kq.project %r by "s"
    kq.yield %s
  }
  kq.yield %f
}

// CHECK-LABEL: kq.query @hoist_projection_param
kq.query @hoist_projection_param attributes {parameters = ["entity", "relation", "relation", "relation"]} {
  // CHECK: %[[ALL:.+]] = kq.foreach %{{.+}} : !kq.truth<godel> {
  // CHECK:   kq.yield %{{.+}} : !kq.truth<godel>
  // CHECK: %[[P:.+]] = kq.project_param %[[ALL]] by 3 : !kq.truth<godel>
  // CHECK-NEXT: kq.yield %[[P]]
  %s = kq.param 0 : !kq.truth<godel>
  %p = kq.project_param %s by 1 : !kq.truth<godel>
  %f = kq.foreach %p : !kq.truth<godel> {
  ^bb0(%e: !kq.truth<godel>):
    %x = kq.project_param %e by 2 : !kq.truth<godel>
    %y = kq.project_param %x by 3 : !kq.truth<godel>
    %i = kq.intersect %y, %x : !kq.truth<godel>
    %r = kq.project_param %i by 3 : !kq.truth<godel>
    kq.yield %r : !kq.truth<godel>
  }
  kq.yield %f : !kq.truth<godel>
}

// A body that ends with anything but a projection (here a guard, and the
// loop's own variable) stays as it is.
// CHECK-LABEL: kq.query @keep_projection
kq.query @keep_projection {
  // CHECK: kq.foreach
  // CHECK:   %[[X:.+]] = kq.project %{{.+}} by "x"
  // CHECK:   %[[G:.+]] = kq.guard %[[X]] if %[[X]]
  // CHECK:   kq.yield %[[G]]
  // CHECK: kq.foreach
  // CHECK-NEXT: ^bb0(%[[E:.+]]: !kq.set):
  // CHECK-NEXT:   kq.yield %[[E]]
  %a = kq.entity "a"
  %p = kq.project %a by "p"
  %f = kq.foreach %p {
  ^bb0(%e: !kq.set):
    %x = kq.project %e by "x"
    %g = kq.guard %x if %x
    kq.yield %g
  }
  %h = kq.foreach %p {
  ^bb0(%e: !kq.set):
    kq.yield %e
  }
  %u = kq.union %f, %h
  kq.yield %u
}
