//===- Diagnostics.h - The one diagnostic engine of the front end --------===//
//
// Every program error goes through DiagnosticEngine, which prints it the way
// clang does (`FILE:LINE:COL: error: MESSAGE`, the source line, a caret under
// the offending range) by way of llvm::SourceMgr. It owns the source buffers,
// so imported files report at their own locations too.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_FRONTEND_DIAGNOSTICS_H
#define KQ_FRONTEND_DIAGNOSTICS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/SMLoc.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

namespace kq {

class DiagnosticEngine {
public:
  explicit DiagnosticEngine(llvm::raw_ostream &os = llvm::errs()) : os(os) {}

  llvm::SourceMgr &getSourceMgr() { return sourceMgr; }

  /// Adds a file's contents; returns the buffer id.
  unsigned addBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer);

  void error(llvm::SMRange range, const llvm::Twine &message);
  void error(llvm::SMLoc loc, const llvm::Twine &message) {
    error(llvm::SMRange(loc, loc), message);
  }
  void note(llvm::SMRange range, const llvm::Twine &message);
  /// An error without a source position (a file that cannot be read).
  void error(const llvm::Twine &message);

  unsigned getNumErrors() const { return numErrors; }
  bool hadErrors() const { return numErrors != 0; }

  /// In verify mode diagnostics are collected instead of printed, and
  /// verifyExpectations() compares them with the `expected-error {{...}}`
  /// and `expected-note {{...}}` comments of the source files.
  void enableVerifyMode() { verifyMode = true; }
  /// Reports every mismatch; returns true when all expectations were met.
  bool verifyExpectations();

private:
  struct Collected {
    llvm::SMLoc loc;
    llvm::SourceMgr::DiagKind kind;
    std::string message;
  };

  void emit(llvm::SMRange range, llvm::SourceMgr::DiagKind kind, const llvm::Twine &message);

  llvm::SourceMgr sourceMgr;
  llvm::raw_ostream &os;
  unsigned numErrors = 0;
  bool verifyMode = false;
  std::vector<Collected> collected;
};

} // namespace kq

#endif // KQ_FRONTEND_DIAGNOSTICS_H
