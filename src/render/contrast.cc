#include "render/contrast.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace placard {

ContrastResult measure_contrast(const Color& text, const TextBackdrop& d) {
  // The masked pixels counted by background colour (a backdrop has a few
  // colours, mostly in long runs), then the contrast of each colour. The
  // worst 1% of pixels is left out, so a speck of a photo under one letter
  // does not fail a card, and a band under a word does.
  std::unordered_map<uint32_t, int> counts;  // premultiplied 0xAARRGGBB -> pixels
  const int w = d.background.width, h = d.background.height;
  for (int y = 0; y < h; ++y) {
    const uint8_t* mask = d.mask.data() + size_t(y) * w;
    uint32_t run_colour = 0;
    int run = 0;
    for (int x = 0; x < w; ++x) {
      if (mask[x] < 128) continue;
      const uint32_t v = d.background.argb(x, y);
      if (run > 0 && v != run_colour) {
        counts[run_colour] += run;
        run = 0;
      }
      run_colour = v;
      ++run;
    }
    if (run > 0) counts[run_colour] += run;
  }
  struct Shade {
    double ratio;
    uint32_t rgb;
    int pixels;
    Color bg;
  };
  std::vector<Shade> shades;
  ContrastResult r;
  for (const auto& [argb, n] : counts) {
    const uint32_t a = argb >> 24;
    const Rgba p{unpremultiply((argb >> 16) & 0xff, a), unpremultiply((argb >> 8) & 0xff, a),
                 unpremultiply(argb & 0xff, a), static_cast<uint8_t>(a)};
    const Color bg{p.r / 255.0, p.g / 255.0, p.b / 255.0, 1};
    shades.push_back({contrast_ratio(over(text, bg), bg),
                      uint32_t(p.r) << 16 | uint32_t(p.g) << 8 | p.b, n, bg});
    r.pixels += n;
  }
  if (shades.empty()) return r;
  // The pixel of rank pixels/100 in order of contrast, lowest first.
  std::sort(shades.begin(), shades.end(), [](const Shade& x, const Shade& y) {
    return x.ratio != y.ratio ? x.ratio < y.ratio : x.rgb < y.rgb;
  });
  const int k = r.pixels / 100;
  int below = 0;
  for (const Shade& s : shades) {
    below += s.pixels;
    if (below > k) {
      r.ratio = s.ratio;
      r.worst_background = s.bg;
      break;
    }
  }
  return r;
}

namespace {

std::string ratio_text(double r) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f:1", std::floor(r * 100) / 100);
  return buf;
}

}  // namespace

std::vector<Diagnostic> check_contrast(const Card& card, const std::vector<TextBackdrop>& backdrops,
                                       std::vector<ContrastFailure>* failures) {
  std::vector<const TextFrame*> frames;
  for (const CardItem& item : card.items)
    if (const auto* f = std::get_if<TextFrame>(&item)) frames.push_back(f);
  std::vector<Diagnostic> out;
  for (const TextBackdrop& d : backdrops) {
    const TextFrame& frame = *frames.at(d.frame);
    if (!frame.check_contrast) continue;
    const TextBlock& b = frame.blocks.at(d.block);
    bool strong = false, em = false;
    for (const Span& s : b.text.spans) {
      strong |= s.strong;
      em |= s.em && !s.strong;
    }
    struct Use {
      Color color;
      int weight;
      const char* what;
    };
    std::vector<Use> uses = {{b.style.color, b.style.font.weight, ""}};
    if (strong && !(b.style.strong_color == b.style.color))
      uses.push_back({b.style.strong_color, b.style.strong_weight, " (strong)"});
    if (em && !(b.style.em_color == b.style.color))
      uses.push_back({b.style.em_color, b.style.font.weight, " (em)"});
    for (const Use& u : uses) {
      const bool large = is_large_text(d.size, u.weight);
      const double need = large ? 3.0 : 4.5;
      const ContrastResult r = measure_contrast(u.color, d);
      if (r.pixels == 0 || r.ratio >= need) continue;
      char size[32];
      std::snprintf(size, sizeof size, "%.1fpx", d.size);
      Diagnostic diag;
      diag.loc = frame.loc.file.empty() ? card.loc : frame.loc;
      diag.message = "card '" + card.id + "' (" + card.size_name + " " +
                     std::to_string(card.width) + "x" + std::to_string(card.height) +
                     "): " + b.field + u.what + " text " + hex_color(u.color) + " has contrast " +
                     ratio_text(r.ratio) + " against the background drawn under it (" +
                     hex_color(r.worst_background) + "); WCAG 2.2 needs " +
                     (large ? "3:1 for large text" : "4.5:1 for text") + " at " + size;
      diag.hints = {
          "use a text colour role that stands out from what is under the text, "
          "darken the tint, or move the frame"};
      out.push_back(std::move(diag));
      if (failures)
        failures->push_back({d.frame, d.block, b.field + u.what, std::floor(r.ratio * 100) / 100,
                             need, d.size, hex_color(u.color), hex_color(r.worst_background)});
      break;
    }
  }
  return out;
}

}  // namespace placard
