#include "diff/diff_folders.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

#include "base/diagnostics.h"
#include "base/file_io.h"
#include "diff/compare_images.h"
#include "diff/match_cards.h"
#include "image/image_read.h"
#include "image/png_write.h"

namespace fs = std::filesystem;

namespace placard {

namespace {

// One output to compare, and the card it belongs to.
struct Task {
  const CardDiff* card;
  OutputDiff* output;
};

std::string problem_of(const DiagnosticError& e) {
  const Diagnostic& d = e.diagnostic();
  const std::string where = format_location(d.loc);
  return where.empty() ? d.message : where + ": " + d.message;
}

// The file of `out` in `dir`, or nothing with the reason in `problems`.
std::optional<std::string> read_output(const std::string& dir, const ManifestOutput& out,
                                       std::vector<std::string>& problems) {
  try {
    return read_file_under(dir, out.file);
  } catch (const DiagnosticError& e) {
    problems.push_back(problem_of(e));
    return std::nullopt;
  }
}

std::optional<Pixmap> decode(const std::string& bytes, const std::string& name,
                             std::vector<std::string>& problems, Pixmap reuse) {
  try {
    return decode_image(bytes, name, {}, std::move(reuse));
  } catch (const DiagnosticError& e) {
    problems.push_back(problem_of(e));
    return std::nullopt;
  }
}

std::string extension_of(const std::string& file) {
  return fs::path(file).extension().string();
}

// Where the report keeps a copy of an output: img/<card>/<size>.<which><ext>.
std::string report_path(const Task& t, const char* which, const std::string& ext) {
  return "img/" + t.card->id + "/" + t.output->size + "." + which + ext;
}

// A worker's pixmaps, handed from one comparison to the next: the same
// sizes come again and again, and fresh memory was 40% of the CPU.
struct Scratch {
  Pixmap before, after, difference;
};

void compare_one(const Task& t, const DiffOptions& o, Scratch& scratch) {
  OutputDiff& out = *t.output;
  auto keep = [&](const char* which, const std::string& bytes, const std::string& file) {
    const std::string rel = report_path(t, which, extension_of(file));
    write_file_atomic_under(o.report_dir, rel, bytes, Durability::later);
    return rel;
  };
  std::optional<std::string> before, after;
  if (out.before) before = read_output(o.base_dir, *out.before, out.problems);
  if (out.after) after = read_output(o.new_dir, *out.after, out.problems);
  if (out.change == Change::added || out.change == Change::removed) {
    if (after) out.after_image = keep("after", *after, out.after->file);
    if (before) out.before_image = keep("before", *before, out.before->file);
    out.changed_share = 1;
    return;
  }
  if (!before || !after) return;
  if (*before == *after) {
    out.change = Change::unchanged;
    return;
  }
  out.before_image = keep("before", *before, out.before->file);
  out.after_image = keep("after", *after, out.after->file);
  std::optional<Pixmap> b = decode(*before, (fs::path(o.base_dir) / out.before->file).string(),
                                   out.problems, std::move(scratch.before));
  std::optional<Pixmap> a = decode(*after, (fs::path(o.new_dir) / out.after->file).string(),
                                   out.problems, std::move(scratch.after));
  if (!a || !b) return;
  ImageComparison c = compare_images(*b, *a, kChangeTolerance, std::move(scratch.difference));
  scratch.before = std::move(*b);
  scratch.after = std::move(*a);
  out.changed_share = c.changed_share;
  out.box = c.box;
  if (b->width != a->width || b->height != a->height) out.changed_share = 1;
  PngMeta meta;
  meta.title = "difference: " + t.card->id + " " + out.size;
  // A report image is read once: zlib's run-length strategy at level 1 over
  // the card encoder's libdeflate 5 took 18% less of the whole diff's CPU
  // (300 changed og cards, bench/diff.sh's deck) for difference images 27%
  // larger (11 -> 14 KB).
  PngTuning tuning;
  tuning.deflate = PngTuning::Deflate::zlib_rle;
  tuning.level = 1;
  tuning.rows = PngTuning::Rows::up_repeats;
  const std::string png = encode_png(c.difference, meta, tuning);
  out.diff_image = report_path(t, "diff", ".png");
  write_file_atomic_under(o.report_dir, out.diff_image, png, Durability::later);
  scratch.difference = std::move(c.difference);
}

void compare_all(std::vector<Task>& tasks, const DiffOptions& o) {
  int threads =
      o.jobs > 0 ? o.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::max(1, std::min<int>(threads, static_cast<int>(tasks.size())));
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  std::mutex mu;
  auto work = [&] {
    try {
      Scratch scratch;
      for (size_t i; (i = next++) < tasks.size();) compare_one(tasks[i], o, scratch);
    } catch (...) {
      std::lock_guard lock(mu);
      if (!failure) failure = std::current_exception();
      next = tasks.size();
    }
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (auto& w : workers) w.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

Manifest read_rendered_manifest(const std::string& dir, const char* which) {
  if (!fs::is_directory(dir))
    fail_usage(std::string(which) + " '" + dir + "' is not a folder",
               {"give two folders that 'placard render' wrote"});
  const std::string path = (fs::path(dir) / "manifest.json").string();
  if (!fs::exists(path))
    fail_usage(std::string(which) + " '" + dir + "' has no manifest.json",
               {"give a folder that 'placard render' wrote (shards: 'placard merge' them first)"});
  return manifest_from_json(read_file(path), path);
}

void refuse_report_inside(const std::string& report_dir, const std::string& dir,
                          const char* which) {
  const fs::path report = fs::weakly_canonical(fs::absolute(report_dir));
  const fs::path rendered = fs::weakly_canonical(fs::absolute(dir));
  const fs::path rel = report.lexically_relative(rendered);
  if (!rel.empty() && *rel.begin() != "..")
    fail_usage("the report folder '" + report_dir + "' is inside " + which + " '" + dir + "'",
               {"write the report elsewhere: its index.html and img/ would mix with the cards"});
}

FolderDiff diff_folders(const DiffOptions& o) {
  refuse_report_inside(o.report_dir, o.base_dir, "BASE");
  refuse_report_inside(o.report_dir, o.new_dir, "NEW");
  const Manifest before = read_rendered_manifest(o.base_dir, "BASE");
  const Manifest after = read_rendered_manifest(o.new_dir, "NEW");
  const bool same_placard = before.generator == after.generator;
  FolderDiff diff = match_cards(before, after, same_placard);
  diff.base_dir = o.base_dir;
  diff.new_dir = o.new_dir;
  if (!same_placard)
    diff.problems.push_back("BASE was rendered by " + before.generator + ", NEW by " +
                            after.generator +
                            ": every image was compared, and some changes may come from "
                            "Placard itself");
  for (const Manifest* m : {&before, &after})
    if (!m->shard.empty())
      diff.problems.push_back("a manifest is shard " + m->shard +
                              "'s only: cards of other shards look added or removed");
  std::vector<Task> tasks;
  for (CardDiff& card : diff.cards)
    for (OutputDiff& out : card.outputs) tasks.push_back({&card, &out});
  diff.compared_outputs =
      static_cast<int>(std::count_if(tasks.begin(), tasks.end(), [](const Task& t) {
        return t.output->change == Change::changed;
      }));
  compare_all(tasks, o);
  settle(diff);
  return diff;
}

}  // namespace placard
