//===- Sema.cpp - Semantic analysis of .kq programs -----------------------===//

#include "frontend/Sema.h"

#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <map>
#include <set>

using namespace kq;
using namespace kq::ast;

static constexpr llvm::StringLiteral kSplitNames[] = {"train", "valid", "test"};

llvm::ArrayRef<llvm::StringLiteral> kq::splitNames() { return kSplitNames; }

namespace {

/// The closest candidate to `name` by edit distance, if it is close enough to
/// be worth suggesting.
template <typename Range>
std::string closestName(llvm::StringRef name, const Range &candidates) {
  std::string best;
  unsigned bestDistance = std::max<unsigned>(2, name.size() / 3) + 1;
  for (llvm::StringRef candidate : candidates) {
    unsigned distance = name.edit_distance(candidate, true, bestDistance);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate.str();
    }
  }
  return best;
}

std::string didYouMean(const std::string &suggestion) {
  return suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?";
}

/// Checks one query declaration: scopes, parameters, safety, connectivity.
class QueryChecker {
public:
  QueryChecker(QueryDecl &query, DiagnosticEngine &diags) : query(query), diags(diags) {}
  void check();

private:
  struct ScopeEntry {
    std::string name;
    Binding binding;
    llvm::SMRange declRange;
  };

  void resolve(Formula &formula);
  void resolveTerm(Term &term);
  void resolveName(Name &name, NameRole &role, Parameter::Kind kind);
  /// The variables (by declaration) that `formula` binds with a positive atom.
  std::set<const char *> positivelyBound(const Formula &formula);
  void checkConnected();

  QueryDecl &query;
  DiagnosticEngine &diags;
  std::vector<ScopeEntry> scope;
  std::vector<const AtomFormula *> atoms;
};

} // namespace

void QueryChecker::resolveName(Name &name, NameRole &role, Parameter::Kind kind) {
  for (Parameter &param : query.params) {
    if (param.name.text != name.text || name.quoted)
      continue;
    role = NameRole::Parameter;
    if (param.kind != Parameter::Kind::Unused && param.kind != kind) {
      diags.error(name.range, "parameter '" + name.text +
                                  "' is used both as an entity and as a relation");
      diags.note(param.name.range, "parameter declared here");
    }
    param.kind = kind;
    return;
  }
  role = NameRole::Constant;
}

void QueryChecker::resolveTerm(Term &term) {
  if (!term.isVariable) {
    resolveName(term.name, term.role, Parameter::Kind::Entity);
    return;
  }
  for (auto it = scope.rbegin(); it != scope.rend(); ++it) {
    if (it->name == term.name.text) {
      term.binding = it->binding;
      term.binderRange = it->declRange;
      return;
    }
  }
  diags.error(term.name.range,
              "variable '?" + term.name.text +
                  "' is neither an answer variable nor quantified by 'exists'");
}

void QueryChecker::resolve(Formula &formula) {
  if (auto *atom = llvm::dyn_cast<AtomFormula>(&formula)) {
    resolveName(atom->predicate, atom->predicateRole, Parameter::Kind::Relation);
    resolveTerm(atom->subject);
    resolveTerm(atom->object);
    atoms.push_back(atom);
    return;
  }
  if (auto *nary = llvm::dyn_cast<NaryFormula>(&formula)) {
    for (auto &operand : nary->operands)
      resolve(*operand);
    return;
  }
  if (auto *negation = llvm::dyn_cast<NotFormula>(&formula)) {
    resolve(*negation->operand);
    return;
  }
  auto &exists = llvm::cast<ExistsFormula>(formula);
  size_t depth = scope.size();
  for (const Variable &var : exists.variables) {
    auto previous = llvm::find_if(scope, [&](const ScopeEntry &entry) {
      return entry.name == var.text;
    });
    if (previous != scope.end()) {
      diags.error(var.range, previous->binding == Binding::Free
                                 ? "'?" + var.text + "' is an answer variable and cannot be quantified"
                                 : "'?" + var.text + "' is already quantified in this scope");
      diags.note(previous->declRange, "'?" + var.text + "' is declared here");
      continue;
    }
    scope.push_back({var.text, Binding::Existential, var.range});
  }
  resolve(*exists.body);
  scope.resize(depth);
}

std::set<const char *> QueryChecker::positivelyBound(const Formula &formula) {
  std::set<const char *> bound;
  if (auto *atom = llvm::dyn_cast<AtomFormula>(&formula)) {
    for (const Term *term : {&atom->subject, &atom->object})
      if (term->isVariable && term->binding != Binding::Unresolved)
        bound.insert(term->binderRange.Start.getPointer());
  } else if (auto *nary = llvm::dyn_cast<NaryFormula>(&formula)) {
    bool first = true;
    for (auto &operand : nary->operands) {
      std::set<const char *> part = positivelyBound(*operand);
      if (formula.getKind() == Formula::Kind::And) {
        bound.insert(part.begin(), part.end());
      } else if (first) {
        bound = std::move(part);
      } else {
        std::set<const char *> common;
        for (const char *var : bound)
          if (part.count(var))
            common.insert(var);
        bound = std::move(common);
      }
      first = false;
    }
  } else if (auto *exists = llvm::dyn_cast<ExistsFormula>(&formula)) {
    bound = positivelyBound(*exists->body);
  }
  return bound;
}

void QueryChecker::checkConnected() {
  // Nodes are variable declarations; atoms join the variables they mention.
  llvm::EquivalenceClasses<const char *> components;
  for (const Variable &var : query.answerVariables)
    components.insert(var.range.Start.getPointer());
  for (const AtomFormula *atom : atoms) {
    const char *first = nullptr;
    for (const Term *term : {&atom->subject, &atom->object}) {
      if (!term->isVariable || term->binding == Binding::Unresolved)
        continue;
      const char *var = term->binderRange.Start.getPointer();
      components.insert(var);
      if (first)
        components.unionSets(first, var);
      first = var;
    }
    if (!first)
      diags.error(atom->getRange(),
                  "this atom mentions no variable, so the query graph is disconnected");
  }
  if (query.answerVariables.empty())
    return;
  const char *root = query.answerVariables.front().range.Start.getPointer();
  for (const AtomFormula *atom : atoms) {
    for (const Term *term : {&atom->subject, &atom->object}) {
      if (!term->isVariable || term->binding == Binding::Unresolved)
        continue;
      if (!components.isEquivalent(root, term->binderRange.Start.getPointer())) {
        diags.error(term->name.range,
                    "'?" + term->name.text + "' is not connected to the answer variable '?" +
                        query.answerVariables.front().text +
                        "': the query graph is disconnected");
        return;
      }
    }
  }
  for (const Variable &var : query.answerVariables)
    if (!components.isEquivalent(root, var.range.Start.getPointer()))
      diags.error(var.range, "answer variable '?" + var.text +
                                 "' is not connected to '?" +
                                 query.answerVariables.front().text +
                                 "': the query graph is disconnected");
}

void QueryChecker::check() {
  unsigned errorsBefore = diags.getNumErrors();
  llvm::StringMap<llvm::SMRange> seenParams;
  for (const Parameter &param : query.params) {
    auto [it, inserted] = seenParams.try_emplace(param.name.text, param.name.range);
    if (!inserted) {
      diags.error(param.name.range, "duplicate parameter '" + param.name.text + "'");
      diags.note(it->second, "previous declaration is here");
    }
  }
  for (const Variable &var : query.answerVariables) {
    auto previous = llvm::find_if(scope, [&](const ScopeEntry &entry) {
      return entry.name == var.text;
    });
    if (previous != scope.end()) {
      diags.error(var.range, "duplicate answer variable '?" + var.text + "'");
      continue;
    }
    scope.push_back({var.text, Binding::Free, var.range});
  }
  resolve(*query.formula);
  if (diags.getNumErrors() != errorsBefore)
    return;

  std::set<const char *> bound = positivelyBound(*query.formula);
  for (const Variable &var : query.answerVariables)
    if (!bound.count(var.range.Start.getPointer()))
      diags.error(var.range, "answer variable '?" + var.text +
                                 "' is not bound by a positive atom (range restriction)");
  for (const Parameter &param : query.params)
    if (param.kind == Parameter::Kind::Unused)
      diags.error(param.name.range,
                  "parameter '" + param.name.text + "' is not used in the query");
  checkConnected();
}

//===----------------------------------------------------------------------===//
// Module-level checks
//===----------------------------------------------------------------------===//

namespace {

class ModuleChecker {
public:
  ModuleChecker(Module &module, DiagnosticEngine &diags) : module(module), diags(diags) {}
  void check();

private:
  void checkAnswer(AnswerStmt &answer);
  void checkSplits(const std::vector<Name> &splits);
  std::string folderOf(llvm::SMLoc loc);

  Module &module;
  DiagnosticEngine &diags;
  std::map<std::string, QueryDecl *> queries;
  std::map<std::string, GraphDecl *> graphs; // declared so far
};

} // namespace

std::string ModuleChecker::folderOf(llvm::SMLoc loc) {
  const llvm::SourceMgr &sourceMgr = diags.getSourceMgr();
  unsigned bufferId = sourceMgr.FindBufferContainingLoc(loc);
  llvm::StringRef file = sourceMgr.getMemoryBuffer(bufferId)->getBufferIdentifier();
  return llvm::sys::path::parent_path(file).str();
}

void ModuleChecker::checkSplits(const std::vector<Name> &splits) {
  std::set<std::string> seen;
  for (const Name &split : splits) {
    if (!llvm::is_contained(splitNames(), split.text)) {
      std::vector<llvm::StringRef> candidates(splitNames().begin(), splitNames().end());
      diags.error(split.range, "unknown split '" + split.text +
                                   "'; a graph has the splits train, valid and test" +
                                   didYouMean(closestName(split.text, candidates)));
    } else if (!seen.insert(split.text).second) {
      diags.error(split.range, "split '" + split.text + "' is named twice");
    }
  }
}

void ModuleChecker::checkAnswer(AnswerStmt &answer) {
  auto query = queries.find(answer.query.text);
  if (query == queries.end()) {
    std::vector<llvm::StringRef> names;
    for (auto &entry : queries)
      names.push_back(entry.first);
    diags.error(answer.query.range, "unknown query '" + answer.query.text + "'" +
                                        didYouMean(closestName(answer.query.text, names)));
  } else {
    QueryDecl &decl = *query->second;
    answer.resolvedQuery = &decl;
    if (decl.isTemplate != answer.hasArguments ||
        decl.params.size() != answer.arguments.size()) {
      diags.error(answer.query.range,
                  "query '" + decl.name.text + "' takes " +
                      llvm::Twine(decl.params.size()) + " argument" +
                      (decl.params.size() == 1 ? "" : "s") + ", but " +
                      llvm::Twine(answer.arguments.size()) + " " +
                      (answer.arguments.size() == 1 ? "is" : "are") + " given");
      diags.note(decl.name.range, "query declared here");
    }
  }
  if (!graphs.count(answer.graph.text)) {
    std::vector<llvm::StringRef> names;
    for (auto &entry : graphs)
      names.push_back(entry.first);
    diags.error(answer.graph.range, "unknown graph '" + answer.graph.text +
                                        "' (graphs must be declared before use)" +
                                        didYouMean(closestName(answer.graph.text, names)));
  }
  checkSplits(answer.splits);
}

void ModuleChecker::check() {
  // Queries may be used before their declaration; graphs are loaded in
  // statement order and must come first.
  for (auto &decl : module.decls) {
    auto *query = llvm::dyn_cast<QueryDecl>(decl.get());
    if (!query)
      continue;
    auto [it, inserted] = queries.emplace(query->name.text, query);
    if (!inserted) {
      diags.error(query->name.range, "redefinition of query '" + query->name.text + "'");
      diags.note(it->second->name.range, "previous definition is here");
      continue;
    }
    QueryChecker(*query, diags).check();
  }
  for (auto &decl : module.decls) {
    if (auto *graph = llvm::dyn_cast<GraphDecl>(decl.get())) {
      auto [it, inserted] = graphs.emplace(graph->name.text, graph);
      if (!inserted) {
        diags.error(graph->name.range, "redefinition of graph '" + graph->name.text + "'");
        diags.note(it->second->name.range, "previous definition is here");
      }
      llvm::SmallString<256> path(graph->path.text);
      if (!llvm::sys::path::is_absolute(path)) {
        path = folderOf(graph->path.range.Start);
        llvm::sys::path::append(path, graph->path.text);
      }
      llvm::sys::fs::make_absolute(path);
      llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
      graph->resolvedPath = std::string(path);
    } else if (auto *answer = llvm::dyn_cast<AnswerStmt>(decl.get())) {
      checkAnswer(*answer);
    } else if (auto *other = llvm::dyn_cast<OtherStmt>(decl.get())) {
      diags.error(other->getRange(), "'" + other->keyword +
                                         "' statements are not supported by this version of kqc yet");
    }
  }
}

bool kq::checkModule(Module &module, DiagnosticEngine &diags) {
  unsigned errorsBefore = diags.getNumErrors();
  ModuleChecker(module, diags).check();
  return diags.getNumErrors() == errorsBefore;
}
