// The benchmark harness (`make bench`): where the time goes per card and
// stage, how much memory a run holds, and what the PNG encoder settings cost.
//
//   placard_bench stages N SIZE     ms per card for read, build, layout, draw,
//                                   encode, write over N synthetic cards, and
//                                   the process's peak memory
//   placard_bench encoder SIZE [N|LAYOUT [PHOTO]]
//                                   every palette tolerance x libdeflate level,
//                                   and the RGB encoding, on the example's cards
//                                   (or N synthetic ones, or the example in
//                                   another layout, e.g. photo, with another
//                                   photo); then PNG, JPEG and WebP as a render
//                                   encodes them: ms with the budget search,
//                                   bytes, PSNR against the lossless pixels
//   placard_bench palette [SIZE]    the palette encoding's libdeflate levels and
//                                   row filters on the example's palette cards in
//                                   every built-in layout at every size (or SIZE)
//   placard_bench deck N            N synthetic cards as a CSV deck on stdout
//   placard_bench run N PLACARD     end to end: `placard render` of N cards x 6
//                                   sizes at -j 2, a no-change re-run, and
//                                   `placard card`, each with its peak memory
//   placard_bench formats N PLACARD `placard render` of the example at og and
//                                   story -j 1 as PNG, JPEG and WebP in turn:
//                                   what the format costs end to end
//   placard_bench scripts           the glyph measurements behind
//                                   typesetting/scripts.yaml
//   placard_bench photo W H OUT.jpg a phone-like photo (gradients, grain, 4:2:0,
//                                   quality 90) for bench/personal.sh
//   placard_bench brand-fonts BRAND.yaml N
//                                   a brand's own fonts: wall ms to read and
//                                   check the files (resolve_brand), to load
//                                   the brand's font set, and per card after
//                                   that against the same card in the bundled
//                                   fonts (medians of N)
//   placard_bench dumps CONTENT...  layout dumps of every card in every built-in
//                                   layout at every size, one JSON a line, for
//                                   bench/line_ratios.py
//   placard_bench budget SLOGANS.yaml BRAND.yaml CONTENT...
//                                   each headline of the slogans (statement
//                                   cards in the brand) and of the
//                                   content files in every built-in layout at
//                                   og, square and story: its size and lines,
//                                   the largest size that fits, whether even
//                                   lines are possible within the size budget;
//                                   one JSON a line, for bench/budget_table.py
//
// Times are medians of CPU time on the calling thread (the machine may be
// shared, so wall time is noisier) unless marked "wall".
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "../tests/unit/image/test_images.h"  // the tests' noisy stand-in for a camera photo
#include "base/file_io.h"
#include "base/resources.h"
#include "content/content_deck.h"
#include "image/encode.h"
#include "image/image_read.h"
#include "image/jpeg_write.h"
#include "image/png_read.h"
#include "image/png_write.h"
#include "image/webp_write.h"
#include "layout/budgets.h"
#include "layout/layout_file.h"
#include "layout/sizes.h"
#include "render/anchor.h"
#include "render/build_card.h"
#include "render/headline_report.h"
#include "render/layout_dump.h"
#include "render/pipeline.h"
#include "render/script_ink.h"
#include "serve/signing.h"
#include "text/fonts.h"
#include "text/script_style.h"

namespace fs = std::filesystem;
using namespace placard;

namespace {

double cpu_ms() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double wall_ms() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

double peak_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / v.size();
}

// Card text of varied, realistic length: short slogans to two-line demands.
// Every i gives another text.
std::string synthetic_text(int i) {
  const char* subjects[] = {"Local police", "The Administration", "Every county", "Congress",
                            "Our schools",  "State agencies",     "Hospitals",    "Courts"};
  const char* verbs[] = {"must end",  "should stop",  "can refuse",
                         "will fund", "must protect", "should publish"};
  const char* objects[] = {"287(g) agreements",
                           "detention contracts",
                           "data sharing with immigration enforcement",
                           "community health workers in every neighbourhood",
                           "civil enforcement of a civil process",
                           "language access"};
  return std::string(subjects[i % 8]) + " " + verbs[(i / 8) % 6] + " " + objects[(i / 48) % 6] +
         " (" + std::to_string(i + 1) + ").";
}

// N cards of synthetic_text.
std::string synthetic_deck(int n) {
  std::string csv = "kind,headline,section\n";
  for (int i = 0; i < n; ++i) {
    const char* kind = i % 10 == 0 ? "heading" : i % 10 == 5 ? "quote" : "recommendation";
    csv += std::string(kind) + ",\"" + synthetic_text(i) + "\",S" + std::to_string(i / 12) + "\n";
  }
  return csv;
}

// For bench/serve.sh: N signed /render/ paths of unique texts, one a line.
int urls(int n, const std::string& key_file, const std::string& layout, const std::string& size) {
  const std::string key = load_key(key_file);
  for (int i = 0; i < n; ++i)
    std::printf("%s\n",
                signed_render_path(key, layout, size, {{"headline", synthetic_text(i)}}).c_str());
  return 0;
}

int stages(int n, const std::string& size_name) {
  const fs::path dir = fs::temp_directory_path() / ("placard-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string deck_path = (dir / "deck.csv").string();
  write_file_atomic(deck_path, synthetic_deck(n));

  Renderer renderer;
  double t = cpu_ms();
  Content content = read_content(deck_path);
  const double read_ms = (cpu_ms() - t) / n;
  Layout layout = resolve_layout("", content);
  Brand brand = resolve_brand("", content, renderer.fonts());
  const SizePreset size = parse_sizes({size_name}, {})[0];

  // One warm-up card, so that fonts and caches are loaded as in a long run.
  render_one(make_render_job(content.cards[0], content.meta, layout, brand, size), renderer);

  // Each card through the real pipeline (render_one times its own stages),
  // then written as a batch writes it.
  std::vector<double> build, lay, draw, contrast, encode, write, total, total_wall;
  std::vector<double> bytes;
  for (const ContentCard& c : content.cards) {
    const double w0 = wall_ms();
    Rendered r = render_one(make_render_job(c, content.meta, layout, brand, size), renderer);
    const double t0 = cpu_ms();
    write_file_atomic_under(dir.string(), c.id + ".png", r.bytes, Durability::later);
    renderer.card_done(1);  // as a batch does: every so often, the font caches are let go
    const StageTimes& st = renderer.times();
    write.push_back(cpu_ms() - t0);
    total_wall.push_back(wall_ms() - w0);
    build.push_back(st.build);
    lay.push_back(st.layout);
    draw.push_back(st.draw);
    contrast.push_back(st.contrast);
    encode.push_back(st.encode);
    total.push_back(st.total() + write.back());
    bytes.push_back(r.bytes.size() / 1024.0);
  }
  std::printf(
      "%-6s %5d cards  read %.3f  build %.3f  layout %.3f  draw %.3f  contrast %.3f  encode %.3f"
      "  write %.3f  = %.2f ms/card median (mean %.2f, wall median %.2f)  median PNG %.1f KB"
      "  peak %.1f MB\n",
      size_name.c_str(), n, read_ms, median(build), median(lay), median(draw), median(contrast),
      median(encode), median(write), median(total) + read_ms, mean(total) + read_ms,
      median(total_wall), median(bytes), peak_mb());
  fs::remove_all(dir);
  return 0;
}

// The measurements behind typesetting/scripts.yaml: each script's main body
// (the median ink height above the baseline of its sample characters, in em)
// and the Latin x-height and cap height of each bundled brand family.
int scripts() {
  Renderer renderer;
  PangoText& text = renderer.text_for("");
  for (const char* family : {"Inter", "Inter Display", "Vollkorn"})
    for (int weight : {400, 700, 800})
      std::printf("%-14s %d  x-height %.3f em  cap height %.3f em\n", family, weight,
                  text.ink_height_em(family, weight, "x"), text.ink_height_em(family, weight, "H"));
  for (const ScriptStyle& s : script_styles())
    for (int weight : {400, 500, 700, 800, 900})
      std::printf("%-11s %-20s %d  body %.3f em  (data file: %.3f)  sample %s\n", s.name.c_str(),
                  s.font.c_str(), weight, text.ink_height_em(s.font, weight, s.sample),
                  s.body(weight), s.sample.c_str());
  // From pixels, 200 px, each letter drawn alone as a card draws it: the
  // Latin x-height and stem of the brand faces, and the body and stem of
  // each script's bundled weights (stem/body does not depend on the scale,
  // so a script weight whose ratio is the Latin one's is as heavy once its
  // body is as large as the x-height), then the script set in the brand
  // face as a card sets it (its size and weight chosen by scripts.yaml).
  Fonts fonts(fonts_dir());
  auto row = [](const char* what, const FontSpec& f, const ScriptInk& k) {
    std::printf("%-11s %-21s %d  body %6.1f px  stem %5.1f px  stem/body %.3f\n", what,
                f.family.c_str(), f.weight, k.body, k.stem, k.body > 0 ? k.stem / k.body : 0);
  };
  for (const char* family : {"Inter Display", "Inter"})
    for (int weight : {400, 600, 700, 800, 900}) {
      const FontSpec f{family, weight, false, "", false, false};
      row("latin", f, measure_script_ink(fonts, f, "latin"));
    }
  for (const auto& [script, family] : std::vector<std::pair<const char*, const char*>>{
           {"hebrew", "Noto Sans Hebrew"}, {"devanagari", "Noto Sans Devanagari"}})
    for (int weight : {400, 500, 600, 700, 800, 900}) {
      const FontSpec f{family, weight, false, "", false, false};
      row(script, f, measure_script_ink(fonts, f, script));
    }
  for (const char* script : {"latin", "hebrew", "devanagari"})
    for (const auto& [family, weight] :
         std::vector<std::pair<const char*, int>>{{"Inter", 400},
                                                  {"Inter", 600},
                                                  {"Inter", 700},
                                                  {"Inter Display", 800},
                                                  {"Inter Display", 900}}) {
      const FontSpec f{family, weight, false, "", false, false};
      row(script, f, measure_script_ink(fonts, f, script));
    }
  return 0;
}

// Every card of the content files, in every built-in layout, at every preset
// size, as layout dumps: one JSON object a line ({"file", "layout", "lang",
// "dump"} or "error"), for bench/line_ratios.py.
int dumps(const std::vector<std::string>& files) {
  Renderer renderer;
  for (const std::string& file : files) {
    Content content = read_content(file);
    Brand brand = resolve_brand("", content, renderer.fonts());
    for (const auto& [name, description] : list_layouts()) {
      Layout layout = load_layout(name);
      for (const ContentCard& c : content.cards)
        for (const SizePreset& size : size_presets()) {
          nlohmann::json j;
          j["file"] = file;
          j["layout"] = name;
          j["lang"] = content.meta.lang;
          try {
            Card card = build_card(c, content.meta, layout, brand, size);
            CardLayout laid = lay_out_card(card, renderer.text_for(card.lang));
            place_anchored(card, laid);
            j["dump"] = nlohmann::json::parse(dump_layout(card, laid));
          } catch (const DiagnosticError& e) {
            j["error"] = e.diagnostic().message;
          }
          std::printf("%s\n", j.dump().c_str());
        }
    }
  }
  return 0;
}

// The size budget's report (issue 23): every headline of the slogans and
// the content files in every built-in layout at og, square and story.
int budget(const std::string& slogans, const std::string& brand_file,
           const std::vector<std::string>& files) {
  Renderer renderer;
  struct Source {
    std::string file, lang;
    Content content;
    std::vector<std::pair<std::string, ContentCard>> cards;  // name, card
  };
  std::vector<Source> sources;
  const YAML::Node root = YAML::LoadFile(slogans);
  for (const auto& lang : root) {
    Source s;
    s.file = slogans;
    s.lang = lang.first.as<std::string>();
    s.content.meta.lang = s.lang;
    int i = 0;
    for (const auto& text : lang.second)
      s.cards.emplace_back("slogan_" + s.lang + "_" + std::to_string(++i),
                           statement_card(text.as<std::string>()));
    sources.push_back(std::move(s));
  }
  for (const std::string& file : files) {
    Source s;
    s.file = file;
    s.content = read_content(file);
    s.lang = s.content.meta.lang.empty() ? "en" : s.content.meta.lang;
    for (const ContentCard& c : s.content.cards)
      s.cards.emplace_back("example_" + s.lang + "_" + c.id, c);
    sources.push_back(std::move(s));
  }
  for (Source& s : sources) {
    const Brand brand =
        resolve_brand(s.file == slogans ? brand_file : "", s.content, renderer.fonts());
    for (const auto& [name, description] : list_layouts()) {
      const Layout layout = load_layout(name);
      for (const auto& [id, c] : s.cards)
        for (const char* size_name : {"og", "square", "story"}) {
          nlohmann::json j{{"text", id}, {"lang", s.lang}, {"layout", name}, {"size", size_name}};
          try {
            const Card card =
                build_card(c, s.content.meta, layout, brand, parse_sizes({size_name}, {})[0]);
            const HeadlineReport r = headline_report(card, renderer);
            if (r.chosen.size <= 0) continue;
            j.update({{"chosen", r.chosen.size},
                      {"rag", r.chosen.rag},
                      {"even", r.chosen.even},
                      {"lines", r.chosen.text},
                      {"largest", r.largest.size},
                      {"largest_lines", r.largest.text},
                      {"reach_even", r.reach.field == "headline" && r.reach.even},
                      {"reach_no_stub", r.reach.field == "headline" && r.reach.no_stub}});
          } catch (const DiagnosticError& e) {
            j["error"] = e.diagnostic().message;
          }
          std::printf("%s\n", j.dump().c_str());
        }
    }
  }
  return 0;
}

int max_difference(const Pixmap& a, const Pixmap& b) {
  int worst = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x)
      for (int shift = 0; shift < 24; shift += 8)
        worst = std::max(worst, std::abs(int((a.argb(x, y) >> shift) & 0xff) -
                                         int((b.argb(x, y) >> shift) & 0xff)));
  return worst;
}

// PSNR over R, G and B.
double psnr(const Pixmap& a, const Pixmap& b) {
  double se = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x) {
      const Rgba p = a.rgba(x, y), q = b.rgba(x, y);
      se += double(p.r - q.r) * (p.r - q.r) + double(p.g - q.g) * (p.g - q.g) +
            double(p.b - q.b) * (p.b - q.b);
    }
  return se == 0 ? 99 : 10 * std::log10(255.0 * 255.0 * 3 * a.width * a.height / se);
}

int encoder(const std::string& size_name, int synthetic, const std::string& layout_name,
            const std::string& photo = "") {
  Renderer renderer;
  const fs::path dir =
      fs::temp_directory_path() / ("placard-bench-enc-" + std::to_string(getpid()));
  std::string path =
      std::string(PLACARD_SOURCE_DIR) + "/examples/transforming-the-system/campaign.md";
  if (synthetic > 0) {
    fs::create_directories(dir);
    path = (dir / "deck.csv").string();
    write_file_atomic(path, synthetic_deck(synthetic));
  }
  Content content = read_content(path);
  fs::remove_all(dir);
  Layout layout = resolve_layout(layout_name, content);
  Brand brand = resolve_brand("", content, renderer.fonts());
  if (!photo.empty()) brand.photo = photo;  // e.g. a noisy stand-in for a phone picture
  const SizePreset size = parse_sizes({size_name}, {})[0];
  std::vector<Pixmap> cards;
  for (const ContentCard& c : content.cards) {
    Card card = build_card(c, content.meta, layout, brand, size);
    PangoText& text = renderer.text_for(card.lang);
    CardLayout l = lay_out_card(card, text);
    place_anchored(card, l);
    load_images(card, renderer.images());
    cards.push_back(draw_card(card, l, text, renderer.images()));
  }
  std::printf("%s: %zu %s cards (layout %s), median over cards of the median of 7 runs\n",
              size_name.c_str(), cards.size(), synthetic > 0 ? "synthetic" : "example",
              layout.name.c_str());
  auto run = [&](const char* name, const PngTuning& tuning) {
    std::vector<double> ms, kb;
    int worst = 0;
    for (const Pixmap& p : cards) {
      std::vector<double> runs;
      std::string png;
      for (int r = 0; r < 7; ++r) {
        double t = cpu_ms();
        png = encode_png(p, {}, tuning);
        runs.push_back(cpu_ms() - t);
      }
      ms.push_back(median(runs));
      kb.push_back(png.size() / 1024.0);
      worst = std::max(worst, max_difference(p, decode_png(png, "bench")));
    }
    std::printf("  %-28s %6.2f ms  %6.1f KB median  %6.1f KB max  max diff %d (%.1f%%)\n", name,
                median(ms), median(kb), *std::max_element(kb.begin(), kb.end()), worst,
                worst * 100.0 / 255);
  };
  run("rgb, up, libdeflate 3", {.palette = false});
  for (int tol : {0, 2, 4, 6})
    for (int level : {1, 2, 3, 4, 5, 6, 9}) {
      char name[64];
      std::snprintf(name, sizeof name, "palette tol %d libdeflate %d", tol, level);
      run(name, {.palette = true, .tolerance = tol, .level = level});
    }
  // What each WebP setting costs on these cards (webp_write.cc's table).
  for (const WebpTuning& t :
       {WebpTuning{85, 0, false}, WebpTuning{85, 2, false}, WebpTuning{85, 4, false},
        WebpTuning{85, 0, true}, WebpTuning{85, 2, true}, WebpTuning{85, 4, true}}) {
    std::vector<double> ms, kb, db;
    for (const Pixmap& p : cards) {
      std::vector<double> runs;
      std::string webp;
      for (int r = 0; r < 7; ++r) {
        double t0 = cpu_ms();
        webp = encode_webp(p, t);
        runs.push_back(cpu_ms() - t0);
      }
      ms.push_back(median(runs));
      kb.push_back(webp.size() / 1000.0);
      db.push_back(psnr(p, decode_image(webp, "bench")));
    }
    std::printf("  webp q%d m%d%-6s %7.2f ms  %7.1f kB median  PSNR %5.2f dB median, %5.2f min\n",
                t.quality, t.method, t.sharp_yuv ? " sharp" : "", median(ms), median(kb),
                median(db), *std::min_element(db.begin(), db.end()));
  }
  // The card's own encoders as a render runs them: XMP included, and the
  // budget search within the size's built-in budget (its ms included).
  const std::int64_t budget = budget_for(default_budgets(), size);
  std::printf("  card encoders, budget %s (%lld bytes):\n", human_size(budget).c_str(),
              static_cast<long long>(budget));
  for (ImageFormat f : {ImageFormat::png, ImageFormat::jpeg, ImageFormat::webp}) {
    std::vector<double> ms, kb, db, quality, encodes;
    int over = 0;
    for (const Pixmap& p : cards) {
      std::vector<double> runs;
      Encoded e;
      for (int r = 0; r < 7; ++r) {
        double t = cpu_ms();
        e = encode_card(p, f, {"Title", "Alt text", "Placard"}, budget);
        runs.push_back(cpu_ms() - t);
      }
      ms.push_back(median(runs));
      kb.push_back(e.bytes.size() / 1000.0);
      db.push_back(psnr(p, decode_image(e.bytes, "bench")));
      quality.push_back(e.quality);
      encodes.push_back(e.encodes);
      over += e.fits ? 0 : 1;
    }
    std::printf(
        "  %-6s %7.2f ms  %7.1f kB median  %7.1f kB max  PSNR %5.2f dB median, %5.2f min"
        "  quality %.0f  encodes %.0f  over budget %d\n",
        std::string(format_name(f)).c_str(), median(ms), median(kb),
        *std::max_element(kb.begin(), kb.end()), median(db),
        *std::min_element(db.begin(), db.end()), median(quality), median(encodes), over);
  }
  return 0;
}

// The palette encoding's compressor and row filters (png_write.cc's second
// table): the example's cards in every built-in layout at every preset size,
// each candidate's ms per encode (median of 3) on the palette cards and its bytes. Per layout and
// size: the median KB and ms; then each candidate's size against the first
// (today's encoding) as the largest per-layout growth of the median.
int palette(const std::string& only_size) {
  Renderer renderer;
  const std::string path =
      std::string(PLACARD_SOURCE_DIR) + "/examples/transforming-the-system/campaign.md";
  Content content = read_content(path);
  Brand brand = resolve_brand("", content, renderer.fonts());
  using R = PngTuning::Rows;
  using D = PngTuning::Deflate;
  struct Candidate {
    const char* name;
    PngTuning tuning;
  };
  const std::vector<Candidate> candidates = {
      {"none  libdeflate 5", {.level = 5}},  // today's: the others are compared with it
      // Level 0 stores the data uncompressed: what the encode costs besides
      // the matchfinder (palette, indices, checksums, chunks; and one copy more).
      {"none  stored", {.level = 0}},
      {"none  libdeflate 1", {.level = 1}},
      {"none  libdeflate 2", {.level = 2}},
      {"none  libdeflate 3", {.level = 3}},
      {"none  libdeflate 4", {.level = 4}},
      {"none  libdeflate 6", {.level = 6}},
      {"upr   libdeflate 1", {.level = 1, .rows = R::up_repeats}},
      {"upr   libdeflate 3", {.level = 3, .rows = R::up_repeats}},
      {"upr   libdeflate 5", {.level = 5, .rows = R::up_repeats}},
      {"up    libdeflate 1", {.level = 1, .rows = R::up}},
      {"up    zlib rle", {.level = 6, .rows = R::up, .deflate = D::zlib_rle}},
      {"none  zlib 1", {.level = 1, .deflate = D::zlib}},
      {"none  zlib 3", {.level = 3, .deflate = D::zlib}},
  };
  std::vector<double> worst_growth(candidates.size(), -1e9), all_ms(candidates.size(), 0);
  std::vector<std::vector<double>> ms_all(candidates.size());
  for (const auto& [layout_name, description] : list_layouts()) {
    Layout layout = load_layout(layout_name);
    for (const SizePreset& size : size_presets()) {
      if (!only_size.empty() && size.name != only_size) continue;
      std::vector<Pixmap> cards;
      for (const ContentCard& c : content.cards) {
        try {
          Card card = build_card(c, content.meta, layout, brand, size);
          PangoText& text = renderer.text_for(card.lang);
          CardLayout l = lay_out_card(card, text);
          place_anchored(card, l);
          load_images(card, renderer.images());
          if (output_format(card, FormatChoice{}) != ImageFormat::png) continue;
          Pixmap p = draw_card(card, l, text, renderer.images());
          // Only palette cards: an RGB card's encoding does not depend on these.
          if (encode_png(p, {})[25] == 3) cards.push_back(std::move(p));
        } catch (const DiagnosticError&) {
        }
      }
      if (cards.empty()) continue;
      std::printf("%-15s %-9s %zu cards\n", layout_name.c_str(), size.name.c_str(), cards.size());
      double base_kb = 0;
      for (size_t i = 0; i < candidates.size(); ++i) {
        std::vector<double> ms, kb;
        for (const Pixmap& p : cards) {
          std::vector<double> runs;
          std::string png;
          for (int r = 0; r < 3; ++r) {
            const double t = cpu_ms();
            png = encode_png(p, {}, candidates[i].tuning);
            runs.push_back(cpu_ms() - t);
          }
          ms.push_back(median(runs));
          ms_all[i].push_back(median(runs));
          kb.push_back(png.size() / 1024.0);
        }
        if (i == 0) base_kb = median(kb);
        const double growth = (median(kb) / base_kb - 1) * 100;
        worst_growth[i] = std::max(worst_growth[i], growth);
        std::printf("  %-20s %6.2f ms  %7.1f KB median  %+5.1f%%\n", candidates[i].name, median(ms),
                    median(kb), growth);
      }
    }
  }
  std::printf("over every layout and size:\n");
  for (size_t i = 0; i < candidates.size(); ++i)
    std::printf("  %-20s %6.2f ms median encode  worst median growth %+5.1f%%\n",
                candidates[i].name, median(ms_all[i]), worst_growth[i]);
  return 0;
}

// One card with a large photo, as a request for a personal card meets it
// (issue 16): the photo not yet decoded, so each render reads, decodes and
// draws it, then encodes the card (auto: JPEG, within the size's budget).
// Decoded whole (as before reduced decoding) and reduced, and with the photo
// already in the cache for comparison. PHOTO is a JPEG, PNG or WebP file.
int photo_card(const std::string& size_name, const std::string& photo, const std::string& what) {
  const fs::path dir =
      fs::temp_directory_path() / ("placard-bench-photo-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string bytes = read_file(photo);
  const ImageHeader header = read_image_header(bytes, photo);
  const std::string path =
      std::string(PLACARD_SOURCE_DIR) + "/examples/transforming-the-system/campaign.md";
  Content content = read_content(path);
  Layout layout = load_layout("photo");
  const SizePreset size = parse_sizes({size_name}, {})[0];
  const OutputSpec output{FormatChoice{}, budget_for(default_budgets(), size)};
  std::printf(
      "%s card, layout photo, with a %dx%d photo (%.1f MP, %.0f kB%s); auto format within %s;"
      " median of 7 (wall ms, CPU ms of the thread)\n",
      size_name.c_str(), header.width, header.height, header.width * double(header.height) / 1e6,
      bytes.size() / 1000.0, what.c_str(), human_size(output.budget).c_str());
  int copies = 0;
  for (const bool reduced : {false, true}) {
    Renderer renderer;
    renderer.images().set_reduced_decoding(reduced);
    Brand brand = resolve_brand("", content, renderer.fonts());
    // One warm-up card with the photo: fonts and glyphs loaded.
    brand.photo = photo;
    render_one(
        with_output(make_render_job(content.cards[1], content.meta, layout, brand, size), output),
        renderer);
    std::vector<double> wall, cpu, decode, draw, encode, kb;
    for (int i = 0; i < 7; ++i) {
      // A new name each time, so the cache has not seen the photo.
      const fs::path copy =
          dir / ("photo-" + std::to_string(copies++) + fs::path(photo).extension().string());
      fs::copy_file(photo, copy);
      brand.photo = copy.string();
      const double w0 = wall_ms(), c0 = cpu_ms();
      Rendered r = render_one(
          with_output(make_render_job(content.cards[1], content.meta, layout, brand, size), output),
          renderer);
      wall.push_back(wall_ms() - w0);
      cpu.push_back(cpu_ms() - c0);
      draw.push_back(renderer.times().draw);
      encode.push_back(renderer.times().encode);
      kb.push_back(r.bytes.size() / 1000.0);
      fs::remove(copy);
      // The decode alone, as the draw stage asks for it.
      const Card card = build_card(content.cards[1], content.meta, layout, brand, size);
      for (const CardItem& item : card.items)
        if (const auto* img = std::get_if<ImageItem>(&item); img && img->photo) {
          const DecodeOptions o =
              reduced ? decode_options_for(*img, header, Limits{}) : DecodeOptions{};
          const double d0 = cpu_ms();
          decode_image(bytes, photo, o);
          decode.push_back(cpu_ms() - d0);
        }
    }
    int reduction = 1;
    if (reduced) {
      const Card card = build_card(content.cards[1], content.meta, layout, brand, size);
      for (const CardItem& item : card.items)
        if (const auto* img = std::get_if<ImageItem>(&item); img && img->photo)
          reduction = decode_reduction(header, decode_options_for(*img, header, Limits{}));
    }
    std::printf(
        "  %-22s %7.1f ms wall  %7.1f ms CPU  (decode %6.1f, draw incl. decode %6.1f,"
        " encode %5.1f)  %6.1f kB\n",
        reduced ? ("reduced decode 1/" + std::to_string(reduction)).c_str() : "whole decode",
        median(wall), median(cpu), median(decode), median(draw), median(encode), median(kb));
    // The same card again: the photo is in the cache.
    std::vector<double> cached;
    for (int i = 0; i < 7; ++i) {
      const double w0 = wall_ms();
      render_one(
          with_output(make_render_job(content.cards[1], content.meta, layout, brand, size), output),
          renderer);
      cached.push_back(wall_ms() - w0);
    }
    std::printf("  %-22s %7.1f ms wall\n", "  photo already decoded", median(cached));
  }
  fs::remove_all(dir);
  return 0;
}

// Without a PHOTO: the tests' noisy stand-in for a camera photo at
// 4000x3000 (12 MP), as ImageMagick's `convert -size 4000x3000
// plasma:fractal -attenuate 0.3 +noise Gaussian photo.jpg` writes it (quality
// 92, which ImageMagick stores 4:4:4) and as a phone camera does (4:2:0, q90).
int photo_cards(const std::string& size_name) {
  const fs::path dir =
      fs::temp_directory_path() / ("placard-bench-photos-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const Pixmap noisy = test::noisy_photo(4000, 3000);
  JpegTuning magick;
  magick.quality = 92;
  JpegTuning camera;
  camera.quality = 90;
  camera.subsample = true;
  const std::string a = (dir / "magick.jpg").string(), b = (dir / "camera.jpg").string();
  write_file_atomic(a, encode_jpeg(noisy, magick));
  write_file_atomic(b, encode_jpeg(noisy, camera));
  photo_card(size_name, a, ", q92 4:4:4 as ImageMagick writes it");
  photo_card(size_name, b, ", q90 4:2:0 as a phone camera writes it");
  fs::remove_all(dir);
  return 0;
}

double g_child_cpu_s = 0;  // user + system CPU of the last timed() child

// Runs argv, returns wall seconds; peak_mb gets the child's peak memory.
double timed(const std::vector<std::string>& args, double& child_peak_mb, int& code) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const double t = wall_ms();
  pid_t pid = fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  child_peak_mb = ru.ru_maxrss / 1024.0;
  g_child_cpu_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
                  ru.ru_stime.tv_usec / 1e6;
  return (wall_ms() - t) / 1000;
}

int end_to_end(int n, const std::string& placard) {
  const fs::path dir =
      fs::temp_directory_path() / ("placard-bench-run-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string deck = (dir / "deck.csv").string();
  write_file_atomic(deck, synthetic_deck(n));
  const std::string out = (dir / "out").string();
  double mb = 0;
  int code = 0;
  double s = timed({placard, "render", deck, "-o", out, "--sizes", "all", "-j", "2"}, mb, code);
  std::printf("render %d cards x 6 sizes -j 2: %.2f s wall, %.2f s CPU, peak %.1f MB, exit %d\n", n,
              s, g_child_cpu_s, mb, code);
  s = timed({placard, "render", deck, "-o", out, "--sizes", "all", "-j", "2"}, mb, code);
  std::printf("no-change re-run:                %.3f s wall, %.3f s CPU, peak %.1f MB, exit %d\n",
              s, g_child_cpu_s, mb, code);
  s = timed({placard, "render", deck, "-o", out, "--sizes", "all", "--check"}, mb, code);
  std::printf("--check:                         %.3f s wall, exit %d\n", s, code);
  std::vector<double> card_s, card_cpu;
  for (int i = 0; i < 7; ++i) {
    card_s.push_back(timed({placard, "card", "End 287(g) agreements now, in every county.", "-o",
                            (dir / "card.png").string()},
                           mb, code));
    card_cpu.push_back(g_child_cpu_s);
  }
  std::printf(
      "placard card (one og card, one process): %.1f ms wall, %.1f ms CPU (medians of 7), "
      "peak %.1f MB\n",
      median(card_s) * 1000, median(card_cpu) * 1000, mb);
  fs::remove_all(dir);
  return 0;
}

// What the output format costs end to end (issue 27: WebP about 10x PNG):
// `placard render` of the example campaign at og and story on one thread,
// every card rendered (--force), as PNG, JPEG and WebP in turn, so that a
// shared machine's drift falls on each format alike. Wall and CPU seconds,
// medians of N; the encoders' own share is in `encoder og`'s rows.
int formats(int n, const std::string& placard) {
  const fs::path dir =
      fs::temp_directory_path() / ("placard-bench-formats-" + std::to_string(getpid()));
  fs::remove_all(dir);
  const std::string content =
      std::string(PLACARD_SOURCE_DIR) + "/examples/transforming-the-system/campaign.md";
  const std::vector<std::string> names{"png", "jpeg", "webp"};
  std::map<std::string, std::vector<double>> wall, cpu;
  std::map<std::string, int> failed;
  for (int i = 0; i < n; ++i)
    for (const std::string& f : names) {
      double mb = 0;
      int code = 0;
      wall[f].push_back(timed({placard, "render", content, "-o", (dir / f).string(), "--sizes",
                               "og,story", "--format", f, "-j", "1", "--force"},
                              mb, code));
      cpu[f].push_back(g_child_cpu_s);
      failed[f] += code != 0;
    }
  std::printf("render the example at og,story -j 1 --force (medians of %d):\n", n);
  for (const std::string& f : names) {
    int images = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir / f))
      images += e.path().extension() == "." + std::string(f == "jpeg" ? "jpg" : f);
    std::printf("  %-5s %2d images  %6.2f s wall  %6.2f s CPU  %5.1fx PNG's CPU%s\n", f.c_str(),
                images, median(wall[f]), median(cpu[f]), median(cpu[f]) / median(cpu["png"]),
                failed[f] ? "  (a run failed)" : "");
  }
  fs::remove_all(dir);
  return 0;
}

// A stand-in for a phone photo: a sky-to-ground gradient, a sun, and grain
// (a hash of the position, so the same bytes every time), which makes the
// JPEG about as large as a camera's.
int make_photo(int w, int h, const std::string& out) {
  Pixmap p = Pixmap::make(w, h);
  for (int y = 0; y < h; ++y) {
    const double t = double(y) / h;
    for (int x = 0; x < w; ++x) {
      std::uint32_t n = std::uint32_t(x) * 73856093u ^ std::uint32_t(y) * 19349663u;
      n = (n ^ (n >> 13)) * 0x5bd1e995u;
      const int grain = int(n >> 27) - 16;
      const double dx = x - 0.7 * w, dy = y - 0.3 * h;
      const double sun = std::max(0.0, 1 - std::sqrt(dx * dx + dy * dy) / (0.15 * w));
      auto c = [&](double sky, double ground) {
        return uint8_t(std::clamp(int(sky * (1 - t) + ground * t + 120 * sun + grain), 0, 255));
      };
      p.set_rgba(x, y, {c(120, 70), c(160, 90), c(220, 40), 255});
    }
  }
  JpegTuning tuning;
  tuning.quality = 90;
  tuning.subsample = true;
  write_file_atomic(out, encode_jpeg(p, tuning));
  return 0;
}

}  // namespace

int brand_fonts(const std::string& brand_path, int n) {
  auto now = [] { return std::chrono::steady_clock::now(); };
  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
  std::vector<double> check, load, card_brand, card_bundled;
  const Layout layout = load_layout("standard");
  const SizePreset og = parse_sizes({"og"}, {})[0];
  for (int i = 0; i < n; ++i) {
    Renderer renderer;
    Content none;
    auto t0 = now();
    const Brand brand = resolve_brand(brand_path, none, renderer.fonts());
    auto t1 = now();
    Fonts set(fonts_dir(), brand.font_set);
    auto t2 = now();
    check.push_back(ms(t0, t1));
    load.push_back(ms(t1, t2));
    const Brand bundled = resolve_brand(default_brand_path(), none, renderer.fonts());
    ContentCard card = statement_card("Doors open at six, with a few more words to set");
    render_one(make_render_job(card, {}, layout, brand, og), renderer);  // the font set loads here
    render_one(make_render_job(card, {}, layout, bundled, og), renderer);
    card.headline.spans[0].text += " again";
    auto t3 = now();
    render_one(make_render_job(card, {}, layout, brand, og), renderer);
    auto t4 = now();
    render_one(make_render_job(card, {}, layout, bundled, og), renderer);
    auto t5 = now();
    card_brand.push_back(ms(t3, t4));
    card_bundled.push_back(ms(t4, t5));
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  std::printf("brand fonts of %s (wall ms, median of %d)\n", brand_path.c_str(), n);
  std::printf("  read and check the files   %7.2f\n", median(check));
  std::printf("  load the brand's font set  %7.2f\n", median(load));
  std::printf("  a card, brand fonts        %7.2f\n", median(card_brand));
  std::printf("  a card, bundled fonts      %7.2f\n", median(card_bundled));
  return 0;
}

int main(int argc, char** argv) {
  std::vector<std::string> a(argv + 1, argv + argc);
  try {
    if (a.size() == 3 && a[0] == "stages") return stages(std::stoi(a[1]), a[2]);
    if (a.size() == 2 && a[0] == "encoder") return encoder(a[1], 0, "");
    if (a.size() == 2 && a[0] == "deck") {
      std::fputs(synthetic_deck(std::stoi(a[1])).c_str(), stdout);
      return 0;
    }
    if (a.size() <= 2 && !a.empty() && a[0] == "palette") return palette(a.size() == 2 ? a[1] : "");
    if (a.size() == 3 && a[0] == "encoder") {
      const bool count = !a[2].empty() && std::isdigit(static_cast<unsigned char>(a[2][0]));
      return encoder(a[1], count ? std::stoi(a[2]) : 0, count ? "" : a[2]);
    }
    if (a.size() == 4 && a[0] == "encoder") return encoder(a[1], 0, a[2], a[3]);
    if (a.size() == 1 && a[0] == "scripts") return scripts();
    if (a.size() == 4 && a[0] == "make-photo")
      return make_photo(std::stoi(a[1]), std::stoi(a[2]), a[3]);
    if (a.size() == 2 && a[0] == "photo") return photo_cards(a[1]);
    if (a.size() == 3 && a[0] == "photo") return photo_card(a[1], a[2], "");
    if (a.size() == 3 && a[0] == "brand-fonts") return brand_fonts(a[1], std::stoi(a[2]));
    if (a.size() >= 2 && a[0] == "dumps") return dumps({a.begin() + 1, a.end()});
    if (a.size() >= 3 && a[0] == "budget") return budget(a[1], a[2], {a.begin() + 3, a.end()});
    if (a.size() == 3 && a[0] == "run") return end_to_end(std::stoi(a[1]), a[2]);
    if (a.size() == 3 && a[0] == "formats") return formats(std::stoi(a[1]), a[2]);
    if (a.size() == 5 && a[0] == "urls") return urls(std::stoi(a[1]), a[2], a[3], a[4]);
  } catch (const DiagnosticError& e) {
    std::fprintf(stderr, "%s", format_diagnostic(e.diagnostic()).c_str());
    return 1;
  }
  std::fprintf(
      stderr,
      "usage: placard_bench stages N SIZE | encoder SIZE [N|LAYOUT [PHOTO]] | palette [SIZE] | "
      "deck N | photo SIZE [PHOTO]"
      " | make-photo W H OUT.jpg | run N PATH-TO-PLACARD | formats N PATH-TO-PLACARD"
      " | urls N KEY-FILE LAYOUT SIZE | scripts | brand-fonts BRAND.yaml N | dumps CONTENT..."
      " | budget SLOGANS.yaml BRAND.yaml CONTENT...\n");
  return 2;
}
