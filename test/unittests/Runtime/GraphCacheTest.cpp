//===- GraphCacheTest.cpp - Binary caches of loaded graphs -----------------===//

#include "runtime/GraphCache.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <fcntl.h>
#include <sys/stat.h>

using namespace kq::runtime;

namespace {

class GraphCacheTest : public ::testing::Test {
protected:
  void SetUp() override {
    char pattern[] = "/tmp/kq-cache-test-XXXXXX";
    root = mkdtemp(pattern);
    folder = root + "/graph";
    cache = root + "/cache";
    std::filesystem::create_directory(folder);
    unsetenv("KQ_CACHE_DIR");
    setGraphCacheDirectory(cache);
    write("train.txt", "ann\tparent\tbob\nbob\tparent\tcid\n");
    write("valid.txt", "cid\tparent\tdee\n");
    write("test.txt", "");
  }
  void TearDown() override {
    setGraphCacheDirectory("");
    std::filesystem::remove_all(root);
  }
  void write(const std::string &name, const std::string &contents) {
    std::ofstream(folder + "/" + name) << contents;
  }
  std::unique_ptr<Graph> load() {
    std::string error;
    auto graph = Graph::load(folder, error);
    EXPECT_TRUE(graph) << error;
    return graph;
  }
  size_t cacheFiles() {
    if (!std::filesystem::exists(cache))
      return 0;
    return std::distance(std::filesystem::directory_iterator(cache),
                         std::filesystem::directory_iterator());
  }
  std::string root, folder, cache;
};

TEST_F(GraphCacheTest, SecondLoadReadsTheCache) {
  auto first = load();
  ASSERT_EQ(cacheFiles(), 1u);
  // Same size and modification time, different text: only a load from the
  // cache still sees the old triples.
  struct stat before;
  ASSERT_EQ(stat((folder + "/train.txt").c_str(), &before), 0);
  write("train.txt", "ann\tparent\tbob\nbob\tparent\tzed\n");
  struct timespec times[2] = {before.st_atim, before.st_mtim};
  ASSERT_EQ(utimensat(AT_FDCWD, (folder + "/train.txt").c_str(), times, 0), 0);
  auto second = load();
  EXPECT_EQ(second->entities().size(), first->entities().size());
  EXPECT_TRUE(second->entities().lookup("cid"));
  EXPECT_FALSE(second->entities().lookup("zed"));
  EXPECT_EQ(second->triples(Split::Train), first->triples(Split::Train));
  EXPECT_EQ(second->triples(Split::Valid), first->triples(Split::Valid));
}

TEST_F(GraphCacheTest, ChangedInputsInvalidateTheCache) {
  load();
  write("train.txt", "ann\tparent\tbob\nbob\tparent\tzed\nzed\tparent\tann\n");
  auto reloaded = load();
  EXPECT_TRUE(reloaded->entities().lookup("zed"));
  EXPECT_EQ(reloaded->triples(Split::Train).size(), 3u);
}

TEST_F(GraphCacheTest, CorruptCacheIsIgnored) {
  load();
  for (auto &entry : std::filesystem::directory_iterator(cache))
    std::ofstream(entry.path(), std::ios::trunc) << "KQGRAPH1 garbage";
  auto reloaded = load();
  EXPECT_EQ(reloaded->triples(Split::Train).size(), 2u);
  EXPECT_TRUE(reloaded->entities().lookup("dee"));
}

TEST_F(GraphCacheTest, NoDirectoryMeansNoCache) {
  setGraphCacheDirectory("");
  load();
  EXPECT_EQ(cacheFiles(), 0u);
}

} // namespace
