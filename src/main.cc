// placard: the command line. The only place that decides exit codes:
// 0 success, 1 bad input, 2 bad usage, 3 I/O or internal failure.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <tuple>

#include <unistd.h>

#include "base/file_io.h"
#include "base/output_guard.h"
#include "batch/merge.h"
#include "batch/personal.h"
#include "batch/watch.h"
#include "cli/cli.h"
#include "diff/diff_folders.h"
#include "diff/report_json.h"
#include "diff/report_text.h"
#include "diff/write_report.h"
#include "gallery/gallery.h"
#include "image/encode.h"
#include "image/image_read.h"
#include "layout/budgets.h"
#include "layout/layout_file.h"
#include "layout/platforms.h"
#include "layout/sizes.h"
#include "render/layout_dump.h"
#include "render/pipeline.h"
#include "serve/server.h"
#include "serve/signing.h"

using namespace placard;
namespace fs = std::filesystem;

namespace {

int exit_code(FailureKind kind) {
  switch (kind) {
    case FailureKind::bad_input:
      return 1;
    case FailureKind::usage:
      return 2;
    case FailureKind::io:
      return 3;
  }
  return 3;
}

int run_sizes() {
  std::printf("%-10s %-10s %s\n", "name", "pixels", "use");
  for (const SizePreset& p : size_presets()) {
    std::string px = std::to_string(p.width) + "x" + std::to_string(p.height);
    std::string use = p.label;
    if (p.safe_top > 0 || p.safe_bottom > 0 || p.safe_left > 0 || p.safe_right > 0)
      use += " (text kept in x " + std::to_string(int(p.safe_left * p.width + 0.5)) + "-" +
             std::to_string(int((1 - p.safe_right) * p.width + 0.5)) + ", y " +
             std::to_string(int(p.safe_top * p.height + 0.5)) + "-" +
             std::to_string(int((1 - p.safe_bottom) * p.height + 0.5)) + ")";
    std::printf("%-10s %-10s %s\n", p.name.c_str(), px.c_str(), use.c_str());
  }
  std::printf("%-10s %-10s %s\n", "all", "", "every preset above");
  std::printf("%-10s %-10s %s\n", "WxH", "", "any custom size, e.g. 1500x500");
  return 0;
}

// Each size, its budget and the surfaces it is checked against: what each
// crops and covers (in the size's px), its byte limit and where that comes from.
int run_platforms() {
  const Budgets& budgets = default_budgets();
  for (const SizePreset& p : size_presets()) {
    const std::int64_t budget = budget_for(budgets, p);
    std::printf("%s %dx%d%s\n", p.name.c_str(), p.width, p.height,
                budget > 0 ? (", budget " + human_size(budget)).c_str() : "");
    for (const Surface& s : p.surfaces) {
      std::string line = s.platform + ": " + s.shows;
      const Rect shown = shown_area(s.crop, p.width, p.height);
      if (s.crop.kind != SurfaceCrop::Kind::none) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "; shows x %.0f-%.0f, y %.0f-%.0f", shown.x, shown.right(),
                      shown.y, shown.bottom());
        line += buf;
      }
      for (const CoveredArea& c : covered_areas(s, p.width, p.height)) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "; %s covers x %.0f-%.0f, y %.0f-%.0f", c.name.c_str(),
                      c.area.x, c.area.right(), c.area.y, c.area.bottom());
        line += buf;
      }
      if (s.bytes > 0) line += "; up to " + human_size(s.bytes);
      std::string formats;
      for (const std::string& f : s.formats) formats += (formats.empty() ? "" : ", ") + f;
      if (!formats.empty()) line += "; " + formats;
      std::printf("  %-16s %s\n", s.name.c_str(), line.c_str());
      for (const std::string& src : s.sources)
        std::printf("  %-16s   source: %s\n", "", src.c_str());
    }
  }
  std::printf("(%s; --platforms NAME,... checks only those surfaces or platforms)\n",
              default_platforms().path.c_str());
  return 0;
}

int run_layouts() {
  for (const auto& [name, description] : list_layouts())
    std::printf("%-16s %s\n", name.c_str(), description.c_str());
  return 0;
}

// The format of one image written to `out_file`: --format, else the file's
// extension. An extension that is no image format, or that names another
// format than --format, is refused: a file's name never lies about its bytes.
OutputSpec output_for(const std::string& out_file, const std::string& format_option) {
  const std::optional<ImageFormat> by_name = format_of_path(out_file);
  if (!by_name)
    fail_usage("cannot tell an image format from the name '" + out_file + "'",
               {"end -o with .png, .jpg (.jpeg) or .webp"});
  OutputSpec output;
  output.format = {false, *by_name};
  if (format_option.empty()) return output;
  output.format = *parse_format_choice(format_option);
  if (!output.format.automatic && output.format.format != *by_name)
    fail_usage("--format " + format_option + " does not match the name '" + out_file + "'",
               {"end -o with ." + std::string(file_extension(output.format.format)) +
                ", or drop --format"});
  return output;
}

// With --format auto, the format is known once the card is built.
void check_written_format(const std::string& out_file, ImageFormat format) {
  if (format_of_path(out_file) != format)
    fail_usage("this card is a " + std::string(format_name(format)) + " image, but -o '" +
                   out_file + "' names another format",
               {"end -o with ." + std::string(file_extension(format)) +
                ", or give --format to match the name"});
}

// A layout given as a file (not a built-in name), else "".
std::string layout_file(const std::string& layout) {
  return is_layout_file(layout) ? layout : "";
}

int run_card(const CardCommand& cmd) {
  refuse_output_over_input(
      cmd.out_file,
      {{"--brand", cmd.brand}, {"--layout", layout_file(cmd.layout)}, {"--budgets", cmd.budgets}});
  Content content;
  content.path = "<command line>";
  content.meta.lang = cmd.lang;
  const ContentCard card = statement_card(cmd.text);
  content.cards.push_back(card);

  Renderer renderer(cmd.limits);
  Layout layout = resolve_layout(cmd.layout, content);
  Brand brand = resolve_brand(cmd.brand, content, renderer.fonts());
  std::vector<SizePreset> sizes = parse_sizes({cmd.size}, {});
  if (sizes.size() != 1) fail({}, "'placard card' renders one size; got '" + cmd.size + "'");
  // --format, else the file's extension (card.jpg is a JPEG).
  OutputSpec output = output_for(cmd.out_file, cmd.format);
  Budgets budgets = default_budgets();
  if (!cmd.budgets.empty()) budgets = load_budgets(cmd.budgets, budgets);
  output.budget = budget_for(budgets, sizes[0]);
  Rendered r = render_one(with_output(make_render_job(card, content.meta, layout, brand, sizes[0],
                                                      {cmd.kicker, cmd.footer}),
                                      output, cmd.strict),
                          renderer);
  check_written_format(cmd.out_file, r.format);
  for (const Diagnostic& w : r.layout.warnings) std::cerr << describe(w);
  write_file_atomic(cmd.out_file, r.bytes, Durability::later);  // one image, no manifest
  if (cmd.dump_layout) std::cout << dump_layout(r.card, r.layout);
  return 0;
}

// One supporter's card, with the same cleaning, limits and refused words
// as the server's POST /personal route.
int run_personal(const PersonalCommand& cmd) {
  refuse_output_over_input(cmd.out_file, {{"content", cmd.content_file}, {"--photo", cmd.photo}});
  const Limits& limits = cmd.limits;
  Renderer renderer(limits);
  PersonalPlan plan(cmd.content_file, cmd.size, limits, renderer);
  const PlannedCard& card = plan.card(cmd.card_id);
  const SourceLoc cli{"<command line>", 0, 0};
  std::map<std::string, std::string> raw;
  std::vector<std::string> names;
  for (const PersonalField& f : card.personalize->fields) names.push_back(f.name);
  for (const std::string& kv : cmd.fields) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos)
      fail_usage("--field '" + kv + "' is not NAME=VALUE", {"e.g. --field name=Ana"});
    const std::string name = kv.substr(0, eq);
    if (!card.personalize->field(name)) {
      auto hints = did_you_mean(name, names);
      std::string all;
      for (const std::string& n : names) all += (all.empty() ? "" : ", ") + n;
      hints.push_back("the campaign's fields: " + all);
      fail_usage("--field: unknown field '" + name + "'", hints);
    }
    raw[name] = kv.substr(eq + 1);
  }
  Supporter supporter;
  if (auto problem = supporter_fields(card, raw, supporter))
    fail(cli, problem->message, {"--field " + problem->field + "=VALUE"});
  const std::vector<SizePreset> sizes = parse_sizes({cmd.size}, {});
  if (sizes.size() != 1) fail({}, "'placard personal' renders one size; got '" + cmd.size + "'");
  Pixmap photo;
  if (!cmd.photo.empty()) {
    if (!card.personalize->photo)
      fail_usage("--photo: the campaign takes no photo for its cards",
                 {"set 'photo: true' under 'personalize:' in the front matter"});
    // A smaller decode (1/2, 1/4, 1/8) that still covers the photo's slot,
    // within 'photo-memory'.
    const auto [w, h] = supporter_photo_box(card, sizes[0]);
    photo = decode_image(read_file(cmd.photo, limits.image_bytes), cmd.photo,
                         photo_decode_options(limits, w, h));
    supporter.photo = &photo;
  }
  OutputSpec output = output_for(cmd.out_file, cmd.format);
  output.budget = budget_for(card.campaign->budgets, sizes[0]);
  Rendered r = render_personal(card, sizes[0], supporter, renderer, output);
  check_written_format(cmd.out_file, r.format);
  for (const Diagnostic& w : r.layout.warnings) std::cerr << describe(w);
  write_file_atomic(cmd.out_file, r.bytes, Durability::later);
  if (cmd.dump_layout) std::cout << dump_layout(r.card, r.layout);
  return 0;
}

int run_gallery(const GalleryCommand& cmd) {
  GalleryResult g = write_gallery({cmd.dir, cmd.base_url, cmd.lead, cmd.server});
  for (const Diagnostic& w : g.warnings) std::cerr << format_diagnostic(w);
  std::fprintf(stderr, "placard: gallery %s: %d card%s, %d language%s, %d ZIP%s, page %.1f kB",
               g.index.c_str(), g.cards, g.cards == 1 ? "" : "s", g.languages,
               g.languages == 1 ? "" : "s", g.zips, g.zips == 1 ? "" : "s",
               static_cast<double>(g.page_bytes) / 1000.0);
  if (g.removed_zips > 0)
    std::fprintf(stderr, "; %d old ZIP%s removed", g.removed_zips, g.removed_zips == 1 ? "" : "s");
  std::fprintf(stderr, "\n");
  return 0;
}

// A contact sheet is written even when some cards fail: it shows them, in
// red, with their errors. The exit code still reports the failure.
int run_proof(const ProofOptions& options) {
  refuse_output_over_input(options.out_file, {{"layout", layout_file(options.layout)},
                                              {"--brand", options.brand},
                                              {"--content", options.content}});
  if (format_of_path(options.out_file) != ImageFormat::png)
    fail_usage("a contact sheet is a PNG image; give -o a .png file, not '" + options.out_file +
               "'");
  Renderer renderer(options.limits);
  ProofResult r = render_proof(options, renderer);
  write_file_atomic(options.out_file, r.png);
  for (const Diagnostic& d : r.errors) std::cerr << describe(d);
  std::fprintf(stderr, "placard: contact sheet of %d cards in %s", r.cards,
               options.out_file.c_str());
  if (!r.errors.empty()) std::fprintf(stderr, ", %zu FAILED (see above)", r.errors.size());
  std::fprintf(stderr, "\n");
  return r.errors.empty() ? 0 : 1;
}

// Errors once each, in card order (a layout error shared by many cards is
// printed once).
void print_errors(const std::vector<Diagnostic>& errors) {
  std::set<std::string> printed;
  for (const Diagnostic& d : errors) {
    std::string text = describe(d);
    if (printed.insert(text).second) std::cerr << text;
  }
}

int exit_code_of(const BatchReport& r) {
  for (const Diagnostic& d : r.errors)
    if (d.kind == FailureKind::io) return 3;
  return r.errors.empty() ? 0 : 1;
}

std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// What a run says: errors and warnings, each with its place, removals and a
// summary line, on a terminal and a pipe (CI) alike; with --json the
// warnings are in the JSON. Returns the exit code.
int report_run(const BatchReport& r, const RenderOptions& o, bool json) {
  print_errors(r.errors);
  if (!json)
    for (const auto& f : r.brand_fonts) std::cerr << "placard: " << f << "\n";
  if (!json)
    for (const Diagnostic& w : r.warnings) std::cerr << describe(w);
  const fs::path dir(o.out_dir);
  if (o.check) {
    for (const OutputNote& n : r.wanting)
      std::cerr << "placard: " << n.why << ": " << (dir / n.file).string() << "\n";
    for (const OutputNote& n : r.removed)
      std::cerr << "placard: to remove (" << n.why << "): " << (dir / n.file).string() << "\n";
    const size_t bad = r.wanting.size() + r.removed.size();
    if (json) {
      std::cout << report_json(r, o);
    } else if (!r.errors.empty()) {
      std::cerr << "placard: check failed: " << plural(int(r.errors.size()), "error", "errors")
                << " above";
      if (r.failed_cards) std::cerr << ", " << r.failed_cards << " card(s) FAILED";
      if (bad) std::cerr << "; " << bad << " of " << r.outputs << " output(s) missing or stale";
      std::cerr << " in " << o.out_dir << "\n";
    } else if (bad) {
      std::cerr << "placard: " << bad << " of " << r.outputs << " output(s) missing or stale in "
                << o.out_dir << "; run 'placard render' without --check\n";
    } else {
      std::cerr << "placard: all " << plural(r.outputs, "output", "outputs") << " of "
                << plural(r.cards, "card", "cards") << " up to date in " << o.out_dir << "\n";
    }
    int code = exit_code_of(r);
    return code ? code : (bad ? 1 : 0);
  }
  for (const OutputNote& n : r.removed)
    std::cerr << "placard: removed " << (dir / n.file).string() << " (" << n.why << ")\n";
  if (json) {
    std::cout << report_json(r, o);
    return exit_code_of(r);
  }
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f s", r.seconds);
  std::string line = "placard: " + plural(r.cards, "card", "cards") + ": " +
                     plural(r.rendered, "image", "images") + " rendered, " +
                     std::to_string(r.up_to_date) + " up to date";
  if (!r.removed.empty()) line += ", " + std::to_string(r.removed.size()) + " removed";
  if (!r.warnings.empty()) line += ", " + plural(int(r.warnings.size()), "warning", "warnings");
  if (r.failed_cards) line += ", " + std::to_string(r.failed_cards) + " card(s) FAILED";
  line += " in " + o.out_dir + " (" + secs + ", " + plural(r.jobs, "thread", "threads") + ")";
  std::cerr << line << "\n";
  return exit_code_of(r);
}

// A run writes and removes files in its output folder: no content file may
// live there.
void refuse_content_in_output(const RenderOptions& o) {
  std::vector<NamedInput> inputs;
  for (const std::string& in : o.inputs) inputs.push_back({"content", in});
  refuse_input_inside_output(o.out_dir, inputs);
}

int run_render(const Options& options) {
  RenderOptions o = options.render;
  refuse_content_in_output(o);
  const bool tty = ::isatty(STDERR_FILENO) == 1;
  o.progress = tty && !options.json && !o.check;
  return report_run(run_batch(o), o, options.json);
}

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) {
  g_stop = true;
}

// Ctrl-C and SIGTERM set g_stop, which a long-running command polls to stop
// once what is in flight is done.
void stop_on_signals() {
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
}

int run_watch(const Options& options) {
  RenderOptions o = options.render;
  refuse_content_in_output(o);
  const bool tty = ::isatty(STDERR_FILENO) == 1;
  o.progress = tty;
  stop_on_signals();
  watch(
      o,
      [&](const BatchReport& r) {
        report_run(r, o, false);
        std::cerr << "placard: watching " << r.inputs.size() << " file(s); Ctrl-C stops\n";
      },
      g_stop);
  return 0;
}

// Runs a server (serve, preview) until SIGTERM or SIGINT, then lets the
// requests in flight finish. A client that hangs up is not a reason to stop.
template <typename ServerOptions>
int run_server(void (*server)(const ServerOptions&, const std::atomic<bool>&, std::FILE*,
                              std::FILE*),
               const ServerOptions& options) {
  stop_on_signals();
  std::signal(SIGPIPE, SIG_IGN);
  server(options, g_stop, stdout, stderr);
  return 0;
}

int run_keygen() {
  std::printf("%s\n", new_key_hex().c_str());
  return 0;
}

// A signed path serve can answer: a built-in layout or a layout file (signed
// by its name, as serve's --layout names it), and one size.
int run_sign(const SignCommand& c) {
  std::string layout = c.layout;
  if (!layout_file(layout).empty()) {
    if (!fs::is_regular_file(layout))
      fail_usage("--layout: layout file '" + layout + "' does not exist");
    layout = fs::path(layout).stem().string();
  } else {
    std::vector<std::string> names;
    for (const auto& [name, description] : list_layouts()) names.push_back(name);
    if (std::find(names.begin(), names.end(), layout) == names.end()) {
      auto hints = did_you_mean(layout, names);
      hints.push_back("a built-in layout, or the .yaml file the server was given with --layout");
      fail_usage("--layout: unknown layout '" + layout + "'", hints);
    }
  }
  if (parse_sizes({c.size}, {}).size() != 1)
    fail_usage("--size: a signed path is for one size; got '" + c.size + "'");
  QueryParams params = {{"headline", c.headline}};
  const std::pair<const char*, const std::string*> optional[] = {{"kicker", &c.kicker},
                                                                 {"body", &c.body},
                                                                 {"footer", &c.footer},
                                                                 {"lang", &c.lang},
                                                                 {"brand", &c.brand}};
  for (const auto& [name, value] : optional)
    if (!value->empty()) params.emplace_back(name, *value);
  // The CLI accepts only the names parse_format knows.
  const ImageFormat format = parse_format(c.format).value_or(ImageFormat::png);
  std::printf("%s\n",
              signed_render_path(load_key(c.key_file), layout, c.size, params, format).c_str());
  return 0;
}

int run_merge(const MergeCommand& cmd) {
  size_t cards = merge_files(cmd.inputs, cmd.out_file);
  std::cerr << "placard: merged " << cmd.inputs.size() << " shard manifest(s), " << cards
            << " card(s), into " << cmd.out_file << "\n";
  return 0;
}

// Exit 0 when nothing changed, 1 when something did (0 with --exit-zero).
// Folders that cannot be compared (no manifest, a manifest that cannot be
// read) are exit 2, so that they are never taken for "something changed".
int run_diff(const DiffCommand& cmd, bool json) {
  FolderDiff diff;
  try {
    diff = diff_folders({cmd.base_dir, cmd.new_dir, cmd.report_dir, cmd.jobs});
  } catch (const DiagnosticError& e) {
    std::cerr << describe(e.diagnostic());
    return e.diagnostic().kind == FailureKind::io ? 3 : 2;
  }
  write_report(diff, cmd.report_dir, cmd.report_url);
  for (const std::string& p : diff.problems) std::cerr << "placard: problem: " << p << "\n";
  for (const CardDiff& c : diff.cards)
    for (const OutputDiff& o : c.outputs)
      for (const std::string& p : o.problems) std::cerr << "placard: problem: " << p << "\n";
  if (json) std::cout << report_json(diff);
  std::cerr << "placard: " << totals_text(diff) << "; report in "
            << (fs::path(cmd.report_dir) / "index.html").string() << "\n";
  return diff.changed() && !cmd.exit_zero ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"placard"};
  Options options;
  build_cli(app, options);
  // An unknown command or option, with a did-you-mean, before CLI11 takes it
  // for a value of something else.
  if (auto unknown = unknown_word(app, std::vector<std::string>(argv + 1, argv + argc))) {
    std::cerr << format_diagnostic(*unknown);
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (!options.platforms_file.empty()) use_platforms_file(options.platforms_file);
    switch (options.command) {
      case Command::sizes:
        return run_sizes();
      case Command::platforms:
        return run_platforms();
      case Command::layouts:
        return run_layouts();
      case Command::card:
        return run_card(options.card);
      case Command::personal:
        return run_personal(options.personal);
      case Command::render: {
        int code = run_render(options);
        if (options.render.check) return code;
        GalleryCommand gallery = options.gallery;
        gallery.dir = options.render.out_dir;
        if (!options.render_gallery) {
          // A folder with a download page keeps it in step with its manifest,
          // written again as it was last asked for.
          const auto recorded = recorded_gallery(options.render.out_dir);
          if (!recorded) return code;
          gallery.base_url = recorded->base_url;
          gallery.lead = recorded->lead;
          gallery.server = recorded->server;
        }
        int gallery_code = run_gallery(gallery);
        return code != 0 ? code : gallery_code;
      }
      case Command::gallery:
        return run_gallery(options.gallery);
      case Command::merge:
        return run_merge(options.merge);
      case Command::diff:
        return run_diff(options.diff, options.json);
      case Command::watch:
        return run_watch(options);
      case Command::proof:
        return run_proof(options.proof);
      case Command::serve:
        return run_server(serve, options.serve);
      case Command::keygen:
        return run_keygen();
      case Command::preview:
        return run_server(run_preview, options.preview);
      case Command::sign:
        return run_sign(options.sign);
      case Command::none:
        break;
    }
    return 2;
  } catch (const DiagnosticError& e) {
    std::cerr << describe(e.diagnostic());
    return exit_code(e.diagnostic().kind);
  } catch (const std::exception& e) {
    std::cerr << "placard: internal error: " << e.what() << "\n";
    return 3;
  }
}
