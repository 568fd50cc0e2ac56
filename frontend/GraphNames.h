//===- GraphNames.h - Checking a program's names against its graphs -------===//
//
// A program names entities and relations that only the graph knows. The
// GraphCatalog loads every graph the program declares (once per folder), and
// checkGraphNames reports each constant that the graph it is answered on
// does not have, at the name's own location (or at the template argument
// that supplied it), with a suggestion. The loaded graphs are then handed to
// the runtime so a run does not load them again.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_FRONTEND_GRAPHNAMES_H
#define KQ_FRONTEND_GRAPHNAMES_H

#include "frontend/AST.h"
#include "frontend/Diagnostics.h"
#include "runtime/core/MemoryBudget.h"
#include "runtime/graph/Graph.h"
#include "runtime/graph/GraphCache.h"

#include <map>
#include <memory>
#include <string>

namespace kq {

class GraphCatalog {
public:
  /// Loads the graphs of every `graph` declaration, through the graph cache
  /// `cache` says. On a data error returns false with one message in `error`.
  bool loadAll(const ast::Module &module, const runtime::GraphCacheOptions &cache,
               const runtime::MemoryBudget &memory, std::string &error);

  runtime::Graph *find(const std::string &graphName) const;

  /// The loaded graphs by the program's names for them, for the runtime to
  /// take (RunOptions::preloadedGraphs).
  std::map<std::string, std::shared_ptr<runtime::Graph>> graphsByName() const;

private:
  std::map<std::string, std::shared_ptr<runtime::Graph>> byPath;
  std::map<std::string, std::string> pathOfGraph;
};

/// Reports every entity and relation name a statement uses that its graph
/// lacks. Returns true when all names are known.
bool checkGraphNames(const ast::Module &module, const GraphCatalog &catalog,
                     DiagnosticEngine &diags);

} // namespace kq

#endif // KQ_FRONTEND_GRAPHNAMES_H
