//===- ParserFuzzer.cpp - libFuzzer target for the front end --------------===//
//
// Feeds arbitrary bytes through the front end: parsing, semantic analysis
// and the AST printer. Any crash, hang or sanitizer report is a bug;
// diagnostics are the expected outcome. Built by `make fuzz` with clang's
// -fsanitize=fuzzer,address. MLIR stays out: Debian's MLIR libraries are not
// built with AddressSanitizer, and mixing them with instrumented inline code
// from LLVM's headers gives false reports.
//
//===----------------------------------------------------------------------===//

#include "frontend/Parser.h"
#include "frontend/Sema.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::raw_null_ostream sink;
  kq::DiagnosticEngine diags(sink);
  kq::ParseOptions options;
  options.stdlibDir = KQ_STDLIB_DIR;
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.kq");
  std::unique_ptr<kq::ast::Module> module = kq::parseBuffer(std::move(buffer), diags, options);
  if (!module || !kq::checkModule(*module, diags))
    return 0;
  kq::ast::dump(*module, sink, diags.getSourceMgr());
  return 0;
}
