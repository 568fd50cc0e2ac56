//===- Diagnostics.cpp - Clang-style diagnostics over llvm::SourceMgr ----===//

#include "frontend/Diagnostics.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"

using namespace kq;

unsigned DiagnosticEngine::addBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer) {
  return sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
}

void DiagnosticEngine::emit(llvm::SMRange range, llvm::SourceMgr::DiagKind kind,
                            const llvm::Twine &message) {
  if (verifyMode) {
    collected.push_back({range.Start, kind, message.str()});
    return;
  }
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
  if (verifyMode) {
    collected.push_back({llvm::SMLoc(), llvm::SourceMgr::DK_Error, message.str()});
    return;
  }
  os << "kqc: error: " << message << "\n";
}

namespace {

/// One `expected-KIND [@LINE-OFFSET] {{TEXT}}` comment.
struct Expectation {
  llvm::SMLoc commentLoc;
  unsigned bufferId;
  unsigned line;
  llvm::SourceMgr::DiagKind kind;
  std::string text;
  bool matched = false;
};

std::vector<Expectation> findExpectations(const llvm::SourceMgr &sourceMgr) {
  static const llvm::Regex pattern(
      "expected-(error|note)[ \t]*(@[+-][0-9]+)?[ \t]*\\{\\{(.*)\\}\\}");
  std::vector<Expectation> result;
  for (unsigned id = 1; id <= sourceMgr.getNumBuffers(); ++id) {
    llvm::StringRef buffer = sourceMgr.getMemoryBuffer(id)->getBuffer();
    unsigned line = 0;
    for (llvm::StringRef rest = buffer; !rest.empty();) {
      auto [text, next] = rest.split('\n');
      ++line;
      size_t start = 0;
      llvm::SmallVector<llvm::StringRef, 4> groups;
      while (start < text.size() && pattern.match(text.substr(start), &groups)) {
        Expectation expectation;
        expectation.commentLoc = llvm::SMLoc::getFromPointer(groups[0].data());
        expectation.bufferId = id;
        expectation.kind = groups[1] == "error" ? llvm::SourceMgr::DK_Error
                                                : llvm::SourceMgr::DK_Note;
        int offset = 0;
        if (!groups[2].empty()) {
          llvm::StringRef amount = groups[2].drop_front(2); // after "@+" or "@-"
          amount.getAsInteger(10, offset);
          if (groups[2][1] == '-')
            offset = -offset;
        }
        expectation.line = line + offset;
        // `}}` ends the text: several expectations may share a line.
        llvm::StringRef body = groups[3];
        size_t close = body.find("}}");
        expectation.text = body.substr(0, close).str();
        result.push_back(expectation);
        start = (groups[3].data() - text.data()) + (close == llvm::StringRef::npos ? body.size() : close + 2);
      }
      rest = next;
    }
  }
  return result;
}

} // namespace

bool DiagnosticEngine::verifyExpectations() {
  std::vector<Expectation> expectations = findExpectations(sourceMgr);
  bool ok = true;
  auto report = [&](llvm::SMLoc loc, const llvm::Twine &message) {
    ok = false;
    if (loc.isValid())
      sourceMgr.PrintMessage(os, loc, llvm::SourceMgr::DK_Error, message);
    else
      os << "kqc: error: " << message << "\n";
  };
  for (const Collected &diagnostic : collected) {
    unsigned bufferId = diagnostic.loc.isValid() ? sourceMgr.FindBufferContainingLoc(diagnostic.loc) : 0;
    unsigned line = bufferId ? sourceMgr.getLineAndColumn(diagnostic.loc, bufferId).first : 0;
    auto match = llvm::find_if(expectations, [&](const Expectation &expectation) {
      return !expectation.matched && expectation.bufferId == bufferId &&
             expectation.line == line && expectation.kind == diagnostic.kind &&
             llvm::StringRef(diagnostic.message).contains(expectation.text);
    });
    if (match != expectations.end()) {
      match->matched = true;
      continue;
    }
    const char *kind = diagnostic.kind == llvm::SourceMgr::DK_Note ? "note" : "error";
    report(diagnostic.loc, llvm::Twine("unexpected ") + kind + ": " + diagnostic.message);
  }
  for (const Expectation &expectation : expectations)
    if (!expectation.matched)
      report(expectation.commentLoc,
             llvm::Twine("expected ") +
                 (expectation.kind == llvm::SourceMgr::DK_Error ? "error" : "note") +
                 " on line " + llvm::Twine(expectation.line) + " was not produced: " +
                 expectation.text);
  return ok;
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
