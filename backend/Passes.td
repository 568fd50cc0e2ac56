//===- Passes.td - Conversions out of the kq dialect -------*- tablegen -*-===//
#ifndef KQ_BACKEND_PASSES_TD
#define KQ_BACKEND_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertKQToRuntime : Pass<"convert-kq-to-runtime", "mlir::ModuleOp"> {
  let summary = "Lower kq queries and statements to func calls into the runtime";
  let description = [{
    Each `kq.query` becomes a private function from a graph view to an entity
    set; the statements become, in order, the body of `@kq_main(%ctx)`, the
    entry point every compiled program defines; set operations become calls
    to the runtime's C ABI (runtime/Runtime.h). Names are `llvm.mlir.global`
    string constants. Entity sets are opaque `!llvm.ptr` handles.

    Before:
    ```mlir
    kq.graph @g load "data/g"
    kq.query @q {
      %0 = kq.entity "a"
      %1 = kq.project %0 by "r"
      kq.yield %1
    }
    kq.answer @q on @g ["train"]
    ```
    After (abridged):
    ```mlir
    func.func private @kq.query.q(%view: !llvm.ptr) -> !llvm.ptr {
      %0 = call @kq_rt_entity(%view, %a) : ...
      %r = call @kq_rt_adjacency(%view, %name, %false) : ...
      %1 = call @kq.kernel.set.project(%view, %0, %r) : ...
      return %1 : !llvm.ptr
    }
    func.func @kq_main(%ctx: !llvm.ptr) {
      call @kq_rt_load_graph(%ctx, %g, %path) : ...
      %view = call @kq_rt_graph_view(%ctx, %g, %mask) : ...
      %answers = call @kq.query.q(%view) : ...
      call @kq_rt_emit_answer(%ctx, %view, %q, %n, %args, %answers) : ...
      call @kq_rt_end_statement(%ctx) : ...
      return
    }
    ```

    `kq.model` loads a model; `kq.linkpred` becomes a call to the runtime's
    driver with the kernels generated for the model's family (see
    backend/KQToRuntime/LinkPredKernels.h), for float32 and float64 models.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"256",
           "Width in bits of the vectors of the link-prediction kernels">,
  ];
  let dependentDialects = ["mlir::func::FuncDialect", "mlir::LLVM::LLVMDialect",
                           "mlir::arith::ArithDialect", "mlir::scf::SCFDialect",
                           "mlir::math::MathDialect", "mlir::vector::VectorDialect"];
}

#endif // KQ_BACKEND_PASSES_TD
