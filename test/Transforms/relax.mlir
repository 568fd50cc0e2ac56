// kq-relax gives each Boolean query a fuzzy twin; the simplifications then
// apply to each twin only the laws its logic has.
// RUN: kq-opt %s --kq-relax | FileCheck %s --check-prefix=RELAX
// RUN: kq-opt %s --kq-relax=logic=godel --kq-simplify --kq-normalize --kq-simplify | FileCheck %s --check-prefix=GODEL
// RUN: kq-opt %s --kq-relax=logic=product --kq-simplify --kq-normalize --kq-simplify | FileCheck %s --check-prefix=PRODUCT
// RUN: kq-opt %s --kq-relax=logic=lukasiewicz --kq-simplify --kq-normalize --kq-simplify | FileCheck %s --check-prefix=LUKASIEWICZ
// RUN: kq-opt %s --kq-relax=logic=product --kq-relax=logic=product | FileCheck %s --check-prefix=TWICE
// RUN: not kq-opt %s --kq-relax=logic=boolean 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not kq-opt %s --kq-relax=logic=maximum 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: error: kq-relax: unknown fuzzy logic '{{boolean|maximum}}'; expected godel, product or lukasiewicz

// The twin is the same ops on truth vectors, block arguments included; the
// original stays as it was.
// RELAX-LABEL: kq.query @enumerated {
// RELAX:         kq.foreach %{{.+}} {
// RELAX-NEXT:    ^bb0(%{{.+}}: !kq.set):
// RELAX-LABEL: kq.query @enumerated.product {
// RELAX-NEXT:    %[[A:.+]] = kq.entity "a" : !kq.truth<product>
// RELAX-NEXT:    %[[P:.+]] = kq.project %[[A]] by "r" : !kq.truth<product>
// RELAX-NEXT:    %[[R:.+]] = kq.foreach %[[P]] : !kq.truth<product> {
// RELAX-NEXT:    ^bb0(%[[E:.+]]: !kq.truth<product>):
// RELAX-NEXT:      %[[S:.+]] = kq.project %[[E]] by "s" : !kq.truth<product>
// RELAX-NEXT:      %[[B:.+]] = kq.entity "b" : !kq.truth<product>
// RELAX-NEXT:      %[[D:.+]] = kq.difference %[[S]], %[[B]] : !kq.truth<product>
// RELAX-NEXT:      kq.yield %[[D]] : !kq.truth<product>
// RELAX-NEXT:    }
// RELAX-NEXT:    kq.yield %[[R]] : !kq.truth<product>
kq.query @enumerated {
  %a = kq.entity "a"
  %p = kq.project %a by "r"
  %r = kq.foreach %p {
  ^bb0(%e: !kq.set):
    %s = kq.project %e by "s"
    %b = kq.entity "b"
    %d = kq.difference %s, %b
    kq.yield %d
  }
  kq.yield %r
}

// Templates keep their parameters; statements keep the Boolean original.
// RELAX-LABEL: kq.query @template.p.product attributes {parameters = ["entity", "relation"]} {
// RELAX-NEXT:    %[[S:.+]] = kq.param 0 : !kq.truth<product>
// RELAX-NEXT:    kq.project_param %[[S]] by 1 : !kq.truth<product>
// RELAX:       kq.answer @enumerated on @g ["train"]
kq.query @template.p attributes {parameters = ["entity", "relation"]} {
  %s = kq.param 0
  %t = kq.project_param %s by 1
  kq.yield %t
}
kq.graph @g load "g"
kq.answer @enumerated on @g ["train"]

// A fuzzy query is not relaxed again, nor is a twin made twice.
// TWICE-COUNT-1: kq.query @enumerated.product {
// TWICE-NOT:     kq.query @enumerated.product.product
// TWICE-NOT:     kq.query @already.product

// a & a == a only where T is min.
// GODEL-LABEL: kq.query @idempotence.godel {
// GODEL-NEXT:    %[[A:.+]] = kq.entity "a" : !kq.truth<godel>
// GODEL-NEXT:    %[[P:.+]] = kq.project %[[A]] by "r" : !kq.truth<godel>
// GODEL-NEXT:    kq.yield %[[P]] : !kq.truth<godel>
// PRODUCT-LABEL: kq.query @idempotence.product {
// PRODUCT:         %[[P:.+]] = kq.project %{{.+}} by "r" : !kq.truth<product>
// PRODUCT-NEXT:    %[[I:.+]] = kq.intersect %[[P]], %[[P]], %[[P]] : !kq.truth<product>
// PRODUCT-NEXT:    kq.yield %[[I]] : !kq.truth<product>
// LUKASIEWICZ-LABEL: kq.query @idempotence.lukasiewicz {
// LUKASIEWICZ:       kq.intersect %[[P:.+]], %[[P]], %[[P]] : !kq.truth<lukasiewicz>
kq.query @idempotence {
  %a = kq.entity "a"
  %p = kq.project %a by "r"
  %i = kq.intersect %p, %p
  %j = kq.intersect %i, %p
  kq.yield %j
}

// a & (a | b) == a only in a lattice (min and max).
// GODEL-LABEL: kq.query @absorption.godel {
// GODEL:         %[[P:.+]] = kq.project %{{.+}} by "r" : !kq.truth<godel>
// GODEL-NEXT:    kq.yield %[[P]] : !kq.truth<godel>
// PRODUCT-LABEL: kq.query @absorption.product {
// PRODUCT:         %[[U:.+]] = kq.union %[[P:.+]], %[[Q:.+]] : !kq.truth<product>
// PRODUCT-NEXT:    %[[I:.+]] = kq.intersect %[[P]], %[[U]] : !kq.truth<product>
// PRODUCT-NEXT:    kq.yield %[[I]]
kq.query @absorption {
  %a = kq.entity "a"
  %p = kq.project %a by "r"
  %q = kq.project %a by "s"
  %u = kq.union %p, %q
  %i = kq.intersect %p, %u
  kq.yield %i
}

// a \ a == {} where a & !a == 0: Boolean and Lukasiewicz, not min(a, 1 - a)
// nor a * (1 - a).
// GODEL-LABEL: kq.query @self_difference.godel {
// GODEL:         kq.difference %[[P:.+]], %[[P]] : !kq.truth<godel>
// PRODUCT-LABEL: kq.query @self_difference.product {
// PRODUCT:         kq.difference %[[P:.+]], %[[P]] : !kq.truth<product>
// LUKASIEWICZ-LABEL: kq.query @self_difference.lukasiewicz {
// LUKASIEWICZ-NEXT:    %[[E:.+]] = kq.empty : !kq.truth<lukasiewicz>
// LUKASIEWICZ-NEXT:    kq.yield %[[E]] : !kq.truth<lukasiewicz>
kq.query @self_difference {
  %a = kq.entity "a"
  %p = kq.project %a by "r"
  %d = kq.difference %p, %p
  kq.yield %d
}

// (a \ b) \ b == a \ b needs idempotence.
// GODEL-LABEL: kq.query @repeated_difference.godel {
// GODEL-COUNT-1: kq.difference
// GODEL-NOT:     kq.difference
// GODEL:         kq.yield
// PRODUCT-LABEL: kq.query @repeated_difference.product {
// PRODUCT-COUNT-2: kq.difference
kq.query @repeated_difference {
  %a = kq.entity "a"
  %b = kq.entity "b"
  %p = kq.project %a by "r"
  %d = kq.difference %p, %b
  %e = kq.difference %d, %b
  kq.yield %e
}

// Laws of every t-norm logic: double negation, identity and absorbing
// elements, De Morgan with the dual t-conorm.
// PRODUCT-LABEL: kq.query @every_logic.product {
// PRODUCT-NEXT:    %[[A:.+]] = kq.entity "a" : !kq.truth<product>
// PRODUCT-NEXT:    %[[P:.+]] = kq.project %[[A]] by "r" : !kq.truth<product>
// PRODUCT-NEXT:    %[[Q:.+]] = kq.project %[[A]] by "s" : !kq.truth<product>
// PRODUCT-NEXT:    %[[T:.+]] = kq.project %[[A]] by "t" : !kq.truth<product>
// PRODUCT-NEXT:    %[[U:.+]] = kq.union %[[Q]], %[[T]] : !kq.truth<product>
// PRODUCT-NEXT:    %[[D:.+]] = kq.difference %[[P]], %[[U]] : !kq.truth<product>
// PRODUCT-NEXT:    kq.yield %[[D]] : !kq.truth<product>
kq.query @every_logic {
  %a = kq.entity "a"
  %all = kq.universe
  %p = kq.project %a by "r"
  %q = kq.project %a by "s"
  %t = kq.project %a by "t"
  %nn = kq.complement %p
  %pp = kq.complement %nn
  %nq = kq.complement %q
  %nt = kq.complement %t
  %i = kq.intersect %pp, %all, %nq, %nt
  kq.yield %i
}

// p(a) | p(b) == p(a | b) needs the union to be a max, as projection is.
// GODEL-LABEL: kq.query @factor.godel {
// GODEL:         %[[U:.+]] = kq.union %{{.+}}, %{{.+}} : !kq.truth<godel>
// GODEL-NEXT:    %[[P:.+]] = kq.project %[[U]] by "r" : !kq.truth<godel>
// GODEL-NEXT:    kq.yield %[[P]]
// PRODUCT-LABEL: kq.query @factor.product {
// PRODUCT:         %[[P:.+]] = kq.project %{{.+}} by "r" : !kq.truth<product>
// PRODUCT-NEXT:    %[[Q:.+]] = kq.project %{{.+}} by "r" : !kq.truth<product>
// PRODUCT-NEXT:    %[[U:.+]] = kq.union %[[P]], %[[Q]] : !kq.truth<product>
// PRODUCT-NEXT:    kq.yield %[[U]]
kq.query @factor {
  %a = kq.entity "a"
  %b = kq.entity "b"
  %p = kq.project %a by "r"
  %q = kq.project %b by "r"
  %u = kq.union %p, %q
  kq.yield %u
}

kq.query @already {
  %a = kq.entity "a" : !kq.truth<godel>
  kq.yield %a : !kq.truth<godel>
}

// A name taken by something else than the twin is an error, not a skip.
// RUN: not kq-opt %S/Inputs/relax-clash.mlir --kq-relax 2>&1 | FileCheck %s --check-prefix=CLASH
// CLASH: error: kq-relax: 'q.product' is taken, so the twin of 'q' under product cannot have that name
