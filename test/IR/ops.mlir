// Every op parses, verifies and prints back to the same text.
// RUN: kq-opt %s | FileCheck %s
// RUN: kq-opt %s | kq-opt | FileCheck %s

// CHECK: kq.graph @world load "examples/world"
kq.graph @world load "examples/world"

// CHECK-LABEL: kq.query @all_ops
kq.query @all_ops {
  // CHECK: %[[A:.+]] = kq.entity "berlin"
  %a = kq.entity "berlin"
  // CHECK: %[[P:.+]] = kq.project %[[A]] by "lives_in" inverse
  %p = kq.project %a by "lives_in" inverse
  // CHECK: %[[F:.+]] = kq.project %[[P]] by "born_in"
  %f = kq.project %p by "born_in"
  // CHECK: %[[I:.+]] = kq.intersect %[[P]], %[[F]]
  %i = kq.intersect %p, %f
  // CHECK: %[[U:.+]] = kq.union %[[I]], %[[F]], %[[P]]
  %u = kq.union %i, %f, %p
  // CHECK: %[[D:.+]] = kq.difference %[[U]], %[[A]]
  %d = kq.difference %u, %a
  // CHECK: %[[C:.+]] = kq.complement %[[D]]
  %c = kq.complement %d
  // CHECK: kq.yield %[[C]]
  kq.yield %c
}

// CHECK: kq.answer @all_ops on @world ["train", "test"]
kq.answer @all_ops on @world ["train", "test"]
// CHECK: kq.answer @all_ops on @world ["valid"] {arguments = ["a"], label = "t"}
kq.answer @all_ops on @world ["valid"] {arguments = ["a"], label = "t"}
