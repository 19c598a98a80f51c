#include "gallery/gallery.h"

#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "base/diagnostics.h"
#include "base/file_io.h"
#include "base/resources.h"
#include "batch/manifest.h"
#include "gallery/gallery_model.h"
#include "gallery/gallery_page.h"
#include "gallery/zip_write.h"

namespace fs = std::filesystem;

namespace placard {

namespace {

// The archives the last gallery in `dir` wrote; nothing when there is no
// record or it cannot be read (then nothing is removed).
std::set<std::string> recorded_zips(const fs::path& dir) {
  std::set<std::string> out;
  const fs::path record = dir / kGalleryRecord;
  if (!fs::exists(record)) return out;
  try {
    const auto json = nlohmann::json::parse(read_file(record.string()));
    for (const auto& f : json.at("zips")) {
      const std::string file = f.get<std::string>();
      // Only plain .zip names in the folder itself: a record edited to name
      // anything else is ignored.
      if (file.ends_with(".zip") && file.find('/') == std::string::npos && file[0] != '.')
        out.insert(file);
    }
  } catch (const std::exception&) {
  }
  return out;
}

}  // namespace

std::optional<GalleryOptions> recorded_gallery(const std::string& dir) {
  const fs::path record = fs::path(dir) / kGalleryRecord;
  if (!fs::is_regular_file(record) || !fs::is_regular_file(fs::path(dir) / "index.html"))
    return std::nullopt;
  GalleryOptions options;
  options.dir = dir;
  try {
    const auto json = nlohmann::json::parse(read_file(record.string()));
    options.base_url = json.value("base_url", "");
    options.lead = json.value("lead", "");
    options.server = json.value("server", "");
  } catch (const std::exception&) {
    // A record of an older page (or one edited by hand): the page is still
    // Placard's, made again with the defaults.
  }
  return options;
}

GalleryResult write_gallery(const GalleryOptions& options) {
  const fs::path dir(options.dir);
  const fs::path assets(gallery_dir());
  auto in_dir = [&dir](const std::string& rel) { return (dir / rel).string(); };

  // Read the manifest and every card it lists.
  GalleryInput input;
  input.manifest_path = in_dir("manifest.json");
  input.manifest =
      manifest_from_json(read_file_under(options.dir, "manifest.json"), input.manifest_path);
  input.base_url = options.base_url;
  input.lead = options.lead;
  input.server = options.server;
  std::map<std::string, std::string> pngs;
  GalleryResult result;
  for (ManifestCard& card : input.manifest.cards) {
    std::vector<ManifestOutput> kept;
    for (ManifestOutput& o : card.outputs) {
      check_relative_file(o.file, input.manifest_path);
      if (!pngs.contains(o.file)) {
        // Only regular files inside the folder: no link is followed. A file
        // reached through one is left off the page and out of the ZIPs.
        std::string link;
        std::optional<std::string> bytes = read_regular_file_under(options.dir, o.file, link);
        if (!bytes) {
          Diagnostic w;
          w.severity = Severity::warning;
          w.kind = FailureKind::io;
          w.loc = {input.manifest_path};
          w.message = "skipped '" + o.file + "': '" + link +
                      "' is a symbolic link, and the gallery follows no link";
          w.hints = {"put the file itself in the folder if it belongs on the page"};
          result.warnings.push_back(std::move(w));
          continue;
        }
        input.file_bytes[o.file] = bytes->size();
        pngs[o.file] = std::move(*bytes);
      }
      kept.push_back(std::move(o));
    }
    card.outputs = std::move(kept);
  }

  auto pngs_under = [&pngs](const std::string& folder) {
    auto it = pngs.lower_bound(folder);
    return it != pngs.end() && it->first.starts_with(folder);
  };

  // Pack one archive per language and size.
  std::vector<ZipPlan> plans = plan_zips(input.manifest);
  std::vector<std::pair<std::string, std::string>> archives;  // file, bytes
  for (const ZipPlan& plan : plans) {
    std::vector<ZipEntry> entries;
    for (const ZipPlan::Entry& e : plan.entries) entries.push_back({e.name, pngs.at(e.file)});
    archives.emplace_back(plan.file, make_zip(entries));
    input.file_bytes[plan.file] = archives.back().second.size();
  }

  // Lay out the page.
  const std::string template_path = (assets / "index.html.mustache").string();
  GalleryStrings strings = load_gallery_strings((assets / "strings.yaml").string());
  const nlohmann::json model = gallery_model(input, strings);
  std::string html = render_gallery_page(read_file(template_path), template_path, model);
  std::string css = read_file((assets / "gallery.css").string());
  std::string js = read_file((assets / "gallery.js").string());
  // The panel's script starts with its cards' fields and its words, so the
  // page itself carries none of them (it has a weight budget), and the
  // panel works from file:// too.
  std::string panel_js = "window.placardPanel = " + model["personal_panel"].dump() + ";\n" +
                         read_file((assets / "personal.js").string());
  std::string panel_css = read_file((assets / "personal.css").string());
  // The Share buttons' script, loaded after gallery.js, with its words
  // before it in the same way.
  std::string share_js = "window.placardShareWords = " + model["share_words"].dump() + ";\n" +
                         read_file((assets / "share.js").string());
  std::string share_css = read_file((assets / "share.css").string());

  // Write what the page links to first, the page itself last; then forget
  // the archives the old page offered and this one does not.
  std::set<std::string> stale = recorded_zips(dir);
  nlohmann::json record = {{"zips", nlohmann::json::array()},
                           {"base_url", options.base_url},
                           {"lead", options.lead},
                           {"server", options.server}};
  for (const auto& [file, bytes] : archives) {
    write_file_atomic(in_dir(file), bytes);
    record["zips"].push_back(file);
    stale.erase(file);
  }
  write_file_atomic(in_dir("gallery.css"), css);
  write_file_atomic(in_dir("gallery.js"), js);
  write_file_atomic(in_dir("personal.css"), panel_css);
  write_file_atomic(in_dir("personal.js"), panel_js);
  write_file_atomic(in_dir("share.css"), share_css);
  write_file_atomic(in_dir("share.js"), share_js);
  // What GET /personal answers where no Placard server runs: no card may be
  // personalised here. The page asks "personal" beside itself, so on a static
  // host it reads this file (and shows no panel, and logs no 404), while
  // placard serve --root answers the same path itself. A card with the id
  // "personal" has that folder: then there is no such file, and a static
  // host answers 404 (the page still shows no panel).
  if (!pngs_under("personal/")) write_file_atomic(in_dir("personal"), kNoPersonalCards);
  write_file_atomic(in_dir("index.html"), html);
  write_file_atomic(in_dir(kGalleryRecord), record.dump(2) + "\n");
  for (const std::string& file : stale) remove_file_if_exists(in_dir(file));

  result.index = in_dir("index.html");
  result.cards = static_cast<int>(input.manifest.cards.size());
  result.languages = static_cast<int>(gallery_editions(input.manifest).size());
  result.zips = static_cast<int>(archives.size());
  result.removed_zips = static_cast<int>(stale.size());
  result.page_bytes = html.size() + css.size() + js.size();
  result.panel_bytes = panel_js.size() + panel_css.size();
  result.share_bytes = share_js.size() + share_css.size();
  return result;
}

}  // namespace placard
