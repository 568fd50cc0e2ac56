// kq-normalize: differences instead of complements, De Morgan toward fewer
// complements, projections factored out of unions.
// RUN: kq-opt %s --kq-normalize | FileCheck %s

// CHECK-LABEL: kq.query @difference
kq.query @difference {
  // CHECK: %[[P:.+]] = kq.project %{{.+}} by "p"
  // CHECK: %[[N:.+]] = kq.project %{{.+}} by "n"
  // CHECK: %[[M:.+]] = kq.project %{{.+}} by "m"
  // CHECK-NOT: kq.complement
  // CHECK: %[[EXCLUDED:.+]] = kq.union %[[N]], %[[M]]
  // CHECK: %[[D:.+]] = kq.difference %[[P]], %[[EXCLUDED]]
  // CHECK: kq.yield %[[D]]
  %a = kq.entity "a"
  %p = kq.project %a by "p"
  %n = kq.project %a by "n"
  %m = kq.project %a by "m"
  %not_n = kq.complement %n
  %not_m = kq.complement %m
  %r = kq.intersect %p, %not_n, %not_m
  kq.yield %r
}

// CHECK-LABEL: kq.query @difference_of_complement
kq.query @difference_of_complement {
  // CHECK: %[[P:.+]] = kq.project %{{.+}} by "p"
  // CHECK: %[[N:.+]] = kq.project %{{.+}} by "n"
  // CHECK: %[[I:.+]] = kq.intersect %[[P]], %[[N]]
  // CHECK: kq.yield %[[I]]
  %a = kq.entity "a"
  %p = kq.project %a by "p"
  %n = kq.project %a by "n"
  %not_n = kq.complement %n
  %r = kq.difference %p, %not_n
  kq.yield %r
}

// CHECK-LABEL: kq.query @de_morgan_intersection
kq.query @de_morgan_intersection {
  // CHECK: %[[U:.+]] = kq.union %[[X:.+]], %[[Y:.+]]
  // CHECK-NEXT: %[[C:.+]] = kq.complement %[[U]]
  // CHECK-NEXT: kq.yield %[[C]]
  %a = kq.entity "a"
  %x = kq.project %a by "x"
  %y = kq.project %a by "y"
  %nx = kq.complement %x
  %ny = kq.complement %y
  %r = kq.intersect %nx, %ny
  kq.yield %r
}

// CHECK-LABEL: kq.query @de_morgan_union
kq.query @de_morgan_union {
  // CHECK: %[[I:.+]] = kq.intersect %[[X:.+]], %[[Y:.+]]
  // CHECK-NEXT: %[[C:.+]] = kq.complement %[[I]]
  // CHECK-NEXT: %[[U:.+]] = kq.union %[[Z:.+]], %[[C]]
  // CHECK-NEXT: kq.yield %[[U]]
  %a = kq.entity "a"
  %x = kq.project %a by "x"
  %y = kq.project %a by "y"
  %z = kq.project %a by "z"
  %nx = kq.complement %x
  %ny = kq.complement %y
  %r = kq.union %nx, %z, %ny
  kq.yield %r
}

// CHECK-LABEL: kq.query @factor_projection
kq.query @factor_projection {
  // CHECK: %[[A:.+]] = kq.entity "a"
  // CHECK: %[[B:.+]] = kq.entity "b"
  // CHECK: %[[U:.+]] = kq.union %[[A]], %[[B]]
  // CHECK-NEXT: %[[P:.+]] = kq.project %[[U]] by "r"
  // CHECK-NEXT: %[[R:.+]] = kq.union %[[P]], %[[S:.+]]
  // CHECK-NEXT: kq.yield %[[R]]
  %a = kq.entity "a"
  %b = kq.entity "b"
  %pa = kq.project %a by "r"
  %pb = kq.project %b by "r"
  %s = kq.project %a by "r" inverse
  %r = kq.union %pa, %s, %pb
  kq.yield %r
}

// A projection used elsewhere is not factored: it would be computed twice.
// CHECK-LABEL: kq.query @no_factor_when_shared
kq.query @no_factor_when_shared {
  // CHECK: %[[PA:.+]] = kq.project %{{.+}} by "r"
  // CHECK: %[[PB:.+]] = kq.project %{{.+}} by "r"
  // CHECK: %[[U:.+]] = kq.union %[[PA]], %[[PB]]
  // CHECK: kq.intersect %[[U]], %[[PA]]
  %a = kq.entity "a"
  %b = kq.entity "b"
  %pa = kq.project %a by "r"
  %pb = kq.project %b by "r"
  %u = kq.union %pa, %pb
  %r = kq.intersect %u, %pa
  kq.yield %r
}

// A negated leaf between two bound variables (`r(?x, ?y) & s(?y, ?z) &
// !t(?z, ?x)` with ?x enumerated): the complement is restricted to the
// neighbours of the positive part first, so it becomes a difference and
// costs the neighbourhood of the bindings, not every entity.
// CHECK-LABEL: kq.query @negated_leaf
kq.query @negated_leaf {
  // CHECK: %[[X:.+]] = kq.entity "x"
  // CHECK: %[[Y:.+]] = kq.project %[[X]] by "r"
  // CHECK: %[[T:.+]] = kq.project %[[X]] by "t" inverse
  // CHECK-NOT: kq.complement
  // CHECK: %[[Z:.+]] = kq.project %[[Y]] by "s"
  // CHECK: %[[ZD:.+]] = kq.difference %[[Z]], %[[T]]
  // CHECK: %[[BACK:.+]] = kq.project %[[ZD]] by "s" inverse
  // CHECK: %[[R:.+]] = kq.intersect %[[Y]], %[[BACK]]
  // CHECK: kq.yield %[[R]]
  %x = kq.entity "x"
  %y = kq.project %x by "r"
  %t = kq.project %x by "t" inverse
  %not_t = kq.complement %t
  %back = kq.project %not_t by "s" inverse
  %r = kq.intersect %y, %back
  kq.yield %r
}

// The same a chain further: each projection of the complement is
// restricted in turn, from the bound side.
// CHECK-LABEL: kq.query @negated_leaf_two_edges_away
kq.query @negated_leaf_two_edges_away {
  // CHECK-NOT: kq.complement
  // CHECK: %[[W:.+]] = kq.project %[[Y:.+]] by "s"
  // CHECK: %[[Z:.+]] = kq.project %[[W]] by "u"
  // CHECK: kq.difference %[[Z]], %{{.+}}
  %x = kq.entity "x"
  %y = kq.project %x by "r"
  %t = kq.project %x by "t" inverse
  %not_t = kq.complement %t
  %w = kq.project %not_t by "u" inverse
  %back = kq.project %w by "s" inverse
  %r = kq.intersect %y, %back
  kq.yield %r
}

// Only sets: under a fuzzy logic the restriction would weigh the
// neighbours by the positive part's truth a second time.
// CHECK-LABEL: kq.query @negated_leaf_fuzzy
kq.query @negated_leaf_fuzzy {
  // CHECK: kq.complement
  // CHECK: kq.project %{{.+}} by "s" inverse
  %x = kq.entity "x" : !kq.truth<product>
  %y = kq.project %x by "r" : !kq.truth<product>
  %t = kq.project %x by "t" inverse : !kq.truth<product>
  %not_t = kq.complement %t : !kq.truth<product>
  %back = kq.project %not_t by "s" inverse : !kq.truth<product>
  %r = kq.intersect %y, %back : !kq.truth<product>
  kq.yield %r : !kq.truth<product>
}
