//===- kqc.cpp - The kq compiler driver -----------------------------------===//
//
//   kqc run FILE.kq [-o OUT]        compile and run, JSON Lines out
//   kqc import --from fit|efo1 TEXT a query type of FIT or EFO-1-QA as a
//                                   .kq template
//   kqc --emit=STAGE FILE.kq        print a stage: ast, mlir (before the kq
//                                   passes), mlir-opt (after), mlir-llvm
//                                   (LLVM dialect), llvm (LLVM IR)
//
// Exit status: 0 success; 1 the program is wrong (diagnostics on stderr);
// 2 a run-time failure (one message on stderr); 3 an internal error.
//
//===----------------------------------------------------------------------===//

#include "backend/JIT.h"
#include "backend/Lowering.h"
#include "frontend/GraphNames.h"
#include "frontend/Importers.h"
#include "frontend/MLIRGen.h"
#include "frontend/Parser.h"
#include "frontend/Sema.h"
#include "ir/KQDialect.h"
#include "passes/Passes.h"
#include "runtime/Context.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

#include <cstdio>

namespace cl = llvm::cl;

namespace {

enum class Stage { AST, MLIR, MLIROpt, MLIRLLVM, LLVM, Run };

cl::list<std::string> positionals(cl::Positional,
                                  cl::desc("[run] FILE.kq | import TEXT"), cl::OneOrMore);

enum class Notation { Fit, Efo1 };
cl::opt<Notation> importFrom(
    "from", cl::desc("The notation `kqc import` reads"), cl::init(Notation::Fit),
    cl::values(clEnumValN(Notation::Fit, "fit", "a FIT formula string, e.g. r1(s1,e1)&!r2(e1,f)"),
               clEnumValN(Notation::Efo1, "efo1",
                          "an EFO-1-QA type, e.g. (i,(p,(e)),(n,(p,(e))))")));
cl::opt<std::string> importName("name", cl::desc("The template's name for `kqc import`"),
                                cl::init("imported"));
cl::opt<Stage> emitStage(
    "emit", cl::desc("What to produce"), cl::init(Stage::Run),
    cl::values(clEnumValN(Stage::AST, "ast", "the AST with scopes and bindings"),
               clEnumValN(Stage::MLIR, "mlir", "kq dialect IR before the kq passes"),
               clEnumValN(Stage::MLIROpt, "mlir-opt", "kq dialect IR after the kq passes"),
               clEnumValN(Stage::MLIRLLVM, "mlir-llvm", "the module lowered to the LLVM dialect"),
               clEnumValN(Stage::LLVM, "llvm", "LLVM IR"),
               clEnumValN(Stage::Run, "run", "compile and run (the default)")));
cl::opt<std::string> outputPath("o", cl::desc("Write the output to FILE"),
                                cl::value_desc("FILE"), cl::init("-"));
cl::list<std::string> includeDirs("I", cl::desc("Add a folder to the import search path"),
                                  cl::value_desc("DIR"), cl::Prefix);
cl::opt<bool> verifyDiagnostics(
    "verify-diagnostics",
    cl::desc("Check the front end's diagnostics against the expected-error {{...}} "
             "comments of the source instead of printing them"));
cl::list<std::string> disabledPasses("kq-disable", cl::desc("Leave a kq pass out of the pipeline"),
                                     cl::value_desc("PASS"), cl::CommaSeparated);

constexpr int kExitProgramError = 1;
constexpr int kExitRuntimeError = 2;
constexpr int kExitInternalError = 3;

int fail(int status, const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "kqc") << message << "\n";
  return status;
}

/// Runs the compiled module, writing records to `outputPath`. A file is
/// written under a temporary name and renamed only when the run succeeds.
int run(mlir::ModuleOp module, kq::GraphCatalog &catalog, mlir::TimingScope &timing) {
  mlir::TimingScope compileTiming = timing.nest("JIT compilation");
  llvm::Expected<mlir::kq::JITProgram> program = mlir::kq::JITProgram::compile(module);
  compileTiming.stop();
  if (!program)
    return fail(kExitInternalError,
                "JIT compilation failed: " + llvm::toString(program.takeError()));

  std::FILE *out = stdout;
  llvm::SmallString<256> temporary;
  if (outputPath != "-") {
    int fd;
    llvm::SmallString<256> model(outputPath.getValue());
    model += ".tmp-%%%%%%";
    if (std::error_code error = llvm::sys::fs::createUniqueFile(model, fd, temporary))
      return fail(kExitRuntimeError, "cannot create '" + outputPath + "': " + error.message());
    out = fdopen(fd, "w");
  }
  kq::runtime::Context context(out);
  context.adoptGraphs(catalog.release());
  mlir::TimingScope runTiming = timing.nest("running the program");
  program->run(context.handle());
  runTiming.stop();
  bool closed = out == stdout ? std::fflush(out) == 0 : std::fclose(out) == 0;
  if (!closed)
    context.fail("cannot write '" + outputPath + "'");
  int status = 0;
  if (context.failed())
    status = fail(kExitRuntimeError, context.error());
  if (!temporary.empty()) {
    if (status == 0 && llvm::sys::fs::rename(temporary, outputPath))
      status = fail(kExitRuntimeError, "cannot write '" + outputPath + "'");
    if (status != 0)
      llvm::sys::fs::remove(temporary);
  }
  return status;
}

/// Prints text output of a stage to `-o` (or stdout), keeping a file only
/// when it was written in full.
template <typename Print>
int printStage(Print print) {
  std::string message;
  auto output = mlir::openOutputFile(outputPath, &message);
  if (!output)
    return fail(kExitRuntimeError, message);
  print(output->os());
  output->keep();
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  mlir::registerDefaultTimingManagerCLOptions();
  cl::ParseCommandLineOptions(argc, argv, "kq compiler\n");

  std::vector<std::string> args(positionals.begin(), positionals.end());
  if (args.front() == "import") {
    if (args.size() != 2)
      return fail(kExitProgramError, "expected one query type: kqc import --from fit|efo1 TEXT");
    std::string error;
    std::optional<std::string> declaration =
        importFrom == Notation::Fit ? kq::importFitFormula(args[1], importName, error)
                                    : kq::importEfo1Type(args[1], importName, error);
    if (!declaration)
      return fail(kExitProgramError, "cannot read the " +
                                         llvm::Twine(importFrom == Notation::Fit ? "FIT formula"
                                                                                 : "EFO-1 type") +
                                         " '" + args[1] + "' " + error);
    llvm::outs() << *declaration << "\n";
    return 0;
  }
  if (args.size() == 2 && args.front() == "run")
    args.erase(args.begin());
  if (args.size() != 1)
    return fail(kExitProgramError, "expected one input file: kqc [run] FILE.kq");
  const std::string &inputPath = args.front();

  kq::DiagnosticEngine diags;
  if (verifyDiagnostics)
    diags.enableVerifyMode();
  kq::ParseOptions parseOptions;
  parseOptions.includeDirs.assign(includeDirs.begin(), includeDirs.end());
  parseOptions.stdlibDir = KQ_STDLIB_DIR;
  std::unique_ptr<kq::ast::Module> ast = kq::parseFile(inputPath, diags, parseOptions);
  bool checked = ast && kq::checkModule(*ast, diags);
  // Names are checked against the graphs, and their statistics guide the
  // optimiser, from the optimised stages on; the AST and the unoptimised IR
  // need no data.
  // --mlir-timing reports the time of every phase and pass.
  mlir::DefaultTimingManager timing;
  mlir::applyDefaultTimingManagerCLOptions(timing);
  mlir::TimingScope rootTiming = timing.getRootScope();

  kq::GraphCatalog catalog;
  bool needsGraphs = verifyDiagnostics || emitStage >= Stage::MLIROpt;
  if (checked && needsGraphs) {
    mlir::TimingScope loadTiming = rootTiming.nest("loading graphs");
    std::string error;
    if (!catalog.loadAll(*ast, error))
      return fail(kExitRuntimeError, error);
    checked = kq::checkGraphNames(*ast, catalog, diags);
  }
  if (verifyDiagnostics) {
    if (checked) {
      mlir::MLIRContext context;
      (void)kq::mlirGen(context, *ast, diags);
    }
    return diags.verifyExpectations() ? 0 : kExitProgramError;
  }
  if (!checked)
    return kExitProgramError;
  if (emitStage == Stage::AST)
    return printStage([&](llvm::raw_ostream &os) { kq::ast::dump(*ast, os, diags.getSourceMgr()); });

  mlir::DialectRegistry registry;
  registry.insert<mlir::kq::KQDialect>();
  mlir::kq::registerBackendDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();

  mlir::OwningOpRef<mlir::ModuleOp> module = kq::mlirGen(context, *ast, diags);
  if (!module)
    return diags.hadErrors() ? kExitProgramError : kExitInternalError;
  auto printModule = [&] {
    return printStage([&](llvm::raw_ostream &os) { module->print(os); });
  };
  if (emitStage == Stage::MLIR)
    return printModule();
  kq::attachGraphStatistics(*module, catalog);

  mlir::PassManager optimizer(&context);
  if (mlir::failed(mlir::applyPassManagerCLOptions(optimizer)))
    return kExitProgramError;
  mlir::TimingScope optimizerTiming = rootTiming.nest("kq optimisation");
  optimizer.enableTiming(optimizerTiming);
  std::string unknownPass;
  std::vector<std::string> disabled(disabledPasses.begin(), disabledPasses.end());
  if (!mlir::kq::buildOptimizationPipeline(optimizer, disabled, unknownPass))
    return fail(kExitProgramError, "--kq-disable: '" + unknownPass + "' is not a kq pass");
  if (mlir::failed(optimizer.run(*module)))
    return fail(kExitInternalError, "the kq optimisation pipeline failed");
  optimizerTiming.stop();
  if (emitStage == Stage::MLIROpt)
    return printModule();

  mlir::PassManager lowering(&context);
  if (mlir::failed(mlir::applyPassManagerCLOptions(lowering)))
    return kExitProgramError;
  mlir::TimingScope loweringTiming = rootTiming.nest("lowering to LLVM");
  lowering.enableTiming(loweringTiming);
  mlir::kq::buildLowerToLLVMPipeline(lowering);
  if (mlir::failed(lowering.run(*module)))
    return fail(kExitInternalError, "lowering to the LLVM dialect failed");
  loweringTiming.stop();
  if (emitStage == Stage::MLIRLLVM)
    return printModule();

  if (emitStage == Stage::LLVM) {
    llvm::LLVMContext llvmContext;
    std::unique_ptr<llvm::Module> llvmModule = mlir::kq::translateToLLVMIR(*module, llvmContext);
    if (!llvmModule)
      return fail(kExitInternalError, "translation to LLVM IR failed");
    return printStage([&](llvm::raw_ostream &os) { llvmModule->print(os, nullptr); });
  }
  return run(*module, catalog, rootTiming);
}
