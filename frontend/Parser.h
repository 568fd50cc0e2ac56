//===- Parser.h - From .kq source files to the AST ------------------------===//
//
// Reads a file, runs the ANTLR lexer and parser over it, reports syntax errors
// through the DiagnosticEngine and builds the AST. `import` declarations are
// resolved here (the importing file's folder, then -I folders, then the
// stdlib) and their declarations are merged ahead of the importer's.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_FRONTEND_PARSER_H
#define KQ_FRONTEND_PARSER_H

#include "frontend/AST.h"
#include "frontend/Diagnostics.h"

#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <string>
#include <vector>

namespace kq {

struct ParseOptions {
  /// Folders searched for imports after the importing file's own folder.
  std::vector<std::string> includeDirs;
  /// The standard library's folder, searched last.
  std::string stdlibDir;
};

/// Parses `path` and everything it imports. Returns null when there were
/// errors (all of them are reported).
std::unique_ptr<ast::Module> parseFile(llvm::StringRef path, DiagnosticEngine &diags,
                                       const ParseOptions &options);

/// Parses source text held in memory (named by the buffer's identifier),
/// as the fuzzer and embedders do.
std::unique_ptr<ast::Module> parseBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer,
                                         DiagnosticEngine &diags, const ParseOptions &options);

} // namespace kq

#endif // KQ_FRONTEND_PARSER_H
