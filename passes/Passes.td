//===- Passes.td - The kq optimisation passes --------------*- tablegen -*-===//
#ifndef KQ_PASSES_TD
#define KQ_PASSES_TD

include "mlir/Pass/PassBase.td"

def KQSimplify : Pass<"kq-simplify", "mlir::ModuleOp"> {
  let summary = "Algebraic simplification of kq set expressions";
  let description = [{
    Applies the kq ops' folders and canonicalisation patterns to a fixed
    point: idempotence (`a & a = a`), flattening of nested intersections and
    unions, removal of repeated inputs, double complement, repeated
    difference.

    Before:
    ```mlir
    %0 = kq.intersect %a, %b
    %1 = kq.intersect %0, %b, %c
    ```
    After:
    ```mlir
    %1 = kq.intersect %a, %b, %c
    ```
  }];
  let dependentDialects = ["mlir::kq::KQDialect"];
}

#endif // KQ_PASSES_TD
