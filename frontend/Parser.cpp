//===- Parser.cpp - From .kq source files to the AST ----------------------===//

#include "frontend/Parser.h"
#include "frontend/ASTBuilder.h"

#include "KQLexer.h"
#include "KQParser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace kq;

namespace {

/// Formulas deeper than this are rejected before parsing: no real query
/// comes near it, and it bounds the recursion of every later stage.
constexpr int kMaxNesting = 1000;

/// ANTLR's messages name tokens by their grammar names; say what they are.
std::string readableSyntaxMessage(const std::string &message) {
  static const std::pair<llvm::StringLiteral, llvm::StringLiteral> names[] = {
      {"VARIABLE", "a ?variable"},
      {"IDENT", "an identifier"},
      {"STRING", "a string"},
      {"NUMBER", "a number"},
      {"'<EOF>'", "end of file"},
      {"<EOF>", "end of file"},
      {"BAD_CHAR", "a character"},
      {"EXISTS", "'exists'"},
      {"NOT", "'!'"},
      {"AND", "'&'"},
      {"OR", "'|'"}};
  std::string result = message;
  for (auto [grammarName, readable] : names) {
    for (size_t at = result.find(grammarName.str()); at != std::string::npos;
         at = result.find(grammarName.str(), at + readable.size()))
      result.replace(at, grammarName.size(), readable.str());
  }
  llvm::StringRef text(result);
  if (text.consume_front("token recognition error at: "))
    return "unexpected text " + text.str();
  // Reported after the last token: what is missing comes before the next.
  if (text.starts_with("missing ")) {
    size_t at = result.find(" at ");
    if (at != std::string::npos)
      result.replace(at, 4, " before ");
  }
  return result;
}

/// Reports malformed strings precisely; returns false if there were any.
bool checkStrings(antlr4::CommonTokenStream &tokens, const SourceText &source,
                  DiagnosticEngine &diags) {
  bool ok = true;
  for (antlr4::Token *token : tokens.getTokens()) {
    llvm::SMRange range = source.rangeOf(token, token);
    if (token->getType() == grammar::KQLexer::UNTERMINATED_COMMENT) {
      diags.error(llvm::SMRange(range.Start, range.Start),
                  "this comment is not closed: '*/' is missing");
      ok = false;
    } else if (token->getType() == grammar::KQLexer::UNTERMINATED_STRING) {
      diags.error(llvm::SMRange(range.Start, range.Start),
                  "this string is not closed before the end of the line");
      ok = false;
    } else if (token->getType() == grammar::KQLexer::BAD_ESCAPE_STRING) {
      llvm::StringRef text(range.Start.getPointer(),
                           range.End.getPointer() - range.Start.getPointer());
      for (size_t i = 1; i + 1 < text.size(); ++i) {
        if (text[i] != '\\')
          continue;
        char escape = text[i + 1];
        bool valid = llvm::StringRef("\"\\/bfnrt").contains(escape);
        if (escape == 'u')
          valid = i + 5 < text.size() && llvm::all_of(text.substr(i + 2, 4), llvm::isHexDigit);
        if (!valid) {
          llvm::SMLoc at = llvm::SMLoc::getFromPointer(text.data() + i);
          diags.error(llvm::SMRange(at, llvm::SMLoc::getFromPointer(text.data() + i + 2)),
                      "invalid escape in string; the escapes are \\\" \\\\ \\/ \\b \\f "
                      "\\n \\r \\t and \\uXXXX");
          ok = false;
        }
        ++i;
      }
    }
  }
  return ok;
}

/// Reports a formula nested deeper than kMaxNesting; returns false if so.
/// Depth counts open parentheses and the unary operators `!` and `exists`
/// of the current statement.
bool checkNesting(antlr4::CommonTokenStream &tokens, const SourceText &source,
                  DiagnosticEngine &diags) {
  int parentheses = 0, unary = 0;
  for (antlr4::Token *token : tokens.getTokens()) {
    switch (token->getType()) {
    case grammar::KQLexer::LPAREN:
      ++parentheses;
      break;
    case grammar::KQLexer::RPAREN:
      parentheses = std::max(0, parentheses - 1);
      break;
    case grammar::KQLexer::NOT:
    case grammar::KQLexer::EXISTS:
      ++unary;
      break;
    case grammar::KQLexer::SEMI:
      parentheses = unary = 0;
      break;
    default:
      break;
    }
    if (parentheses + unary > kMaxNesting) {
      diags.error(source.rangeOf(token, token), "this formula is nested more than " +
                                                    llvm::Twine(kMaxNesting) +
                                                    " levels deep; split it into smaller queries");
      return false;
    }
  }
  return true;
}

/// Sends ANTLR's lexer and parser errors to the DiagnosticEngine.
class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
  SyntaxErrorListener(const SourceText &source, DiagnosticEngine &diags)
      : source(source), diags(diags) {}

  void syntaxError(antlr4::Recognizer *recognizer, antlr4::Token *offendingSymbol, size_t line,
                   size_t column, const std::string &message, std::exception_ptr) override {
    llvm::SMRange range;
    auto *parser = dynamic_cast<antlr4::Parser *>(recognizer);
    antlr4::Token *previous = parser && parser->getTokenStream()->index() > 0
                                  ? parser->getTokenStream()->LT(-1)
                                  : nullptr;
    if (llvm::StringRef(message).starts_with("missing") && previous) {
      // Something is missing after the last token, not at the next one.
      llvm::SMLoc end = source.locAtCodePoint(previous->getStopIndex() + 1);
      range = llvm::SMRange(end, end);
    } else if (offendingSymbol && offendingSymbol->getType() != antlr4::Token::EOF)
      range = source.rangeOf(offendingSymbol, offendingSymbol);
    else if (offendingSymbol)
      range = llvm::SMRange(source.locAtCodePoint(offendingSymbol->getStartIndex()),
                            source.locAtCodePoint(offendingSymbol->getStartIndex()));
    else
      range =
          llvm::SMRange(source.locAtLineColumn(line, column), source.locAtLineColumn(line, column));
    diags.error(range, readableSyntaxMessage(message));
  }

private:
  const SourceText &source;
  DiagnosticEngine &diags;
};

class ModuleParser {
public:
  ModuleParser(DiagnosticEngine &diags, const ParseOptions &options)
      : diags(diags), options(options) {}

  /// Parses one file into `module`, imports first. `importRange` is where
  /// the file was imported from (invalid for the main file).
  /// With a `prefix` (`import ... as fit`), the file's queries, and those of
  /// the modules it imports, are named `fit.NAME`.
  bool parse(llvm::StringRef path, ast::Module &module, llvm::SMRange importRange,
             llvm::StringRef prefix = {});
  /// Parses source text that has been read already.
  bool parse(std::unique_ptr<llvm::MemoryBuffer> file, ast::Module &module,
             llvm::StringRef prefix = {});
  /// Puts std/skills.kq's skills ahead of a module that renders prompts,
  /// when it has not imported them itself: the defaults a prompt falls
  /// back on for the operations the program teaches no skill of its own.
  bool addDefaultSkills(ast::Module &module);

private:
  std::string resolveImport(llvm::StringRef importer, llvm::StringRef target);
  std::string stdlibSkillsPath() const {
    llvm::SmallString<256> path(options.stdlibDir);
    llvm::sys::path::append(path, "std", "skills.kq");
    return std::string(path);
  }

  DiagnosticEngine &diags;
  const ParseOptions &options;
  llvm::StringSet<> seenFiles;
};

} // namespace

std::string ModuleParser::resolveImport(llvm::StringRef importer, llvm::StringRef target) {
  if (llvm::sys::path::is_absolute(target))
    return llvm::sys::fs::exists(target) ? target.str() : std::string();
  std::vector<std::string> folders;
  folders.push_back(llvm::sys::path::parent_path(importer).str());
  folders.insert(folders.end(), options.includeDirs.begin(), options.includeDirs.end());
  if (!options.stdlibDir.empty())
    folders.push_back(options.stdlibDir);
  for (const std::string &folder : folders) {
    llvm::SmallString<256> candidate(folder);
    llvm::sys::path::append(candidate, target);
    if (llvm::sys::fs::is_regular_file(candidate))
      return std::string(candidate);
  }
  return {};
}

bool ModuleParser::parse(llvm::StringRef path, ast::Module &module, llvm::SMRange importRange,
                         llvm::StringRef prefix) {
  llvm::SmallString<256> canonical;
  // A file imported under two prefixes is in twice, once under each.
  if (!llvm::sys::fs::real_path(path, canonical) &&
      !seenFiles.insert((canonical + "\n" + prefix).str()).second)
    return true; // imported before: its declarations are already in
  // Only regular files: reading a FIFO or a device would wait for a
  // writer, or never end.
  llvm::sys::fs::file_status status;
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> fileOrError =
      std::make_error_code(std::errc::not_supported);
  std::string problem;
  if (!llvm::sys::fs::status(path, status) &&
      status.type() != llvm::sys::fs::file_type::regular_file)
    problem = status.type() == llvm::sys::fs::file_type::directory_file
                  ? "Is a directory"
                  : "it is not a regular file (a FIFO, a device or a socket)";
  else
    fileOrError = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/true);
  if (problem.empty() && !fileOrError && fileOrError.getError() == std::errc::not_enough_memory)
    llvm::report_bad_alloc_error("reading the program");
  if (!problem.empty() || !fileOrError) {
    std::string message = "cannot read '" + path.str() +
                          "': " + (problem.empty() ? fileOrError.getError().message() : problem);
    if (importRange.Start.isValid())
      diags.error(importRange, message);
    else
      diags.error(message);
    return false;
  }
  return parse(std::move(*fileOrError), module, prefix);
}

bool ModuleParser::parse(std::unique_ptr<llvm::MemoryBuffer> file, ast::Module &module,
                         llvm::StringRef prefix) {
  std::string path = file->getBufferIdentifier().str();
  // A UTF-8 byte order mark is allowed; it is dropped so that columns count
  // from the first character.
  if (file->getBuffer().starts_with("\xEF\xBB\xBF"))
    file = llvm::MemoryBuffer::getMemBufferCopy(file->getBuffer().drop_front(3),
                                                file->getBufferIdentifier());
  unsigned bufferId = diags.addBuffer(std::move(file));
  llvm::StringRef text = diags.getSourceMgr().getMemoryBuffer(bufferId)->getBuffer();

  // ANTLR decodes UTF-8 itself and throws on malformed input: check first.
  const llvm::UTF8 *cursor = reinterpret_cast<const llvm::UTF8 *>(text.begin());
  const llvm::UTF8 *end = reinterpret_cast<const llvm::UTF8 *>(text.end());
  if (!llvm::isLegalUTF8String(&cursor, end)) {
    diags.error(llvm::SMLoc::getFromPointer(reinterpret_cast<const char *>(cursor)),
                "the file is not valid UTF-8");
    return false;
  }
  if (text.find('\0') != llvm::StringRef::npos) {
    diags.error(llvm::SMLoc::getFromPointer(text.data() + text.find('\0')),
                "the file contains a NUL byte");
    return false;
  }

  SourceText source(text);
  SyntaxErrorListener listener(source, diags);
  antlr4::ANTLRInputStream input(text.str());
  grammar::KQLexer lexer(&input);
  lexer.removeErrorListeners();
  lexer.addErrorListener(&listener);
  antlr4::CommonTokenStream tokens(&lexer);
  unsigned errorsBefore = diags.getNumErrors();
  tokens.fill();
  if (!checkStrings(tokens, source, diags) || !checkNesting(tokens, source, diags))
    return false;
  grammar::KQParser parser(&tokens);
  parser.removeErrorListeners();

  // Two-stage parsing: the fast SLL prediction, which bails out at the first
  // error, settles nearly every program in linear time; only when it fails
  // is the program parsed again with full LL prediction and error recovery,
  // which then reports every syntax error.
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  grammar::KQParser::ProgramContext *program = nullptr;
  try {
    program = parser.program();
  } catch (const antlr4::ParseCancellationException &) {
    tokens.seek(0);
    parser.reset();
    parser.addErrorListener(&listener);
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    program = parser.program();
  }
  if (diags.getNumErrors() != errorsBefore)
    return false;

  ast::Module own;
  buildAST(program, source, diags, own);
  if (diags.getNumErrors() != errorsBefore)
    return false;
  // std/skills.kq's skills are defaults however the file is reached: a
  // program's skill of the same name replaces one.
  bool equivalent = false;
  if (!llvm::sys::fs::equivalent(path, stdlibSkillsPath(), equivalent) && equivalent)
    for (auto &decl : own.decls)
      if (auto *skill = llvm::dyn_cast<ast::SkillDecl>(decl.get()))
        skill->fromStdlib = true;

  bool ok = true;
  for (auto &decl : own.decls) {
    auto *import = llvm::dyn_cast<ast::ImportDecl>(decl.get());
    if (!import) {
      if (auto *query = llvm::dyn_cast<ast::QueryDecl>(decl.get()); query && !prefix.empty())
        query->name.text = (prefix + "." + query->name.text).str();
      module.decls.push_back(std::move(decl));
      continue;
    }
    std::string resolved = resolveImport(path, import->path.text);
    if (resolved.empty()) {
      diags.error(
          import->path.range,
          "cannot find module '" + import->path.text +
              "' (searched the importing file's folder, -I folders and the standard library)");
      ok = false;
      continue;
    }
    // A prefix inside a prefixed module nests: `a.b.NAME`.
    std::string nested = prefix.str();
    if (import->prefix)
      nested = nested.empty() ? import->prefix->text : nested + "." + import->prefix->text;
    ok &= parse(resolved, module, import->path.range, nested);
  }
  return ok;
}

bool ModuleParser::addDefaultSkills(ast::Module &module) {
  if (llvm::none_of(module.decls,
                    [](auto &decl) { return llvm::isa<ast::PromptDecl>(decl.get()); }))
    return true;
  std::string path = stdlibSkillsPath();
  llvm::SmallString<256> canonical;
  if (!llvm::sys::fs::real_path(path, canonical) && seenFiles.count((canonical + "\n").str()))
    return true; // imported by the program
  ast::Module defaults;
  if (!parse(path, defaults, llvm::SMRange()))
    return false;
  module.decls.insert(module.decls.begin(), std::make_move_iterator(defaults.decls.begin()),
                      std::make_move_iterator(defaults.decls.end()));
  return true;
}

std::unique_ptr<ast::Module> kq::parseBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer,
                                             DiagnosticEngine &diags, const ParseOptions &options) {
  auto module = std::make_unique<ast::Module>();
  module->fileName = buffer->getBufferIdentifier().str();
  ModuleParser parser(diags, options);
  if (!parser.parse(std::move(buffer), *module) || !parser.addDefaultSkills(*module))
    return nullptr;
  return module;
}

std::unique_ptr<ast::Module> kq::parseFile(llvm::StringRef path, DiagnosticEngine &diags,
                                           const ParseOptions &options) {
  auto module = std::make_unique<ast::Module>();
  module->fileName = path.str();
  ModuleParser parser(diags, options);
  if (!parser.parse(path, *module, llvm::SMRange()) || !parser.addDefaultSkills(*module))
    return nullptr;
  return module;
}
