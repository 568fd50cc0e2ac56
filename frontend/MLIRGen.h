//===- MLIRGen.h - From the checked AST to the kq dialect -----------------===//
//
// Emits one `kq.graph` per graph declaration and one `kq.answer` per answer
// statement, in program order, and a `kq.query` per query (one per distinct
// argument list for templates). A query's formula is planned into set
// operations rooted at its answer variable: atoms become projections toward
// the root, conjunctions intersections, disjunctions unions, and a negation
// against a positive part a difference.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_FRONTEND_MLIRGEN_H
#define KQ_FRONTEND_MLIRGEN_H

#include "frontend/AST.h"
#include "frontend/Diagnostics.h"
#include "frontend/GraphNames.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace kq {

/// Returns null after reporting through `diags` when a query has a shape the
/// compiler cannot evaluate yet.
mlir::OwningOpRef<mlir::ModuleOp> mlirGen(mlir::MLIRContext &context, const ast::Module &module,
                                          DiagnosticEngine &diags);

/// Gives every kq.graph whose graph `catalog` has loaded its statistics
/// (entities; per relation edges, distinct sources, distinct targets, over
/// all splits), for the passes that estimate sizes.
void attachGraphStatistics(mlir::ModuleOp module, const GraphCatalog &catalog);

} // namespace kq

#endif // KQ_FRONTEND_MLIRGEN_H
