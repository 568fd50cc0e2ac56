//===- Diagnostics.cpp - Clang-style diagnostics over llvm::SourceMgr ----===//

#include "frontend/Diagnostics.h"

#include "llvm/Support/MemoryBuffer.h"

using namespace kq;

unsigned DiagnosticEngine::addBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer) {
  return sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
}

void DiagnosticEngine::emit(llvm::SMRange range, llvm::SourceMgr::DiagKind kind,
                            const llvm::Twine &message) {
  llvm::SmallVector<llvm::SMRange, 1> ranges;
  // A range that is a single point only places the caret.
  if (range.Start.isValid() && range.End.isValid() &&
      range.End.getPointer() > range.Start.getPointer())
    ranges.push_back(range);
  sourceMgr.PrintMessage(os, range.Start, kind, message, ranges);
}

void DiagnosticEngine::error(llvm::SMRange range, const llvm::Twine &message) {
  ++numErrors;
  emit(range, llvm::SourceMgr::DK_Error, message);
}

void DiagnosticEngine::note(llvm::SMRange range, const llvm::Twine &message) {
  emit(range, llvm::SourceMgr::DK_Note, message);
}

void DiagnosticEngine::error(const llvm::Twine &message) {
  ++numErrors;
  os << "kqc: error: " << message << "\n";
}

std::string DiagnosticEngine::describeLocation(llvm::SMLoc loc) const {
  unsigned bufferId = sourceMgr.FindBufferContainingLoc(loc);
  if (!bufferId)
    return "<unknown>";
  auto [line, column] = sourceMgr.getLineAndColumn(loc, bufferId);
  return (sourceMgr.getMemoryBuffer(bufferId)->getBufferIdentifier() + ":" +
          llvm::Twine(line) + ":" + llvm::Twine(column))
      .str();
}
