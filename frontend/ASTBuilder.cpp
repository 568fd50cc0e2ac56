//===- ASTBuilder.cpp - ANTLR parse tree to AST ---------------------------===//

#include "frontend/ASTBuilder.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"

using namespace kq;
using namespace kq::ast;
using grammar::KQParser;

//===----------------------------------------------------------------------===//
// SourceText
//===----------------------------------------------------------------------===//

SourceText::SourceText(llvm::StringRef text) : text(text) {
  lineStartCodePoint.push_back(0);
  for (size_t i = 0; i < text.size();) {
    unsigned char byte = text[i];
    // The input was checked to be valid UTF-8 before lexing.
    size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    codePointToByte.push_back(static_cast<uint32_t>(i));
    if (byte == '\n')
      lineStartCodePoint.push_back(static_cast<uint32_t>(codePointToByte.size()));
    i += length;
  }
  codePointToByte.push_back(static_cast<uint32_t>(text.size()));
}

llvm::SMLoc SourceText::locAtCodePoint(size_t index) const {
  if (index >= codePointToByte.size())
    index = codePointToByte.size() - 1;
  return llvm::SMLoc::getFromPointer(text.data() + codePointToByte[index]);
}

llvm::SMLoc SourceText::locAtLineColumn(size_t line, size_t column) const {
  if (line == 0 || line > lineStartCodePoint.size())
    return locAtCodePoint(codePointToByte.size() - 1);
  return locAtCodePoint(lineStartCodePoint[line - 1] + column);
}

llvm::SMRange SourceText::rangeOf(const antlr4::Token *start, const antlr4::Token *stop) const {
  if (!start)
    return {};
  if (!stop || stop->getStopIndex() < start->getStartIndex())
    stop = start;
  return {locAtCodePoint(start->getStartIndex()), locAtCodePoint(stop->getStopIndex() + 1)};
}

//===----------------------------------------------------------------------===//
// Parse tree to AST
//===----------------------------------------------------------------------===//

namespace {

class Builder {
public:
  Builder(const SourceText &source, DiagnosticEngine &diags) : source(source), diags(diags) {}

  std::unique_ptr<Decl> build(KQParser::StatementContext *ctx);

private:
  llvm::SMRange rangeOf(antlr4::ParserRuleContext *ctx) const {
    return source.rangeOf(ctx->getStart(), ctx->getStop());
  }
  llvm::SMRange rangeOf(antlr4::tree::TerminalNode *node) const {
    return source.rangeOf(node->getSymbol(), node->getSymbol());
  }
  llvm::SMRange rangeOf(antlr4::Token *token) const { return source.rangeOf(token, token); }

  Name name(KQParser::IdentContext *ctx) {
    return Name{ctx->getText(), rangeOf(ctx), /*quoted=*/false};
  }
  Name name(KQParser::Name_Context *ctx) {
    if (ctx->ident())
      return name(ctx->ident());
    return stringName(ctx->STRING()->getSymbol());
  }
  Name stringName(antlr4::Token *token);
  Variable variable(antlr4::tree::TerminalNode *node) {
    return Variable{node->getText().substr(1), rangeOf(node)};
  }
  /// `prefix.name` as one name.
  Name name(KQParser::QualifiedIdentContext *ctx) {
    return Name{ctx->getText(), rangeOf(ctx), /*quoted=*/false};
  }
  std::vector<Name> names(KQParser::TemplateListContext *ctx) {
    std::vector<Name> result;
    for (auto *qualified : ctx->qualifiedIdent())
      result.push_back(name(qualified));
    return result;
  }
  std::vector<Name> names(KQParser::IdentListContext *ctx) {
    std::vector<Name> result;
    if (ctx)
      for (auto *ident : ctx->ident())
        result.push_back(name(ident));
    return result;
  }

  std::unique_ptr<Formula> formula(KQParser::FormulaContext *ctx);
  std::unique_ptr<Formula> disjunction(KQParser::DisjunctionContext *ctx);
  std::unique_ptr<Formula> conjunction(KQParser::ConjunctionContext *ctx);
  std::unique_ptr<Formula> unary(KQParser::UnaryContext *ctx);
  std::unique_ptr<Formula> primary(KQParser::PrimaryContext *ctx);
  Term term(KQParser::TermContext *ctx);

  Number number(antlr4::Token *token) { return Number{token->getText(), rangeOf(token)}; }
  std::vector<StatementOption> options(const std::vector<KQParser::OptionContext *> &contexts) {
    std::vector<StatementOption> result;
    for (auto *option : contexts) {
      StatementOption parsed{name(option->key), {}};
      for (auto *value : option->optionValue())
        parsed.values.push_back(value->ident()    ? name(value->ident())
                                : value->STRING() ? stringName(value->STRING()->getSymbol())
                                                  : Name{value->getText(), rangeOf(value),
                                                         /*quoted=*/false});
      result.push_back(std::move(parsed));
    }
    return result;
  }
  std::vector<Name> splits(KQParser::SplitListContext *ctx) { return names(ctx->identList()); }

  std::unique_ptr<Decl> query(KQParser::QueryDeclContext *ctx);
  std::unique_ptr<Decl> answer(KQParser::AnswerStmtContext *ctx);

  const SourceText &source;
  DiagnosticEngine &diags;
};

} // namespace

/// Decodes a string literal's JSON escapes into UTF-8.
Name Builder::stringName(antlr4::Token *token) {
  llvm::SMRange range = rangeOf(token);
  // The token's text is taken from the buffer, not from ANTLR's UTF-32 copy.
  llvm::StringRef quoted(range.Start.getPointer(),
                         range.End.getPointer() - range.Start.getPointer());
  llvm::StringRef body = quoted.drop_front().drop_back();
  std::string text;
  auto bad = [&](size_t offset, const llvm::Twine &message) {
    llvm::SMLoc loc = llvm::SMLoc::getFromPointer(body.data() + offset);
    diags.error(loc, message);
  };
  auto hexAt = [&](size_t i, uint32_t &value) {
    value = 0;
    if (i + 6 > body.size())
      return false;
    for (size_t k = i + 2; k < i + 6; ++k) {
      char c = body[k];
      unsigned digit = llvm::isDigit(c) ? c - '0' : (llvm::toLower(c) - 'a' + 10);
      value = value * 16 + digit;
    }
    return body[i] == '\\' && body[i + 1] == 'u';
  };
  for (size_t i = 0; i < body.size();) {
    char c = body[i];
    if (c != '\\') {
      text.push_back(c);
      ++i;
      continue;
    }
    char escape = body[i + 1];
    switch (escape) {
    case '"':
      text.push_back('"');
      break;
    case '\\':
      text.push_back('\\');
      break;
    case '/':
      text.push_back('/');
      break;
    case 'b':
      text.push_back('\b');
      break;
    case 'f':
      text.push_back('\f');
      break;
    case 'n':
      text.push_back('\n');
      break;
    case 'r':
      text.push_back('\r');
      break;
    case 't':
      text.push_back('\t');
      break;
    case 'u': {
      uint32_t unit = 0, low = 0;
      hexAt(i, unit);
      size_t consumed = 6;
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        if (!hexAt(i + 6, low) || low < 0xDC00 || low > 0xDFFF) {
          bad(i, "a high surrogate escape must be followed by a low surrogate escape");
          return Name{text, range, true};
        }
        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        consumed = 12;
      } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
        bad(i, "a low surrogate escape without a high surrogate before it");
        return Name{text, range, true};
      } else if (unit == 0) {
        bad(i, "a name cannot contain the NUL character");
        return Name{text, range, true};
      }
      char utf8[UNI_MAX_UTF8_BYTES_PER_CODE_POINT];
      char *end = utf8;
      llvm::ConvertCodePointToUTF8(unit, end);
      text.append(utf8, end);
      i += consumed;
      continue;
    }
    }
    i += 2;
  }
  return Name{text, range, /*quoted=*/true};
}

Term Builder::term(KQParser::TermContext *ctx) {
  Term result;
  if (auto *var = ctx->VARIABLE()) {
    result.isVariable = true;
    Variable v = variable(var);
    result.name = Name{v.text, v.range, false};
  } else {
    result.name = name(ctx->name_());
  }
  return result;
}

std::unique_ptr<Formula> Builder::formula(KQParser::FormulaContext *ctx) {
  return disjunction(ctx->disjunction());
}

std::unique_ptr<Formula> Builder::disjunction(KQParser::DisjunctionContext *ctx) {
  auto parts = ctx->conjunction();
  if (parts.size() == 1)
    return conjunction(parts.front());
  std::vector<std::unique_ptr<Formula>> operands;
  for (auto *part : parts)
    operands.push_back(conjunction(part));
  return std::make_unique<NaryFormula>(Formula::Kind::Or, rangeOf(ctx), std::move(operands));
}

std::unique_ptr<Formula> Builder::conjunction(KQParser::ConjunctionContext *ctx) {
  auto parts = ctx->unary();
  if (parts.size() == 1)
    return unary(parts.front());
  std::vector<std::unique_ptr<Formula>> operands;
  for (auto *part : parts)
    operands.push_back(unary(part));
  return std::make_unique<NaryFormula>(Formula::Kind::And, rangeOf(ctx), std::move(operands));
}

std::unique_ptr<Formula> Builder::unary(KQParser::UnaryContext *ctx) {
  if (auto *negation = dynamic_cast<KQParser::NegationContext *>(ctx))
    return std::make_unique<NotFormula>(rangeOf(ctx), unary(negation->unary()));
  return primary(static_cast<KQParser::PrimaryFormulaContext *>(ctx)->primary());
}

std::unique_ptr<Formula> Builder::primary(KQParser::PrimaryContext *ctx) {
  if (auto *exists = dynamic_cast<KQParser::ExistsContext *>(ctx)) {
    std::vector<Variable> variables;
    for (auto *var : exists->VARIABLE())
      variables.push_back(variable(var));
    return std::make_unique<ExistsFormula>(rangeOf(ctx), std::move(variables),
                                           formula(exists->formula()));
  }
  if (auto *parens = dynamic_cast<KQParser::ParenthesizedContext *>(ctx))
    return formula(parens->formula());
  auto *atom = static_cast<KQParser::AtomContext *>(ctx);
  return std::make_unique<AtomFormula>(rangeOf(ctx), name(atom->predicate), term(atom->term(0)),
                                       term(atom->term(1)));
}

std::unique_ptr<Decl> Builder::query(KQParser::QueryDeclContext *ctx) {
  std::vector<Parameter> params;
  for (Name &param : names(ctx->params))
    params.push_back(Parameter{std::move(param), Parameter::Kind::Unused});
  std::vector<Variable> answerVariables;
  for (auto *var : ctx->answerVars()->VARIABLE())
    answerVariables.push_back(variable(var));
  bool isTemplate = ctx->LPAREN() != nullptr;
  return std::make_unique<QueryDecl>(rangeOf(ctx), name(ctx->name), isTemplate, std::move(params),
                                     std::move(answerVariables), formula(ctx->formula()));
}

std::unique_ptr<Decl> Builder::answer(KQParser::AnswerStmtContext *ctx) {
  auto *ref = ctx->queryRef();
  std::vector<Name> arguments;
  for (auto *argument : ref->name_())
    arguments.push_back(name(argument));
  bool hasArguments = ref->LPAREN() != nullptr;
  auto *graph = ctx->graphRef();
  return std::make_unique<AnswerStmt>(rangeOf(ctx), name(ref->name), hasArguments,
                                      std::move(arguments), name(graph->name),
                                      names(graph->splitList()->identList()));
}

std::unique_ptr<Decl> Builder::build(KQParser::StatementContext *ctx) {
  if (auto *import = ctx->importDecl()) {
    std::optional<Name> prefix;
    if (import->prefix) {
      if (import->as_->getText() != "as")
        diags.error(rangeOf(import->as_), "expected 'as' and a prefix after the module's name, "
                                          "not '" +
                                              import->as_->getText() + "'");
      prefix = name(import->prefix);
    }
    return std::make_unique<ImportDecl>(rangeOf(import), stringName(import->path),
                                        std::move(prefix));
  }
  if (auto *graph = ctx->graphDecl())
    return std::make_unique<GraphDecl>(rangeOf(graph), name(graph->name), stringName(graph->path),
                                       options(graph->option()));
  if (auto *queryDecl = ctx->queryDecl())
    return query(queryDecl);
  if (auto *answerStmt = ctx->answerStmt())
    return answer(answerStmt);
  if (auto *model = ctx->modelDecl())
    return std::make_unique<ModelDecl>(rangeOf(model), name(model->name), name(model->family),
                                       stringName(model->path), name(model->graph));
  if (auto *linkpred = ctx->linkpredStmt()) {
    std::vector<StatementOption> options = this->options(linkpred->option());
    return std::make_unique<LinkpredStmt>(
        rangeOf(linkpred), name(linkpred->model), name(linkpred->graphRef()->name),
        splits(linkpred->graphRef()->splitList()), std::move(options));
  }
  if (auto *eval = ctx->evalStmt()) {
    bool isScores = eval->scores != nullptr;
    return std::make_unique<EvalStmt>(rangeOf(eval),
                                      isScores ? stringName(eval->scores) : name(eval->model),
                                      isScores, name(eval->bench), options(eval->option()));
  }
  if (auto *bench = ctx->benchStmt())
    return std::make_unique<BenchDecl>(
        rangeOf(bench), name(bench->name), names(bench->templateList()), name(bench->graph),
        splits(bench->splitList(0)), splits(bench->splitList(1)), number(bench->count),
        number(bench->seed), options(bench->option()));
  if (auto *emit = ctx->emitStmt())
    return std::make_unique<EmitStmt>(rangeOf(emit), name(emit->name), stringName(emit->path),
                                      options(emit->option()));
  if (auto *quiz = ctx->quizStmt())
    return std::make_unique<QuizDecl>(rangeOf(quiz), name(quiz->name), name(quiz->graphRef()->name),
                                      splits(quiz->graphRef()->splitList()),
                                      names(quiz->identList()), number(quiz->count),
                                      number(quiz->seed), options(quiz->option()));
  if (auto *prompt = ctx->promptStmt())
    return std::make_unique<PromptDecl>(rangeOf(prompt), name(prompt->name), name(prompt->bench),
                                        number(prompt->examples), number(prompt->seed),
                                        options(prompt->option()));
  if (auto *skill = ctx->skillDecl())
    return std::make_unique<SkillDecl>(rangeOf(skill), name(skill->name), name(skill->operation),
                                       stringName(skill->description), options(skill->option()));
  if (auto *llm = ctx->llmDecl())
    return std::make_unique<LlmDecl>(rangeOf(llm), name(llm->name), name(llm->family),
                                     stringName(llm->endpoint), stringName(llm->model),
                                     options(llm->option()));
  auto *ask = ctx->askStmt();
  return std::make_unique<AskStmt>(rangeOf(ask), name(ask->llm), name(ask->source),
                                   options(ask->option()));
}

void kq::buildAST(KQParser::ProgramContext *program, const SourceText &source,
                  DiagnosticEngine &diags, Module &module) {
  Builder builder(source, diags);
  for (auto *statement : program->statement())
    module.decls.push_back(builder.build(statement));
}
