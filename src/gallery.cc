#include "gallery.h"

#include <filesystem>
#include <map>

#include "diagnostics.h"
#include "file_io.h"
#include "gallery_model.h"
#include "gallery_page.h"
#include "manifest.h"
#include "resources.h"
#include "zip_write.h"

namespace fs = std::filesystem;

namespace placard {

GalleryResult write_gallery(const GalleryOptions& options) {
  const fs::path dir(options.dir);
  const fs::path assets(gallery_dir());
  auto in_dir = [&dir](const std::string& rel) { return (dir / rel).string(); };

  // Read the manifest and every card it lists.
  GalleryInput input;
  input.manifest_path = in_dir("manifest.json");
  input.manifest = manifest_from_json(read_file(input.manifest_path), input.manifest_path);
  input.base_url = options.base_url;
  input.lead = options.lead;
  std::map<std::string, std::string> pngs;
  for (const ManifestCard& card : input.manifest.cards) {
    for (const ManifestOutput& o : card.outputs) {
      check_relative_file(o.file, input.manifest_path);
      if (pngs.contains(o.file)) continue;
      pngs[o.file] = read_file(in_dir(o.file));
      input.file_bytes[o.file] = pngs[o.file].size();
    }
  }

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
  std::string html =
      render_gallery_page(read_file(template_path), template_path, gallery_model(input, strings));
  std::string css = read_file((assets / "gallery.css").string());
  std::string js = read_file((assets / "gallery.js").string());

  // Write what the page links to first, the page itself last.
  for (const auto& [file, bytes] : archives) write_file_atomic(in_dir(file), bytes);
  write_file_atomic(in_dir("gallery.css"), css);
  write_file_atomic(in_dir("gallery.js"), js);
  write_file_atomic(in_dir("index.html"), html);

  GalleryResult result;
  result.index = in_dir("index.html");
  result.cards = static_cast<int>(input.manifest.cards.size());
  result.languages = static_cast<int>(gallery_editions(input.manifest).size());
  result.zips = static_cast<int>(archives.size());
  result.page_bytes = html.size() + css.size() + js.size();
  return result;
}

}  // namespace placard
