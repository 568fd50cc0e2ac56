//===- AST.cpp - Printing the AST (kqc --emit=ast) ------------------------===//

#include "frontend/AST.h"

#include "llvm/Support/ErrorHandling.h"
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
  static std::string joined(const std::vector<Name> &names) {
    std::string result;
    for (const Name &name : names)
      result += (result.empty() ? "" : ", ") + quoted(name);
    return result;
  }
  /// A statement's options as written: ` key value, value` each.
  static std::string options(const std::vector<StatementOption> &options) {
    std::string result;
    for (const StatementOption &option : options)
      result += " " + option.key.text + " " + joined(option.values);
    return result;
  }
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
    indent() << (term.role == NameRole::Parameter ? "Parameter " : "Entity ") << quoted(term.name)
             << " <" << where(term.name.range) << ">\n";
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
    indent() << "Atom " << (atom->predicateRole == NameRole::Parameter ? "parameter " : "relation ")
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
    indent() << "Graph " << graph->name.text << " <" << where(decl.getRange()) << "> load \""
             << graph->path.text << "\"" << options(graph->options) << "\n";
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
      llvm::interleaveComma(answer->arguments, os, [&](const Name &name) { os << quoted(name); });
      os << ")";
    }
    os << " on " << answer->graph.text << "(";
    llvm::interleaveComma(answer->splits, os, [&](const Name &name) { os << name.text; });
    os << ") <" << where(decl.getRange()) << ">\n";
  } else if (auto *import = llvm::dyn_cast<ImportDecl>(&decl)) {
    indent() << "Import \"" << import->path.text << "\""
             << (import->prefix ? " as " + import->prefix->text : std::string()) << "\n";
  } else if (auto *model = llvm::dyn_cast<ModelDecl>(&decl)) {
    indent() << "Model " << model->name.text << " <" << where(decl.getRange()) << "> "
             << model->family.text << " \"" << model->path.text << "\" on " << model->graph.text
             << "\n";
  } else if (auto *linkpred = llvm::dyn_cast<LinkpredStmt>(&decl)) {
    indent() << "Linkpred " << linkpred->model.text << " on " << linkpred->graph.text << "("
             << joined(linkpred->splits) << ")" << options(linkpred->options) << " <"
             << where(decl.getRange()) << ">\n";
  } else if (auto *eval = llvm::dyn_cast<EvalStmt>(&decl)) {
    indent() << "Eval " << (eval->isScores ? quoted(eval->source) : eval->source.text) << " on "
             << eval->bench.text << options(eval->options) << " <" << where(decl.getRange())
             << ">\n";
  } else if (auto *bench = llvm::dyn_cast<BenchDecl>(&decl)) {
    indent() << "Bench " << bench->name.text << " <" << where(decl.getRange()) << "> sample "
             << joined(bench->templates) << " from " << bench->graph.text << " observed("
             << joined(bench->observed) << ") full(" << joined(bench->full) << ") count "
             << bench->count.text << " seed " << bench->seed.text << options(bench->options)
             << "\n";
  } else if (auto *emit = llvm::dyn_cast<EmitStmt>(&decl)) {
    indent() << "Emit " << emit->source.text << " to \"" << emit->path.text << "\""
             << options(emit->options) << " <" << where(decl.getRange()) << ">\n";
  } else if (auto *quiz = llvm::dyn_cast<QuizDecl>(&decl)) {
    indent() << "Quiz " << quiz->name.text << " <" << where(decl.getRange()) << "> kgquiz from "
             << quiz->graph.text << "(" << joined(quiz->splits) << ") formats "
             << joined(quiz->formats) << " count " << quiz->count.text << " seed "
             << quiz->seed.text << options(quiz->options) << "\n";
  } else if (auto *prompt = llvm::dyn_cast<PromptDecl>(&decl)) {
    indent() << "Prompt " << prompt->name.text << " <" << where(decl.getRange()) << "> skic over "
             << prompt->bench.text << " examples " << prompt->examples.text << " seed "
             << prompt->seed.text << options(prompt->options) << "\n";
  } else if (auto *skill = llvm::dyn_cast<SkillDecl>(&decl)) {
    indent() << "Skill " << skill->name.text << " <" << where(decl.getRange()) << "> teaches "
             << skill->operation.text << " " << quoted(skill->description)
             << options(skill->options) << "\n";
  } else if (auto *llm = llvm::dyn_cast<LlmDecl>(&decl)) {
    indent() << "Llm " << llm->name.text << " <" << where(decl.getRange()) << "> "
             << llm->family.text << " \"" << llm->endpoint.text << "\" model \"" << llm->model.text
             << "\"" << options(llm->options) << "\n";
  } else if (auto *ask = llvm::dyn_cast<AskStmt>(&decl)) {
    indent() << "Ask " << ask->llm.text << " on " << ask->source.text << options(ask->options)
             << " <" << where(decl.getRange()) << ">\n";
  }
  --depth;
}

void ASTPrinter::print(const Module &module) {
  os << "Module \"" << module.fileName << "\"\n";
  for (auto &decl : module.decls)
    print(*decl);
}

llvm::StringRef kq::ast::keywordOf(const Decl &decl) {
  switch (decl.getKind()) {
  case Decl::Kind::Import:
    return "import";
  case Decl::Kind::Graph:
    return "graph";
  case Decl::Kind::Model:
    return "model";
  case Decl::Kind::Query:
    return "query";
  case Decl::Kind::Answer:
    return "answer";
  case Decl::Kind::Linkpred:
    return "linkpred";
  case Decl::Kind::Eval:
    return "eval";
  case Decl::Kind::Bench:
    return "bench";
  case Decl::Kind::Emit:
    return "emit";
  case Decl::Kind::Quiz:
    return "quiz";
  case Decl::Kind::Prompt:
    return "prompt";
  case Decl::Kind::Skill:
    return "skill";
  case Decl::Kind::Llm:
    return "llm";
  case Decl::Kind::Ask:
    return "ask";
  }
  llvm_unreachable("unknown declaration kind");
}

void kq::ast::dump(const Module &module, llvm::raw_ostream &os, const llvm::SourceMgr &sourceMgr) {
  ASTPrinter(os, sourceMgr).print(module);
}
