//===- SetKernels.h - Generated kernels of the Boolean set operations -----===//
//
// The set operations of Boolean queries are loops the compiler generates,
// once a module, over the runtime's data structures (runtime/Runtime.h):
// sorted id arrays (`kq_set`) and CSR adjacencies (`kq_adjacency`). The
// runtime only allocates and looks names up. Each kernel takes the graph
// view first and returns a new set:
//
//   intersect(view, a, b)     a merge, or a search of the smaller set's ids
//                             in the larger when their sizes differ by 32x
//   union(view, a, b)         a merge
//   difference(view, a, b)    a merge
//   project(view, s, adj)     the rows of s's entities found by binary
//                             search, their targets marked in the view's
//                             bitmap and counted, then compacted in id
//                             order (and the bitmap cleared) into a set of
//                             exactly that size: no sort, no duplicates
//   self_loops(view, adj)     the sources whose own row holds them
//   guard(view, v, c)         v, or an empty set when c is empty
//
//===----------------------------------------------------------------------===//
#ifndef KQ_BACKEND_KQTORUNTIME_SETKERNELS_H
#define KQ_BACKEND_KQTORUNTIME_SETKERNELS_H

#include "mlir/IR/BuiltinOps.h"

namespace mlir::kq {

/// The names of the kernels.
namespace set_kernels {
inline constexpr llvm::StringLiteral kIntersect = "kq.kernel.set.intersect";
inline constexpr llvm::StringLiteral kUnion = "kq.kernel.set.union";
inline constexpr llvm::StringLiteral kDifference = "kq.kernel.set.difference";
inline constexpr llvm::StringLiteral kProject = "kq.kernel.set.project";
inline constexpr llvm::StringLiteral kSelfLoops = "kq.kernel.set.self_loops";
inline constexpr llvm::StringLiteral kGuard = "kq.kernel.set.guard";
} // namespace set_kernels

/// Creates the kernels in `module` unless they are there. The runtime
/// functions they call must be declared already.
void createSetKernels(ModuleOp module);

} // namespace mlir::kq

#endif // KQ_BACKEND_KQTORUNTIME_SETKERNELS_H
