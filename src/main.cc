// placard: the command line. The only place that decides exit codes:
// 0 success, 1 bad input, 2 bad usage, 3 I/O or internal failure.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli.h"
#include "file_io.h"
#include "gallery.h"
#include "layout_dump.h"
#include "layout_file.h"
#include "pipeline.h"
#include "sizes.h"

using namespace placard;

namespace {

int exit_code(FailureKind kind) {
  switch (kind) {
    case FailureKind::bad_input: return 1;
    case FailureKind::usage: return 2;
    case FailureKind::io: return 3;
  }
  return 3;
}

int run_sizes() {
  std::printf("%-10s %-10s %s\n", "name", "pixels", "use");
  for (const SizePreset& p : size_presets()) {
    std::string px = std::to_string(p.width) + "x" + std::to_string(p.height);
    std::string use = p.label;
    if (p.safe_top > 0)
      use += " (text kept out of the top " + std::to_string(int(p.safe_top * 100 + 0.5)) +
             "% and bottom " + std::to_string(int(p.safe_bottom * 100 + 0.5)) + "%)";
    std::printf("%-10s %-10s %s\n", p.name.c_str(), px.c_str(), use.c_str());
  }
  std::printf("%-10s %-10s %s\n", "all", "", "every preset above");
  std::printf("%-10s %-10s %s\n", "WxH", "", "any custom size, e.g. 1500x500");
  return 0;
}

int run_layouts() {
  for (const auto& [name, description] : list_layouts())
    std::printf("%-16s %s\n", name.c_str(), description.c_str());
  return 0;
}

int run_card(const CardCommand& cmd) {
  Content content;
  content.path = "<command line>";
  content.meta.lang = cmd.lang;
  const ContentCard card = statement_card(cmd.text);
  content.cards.push_back(card);

  Renderer renderer;
  Layout layout = resolve_layout(cmd.layout, content);
  Brand brand = resolve_brand(cmd.brand, content, renderer.fonts());
  std::vector<SizePreset> sizes = parse_sizes({cmd.size}, {});
  if (sizes.size() != 1) fail({}, "'placard card' renders one size; got '" + cmd.size + "'");
  Rendered r = render_one(card, content.meta, layout, brand, sizes[0], renderer,
                          {cmd.kicker, cmd.footer});
  for (const auto& w : r.layout.warnings) std::cerr << "placard: warning: " << w << "\n";
  write_file_atomic(cmd.out_file, r.png);
  if (cmd.dump_layout) std::cout << dump_layout(r.card, r.layout);
  return 0;
}

int run_gallery(const GalleryCommand& cmd) {
  GalleryResult g = write_gallery({cmd.dir, cmd.base_url, cmd.lead});
  std::fprintf(stderr, "placard: gallery %s: %d card%s, %d language%s, %d ZIP%s, page %.1f kB\n",
               g.index.c_str(), g.cards, g.cards == 1 ? "" : "s", g.languages,
               g.languages == 1 ? "" : "s", g.zips, g.zips == 1 ? "" : "s",
               static_cast<double>(g.page_bytes) / 1000.0);
  return 0;
}

int run_render(const RenderOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  Renderer renderer;
  RunSummary s = render_campaigns(options, renderer, std::cerr);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "placard: %d card%s, %d PNG%s in %s in %.2f s", s.cards - s.failed_cards,
               s.cards - s.failed_cards == 1 ? "" : "s", s.outputs, s.outputs == 1 ? "" : "s",
               options.out_dir.c_str(), secs);
  if (!s.warnings.empty()) std::fprintf(stderr, ", %zu warning(s)", s.warnings.size());
  if (s.failed_cards) std::fprintf(stderr, ", %d card(s) FAILED (see above)", s.failed_cards);
  std::fprintf(stderr, "\n");
  return s.failed_cards ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"placard"};
  Options options;
  build_cli(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    switch (options.command) {
      case Command::sizes: return run_sizes();
      case Command::layouts: return run_layouts();
      case Command::card: return run_card(options.card);
      case Command::render: {
        int code = run_render(options.render);
        if (!options.render_gallery) return code;
        GalleryCommand gallery = options.gallery;
        gallery.dir = options.render.out_dir;
        int gallery_code = run_gallery(gallery);
        return code != 0 ? code : gallery_code;
      }
      case Command::gallery: return run_gallery(options.gallery);
      case Command::none: break;
    }
    return 2;
  } catch (const DiagnosticError& e) {
    std::cerr << format_diagnostic(e.diagnostic());
    return exit_code(e.diagnostic().kind);
  } catch (const std::exception& e) {
    std::cerr << "placard: internal error: " << e.what() << "\n";
    return 3;
  }
}
