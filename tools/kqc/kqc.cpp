//===- kqc.cpp - The kq compiler driver -----------------------------------===//
//
//   kqc run FILE.kq [-o OUT]        compile and run, JSON Lines out
//   kqc build FILE.kq -o EXE        compile into an executable that prints
//                                   what `kqc run` prints
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

#include "backend/AOT.h"
#include "backend/JIT.h"
#include "backend/Lowering.h"
#include "frontend/GraphNames.h"
#include "frontend/Importers.h"
#include "frontend/MLIRGen.h"
#include "frontend/Parser.h"
#include "frontend/Sema.h"
#include "ir/KQDialect.h"
#include "passes/Passes.h"
#include "runtime/GraphCache.h"
#include "runtime/Run.h"

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

enum class Stage { AST, MLIR, MLIROpt, MLIRLLVM, LLVM, Object, Run };

cl::list<std::string> positionals(cl::Positional,
                                  cl::desc("[run] FILE.kq | build FILE.kq -o EXE | import TEXT"),
                                  cl::OneOrMore);

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
               clEnumValN(Stage::Object, "obj", "an object file for the host (needs -o)"),
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

  mlir::TimingScope runTiming = timing.nest("running the program");
  std::string error;
  int status = kq::runtime::runProgram(program->entryPoint(), outputPath, catalog.release(), error);
  runTiming.stop();
  if (status != kq::runtime::kExitSuccess)
    return fail(status, error);
  return 0;
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
  bool buildExecutable = args.size() == 2 && args.front() == "build";
  if (buildExecutable) {
    if (outputPath == "-")
      return fail(kExitProgramError, "kqc build needs the executable's name: -o EXE");
    emitStage = Stage::Object;
  }
  if (args.size() == 2 && (args.front() == "run" || args.front() == "build"))
    args.erase(args.begin());
  if (emitStage == Stage::Object && outputPath == "-")
    return fail(kExitProgramError, "--emit=obj writes a binary file: name it with -o FILE");
  if (args.size() != 1)
    return fail(kExitProgramError, "expected one input file: kqc [run] FILE.kq");
  const std::string &inputPath = args.front();

  // Binary caches of parsed graphs live in cache/ beside bin/.
  std::string executable = llvm::sys::fs::getMainExecutable(argv[0], (void *)&fail);
  kq::runtime::setGraphCacheDirectory(
      (llvm::sys::path::parent_path(llvm::sys::path::parent_path(executable)) + "/cache").str());

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

  if (emitStage == Stage::LLVM || emitStage == Stage::Object) {
    llvm::LLVMContext llvmContext;
    bool optimize = mlir::kq::hasGeneratedKernels(*module);
    llvm::CodeGenOptLevel codeGenLevel = mlir::kq::codeGenLevelOf(*module);
    std::unique_ptr<llvm::Module> llvmModule = mlir::kq::translateToLLVMIR(*module, llvmContext);
    if (!llvmModule)
      return fail(kExitInternalError, "translation to LLVM IR failed");
    if (emitStage == Stage::LLVM)
      return printStage([&](llvm::raw_ostream &os) { llvmModule->print(os, nullptr); });
    std::string objectPath = outputPath.getValue();
    if (buildExecutable) {
      llvm::SmallString<256> temporary;
      if (std::error_code error = llvm::sys::fs::createTemporaryFile("kq-program", "o", temporary))
        return fail(kExitRuntimeError, "cannot create a temporary object file: " + error.message());
      objectPath = std::string(temporary);
    }
    if (llvm::Error error = mlir::kq::emitObjectFile(*llvmModule, objectPath, optimize, codeGenLevel)) {
      if (buildExecutable)
        llvm::sys::fs::remove(objectPath);
      return fail(kExitRuntimeError, llvm::toString(std::move(error)));
    }
    if (!buildExecutable)
      return 0;
    llvm::Error linked = mlir::kq::linkExecutable(objectPath, outputPath);
    llvm::sys::fs::remove(objectPath);
    if (linked)
      return fail(kExitRuntimeError, llvm::toString(std::move(linked)));
    return 0;
  }
  return run(*module, catalog, rootTiming);
}
