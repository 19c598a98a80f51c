// --cache-dir as a volume that several `placard serve` processes share:
// two servers on one folder under sustained load, while files go (as
// another process's trim removes them) and are written again, and one of the
// servers is killed with SIGKILL the moment it starts writing an image,
// again and again. Every answer either server gives is byte for byte what
// `placard card` makes, and every file left under a digest's name is that
// image, whole. On 127.0.0.1; bounded in time.
#include <poll.h>
#include <sys/inotify.h>
#include <sys/resource.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <random>

#include "serve/disk_cache.h"
#include "serve_client.h"

namespace {

// The pid in a temporary file's name, ".<name>.<pid>-<n>.tmp"
// (base/file_io.cc), or 0.
pid_t temp_owner(const std::string& name) {
  if (name.empty() || name[0] != '.' || !name.ends_with(".tmp")) return 0;
  const std::string stem = name.substr(0, name.size() - 4);
  const size_t dot = stem.rfind('.'), dash = stem.rfind('-');
  if (dot == std::string::npos || dash == std::string::npos || dash < dot) return 0;
  return static_cast<pid_t>(std::atol(stem.substr(dot + 1, dash - dot - 1).c_str()));
}

class CacheDir : public Serve {};

std::string digest_of(char c) {
  return std::string(32, c);
}

}  // namespace

// The folder keeps to its bound by removing the least recently used images:
// a hit counts as a use.
TEST_F(CacheDir, TheFolderKeepsToItsBoundDroppingTheLeastRecentlyUsed) {
  const std::string dir = path("lru");
  placard::DiskCache cache(dir, 10'000);
  const std::string image(3'000, 'x');
  ASSERT_TRUE(cache.put(digest_of('a'), image));
  ASSERT_TRUE(cache.put(digest_of('b'), image));
  ASSERT_TRUE(cache.put(digest_of('c'), image));
  // Written a, b, c, a minute apart (file times are coarser than these calls).
  const auto minute_ago = fs::file_time_type::clock::now() - std::chrono::minutes(10);
  for (char c : {'a', 'b', 'c'})
    fs::last_write_time(dir + "/" + digest_of(c) + ".img",
                        minute_ago + std::chrono::minutes(c - 'a'));
  ASSERT_TRUE(cache.get(digest_of('a')));         // a is used now: b is the oldest
  ASSERT_TRUE(cache.put(digest_of('d'), image));  // 12,000 bytes: over the bound
  EXPECT_TRUE(cache.get(digest_of('a')));
  EXPECT_FALSE(cache.get(digest_of('b')));
  EXPECT_TRUE(cache.get(digest_of('c')));
  EXPECT_TRUE(cache.get(digest_of('d')));
  std::uintmax_t total = 0;
  for (const auto& e : fs::directory_iterator(dir)) total += e.file_size();
  EXPECT_LE(total, 10'000u);
  // A digest that is not hex names no file.
  EXPECT_FALSE(cache.put("../escape", image));
  EXPECT_FALSE(fs::exists(path("escape.img")));
}

// A write that fails part way (the disk full; here the file size limit)
// leaves nothing: no image under the digest's name, no temporary file.
TEST_F(CacheDir, AWriteThatFailsPartWayLeavesNothingBehind) {
  const std::string dir = path("full");
  {
    placard::DiskCache cache(dir, 1 << 20);
    ASSERT_TRUE(cache.put(digest_of('a'), std::string(1'000, 'a')));
  }
  const pid_t child = fork();
  if (child == 0) {  // a process whose files cannot grow past 4 KB
    signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{4096, 4096};
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(2);
    placard::DiskCache cache(dir, 1 << 20);
    _exit(cache.put(digest_of('b'), std::string(100'000, 'b')) ? 1 : 0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "the failed write was reported as stored";
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{digest_of('a') + ".img"});
  placard::DiskCache cache(dir, 1 << 20);
  EXPECT_FALSE(cache.get(digest_of('b')));
  EXPECT_EQ(*cache.get(digest_of('a')), std::string(1'000, 'a'));
}

TEST_F(CacheDir, TwoServersUnderLoadAndAWriterKilledMidWriteLeaveNoTornImage) {
  const std::string dir = path("cache");
  fs::create_directories(dir);
  // Four texts at three sizes, as `placard card` makes them.
  struct Want {
    std::string path, bytes;
  };
  std::vector<Want> wants;
  for (int t = 0; t < 4; ++t)
    for (const std::string size : {"og", "square", "story"}) {
      const std::string text = "Shared cache text " + std::to_string(t);
      const std::string out = path("ref-" + std::to_string(t) + "-" + size + ".png");
      run_cli("card '" + text + "' --layout statement --size " + size + " -o " + out);
      wants.push_back({signed_path(text, size), placard::read_file(out)});
      ASSERT_EQ(wants.back().bytes.substr(1, 3), "PNG") << out;
    }
  // No memory cache: every answer is read from the folder or rendered into it.
  const std::vector<std::string> args = {"--cache-dir", dir, "--cache-mb",    "0",
                                         "-j",          "2", "--on-overload", "503"};
  auto b = start(args);
  std::unique_ptr<Server> a = start(args);
  // Each image's digest (its ETag), from B before the load.
  std::map<std::string, size_t> digest_want;  // digest → wants[i]
  for (size_t i = 0; i < wants.size(); ++i) {
    const Answer got = get(b->url + wants[i].path);
    ASSERT_EQ(got.status, 200) << got.body;
    ASSERT_TRUE(got.body == wants[i].bytes) << wants[i].path;
    const std::string etag = got.headers.at("etag");
    digest_want[etag.substr(1, etag.size() - 2)] = i;
  }
  // Every image in the folder now (one a trim removes while it is read is
  // skipped): each must be whole, the bytes of its digest.
  auto torn_images = [&] {
    std::vector<std::string> torn;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const std::string name = e.path().filename().string();
      if (temp_owner(name) > 0) continue;
      const auto it = digest_want.find(e.path().stem().string());
      if (e.path().extension() != ".img" || it == digest_want.end()) {
        torn.push_back(name + " is no image of this test");
        continue;
      }
      std::string bytes;
      try {
        bytes = placard::read_file(e.path().string());
      } catch (const std::exception&) {
        continue;  // removed meanwhile
      }
      if (bytes != wants[it->second].bytes)
        torn.push_back(name + ": " + std::to_string(bytes.size()) + " bytes, not " +
                       std::to_string(wants[it->second].bytes.size()));
    }
    return torn;
  };

  std::mutex mu;
  std::condition_variable killed_cv;
  std::string a_url = a->url;
  pid_t a_pid = a->pid(), killed = 0;
  bool armed = false;
  int a_answered = 0;  // since A (re)started: it is armed after some
  std::vector<std::string> wrong, torn;
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0};

  // Once A has answered a few requests, kills it as soon as a file it writes
  // appears: its temporary file (or, were images written in place, the image
  // itself).
  const int watch = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  ASSERT_GE(watch, 0);
  ASSERT_GE(inotify_add_watch(watch, dir.c_str(), IN_CREATE), 0);
  std::thread killer([&] {
    alignas(inotify_event) char buf[8192];
    while (!stop) {
      pollfd p{watch, POLLIN, 0};
      if (poll(&p, 1, 20) <= 0) continue;
      for (ssize_t n = read(watch, buf, sizeof buf), at = 0; n > 0 && at < n;) {
        const auto* e = reinterpret_cast<const inotify_event*>(buf + at);
        at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
        const std::string name = e->len ? e->name : "";
        std::lock_guard lock(mu);
        if (armed && (temp_owner(name) == a_pid || name.ends_with(".img"))) {
          kill(a_pid, SIGKILL);
          killed = a_pid;
          armed = false;
          killed_cv.notify_one();
        }
      }
    }
  });
  // Four clients, each asking A and B in turn for every image, round and round.
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c)
    clients.emplace_back([&, c] {
      for (size_t i = c; !stop; ++i) {
        const Want& w = wants[(i / 2) % wants.size()];
        std::string base;
        {
          std::lock_guard lock(mu);
          base = i % 2 ? a_url : b->url;
        }
        const Answer got = get(base + w.path);
        if (got.status == 0) continue;  // A was killed under it
        std::lock_guard lock(mu);
        if (got.status != 200 || got.body != w.bytes) {
          wrong.push_back(std::to_string(got.status) + " " + std::to_string(got.body.size()) +
                          " bytes for " + w.path.substr(0, 40));
          continue;
        }
        ++answered;
        if (base == a_url && ++a_answered == 6 && killed == 0) armed = true;
      }
    });
  // Files go, as another server's trim removes them, so writing goes on.
  std::thread trimmer([&] {
    std::mt19937 random(7);
    while (!stop) {
      std::vector<fs::path> images;
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".img") images.push_back(e.path());
      if (!images.empty()) fs::remove(images[random() % images.size()], ec);
      std::this_thread::sleep_for(20ms);  // pacing, not a wait for an event
    }
  });

  // Three kills, each while A writes; A comes back on the same folder.
  int kills = 0, left_mid_write = 0;
  for (; kills < 3; ++kills) {
    pid_t dead;
    {
      std::unique_lock lock(mu);
      if (!killed_cv.wait_for(lock, 20s, [&] { return killed != 0; })) break;
      dead = killed;
    }
    a->stop(SIGKILL);  // reaps it
    for (const std::string& t : torn_images()) torn.push_back(t);
    for (const auto& e : fs::directory_iterator(dir))
      left_mid_write += temp_owner(e.path().filename().string()) == dead ? 1 : 0;
    auto next = start(args);  // removes the dead writer's temporary files
    std::lock_guard lock(mu);
    a = std::move(next);
    a_url = a->url;
    a_pid = a->pid();
    killed = 0;
    a_answered = 0;
  }
  {
    std::lock_guard lock(mu);
    armed = false;
  }
  stop = true;
  for (std::thread& t : clients) t.join();
  trimmer.join();
  killer.join();
  close(watch);
  EXPECT_EQ(kills, 3) << "A was not seen writing within 20 s";
  EXPECT_GE(answered, 4 * static_cast<int>(wants.size())) << "too little load to prove anything";
  for (const std::string& w : wrong) ADD_FAILURE() << "served a wrong image: " << w;
  for (const std::string& t : torn) ADD_FAILURE() << "a torn file after a kill: " << t;
  std::cout << "answered " << answered << " requests; A killed " << kills << " times, "
            << left_mid_write << " temporary file(s) left mid-write\n";

  // What is left in the folder, once both have stopped: every image whole
  // and the one of its digest (temporary files only of killed writers).
  EXPECT_EQ(b->stop(SIGTERM), 0);
  EXPECT_EQ(a->stop(SIGTERM), 0);
  for (const std::string& t : torn_images()) ADD_FAILURE() << "a torn file at the end: " << t;
  // The next server on the folder removes what the killed writers left.
  auto c = start(args);
  for (const auto& e : fs::directory_iterator(dir))
    EXPECT_EQ(e.path().extension(), ".img") << e.path();
}
