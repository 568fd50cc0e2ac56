//===- Importers.h - Query types of other code bases as .kq templates -----===//
//
// Users of the complex-query data sets come with their query types written
// in those code bases' notations. These functions translate them into the
// equivalent `.kq` template declaration (`kqc import`):
//
//  - FIT formula strings, e.g. `r1(s1,e1)&!r2(e1,f)&r3(s2,f)`: atoms over
//    anchors sN, existential variables eN and the free variable f (or f1,
//    f2, ...), with &, |, ! and parentheses. FIT quantifies every eN over
//    the whole formula and negates atoms, which is the existential reading.
//  - EFO-1-QA / BetaE operator trees, e.g. `(i,(p,(e)),(n,(p,(e))))`:
//    (e) an anchor, (p,X) a projection, (i,...) intersection, (u,...) union,
//    (n,X) negation as set complement. The variables a negated branch
//    introduces are quantified inside the negation (BetaE's reading).
//
// Parameters are the anchors first (s1, s2, ...), then the relations
// (r1, r2, ...), as in the standard library.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_FRONTEND_IMPORTERS_H
#define KQ_FRONTEND_IMPORTERS_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace kq {

/// The `query NAME(...) = ...;` declaration, or nothing with `error` set.
std::optional<std::string> importFitFormula(llvm::StringRef formula, llvm::StringRef name,
                                            std::string &error);
std::optional<std::string> importEfo1Type(llvm::StringRef type, llvm::StringRef name,
                                          std::string &error);

} // namespace kq

#endif // KQ_FRONTEND_IMPORTERS_H
