//===- GraphNames.cpp - Checking a program's names against its graphs -----===//

#include "frontend/GraphNames.h"
#include "frontend/Suggestions.h"

#include <set>

using namespace kq;
using namespace kq::ast;

bool GraphCatalog::loadAll(const Module &module, const runtime::GraphCacheOptions &cache,
                           const runtime::MemoryBudget &memory, std::string &error) {
  for (auto &decl : module.decls) {
    auto *graph = llvm::dyn_cast<GraphDecl>(decl.get());
    if (!graph)
      continue;
    pathOfGraph[graph->name.text] = graph->resolvedPath;
    if (byPath.count(graph->resolvedPath))
      continue;
    std::string loadError;
    if (!memory.allows(runtime::Graph::bytesToLoad(graph->resolvedPath),
                       "loading graph '" + graph->name.text + "'", error))
      return false;
    std::shared_ptr<runtime::Graph> loaded =
        runtime::Graph::load(graph->resolvedPath, loadError, &cache);
    if (!loaded) {
      error = "cannot load graph '" + graph->name.text + "': " + loadError;
      return false;
    }
    byPath[graph->resolvedPath] = std::move(loaded);
  }
  return true;
}

runtime::Graph *GraphCatalog::find(const std::string &graphName) const {
  auto path = pathOfGraph.find(graphName);
  if (path == pathOfGraph.end())
    return nullptr;
  auto graph = byPath.find(path->second);
  return graph == byPath.end() ? nullptr : graph->second.get();
}

std::map<std::string, std::shared_ptr<runtime::Graph>> GraphCatalog::graphsByName() const {
  std::map<std::string, std::shared_ptr<runtime::Graph>> graphs;
  for (const auto &[name, path] : pathOfGraph)
    if (auto graph = byPath.find(path); graph != byPath.end())
      graphs[name] = graph->second;
  return graphs;
}

namespace {

class NameChecker {
public:
  NameChecker(DiagnosticEngine &diags) : diags(diags) {}

  void check(const AnswerStmt &answer, const runtime::Graph &graph);

private:
  void checkFormula(const Formula &formula);
  /// Checks one name; `role` says whether it came from a template argument.
  void checkName(const Name &name, NameRole role, bool isRelation);

  DiagnosticEngine &diags;
  const AnswerStmt *answer = nullptr;
  const runtime::Graph *graph = nullptr;
  std::set<std::pair<const char *, std::string>> reported;
};

} // namespace

void NameChecker::checkName(const Name &name, NameRole role, bool isRelation) {
  const Name *written = &name;
  if (role == NameRole::Parameter) {
    const QueryDecl &query = *answer->resolvedQuery;
    for (size_t i = 0; i < query.params.size(); ++i)
      if (query.params[i].name.text == name.text)
        written = &answer->arguments[i];
  }
  const runtime::Dictionary &dictionary = isRelation ? graph->relations() : graph->entities();
  if (dictionary.lookup(written->text))
    return;
  if (!reported.insert({written->range.Start.getPointer(), answer->graph.text}).second)
    return;
  std::vector<llvm::StringRef> candidates;
  candidates.reserve(dictionary.size());
  for (uint32_t id = 0; id < dictionary.size(); ++id)
    candidates.push_back(dictionary.name(id));
  diags.error(written->range, llvm::Twine("graph '") + answer->graph.text + "' has no " +
                                  (isRelation ? "relation" : "entity") + " named '" +
                                  written->text + "'" +
                                  didYouMean(closestName(written->text, candidates)));
  if (written == &name)
    diags.note(answer->getRange(), "the query is answered on '" + answer->graph.text + "' here");
}

void NameChecker::checkFormula(const Formula &formula) {
  if (auto *atom = llvm::dyn_cast<AtomFormula>(&formula)) {
    checkName(atom->predicate, atom->predicateRole, /*isRelation=*/true);
    for (const Term *term : {&atom->subject, &atom->object})
      if (!term->isVariable)
        checkName(term->name, term->role, /*isRelation=*/false);
  } else if (auto *nary = llvm::dyn_cast<NaryFormula>(&formula)) {
    for (auto &operand : nary->operands)
      checkFormula(*operand);
  } else if (auto *negation = llvm::dyn_cast<NotFormula>(&formula)) {
    checkFormula(*negation->operand);
  } else {
    checkFormula(*llvm::cast<ExistsFormula>(formula).body);
  }
}

void NameChecker::check(const AnswerStmt &answerStmt, const runtime::Graph &answerGraph) {
  answer = &answerStmt;
  graph = &answerGraph;
  checkFormula(*answerStmt.resolvedQuery->formula);
}

bool kq::checkGraphNames(const Module &module, const GraphCatalog &catalog,
                         DiagnosticEngine &diags) {
  unsigned errorsBefore = diags.getNumErrors();
  NameChecker checker(diags);
  for (auto &decl : module.decls) {
    auto *answer = llvm::dyn_cast<AnswerStmt>(decl.get());
    if (!answer || !answer->resolvedQuery)
      continue;
    if (runtime::Graph *graph = catalog.find(answer->graph.text))
      checker.check(*answer, *graph);
  }
  return diags.getNumErrors() == errorsBefore;
}
