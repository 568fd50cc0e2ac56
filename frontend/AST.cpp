//===- AST.cpp - Printing the AST (kqc --emit=ast) ------------------------===//

#include "frontend/AST.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/SourceMgr.h"

using namespace kq::ast;

namespace {

class ASTPrinter {
public:
  ASTPrinter(llvm::raw_ostream &os, const llvm::SourceMgr &sourceMgr)
      : os(os), sourceMgr(sourceMgr) {}

  void print(const Module &module);

private:
  std::string where(llvm::SMRange range) const {
    if (!range.Start.isValid())
      return "<unknown>";
    auto [line, column] = sourceMgr.getLineAndColumn(range.Start);
    return llvm::formatv("{0}:{1}", line, column).str();
  }
  /// A name as the program can write it: quoted names with their escapes.
  static std::string quoted(const Name &name) {
    if (!name.quoted)
      return name.text;
    std::string result = "\"";
    for (char c : name.text) {
      if (c == '"' || c == '\\')
        result.push_back('\\');
      if (static_cast<unsigned char>(c) < 0x20)
        result += llvm::formatv("\\u{0:x-4}", static_cast<unsigned>(c)).str();
      else
        result.push_back(c);
    }
    return result + "\"";
  }
  llvm::raw_ostream &indent() { return os.indent(2 * depth); }
  void print(const Formula &formula);
  void print(const Term &term);
  void print(const Decl &decl);

  llvm::raw_ostream &os;
  const llvm::SourceMgr &sourceMgr;
  unsigned depth = 0;
};

} // namespace

void ASTPrinter::print(const Term &term) {
  if (!term.isVariable) {
    indent() << (term.role == NameRole::Parameter ? "Parameter " : "Entity ")
             << quoted(term.name) << " <" << where(term.name.range) << ">\n";
    return;
  }
  indent() << "Variable ?" << term.name.text << " <" << where(term.name.range) << "> ";
  switch (term.binding) {
  case Binding::Free:
    os << "answer variable declared at " << where(term.binderRange);
    break;
  case Binding::Existential:
    os << "bound by exists at " << where(term.binderRange);
    break;
  case Binding::Unresolved:
    os << "unresolved";
    break;
  }
  os << "\n";
}

void ASTPrinter::print(const Formula &formula) {
  ++depth;
  if (auto *atom = llvm::dyn_cast<AtomFormula>(&formula)) {
    indent() << "Atom "
             << (atom->predicateRole == NameRole::Parameter ? "parameter " : "relation ")
             << quoted(atom->predicate) << " <" << where(atom->getRange()) << ">\n";
    ++depth;
    print(atom->subject);
    print(atom->object);
    --depth;
  } else if (auto *nary = llvm::dyn_cast<NaryFormula>(&formula)) {
    indent() << (formula.getKind() == Formula::Kind::And ? "And" : "Or") << " <"
             << where(formula.getRange()) << ">\n";
    for (auto &operand : nary->operands)
      print(*operand);
  } else if (auto *negation = llvm::dyn_cast<NotFormula>(&formula)) {
    indent() << "Not <" << where(formula.getRange()) << ">\n";
    print(*negation->operand);
  } else {
    auto &exists = llvm::cast<ExistsFormula>(formula);
    indent() << "Exists";
    for (const Variable &var : exists.variables)
      os << " ?" << var.text;
    os << " <" << where(formula.getRange()) << ">\n";
    print(*exists.body);
  }
  --depth;
}

void ASTPrinter::print(const Decl &decl) {
  ++depth;
  if (auto *graph = llvm::dyn_cast<GraphDecl>(&decl)) {
    indent() << "Graph " << graph->name.text << " <" << where(decl.getRange())
             << "> load \"" << graph->path.text << "\"\n";
  } else if (auto *query = llvm::dyn_cast<QueryDecl>(&decl)) {
    indent() << "Query " << query->name.text << " <" << where(decl.getRange()) << ">";
    if (query->isTemplate) {
      os << " params(";
      llvm::interleaveComma(query->params, os, [&](const Parameter &param) {
        os << param.name.text << ": "
           << (param.kind == Parameter::Kind::Entity     ? "entity"
               : param.kind == Parameter::Kind::Relation ? "relation"
                                                         : "unused");
      });
      os << ")";
    }
    os << " answers(";
    llvm::interleaveComma(query->answerVariables, os,
                          [&](const Variable &var) { os << "?" << var.text; });
    os << ")\n";
    print(*query->formula);
  } else if (auto *answer = llvm::dyn_cast<AnswerStmt>(&decl)) {
    indent() << "Answer " << answer->query.text;
    if (answer->hasArguments) {
      os << "(";
      llvm::interleaveComma(answer->arguments, os,
                            [&](const Name &name) { os << quoted(name); });
      os << ")";
    }
    os << " on " << answer->graph.text << "(";
    llvm::interleaveComma(answer->splits, os, [&](const Name &name) { os << name.text; });
    os << ") <" << where(decl.getRange()) << ">\n";
  } else if (auto *import = llvm::dyn_cast<ImportDecl>(&decl)) {
    indent() << "Import \"" << import->path.text << "\"\n";
  } else if (auto *other = llvm::dyn_cast<OtherStmt>(&decl)) {
    indent() << "Statement " << other->keyword << " <" << where(decl.getRange()) << ">\n";
  }
  --depth;
}

void ASTPrinter::print(const Module &module) {
  os << "Module \"" << module.fileName << "\"\n";
  for (auto &decl : module.decls)
    print(*decl);
}

void kq::ast::dump(const Module &module, llvm::raw_ostream &os,
                   const llvm::SourceMgr &sourceMgr) {
  ASTPrinter(os, sourceMgr).print(module);
}
