//===- RunTest.cpp - Two programs running in one process ------------------===//
//
// Everything a run needs comes from its RunOptions: two programs run side by
// side in one process, each with its own output, graph cache and threads,
// and neither sees the other's settings.

#include "runtime/core/Run.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace kq::runtime;

namespace {

/// The graph folder the programs below load (set by the fixture).
std::string graphFolder;

/// `answer {a} on g(train)` and `answer {b} on g(train)`, as generated code
/// would call the runtime.
void answerEntity(kq_context *ctx, const char *entity) {
  kq_rt_load_graph(ctx, "g", graphFolder.c_str());
  kq_view *view = kq_rt_graph_view(ctx, "g", KQ_SPLIT_TRAIN);
  kq_rt_emit_answer(ctx, view, "q", 0, "", kq_rt_entity(view, entity));
  kq_rt_end_statement(ctx);
}
extern "C" void programA(kq_context *ctx) { answerEntity(ctx, "ann"); }
extern "C" void programB(kq_context *ctx) { answerEntity(ctx, "bob"); }

class RunTest : public ::testing::Test {
protected:
  void SetUp() override {
    char pattern[] = "/tmp/kq-run-test-XXXXXX";
    root = mkdtemp(pattern);
    graphFolder = root + "/graph";
    std::filesystem::create_directory(graphFolder);
    std::ofstream(graphFolder + "/train.txt") << "ann\tknows\tbob\n";
    std::ofstream(graphFolder + "/valid.txt") << "";
    std::ofstream(graphFolder + "/test.txt") << "";
  }
  void TearDown() override { std::filesystem::remove_all(root); }

  RunOptions optionsFor(const std::string &name, unsigned threads) {
    RunOptions options;
    options.outputPath = root + "/" + name + ".jsonl";
    options.graphCache.folder = root + "/cache-" + name;
    options.work.threads = threads;
    options.work.progress = false;
    return options;
  }
  static std::string read(const std::string &path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  static size_t filesIn(const std::string &folder) {
    if (!std::filesystem::exists(folder))
      return 0;
    return std::distance(std::filesystem::directory_iterator(folder),
                         std::filesystem::directory_iterator());
  }
  std::string root;
};

TEST_F(RunTest, TwoProgramsRunSideBySide) {
  std::string errorA, errorB;
  int statusA = -1, statusB = -1;
  std::thread first([&] { statusA = runProgram(&programA, optionsFor("a", 1), errorA); });
  std::thread second([&] { statusB = runProgram(&programB, optionsFor("b", 3), errorB); });
  first.join();
  second.join();
  ASSERT_EQ(statusA, kExitSuccess) << errorA;
  ASSERT_EQ(statusB, kExitSuccess) << errorB;
  EXPECT_NE(read(root + "/a.jsonl").find("\"answers\":[\"ann\"]"), std::string::npos);
  EXPECT_EQ(read(root + "/a.jsonl").find("bob\"]"), std::string::npos);
  EXPECT_NE(read(root + "/b.jsonl").find("\"answers\":[\"bob\"]"), std::string::npos);
  // Each run cached the graph in its own folder, and only there.
  EXPECT_EQ(filesIn(root + "/cache-a"), 1u);
  EXPECT_EQ(filesIn(root + "/cache-b"), 1u);
}

TEST_F(RunTest, FailureOfOneRunLeavesTheOtherAlone) {
  RunOptions broken = optionsFor("broken", 1);
  std::string error;
  graphFolder = root + "/graph";
  // An output that is a folder is refused; the other run is unaffected.
  std::filesystem::create_directory(broken.outputPath);
  EXPECT_EQ(runProgram(&programA, broken, error), kExitRuntimeError);
  EXPECT_NE(error.find("not a regular file"), std::string::npos) << error;
  std::string fine;
  EXPECT_EQ(runProgram(&programB, optionsFor("fine", 2), fine), kExitSuccess) << fine;
  EXPECT_EQ(filesIn(root + "/cache-broken"), 0u);
}

} // namespace
