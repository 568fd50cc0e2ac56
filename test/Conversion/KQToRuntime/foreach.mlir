// kq.foreach becomes a loop over its candidates that accumulates what the
// body yields and frees each iteration's sets; the loop carries runtime
// handles after the conversion.
// RUN: kq-opt %s --convert-kq-to-runtime | FileCheck %s
// RUN: kq-opt %s --convert-kq-to-runtime --convert-scf-to-cf --convert-arith-to-llvm --convert-cf-to-llvm --convert-func-to-llvm --reconcile-unrealized-casts | FileCheck %s --check-prefix=LLVM

kq.graph @g load "data/g"
kq.query @q {
  %a = kq.entity "a"
  %c = kq.project %a by "r1"
  %r = kq.foreach %c {
  ^bb0(%e: !kq.set):
    %p = kq.project %e by "r2"
    %loops = kq.self_loops "r3"
    %i = kq.intersect %p, %loops
    kq.yield %i
  }
  kq.yield %r
}
kq.answer @q on @g ["train"]

// CHECK-LABEL: func.func private @kq.query.q(
// CHECK-SAME: %[[VIEW:.+]]: !llvm.ptr)
// CHECK: %[[CAND:.+]] = call @kq.kernel.set.project(%[[VIEW]]
// CHECK: %[[SIZE:.+]] = call @kq_rt_set_size(%[[CAND]]) : (!llvm.ptr) -> i64
// CHECK: %[[N:.+]] = arith.index_cast %[[SIZE]] : i64 to index
// CHECK: %[[EMPTY:.+]] = call @kq_rt_empty(%[[VIEW]])
// CHECK: %[[LOOP:.+]] = scf.for %[[I:.+]] = %{{.+}} to %[[N]] step %{{.+}} iter_args(%[[ACC:.+]] = %[[EMPTY]]) -> (!llvm.ptr) {
// CHECK:   %[[MARK:.+]] = func.call @kq_rt_checkpoint(%[[VIEW]])
// CHECK:   %[[I64:.+]] = arith.index_cast %[[I]] : index to i64
// CHECK:   %[[E:.+]] = func.call @kq_rt_set_element(%[[VIEW]], %[[CAND]], %[[I64]])
// CHECK:   %[[P:.+]] = func.call @kq.kernel.set.project(%[[VIEW]], %[[E]]
// CHECK:   %[[L:.+]] = func.call @kq.kernel.set.self_loops(%[[VIEW]]
// CHECK:   %[[X:.+]] = func.call @kq.kernel.set.intersect(%[[VIEW]], %[[P]], %[[L]])
// The answers are appended to the accumulator in place (no union of
// everything so far an iteration), then the iteration's sets are freed;
// after the loop the accumulator becomes a set once.
// CHECK-NOT: kq.kernel.set.union
// CHECK:   %[[U:.+]] = func.call @kq_rt_accumulate(%[[VIEW]], %[[ACC]], %[[X]])
// CHECK:   func.call @kq_rt_release(%[[VIEW]], %{{.+}})
// CHECK:   scf.yield %[[U]] : !llvm.ptr
// CHECK: %[[SET:.+]] = call @kq_rt_accumulated(%[[VIEW]], %[[LOOP]])
// CHECK: return %[[SET]] : !llvm.ptr

// LLVM-LABEL: llvm.func @kq.query.q(
// LLVM: llvm.call @kq_rt_set_size
// LLVM: llvm.cond_br
// LLVM: llvm.call @kq_rt_set_element
// LLVM-NOT: unrealized_conversion_cast
// LLVM-NOT: scf.
