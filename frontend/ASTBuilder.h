//===- ASTBuilder.h - ANTLR parse tree to AST -----------------------------===//
//
// Turns a parse tree without syntax errors into AST declarations. Source
// positions of ANTLR tokens (code point indices) are mapped back to byte
// locations in the llvm::SourceMgr buffer so diagnostics point at the text.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_FRONTEND_ASTBUILDER_H
#define KQ_FRONTEND_ASTBUILDER_H

#include "frontend/AST.h"
#include "frontend/Diagnostics.h"

#include "KQParser.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <vector>

namespace kq {

/// Maps ANTLR's code point positions to byte locations of one buffer.
class SourceText {
public:
  /// `text` is the buffer as ANTLR sees it (after any byte order mark).
  explicit SourceText(llvm::StringRef text);
  llvm::SMLoc locAtCodePoint(size_t index) const;
  /// Location of a (1-based line, 0-based code point column) pair.
  llvm::SMLoc locAtLineColumn(size_t line, size_t column) const;
  llvm::SMRange rangeOf(const antlr4::Token *start, const antlr4::Token *stop) const;

private:
  llvm::StringRef text;
  std::vector<uint32_t> codePointToByte; // one entry per code point, plus end
  std::vector<uint32_t> lineStartCodePoint;
};

/// Appends the declarations of `program` to `module`; reports semantic trouble
/// that is local to the syntax (bad string escapes) through `diags`.
void buildAST(grammar::KQParser::ProgramContext *program, const SourceText &source,
              DiagnosticEngine &diags, ast::Module &module);

} // namespace kq

#endif // KQ_FRONTEND_ASTBUILDER_H
