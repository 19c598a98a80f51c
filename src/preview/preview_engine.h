// The engine behind `placard preview`: every card of the content files at
// every chosen size, rendered by the same render_one() as `placard render`,
// held in memory, and rendered again only where an input changed.
//
// For each card × size it knows the files the image depends on: the content
// file, the layout (YAML or SVG) and the images it draws at that size (SVG
// templates, pictures), the brand with its logo and photo, and the fonts. A
// refresh reads every file again (a few ms), works out each output's digest
// from its card's text and settings and from those files' bytes, and renders
// only the outputs whose digest changed. So a word changed in one card
// renders that card's sizes, a logo saved renders the cards that show it, and
// a font saved renders everything.
//
// A file that cannot be read, and a card that cannot be rendered, become
// diagnostics with their place and source line; the last image that did
// render stays, marked as not current.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/run_limits.h"
#include "content/content.h"
#include "image/encode.h"
#include "layout/sizes.h"
#include "layout/template.h"
#include "render/contrast.h"

namespace placard {

class Renderer;

struct PreviewOptions {
  std::vector<std::string> inputs;  // content files
  std::string layout;               // "" = the card's, the campaign's, else "standard"
  std::string brand;                // "" = the front matter's, else the built-in brand
  std::vector<std::string> sizes;   // empty = the campaign's, else "og"
  int jobs = 2;                     // render threads, each with its own Renderer
  Limits limits;
};

// A character of the card that the brand's fonts lack, and the fallback
// font that drew it (only for a brand with fonts of its own).
struct PreviewFallback {
  std::string field;      // "headline"
  std::string character;  // UTF-8
  unsigned code = 0;      // its code point
  std::string font;       // the family that drew it
  bool operator==(const PreviewFallback&) const = default;
};

// One card at one size.
struct PreviewOutput {
  SizePreset size;
  std::string digest;             // of every input; "" when the card could not be planned
  std::vector<std::string> deps;  // the files this image depends on, sorted
  // The last image that rendered, in the format `placard render` writes
  // (within the size's budget), and its layout dump (with line geometry).
  // After an error they are from before it: `current` is then false.
  std::shared_ptr<const std::string> image, dump;
  ImageFormat format = ImageFormat::png;  // of `image`
  std::string version;                    // names image: the digest it was rendered from, 16 hex
  bool current = false;                   // image is the image of the inputs as they are now
  std::optional<Diagnostic> error;
  std::vector<ContrastFailure> contrast;  // texts that fail WCAG contrast
  bool contrast_blocks = false;       // the layout's policy is error: `placard render` would fail
  std::vector<std::string> warnings;  // e.g. characters no font has
  // With a brand's own fonts: each face the text is set in, as "family ·
  // file · instance" (the instance with its optical size at this size), and
  // the characters that fell back to another font.
  std::vector<std::string> faces;
  std::vector<PreviewFallback> fallbacks;
};

struct PreviewCard {
  std::string id;
  CardKind kind = CardKind::statement;
  SourceLoc loc;
  std::string alt;                     // what a screen reader hears
  std::string caption;                 // the share text, as on the gallery page
  std::vector<PreviewOutput> outputs;  // one per size of the card
  // The files of the card's brand's own fonts: role, file (relative to the
  // brand's folder), family, format, axes, the instance asked for, licence.
  // Empty when the brand uses the bundled fonts only.
  std::vector<BrandFontFile> fonts;
};

// A layout or brand the page can pick.
struct PreviewChoice {
  std::string id;     // what the page sends back: "standard", "file:2"
  std::string label;  // "standard", or the path relative to the content's folder
  std::string path;   // built-in name or file path
};

struct PreviewState {
  long version = 0;               // increases with every refresh that changed something
  std::vector<SizePreset> sizes;  // every size some card has, in first-seen order
  std::vector<PreviewCard> cards;
  std::vector<Diagnostic> errors;  // content, layout and brand files that could not be read
  std::vector<PreviewChoice> layouts, brands;
  std::string layout, brand;  // the chosen ids; "" = what the content names
};

class PreviewEngine {
 public:
  explicit PreviewEngine(PreviewOptions options);
  ~PreviewEngine();
  PreviewEngine(const PreviewEngine&) = delete;
  PreviewEngine& operator=(const PreviewEngine&) = delete;

  // Reads every file again and renders what changed. Returns the outputs it
  // rendered (or tried to), as "id/size", in card order.
  std::vector<std::string> refresh();

  // Picks a layout and a brand by PreviewChoice::id ("" = the content's own)
  // and refreshes. Fails (usage) on an id that is not listed.
  std::vector<std::string> choose(const std::string& layout_id, const std::string& brand_id);

  // The state after the last refresh; never changes once returned.
  std::shared_ptr<const PreviewState> state() const;

  // The files to watch: every dependency of every output, the content files,
  // and the files listed in the pickers.
  std::vector<std::string> watched_files() const;

  // Images rendered since the engine started.
  long renders() const { return renders_; }

 private:
  struct Plan;
  struct Stale {
    PreviewOutput* out;
    size_t card;       // index of its card (and of the plan's job)
    std::string name;  // "id/size"
  };
  std::string file_digest_cached(const std::string& path);
  // Renders the outputs on up to options_.jobs threads, each with its Renderer.
  void render_stale(Plan& plan, std::vector<Stale>& stale);

  PreviewOptions options_;
  std::string chosen_layout_, chosen_brand_;  // ids
  std::vector<std::unique_ptr<Renderer>> renderers_;
  std::string renderer_inputs_;  // digest of fonts and images the renderers have loaded
  std::map<std::string, std::pair<std::string, std::string>>
      file_digests_;  // path → (stat key, digest)
  mutable std::mutex mu_;
  std::shared_ptr<const PreviewState> state_;
  std::atomic<long> renders_{0};
  std::mutex refresh_mu_;  // one refresh at a time
};

// Where changes come from: inotify in `placard preview`, a fake in tests.
class ChangeSource {
 public:
  virtual ~ChangeSource() = default;
  virtual void set_files(const std::vector<std::string>& files) = 0;
  // True when a watched file changed; waits at most `timeout_ms`.
  virtual bool wait(int timeout_ms) = 0;
};

// Refreshes whenever a watched file changes, until `stop`. Saves less than
// `settle_ms` apart count as one (an editor's write, rename and chmod, or a
// designer saving twice); `on_refresh` gets what each refresh rendered.
void run_preview_loop(PreviewEngine& engine, ChangeSource& changes,
                      const std::function<void(const std::vector<std::string>&)>& on_refresh,
                      const std::atomic<bool>& stop, int settle_ms = 40);

// The state as the page reads it (and as each Server-Sent Event carries it):
// sizes, pickers, file errors, and per card and size the image's version,
// bytes, error, contrast failures and warnings. No file system paths other
// than the ones diagnostics name.
std::string preview_state_json(const PreviewState& state);

// A diagnostic as JSON: place, message, hints, the source lines around it
// and the text the CLI would print (with the caret).
std::string diagnostic_json(const Diagnostic& d);

}  // namespace placard
