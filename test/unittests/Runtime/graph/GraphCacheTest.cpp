//===- GraphCacheTest.cpp - Binary caches of loaded graphs -----------------===//

#include "runtime/graph/GraphCache.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
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
    options.folder = cache;
    write("train.txt", "ann\tparent\tbob\nbob\tparent\tcid\n");
    write("valid.txt", "cid\tparent\tdee\n");
    write("test.txt", "");
  }
  void TearDown() override { std::filesystem::remove_all(root); }
  void write(const std::string &name, const std::string &contents) {
    std::ofstream(folder + "/" + name) << contents;
  }
  std::unique_ptr<Graph> load() {
    std::string error;
    auto graph = Graph::load(folder, error, &options);
    EXPECT_TRUE(graph) << error;
    return graph;
  }
  size_t cacheFiles() {
    if (!std::filesystem::exists(cache))
      return 0;
    return std::distance(std::filesystem::directory_iterator(cache),
                         std::filesystem::directory_iterator());
  }
  std::string cacheFile() { return std::filesystem::directory_iterator(cache)->path().string(); }
  /// Keeps train.txt's size and modification time while changing its text.
  void rewriteKeepingTime(const std::string &contents) {
    struct stat before;
    ASSERT_EQ(stat((folder + "/train.txt").c_str(), &before), 0);
    write("train.txt", contents);
    struct timespec times[2] = {before.st_atim, before.st_mtim};
    ASSERT_EQ(utimensat(AT_FDCWD, (folder + "/train.txt").c_str(), times, 0), 0);
  }
  std::string root, folder, cache;
  GraphCacheOptions options;
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
  options.folder = "";
  load();
  EXPECT_EQ(cacheFiles(), 0u);
}

TEST_F(GraphCacheTest, EditedCacheIsRebuilt) {
  load();
  // A same-length edit inside the cache: a name's byte changed in place.
  std::string path = cacheFile();
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  size_t at = bytes.find("bob");
  ASSERT_NE(at, std::string::npos);
  file.seekp(std::streamoff(at));
  file.write("bxb", 3);
  file.close();
  auto reloaded = load();
  EXPECT_TRUE(reloaded->entities().lookup("bob"));
  EXPECT_FALSE(reloaded->entities().lookup("bxb"));
  // Rebuilt: the cache holds the right bytes again.
  std::ifstream again(path, std::ios::binary);
  std::string rebuilt((std::istreambuf_iterator<char>(again)), std::istreambuf_iterator<char>());
  EXPECT_NE(rebuilt.find("bob"), std::string::npos);
}

TEST_F(GraphCacheTest, ContentKeysSeeEditsThatKeepSizeAndTime) {
  options.byContent = true;
  load();
  rewriteKeepingTime("ann\tparent\tbob\nbob\tparent\tzed\n");
  auto reloaded = load();
  EXPECT_TRUE(reloaded->entities().lookup("zed"));
}

TEST_F(GraphCacheTest, CacheIsPrivate) {
  load();
  struct stat folderInfo, fileInfo;
  ASSERT_EQ(stat(cache.c_str(), &folderInfo), 0);
  ASSERT_EQ(stat(cacheFile().c_str(), &fileInfo), 0);
  EXPECT_EQ(folderInfo.st_mode & 0777, 0700u);
  EXPECT_EQ(fileInfo.st_mode & 0777, 0600u);
}

TEST_F(GraphCacheTest, PlantedFifoDoesNotBlock) {
  load();
  std::string path = cacheFile();
  std::filesystem::remove(path);
  ASSERT_EQ(mkfifo(path.c_str(), 0600), 0);
  // Would wait for a writer forever if opened as a file.
  auto reloaded = load();
  EXPECT_EQ(reloaded->triples(Split::Train).size(), 2u);
}

} // namespace
