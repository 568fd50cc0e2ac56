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
// Each sub-command is an llvm::cl::SubCommand: `kqc import --help` lists
// import's options only. Exit status: 0 success; 1 the program is wrong (diagnostics on stderr);
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
#include "runtime/core/Context.h"
#include "runtime/core/Failures.h"
#include "runtime/core/Run.h"
#include "runtime/support/AtomicFile.h"
#include "runtime/support/FileGuard.h"
#include "runtime/support/TemporaryFiles.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <system_error>
#include <unistd.h>

namespace cl = llvm::cl;

namespace {

enum class Stage { AST, MLIR, MLIROpt, MLIRLLVM, LLVM, Object, Run };

// `kqc FILE.kq` and `kqc --emit=STAGE FILE.kq` (the top level), and the
// sub-commands, each with only its own options in --help.
cl::SubCommand &topLevel = cl::SubCommand::getTopLevel();
cl::SubCommand runCommand("run", "Compile a program and run it: JSON Lines out (the default)");
cl::SubCommand buildCommand("build",
                            "Compile a program into an executable that prints what run prints");
cl::SubCommand importCommand("import", "Write a query type of FIT or EFO-1-QA as a .kq template");

cl::OptionCategory compileCategory("Compiling and running");

cl::opt<std::string> inputPath(cl::Positional, cl::desc("FILE.kq"), cl::sub(topLevel),
                               cl::sub(runCommand), cl::sub(buildCommand));
cl::opt<std::string> outputPath("o", cl::desc("Write the output to FILE"), cl::value_desc("FILE"),
                                cl::init("-"), cl::cat(compileCategory), cl::sub(topLevel),
                                cl::sub(runCommand), cl::sub(buildCommand));
cl::list<std::string> includeDirs("I", cl::desc("Add a folder to the import search path"),
                                  cl::value_desc("DIR"), cl::Prefix, cl::cat(compileCategory),
                                  cl::sub(topLevel), cl::sub(runCommand), cl::sub(buildCommand));
cl::list<std::string> disabledPasses("kq-disable", cl::desc("Leave a kq pass out of the pipeline"),
                                     cl::value_desc("PASS"), cl::CommaSeparated,
                                     cl::cat(compileCategory), cl::sub(topLevel),
                                     cl::sub(runCommand), cl::sub(buildCommand));
cl::opt<bool> force("force", cl::desc("Replace a read-only output file"), cl::cat(compileCategory),
                    cl::sub(topLevel), cl::sub(runCommand), cl::sub(buildCommand));
cl::opt<std::string> memoryLimit(
    "memory-limit",
    cl::desc("What loading graphs and models and link prediction may allocate, in bytes "
             "(K, M, G suffixes; default $KQ_MEMORY_LIMIT, else no limit)"),
    cl::value_desc("SIZE"), cl::cat(compileCategory), cl::sub(topLevel), cl::sub(runCommand),
    cl::sub(buildCommand));

cl::opt<Stage> emitStage(
    "emit", cl::desc("What to produce"), cl::init(Stage::Run), cl::cat(compileCategory),
    cl::sub(topLevel),
    cl::values(clEnumValN(Stage::AST, "ast", "the AST with scopes and bindings"),
               clEnumValN(Stage::MLIR, "mlir", "kq dialect IR before the kq passes"),
               clEnumValN(Stage::MLIROpt, "mlir-opt", "kq dialect IR after the kq passes"),
               clEnumValN(Stage::MLIRLLVM, "mlir-llvm", "the module lowered to the LLVM dialect"),
               clEnumValN(Stage::LLVM, "llvm", "LLVM IR"),
               clEnumValN(Stage::Object, "obj", "an object file for the host (needs -o)"),
               clEnumValN(Stage::Run, "run", "compile and run (the default)")));
cl::opt<bool> verifyDiagnostics(
    "verify-diagnostics",
    cl::desc("Check the front end's diagnostics against the expected-error {{...}} "
             "comments of the source instead of printing them"),
    cl::cat(compileCategory), cl::sub(topLevel));

enum class Notation { Fit, Efo1 };
cl::OptionCategory importCategory("Importing a query type");
cl::opt<std::string> importText(cl::Positional, cl::desc("TEXT"), cl::Required,
                                cl::cat(importCategory), cl::sub(importCommand));
cl::opt<Notation> importFrom(
    "from", cl::desc("The notation TEXT is in"), cl::init(Notation::Fit), cl::sub(importCommand),
    cl::cat(importCategory),
    cl::values(clEnumValN(Notation::Fit, "fit", "a FIT formula string, e.g. r1(s1,e1)&!r2(e1,f)"),
               clEnumValN(Notation::Efo1, "efo1",
                          "an EFO-1-QA type, e.g. (i,(p,(e)),(n,(p,(e))))")));
cl::opt<std::string> importName("name", cl::desc("The template's name"), cl::init("imported"),
                                cl::cat(importCategory), cl::sub(importCommand));

/// LLVM lets a sub-command take the top level's options too; kqc does not,
/// so `kqc import --emit=mlir` is an error rather than an ignored option.
bool foreignOptionGiven(cl::SubCommand &chosen, std::string &name) {
  for (auto &entry : cl::getRegisteredOptions(topLevel)) {
    cl::Option *option = entry.getValue();
    if (option->getNumOccurrences() && !option->Subs.contains(&cl::SubCommand::getAll()) &&
        !option->Subs.contains(&chosen)) {
      name = entry.getKey().str();
      return true;
    }
  }
  return false;
}

/// MLIR's options (--mlir-timing, --mlir-print-ir-after-all, ...) are
/// registered at the top level; run and build take them too.
void shareMLIROptionsWithSubCommands() {
  llvm::SmallVector<cl::Option *> mlirOptions;
  for (auto &entry : cl::getRegisteredOptions(topLevel))
    if (entry.getKey().starts_with("mlir-"))
      mlirOptions.push_back(entry.getValue());
  for (cl::Option *option : mlirOptions) {
    option->removeArgument();
    option->addSubCommand(topLevel);
    option->addSubCommand(runCommand);
    option->addSubCommand(buildCommand);
    option->addArgument();
  }
}

constexpr int kExitProgramError = 1;
constexpr int kExitRuntimeError = 2;
constexpr int kExitInternalError = 3;

int fail(int status, const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "kqc") << message << "\n";
  return status;
}

/// What kqc is doing, for the message when memory runs out.
const char *currentPhase = "starting";

/// Out of memory in LLVM's allocators: one message, the temporaries
/// removed, exit 2; never LLVM's crash report.
void outOfMemory(void *, const char *, bool) { kq::runtime::exitOutOfMemory(nullptr); }

/// LLVM's fatal errors: running out of threads or memory is a run-time
/// failure (exit 2) like any other; the rest are internal errors.
void fatalError(void *, const char *reason, bool) {
  if (std::strstr(reason, "pthread_create") || std::strstr(reason, "out of memory"))
    kq::runtime::exitOutOfMemory(reason);
  kq::runtime::TemporaryFiles::removeAll();
  std::string message = std::string("kqc: internal error: ") + reason + "\n";
  (void)!write(2, message.data(), message.size());
  _exit(kExitInternalError);
}

/// The run's options from the command line and the environment: graph
/// caches in cache/ beside bin/ unless KQ_CACHE_DIR says otherwise, the
/// program's source files protected from being written.
std::optional<kq::runtime::RunOptions> runOptions(const char *argv0,
                                                  const llvm::SourceMgr &sources) {
  kq::runtime::RunOptions options;
  options.outputPath = outputPath;
  options.force = force;
  std::string executable = llvm::sys::fs::getMainExecutable(argv0, (void *)&fail);
  std::string cache =
      (llvm::sys::path::parent_path(llvm::sys::path::parent_path(executable)) + "/cache").str();
  options.graphCache.folder = cache;
  options.replyCacheFolder = cache + "/llm";
  if (std::string problem = kq::runtime::applyEnvironment(options); !problem.empty()) {
    fail(kExitProgramError, problem);
    return std::nullopt;
  }
  if (memoryLimit.getNumOccurrences()) {
    std::optional<uint64_t> bytes = kq::runtime::parseMemorySize(memoryLimit.getValue());
    if (!bytes) {
      fail(kExitProgramError, "--memory-limit: '" + memoryLimit.getValue() + "' is not a size");
      return std::nullopt;
    }
    options.memory.limit = *bytes;
  }
  for (unsigned id = 1; id <= sources.getNumBuffers(); ++id)
    options.inputs.push_back(sources.getMemoryBuffer(id)->getBufferIdentifier().str());
  return options;
}

/// The data files a program names (its graphs' splits and labels, its
/// models' files): inputs no output of kqc may replace.
void addDataFiles(const kq::ast::Module &module, std::vector<std::string> &inputs) {
  for (const auto &decl : module.decls) {
    if (auto *graph = llvm::dyn_cast<kq::ast::GraphDecl>(decl.get())) {
      llvm::append_range(inputs, kq::runtime::Context::graphFiles(graph->resolvedPath));
      if (!graph->resolvedLabels.empty())
        inputs.push_back(graph->resolvedLabels);
    } else if (auto *model = llvm::dyn_cast<kq::ast::ModelDecl>(decl.get())) {
      llvm::append_range(inputs, kq::runtime::Context::modelFiles(model->resolvedPath));
    }
  }
}

/// Runs the compiled module as `options` say. A file is written under a
/// temporary name and renamed only when the run succeeds.
int run(mlir::ModuleOp module, kq::runtime::RunOptions options, mlir::TimingScope &timing) {
  mlir::TimingScope compileTiming = timing.nest("JIT compilation");
  llvm::Expected<mlir::kq::JITProgram> program = mlir::kq::JITProgram::compile(module);
  compileTiming.stop();
  if (!program)
    return fail(kExitInternalError,
                "JIT compilation failed: " + llvm::toString(program.takeError()));

  mlir::TimingScope runTiming = timing.nest("running the program");
  std::string error;
  currentPhase = "running the program";
  int status = kq::runtime::runProgram(program->entryPoint(), std::move(options), error);
  runTiming.stop();
  if (status != kq::runtime::kExitSuccess)
    return fail(status, error);
  return 0;
}

/// Prints text output of a stage to `-o` (or stdout), a file through the
/// one atomic writer: complete or not at all, never over an input.
template <typename Print> int printStage(Print print, const kq::runtime::WriteOptions &write) {
  if (outputPath == "-") {
    print(llvm::outs());
    llvm::outs().flush();
    if (llvm::outs().has_error()) {
      llvm::outs().clear_error();
      return fail(kExitRuntimeError, "cannot write the standard output");
    }
    return 0;
  }
  std::string text, error;
  llvm::raw_string_ostream os(text);
  print(os);
  os.flush();
  if (!kq::runtime::writeFileAtomically(outputPath, text, write, error))
    return fail(kExitRuntimeError, error);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  kq::runtime::installFailureHandlers("kqc", &currentPhase);
  llvm::install_bad_alloc_error_handler(outOfMemory);
  llvm::install_fatal_error_handler(fatalError);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  mlir::registerDefaultTimingManagerCLOptions();
  shareMLIROptionsWithSubCommands();
  // kqc's own options in --help; LLVM's and MLIR's stay usable (and are
  // listed by --help-hidden).
  for (cl::SubCommand *command : {&topLevel, &runCommand, &buildCommand})
    cl::HideUnrelatedOptions({&compileCategory}, *command);
  cl::HideUnrelatedOptions({&importCategory}, importCommand);
  cl::SetVersionPrinter([](llvm::raw_ostream &os) {
    os << "kq version " KQ_VERSION "\n" << "built with LLVM and MLIR " LLVM_VERSION_STRING "\n";
  });
  cl::ParseCommandLineOptions(argc, argv, "kq compiler\n");
  if (outputPath.getNumOccurrences() > 1)
    return fail(kExitProgramError, "-o is given " + llvm::Twine(outputPath.getNumOccurrences()) +
                                       " times; name one output");
  if (!importCommand && inputPath.empty())
    return fail(kExitProgramError, llvm::Twine("no program to ") +
                                       (buildCommand ? "build" : "run") + ": kqc " +
                                       (buildCommand ? "build FILE.kq -o EXE" : "[run] FILE.kq") +
                                       " (kqc --help lists the options)");

  for (cl::SubCommand *command : {&importCommand, &runCommand, &buildCommand}) {
    std::string foreign;
    if (*command && foreignOptionGiven(*command, foreign))
      return fail(kExitProgramError, "'--" + foreign + "' is not an option of kqc " +
                                         command->getName() + " (see kqc " + command->getName() +
                                         " --help)");
  }
  if (importCommand) {
    std::string error;
    std::optional<std::string> declaration =
        importFrom == Notation::Fit ? kq::importFitFormula(importText, importName, error)
                                    : kq::importEfo1Type(importText, importName, error);
    if (!declaration)
      return fail(kExitProgramError,
                  "cannot read the " +
                      llvm::Twine(importFrom == Notation::Fit ? "FIT formula" : "EFO-1 type") +
                      " '" + importText + "' " + error);
    llvm::outs() << *declaration << "\n";
    return 0;
  }
  bool buildExecutable = bool(buildCommand);
  if (buildExecutable) {
    if (outputPath == "-")
      return fail(kExitProgramError, "kqc build needs the executable's name: -o EXE");
    emitStage = Stage::Object;
  }
  if (emitStage == Stage::Object && outputPath == "-")
    return fail(kExitProgramError, "--emit=obj writes a binary file: name it with -o FILE");

  kq::DiagnosticEngine diags;
  if (verifyDiagnostics)
    diags.enableVerifyMode();
  kq::ParseOptions parseOptions;
  parseOptions.includeDirs.assign(includeDirs.begin(), includeDirs.end());
  parseOptions.stdlibDir = KQ_STDLIB_DIR;
  currentPhase = "reading the program";
  std::unique_ptr<kq::ast::Module> ast = kq::parseFile(inputPath, diags, parseOptions);
  std::optional<kq::runtime::RunOptions> maybeOptions = runOptions(argv[0], diags.getSourceMgr());
  if (!maybeOptions)
    return kExitProgramError;
  kq::runtime::RunOptions options = std::move(*maybeOptions);
  bool checked = ast && kq::checkModule(*ast, diags);
  // Sema has resolved the paths of the data the program names.
  if (ast)
    addDataFiles(*ast, options.inputs);
  // Every file kqc writes is checked against the program's sources and
  // the data it names.
  kq::runtime::FileGuard guard;
  for (const std::string &input : options.inputs)
    guard.addInput(input);
  kq::runtime::WriteOptions write;
  write.force = force;
  write.guard = &guard;
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
    currentPhase = "loading graphs";
    std::string error;
    if (!catalog.loadAll(*ast, options.graphCache, options.memory, error))
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
    return printStage([&](llvm::raw_ostream &os) { kq::ast::dump(*ast, os, diags.getSourceMgr()); },
                      write);

  mlir::DialectRegistry registry;
  registry.insert<mlir::kq::KQDialect>();
  mlir::kq::registerBackendDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();

  currentPhase = "compiling the program";
  mlir::OwningOpRef<mlir::ModuleOp> module = kq::mlirGen(context, *ast, diags);
  if (!module)
    return diags.hadErrors() ? kExitProgramError : kExitInternalError;
  auto printModule = [&] {
    return printStage([&](llvm::raw_ostream &os) { module->print(os); }, write);
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
      return printStage([&](llvm::raw_ostream &os) { llvmModule->print(os, nullptr); }, write);
    // The object, and the executable linked from it, are written to
    // temporaries of the one atomic writer and renamed into place.
    std::string error;
    kq::runtime::AtomicFile output;
    if (buildExecutable)
      write.newFileMode = 0777;
    if (!output.open(outputPath, write, error))
      return fail(kExitRuntimeError, error);
    std::string objectPath = output.temporaryPath();
    kq::runtime::AtomicFile object;
    if (buildExecutable) {
      kq::runtime::WriteOptions scratch;
      if (!object.open(output.temporaryPath() + ".o", scratch, error))
        return fail(kExitRuntimeError, error);
      objectPath = object.temporaryPath();
    }
    if (llvm::Error failure =
            mlir::kq::emitObjectFile(*llvmModule, objectPath, optimize, codeGenLevel))
      return fail(kExitRuntimeError, llvm::toString(std::move(failure)));
    if (buildExecutable)
      if (llvm::Error linked = mlir::kq::linkExecutable(objectPath, output.temporaryPath()))
        return fail(kExitRuntimeError, llvm::toString(std::move(linked)));
    object.discard();
    return output.commit(error) ? 0 : fail(kExitRuntimeError, error);
  }
  options.preloadedGraphs = catalog.graphsByName();
  return run(*module, std::move(options), rootTiming);
}
