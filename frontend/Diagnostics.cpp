//===- Diagnostics.cpp - Clang-style diagnostics over llvm::SourceMgr ----===//

#include "frontend/Diagnostics.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"

using namespace kq;

unsigned DiagnosticEngine::addBuffer(std::unique_ptr<llvm::MemoryBuffer> buffer) {
  return sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
}

/// Prints `FILE:LINE:COL: KIND: MESSAGE`, the source line and a caret line
/// under the range. Columns count characters, not bytes, so lines with
/// non-ASCII text (the language's own ∃ ∧ ∨ ¬) get their caret too.
static void printDiagnostic(llvm::raw_ostream &os, const llvm::SourceMgr &sourceMgr,
                            llvm::SMRange range, llvm::StringRef kind, const llvm::Twine &message) {
  unsigned bufferId = range.Start.isValid() ? sourceMgr.FindBufferContainingLoc(range.Start) : 0;
  if (!bufferId) {
    os << "kqc: " << kind << ": " << message << "\n";
    return;
  }
  const llvm::MemoryBuffer *buffer = sourceMgr.getMemoryBuffer(bufferId);
  llvm::StringRef text = buffer->getBuffer();
  size_t offset = range.Start.getPointer() - text.data();
  size_t lineStart = text.substr(0, offset).rfind('\n');
  lineStart = lineStart == llvm::StringRef::npos ? 0 : lineStart + 1;
  size_t lineEnd = text.find_first_of("\r\n", lineStart);
  if (lineEnd == llvm::StringRef::npos)
    lineEnd = text.size();
  llvm::StringRef line = text.slice(lineStart, lineEnd);
  unsigned lineNumber = sourceMgr.getLineAndColumn(range.Start, bufferId).first;

  auto isContinuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  size_t column = 1;
  std::string caret;
  for (size_t i = lineStart; i < offset && i < lineEnd; ++i) {
    if (isContinuation(text[i]))
      continue;
    ++column;
    caret.push_back(text[i] == '\t' ? '\t' : ' ');
  }
  caret.push_back('^');
  size_t rangeEnd = range.End.isValid() ? range.End.getPointer() - text.data() : offset;
  for (size_t i = offset + 1; i < rangeEnd && i < lineEnd; ++i)
    if (!isContinuation(text[i]))
      caret.push_back('~');
  os << buffer->getBufferIdentifier() << ":" << lineNumber << ":" << column << ": " << kind << ": "
     << message << "\n"
     << line << "\n"
     << caret << "\n";
}

void DiagnosticEngine::emit(llvm::SMRange range, llvm::SourceMgr::DiagKind kind,
                            const llvm::Twine &message) {
  if (verifyMode) {
    collected.push_back({range.Start, kind, message.str()});
    return;
  }
  printDiagnostic(os, sourceMgr, range, kind == llvm::SourceMgr::DK_Note ? "note" : "error",
                  message);
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
        expectation.kind =
            groups[1] == "error" ? llvm::SourceMgr::DK_Error : llvm::SourceMgr::DK_Note;
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
        start = (groups[3].data() - text.data()) +
                (close == llvm::StringRef::npos ? body.size() : close + 2);
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
    printDiagnostic(os, sourceMgr, llvm::SMRange(loc, loc), "error", message);
  };
  for (const Collected &diagnostic : collected) {
    unsigned bufferId =
        diagnostic.loc.isValid() ? sourceMgr.FindBufferContainingLoc(diagnostic.loc) : 0;
    unsigned line = bufferId ? sourceMgr.getLineAndColumn(diagnostic.loc, bufferId).first : 0;
    auto match = llvm::find_if(expectations, [&](const Expectation &expectation) {
      return !expectation.matched && expectation.bufferId == bufferId && expectation.line == line &&
             expectation.kind == diagnostic.kind &&
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
                 (expectation.kind == llvm::SourceMgr::DK_Error ? "error" : "note") + " on line " +
                 llvm::Twine(expectation.line) + " was not produced: " + expectation.text);
  return ok;
}
