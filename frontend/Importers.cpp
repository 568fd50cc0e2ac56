//===- Importers.cpp - Query types of other code bases as .kq templates ---===//

#include "frontend/Importers.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

using namespace kq;

namespace {

/// Parameters collected while translating, numbered by their own index in
/// the source notation (FIT) or by first appearance (EFO-1).
struct Parameters {
  std::set<unsigned> anchors, relations;
  std::string declaration(llvm::StringRef name) const {
    std::vector<std::string> params;
    for (unsigned anchor : anchors)
      params.push_back("s" + std::to_string(anchor));
    for (unsigned relation : relations)
      params.push_back("r" + std::to_string(relation));
    return (name + "(" + llvm::join(params, ", ") + ")").str();
  }
};

/// A recursive-descent reader over a short notation string, with errors
/// that say where.
class Reader {
public:
  Reader(llvm::StringRef text, std::string &error) : text(text), error(error) {}

  void skipSpaces() {
    while (pos < text.size() && llvm::isSpace(text[pos]))
      ++pos;
  }
  bool peek(char c) {
    skipSpaces();
    return pos < text.size() && text[pos] == c;
  }
  bool accept(char c) {
    if (!peek(c))
      return false;
    ++pos;
    return true;
  }
  bool expect(char c) {
    if (accept(c))
      return true;
    return fail(llvm::formatv("expected '{0}'", c).str());
  }
  /// A name: letters followed by digits (r12, e1, f, s3).
  std::string word() {
    skipSpaces();
    size_t start = pos;
    while (pos < text.size() && llvm::isAlnum(text[pos]))
      ++pos;
    return text.slice(start, pos).str();
  }
  bool atEnd() {
    skipSpaces();
    return pos == text.size();
  }
  bool fail(const std::string &message) { return failAt(pos, message); }
  bool failAt(size_t at, const std::string &message) {
    if (error.empty())
      error = llvm::formatv("at column {0}: {1}", at + 1, message).str();
    return false;
  }
  size_t position() {
    skipSpaces();
    return pos;
  }

private:
  llvm::StringRef text;
  size_t pos = 0;
  std::string &error;
};

/// Splits "e12" into ("e", 12).
bool splitIndexed(const std::string &word, std::string &prefix, unsigned &index) {
  size_t digits = word.find_first_of("0123456789");
  prefix = word.substr(0, digits);
  if (digits == std::string::npos) {
    index = 0;
    return !prefix.empty();
  }
  return !prefix.empty() && !llvm::StringRef(word).substr(digits).getAsInteger(10, index);
}

//===----------------------------------------------------------------------===//
// FIT formula strings
//===----------------------------------------------------------------------===//

class FitTranslator {
public:
  FitTranslator(llvm::StringRef text, std::string &error) : in(text, error) {}

  std::optional<std::string> translate(llvm::StringRef name) {
    std::string body;
    if (!disjunction(body))
      return std::nullopt;
    if (!in.atEnd()) {
      in.fail("unexpected text after the formula");
      return std::nullopt;
    }
    if (freeVariables.empty()) {
      in.fail("the formula has no free variable (f)");
      return std::nullopt;
    }
    std::vector<std::string> answers, existentials;
    for (const std::string &var : freeVariables)
      answers.push_back("?" + var);
    for (unsigned index : existentialIndices)
      existentials.push_back("?e" + std::to_string(index));
    std::string formula =
        existentials.empty() ? body : "exists " + llvm::join(existentials, ", ") + " . " + body;
    return "query " + params.declaration(name) + " = " + llvm::join(answers, ", ") + " . " +
           formula + ";";
  }

private:
  // FIT's own precedence: ! binds an atom or a parenthesised formula,
  // & binds tighter than |.
  bool disjunction(std::string &out) {
    std::vector<std::string> parts(1);
    if (!conjunction(parts.back()))
      return false;
    while (in.accept('|')) {
      parts.emplace_back();
      if (!conjunction(parts.back()))
        return false;
    }
    out = llvm::join(parts, " | ");
    return true;
  }
  bool conjunction(std::string &out) {
    std::vector<std::string> parts(1);
    if (!unary(parts.back(), /*nested=*/false))
      return false;
    while (in.accept('&')) {
      parts.emplace_back();
      if (!unary(parts.back(), false))
        return false;
    }
    out = llvm::join(parts, " & ");
    return true;
  }
  bool unary(std::string &out, bool nested) {
    if (in.accept('!')) {
      std::string operand;
      if (!unary(operand, true))
        return false;
      out = "!" + operand;
      return true;
    }
    if (in.accept('(')) {
      std::string inner;
      if (!disjunction(inner) || !in.expect(')'))
        return false;
      out = "(" + inner + ")";
      return true;
    }
    return atom(out);
  }
  bool atom(std::string &out) {
    size_t start = in.position();
    std::string relation = in.word(), prefix;
    unsigned index;
    if (!splitIndexed(relation, prefix, index) || prefix != "r")
      return in.failAt(start, "expected an atom rN(term,term), '!' or '('");
    params.relations.insert(index);
    std::string terms[2];
    if (!in.expect('(') || !term(terms[0]) || !in.expect(',') || !term(terms[1]) || !in.expect(')'))
      return false;
    // Names are rebuilt from their numbers, as the parameters are: r01 is r1.
    out = "r" + std::to_string(index) + "(" + terms[0] + ", " + terms[1] + ")";
    return true;
  }
  bool term(std::string &out) {
    size_t start = in.position();
    std::string word = in.word(), prefix;
    unsigned index;
    if (!splitIndexed(word, prefix, index))
      return in.failAt(start, "expected a term sN, eN or f");
    if (prefix == "s") {
      params.anchors.insert(index);
      out = "s" + std::to_string(index);
    } else if (prefix == "e") {
      existentialIndices.insert(index);
      out = "?e" + std::to_string(index);
    } else if (prefix == "f") {
      if (!llvm::is_contained(freeVariables, word))
        freeVariables.push_back(word);
      out = "?" + word;
    } else {
      return in.failAt(start, "unknown term '" + word + "'; FIT terms are sN, eN and f");
    }
    return true;
  }

  Reader in;
  Parameters params;
  std::set<unsigned> existentialIndices;
  std::vector<std::string> freeVariables;
};

//===----------------------------------------------------------------------===//
// EFO-1-QA operator trees
//===----------------------------------------------------------------------===//

class Efo1Translator {
public:
  Efo1Translator(llvm::StringRef text, std::string &error) : in(text, error) {}

  std::optional<std::string> translate(llvm::StringRef name) {
    std::string formula;
    if (!set("?f", formula, /*operand=*/false))
      return std::nullopt;
    if (!in.atEnd()) {
      in.fail("unexpected text after the type");
      return std::nullopt;
    }
    if (rootIsNegation) {
      in.failAt(0, "a negation cannot be the whole query: nothing would bind its answers");
      return std::nullopt;
    }
    return "query " + params.declaration(name) + " = ?f . " + formula + ";";
  }

private:
  /// A formula true of `target` when it is in the set the node denotes.
  /// `operand` asks for parentheses where the result joins a larger formula.
  bool set(const std::string &target, std::string &out, bool operand) {
    if (!in.expect('('))
      return false;
    std::string op = in.word();
    if (!operand && op == "n")
      rootIsNegation = true;
    if (op == "e")
      return in.fail("an anchor (e) must be projected: write (p,(e))");
    return node(op, target, out, operand);
  }

  /// The rest of a node whose operator `op` has been read.
  bool node(const std::string &op, const std::string &target, std::string &out, bool operand) {
    if (op == "p")
      return in.expect(',') && projection(target, out, operand);
    if (op == "n") {
      std::string inner;
      if (!in.expect(',') || !set(target, inner, true) || !in.expect(')'))
        return false;
      out = "!" + inner;
      return true;
    }
    if (op == "i" || op == "u") {
      std::vector<std::string> parts;
      while (in.accept(',')) {
        parts.emplace_back();
        if (!set(target, parts.back(), true))
          return false;
      }
      if (parts.size() < 2)
        return in.fail("'" + op + "' needs at least two operands");
      if (!in.expect(')'))
        return false;
      out = llvm::join(parts, op == "i" ? " & " : " | ");
      if (operand)
        out = "(" + out + ")";
      return true;
    }
    return in.fail("expected e, p, i, u or n after '('");
  }

  /// After "(p,": a relation from the entities of the operand to `target`.
  /// Relations are numbered in the order they apply, inner ones first:
  /// (p,(p,(e))) is r1 then r2.
  bool projection(const std::string &target, std::string &out, bool operand) {
    if (!in.expect('('))
      return false;
    std::string op = in.word();
    std::string source, inner;
    if (op == "e") {
      unsigned anchor = ++nextAnchor;
      params.anchors.insert(anchor);
      if (!in.expect(')'))
        return false;
      source = "s" + std::to_string(anchor);
    } else {
      // A projection of a compound set goes through a fresh existential.
      source = "?e" + std::to_string(++nextVariable);
      if (!node(op, source, inner, true))
        return false;
    }
    if (!in.expect(')'))
      return false;
    unsigned relation = ++nextRelation;
    params.relations.insert(relation);
    std::string atom = "r" + std::to_string(relation) + "(" + source + ", " + target + ")";
    if (inner.empty()) {
      out = atom;
      return true;
    }
    out = "exists " + source + " . " + inner + " & " + atom;
    if (operand)
      out = "(" + out + ")";
    return true;
  }

  Reader in;
  Parameters params;
  unsigned nextAnchor = 0, nextRelation = 0, nextVariable = 0;
  bool rootIsNegation = false;
};

} // namespace

std::optional<std::string> kq::importFitFormula(llvm::StringRef formula, llvm::StringRef name,
                                                std::string &error) {
  return FitTranslator(formula, error).translate(name);
}

std::optional<std::string> kq::importEfo1Type(llvm::StringRef type, llvm::StringRef name,
                                              std::string &error) {
  return Efo1Translator(type, error).translate(name);
}
