//===- TemplatePattern.cpp - What sampling needs to know of a template ----===//

#include "frontend/TemplatePattern.h"

#include "runtime/bench/TemplateFields.h"
#include "runtime/support/Json.h"

#include <map>

using namespace kq;
using namespace kq::ast;

namespace {

/// Pieces of text, words run together.
class PieceList {
public:
  PieceList &operator+=(llvm::StringRef words) {
    if (pieces.empty() || pieces.back().parameter || pieces.back().atom)
      pieces.emplace_back();
    pieces.back().words += words.str();
    return *this;
  }
  PieceList &operator+=(char c) { return *this += llvm::StringRef(&c, 1); }
  void parameter(size_t index) { pieces.push_back({"", index, std::nullopt}); }
  void atom(std::array<std::string, 3> fields) {
    pieces.push_back({"", std::nullopt, std::move(fields)});
  }
  std::vector<TemplatePiece> take() { return std::move(pieces); }

private:
  std::vector<TemplatePiece> pieces;
};

/// Parameters by name, and variables by where they are declared.
class TemplateNames {
public:
  explicit TemplateNames(const QueryDecl &query) {
    for (size_t i = 0; i < query.params.size(); ++i)
      parameters[query.params[i].name.text] = i;
    for (const Variable &answer : query.answerVariables)
      variableIndex(answer.range.Start.getPointer());
  }
  size_t parameter(const std::string &name) const { return parameters.at(name); }
  size_t variableIndex(const char *declaration) {
    return variables.try_emplace(declaration, variables.size()).first->second;
  }

private:
  std::map<std::string, size_t> parameters;
  std::map<const char *, size_t> variables;
};

std::string encodeName(const Name &name, NameRole role, const TemplateNames &names) {
  if (role == NameRole::Parameter)
    return "p" + std::to_string(names.parameter(name.text));
  return kq::runtime::encodeConstant(name.text);
}

void collectAtoms(const Formula &formula, bool negated, TemplateNames &names,
                  std::vector<PatternAtom> &atoms) {
  if (auto *atom = llvm::dyn_cast<AtomFormula>(&formula)) {
    auto term = [&](const Term &term) {
      if (term.isVariable)
        return "v" + std::to_string(names.variableIndex(term.binderRange.Start.getPointer()));
      return encodeName(term.name, term.role, names);
    };
    atoms.push_back({encodeName(atom->predicate, atom->predicateRole, names), term(atom->subject),
                     term(atom->object), negated ? "-" : "+"});
  } else if (auto *nary = llvm::dyn_cast<NaryFormula>(&formula)) {
    for (auto &operand : nary->operands)
      collectAtoms(*operand, negated, names, atoms);
  } else if (auto *negation = llvm::dyn_cast<NotFormula>(&formula)) {
    collectAtoms(*negation->operand, !negated, names, atoms);
  } else {
    auto &exists = llvm::cast<ExistsFormula>(formula);
    for (const Variable &variable : exists.variables)
      names.variableIndex(variable.range.Start.getPointer());
    collectAtoms(*exists.body, negated, names, atoms);
  }
}

/// Prints formulas with the fewest parentheses the grammar needs: `exists`
/// reaches as far right as it can, so it is bracketed whenever it is an
/// operand; `|` inside `&` and anything but an atom under `!` likewise.
class SourcePrinter {
public:
  explicit SourcePrinter(const TemplateNames &names) : names(names) {}

  void print(const Formula &formula, PieceList &out) {
    switch (formula.getKind()) {
    case Formula::Kind::Atom: {
      auto &atom = llvm::cast<AtomFormula>(formula);
      name(atom.predicate, atom.predicateRole, out);
      out += '(';
      term(atom.subject, out);
      out += ", ";
      term(atom.object, out);
      out += ')';
      return;
    }
    case Formula::Kind::And:
    case Formula::Kind::Or: {
      auto &nary = llvm::cast<NaryFormula>(formula);
      bool isAnd = formula.getKind() == Formula::Kind::And;
      for (size_t i = 0; i < nary.operands.size(); ++i) {
        if (i)
          out += isAnd ? " & " : " | ";
        const Formula &operand = *nary.operands[i];
        bool bracket = operand.getKind() == Formula::Kind::Exists ||
                       (isAnd && operand.getKind() == Formula::Kind::Or);
        printBracketed(operand, bracket, out);
      }
      return;
    }
    case Formula::Kind::Not: {
      const Formula &operand = *llvm::cast<NotFormula>(formula).operand;
      out += '!';
      printBracketed(
          operand,
          operand.getKind() != Formula::Kind::Atom && operand.getKind() != Formula::Kind::Not, out);
      return;
    }
    case Formula::Kind::Exists: {
      auto &exists = llvm::cast<ExistsFormula>(formula);
      out += "exists ";
      for (size_t i = 0; i < exists.variables.size(); ++i)
        out += (i ? ", ?" : "?") + exists.variables[i].text;
      out += " . ";
      print(*exists.body, out);
      return;
    }
    }
  }

private:
  void printBracketed(const Formula &formula, bool bracket, PieceList &out) {
    if (bracket)
      out += '(';
    print(formula, out);
    if (bracket)
      out += ')';
  }
  void name(const Name &name, NameRole role, PieceList &out) {
    if (role == NameRole::Parameter) {
      out.parameter(names.parameter(name.text));
      return;
    }
    // A JSON string literal is a kq string literal.
    std::string quoted;
    runtime::appendJsonString(quoted, name.text);
    out += quoted;
  }
  void term(const Term &term, PieceList &out) {
    if (term.isVariable)
      out += "?" + term.name.text;
    else
      name(term.name, term.role, out);
  }

  const TemplateNames &names;
};

} // namespace

std::vector<PatternAtom> kq::templatePattern(const QueryDecl &query) {
  TemplateNames names(query);
  std::vector<PatternAtom> atoms;
  collectAtoms(*query.formula, /*negated=*/false, names, atoms);
  return atoms;
}

namespace {

/// Prints a formula in FIT's syntax; fails on what that syntax lacks.
class FitPrinter {
public:
  explicit FitPrinter(const QueryDecl &query) {
    size_t entities = 0, relations = 0;
    for (const Parameter &parameter : query.params)
      parameterNames[parameter.name.text] = parameter.kind == Parameter::Kind::Relation
                                                ? "r" + std::to_string(++relations)
                                                : "s" + std::to_string(++entities);
    variableNames[query.answerVariables.front().range.Start.getPointer()] = "f";
  }

  bool print(const Formula &formula, bool negated, std::string &out) {
    switch (formula.getKind()) {
    case Formula::Kind::Atom: {
      auto &atom = llvm::cast<AtomFormula>(formula);
      return name(atom.predicate, atom.predicateRole, out) && (out += '(', true) &&
             term(atom.subject, out) && (out += ',', true) && term(atom.object, out) &&
             (out += ')', true);
    }
    case Formula::Kind::And:
    case Formula::Kind::Or: {
      auto &nary = llvm::cast<NaryFormula>(formula);
      bool isAnd = formula.getKind() == Formula::Kind::And;
      for (size_t i = 0; i < nary.operands.size(); ++i) {
        if (i)
          out += isAnd ? '&' : '|';
        const Formula &operand = *skipQuantifiers(*nary.operands[i], negated);
        if (failed)
          return false;
        bool bracket = operand.getKind() == Formula::Kind::Or ||
                       (!isAnd && operand.getKind() == Formula::Kind::And);
        if (bracket)
          out += '(';
        if (!print(operand, negated, out))
          return false;
        if (bracket)
          out += ')';
      }
      return true;
    }
    case Formula::Kind::Not: {
      const Formula &operand = *skipQuantifiers(*llvm::cast<NotFormula>(formula).operand, true);
      if (failed)
        return false;
      out += '!';
      bool bracket = operand.getKind() != Formula::Kind::Atom;
      if (bracket)
        out += '(';
      if (!print(operand, !negated, out))
        return false;
      if (bracket)
        out += ')';
      return true;
    }
    case Formula::Kind::Exists:
      return print(*skipQuantifiers(formula, negated), negated, out) && !failed;
    }
    return false;
  }

  /// The formula inside its quantifiers, naming their variables e1, e2, ...
  const Formula *skipQuantifiers(const Formula &formula, bool negated) {
    const Formula *inner = &formula;
    while (auto *exists = llvm::dyn_cast<ExistsFormula>(inner)) {
      if (negated) {
        fail("it has a quantifier under a negation, which FIT's formulas, all of "
             "whose variables are quantified outside, cannot say");
        return inner;
      }
      for (const Variable &variable : exists->variables)
        variableNames[variable.range.Start.getPointer()] = "e" + std::to_string(++numExistentials);
      inner = exists->body.get();
    }
    return inner;
  }

  std::string reason;
  bool failed = false;

private:
  void fail(std::string why) {
    if (!failed)
      reason = std::move(why);
    failed = true;
  }
  bool name(const Name &name, NameRole role, std::string &out) {
    if (role != NameRole::Parameter) {
      fail("it names '" + name.text + "', and FIT's formulas have no constants");
      return false;
    }
    out += parameterNames.at(name.text);
    return true;
  }
  bool term(const Term &term, std::string &out) {
    if (!term.isVariable)
      return name(term.name, term.role, out);
    out += variableNames.at(term.binderRange.Start.getPointer());
    return true;
  }

  std::map<std::string, std::string> parameterNames;
  std::map<const char *, std::string> variableNames;
  size_t numExistentials = 0;
};

} // namespace

std::optional<std::string> kq::fitFormula(const QueryDecl &query, std::string &reason) {
  if (query.answerVariables.size() != 1) {
    reason = "it has more than one answer variable";
    return std::nullopt;
  }
  FitPrinter printer(query);
  std::string out;
  const Formula *body = printer.skipQuantifiers(*query.formula, false);
  if (!printer.print(*body, false, out) || printer.failed) {
    reason = printer.reason;
    return std::nullopt;
  }
  return out;
}

const char *kq::betaeStructure(const QueryDecl &query, llvm::StringRef file) {
  static const std::map<std::string, const char *> structures = {
      {"1p", "(e,(r,))"},
      {"2p", "(e,(r,r))"},
      {"3p", "(e,(r,r,r))"},
      {"2i", "((e,(r,)),(e,(r,)))"},
      {"3i", "((e,(r,)),(e,(r,)),(e,(r,)))"},
      {"ip", "(((e,(r,)),(e,(r,))),(r,))"},
      {"pi", "((e,(r,r)),(e,(r,)))"},
      {"2u", "((e,(r,)),(e,(r,)),(u,))"},
      {"up", "(((e,(r,)),(e,(r,)),(u,)),(r,))"},
      {"2in", "((e,(r,)),(e,(r,n)))"},
      {"3in", "((e,(r,)),(e,(r,)),(e,(r,n)))"},
      {"inp", "(((e,(r,)),(e,(r,n))),(r,))"},
      {"pin", "((e,(r,r)),(e,(r,n)))"},
      {"pni", "((e,(r,r,n)),(e,(r,)))"},
  };
  auto structure = structures.find(query.name.text);
  if (!(file == "std/betae.kq" || file.ends_with("/std/betae.kq")) || structure == structures.end())
    return nullptr;
  return structure->second;
}

std::vector<TemplatePiece> kq::templateText(const QueryDecl &query) {
  TemplateNames names(query);
  PieceList text;
  for (size_t i = 0; i < query.answerVariables.size(); ++i)
    text += (i ? ", ?" : "?") + query.answerVariables[i].text;
  text += " . ";
  SourcePrinter(names).print(*query.formula, text);
  return text.take();
}

namespace {

/// Writes a formula in words, its atoms pieces of their own for the runtime
/// to word.
class QuestionWriter {
public:
  explicit QuestionWriter(const TemplateNames &names) : names(names) {}

  void write(const Formula &formula, PieceList &out) {
    if (auto *atom = llvm::dyn_cast<AtomFormula>(&formula)) {
      auto term = [&](const Term &term) {
        return term.isVariable ? "v?" + term.name.text : encodeName(term.name, term.role, names);
      };
      out.atom({encodeName(atom->predicate, atom->predicateRole, names), term(atom->subject),
                term(atom->object)});
      return;
    }
    if (auto *nary = llvm::dyn_cast<NaryFormula>(&formula)) {
      for (size_t i = 0; i < nary->operands.size(); ++i) {
        if (i)
          out += nary->getKind() == Formula::Kind::And ? " and " : " or ";
        writeOperand(*nary->operands[i], out);
      }
      return;
    }
    if (auto *negation = llvm::dyn_cast<NotFormula>(&formula)) {
      out += "it is not the case that ";
      writeOperand(*negation->operand, out);
      return;
    }
    auto &exists = llvm::cast<ExistsFormula>(formula);
    std::string variables;
    for (const Variable &variable : exists.variables)
      variables += (variables.empty() ? "?" : ", ?") + variable.text;
    out += std::string(exists.variables.size() > 1 ? "there are some " : "there is some ") +
           variables + " such that ";
    write(*exists.body, out);
  }

private:
  /// An operand, in brackets unless it is an atom.
  void writeOperand(const Formula &formula, PieceList &out) {
    bool bracket = !llvm::isa<AtomFormula>(formula);
    if (bracket)
      out += '(';
    write(formula, out);
    if (bracket)
      out += ')';
  }
  const TemplateNames &names;
};

} // namespace

std::vector<TemplatePiece> kq::templateQuestion(const QueryDecl &query) {
  TemplateNames names(query);
  PieceList question;
  question += "Which entities ?" + query.answerVariables.front().text + " are such that ";
  QuestionWriter(names).write(*query.formula, question);
  question += "?";
  return question.take();
}
