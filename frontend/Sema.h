//===- Sema.h - Semantic analysis of .kq programs -------------------------===//
//
// Resolves names and `?variable` scopes, infers what each template parameter
// stands for, and rejects programs the language forbids: unknown or duplicate
// names, unsafe queries (range restriction), disconnected query graphs, wrong
// template arity, unknown splits. Annotates the AST in place; every error is
// reported, not just the first.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_FRONTEND_SEMA_H
#define KQ_FRONTEND_SEMA_H

#include "frontend/AST.h"
#include "frontend/Diagnostics.h"

namespace kq {

/// Returns true when the module is free of errors.
bool checkModule(ast::Module &module, DiagnosticEngine &diags);

} // namespace kq

#endif // KQ_FRONTEND_SEMA_H
