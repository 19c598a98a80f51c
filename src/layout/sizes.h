// Output sizes: the named social presets and custom "WxH".
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/enum_names.h"
#include "layout/surface.h"

namespace placard {

enum class Orientation { landscape, square, portrait, story };
// The orientations by name, in enum order: what orientation_name() writes
// and what a layout's 'overrides' keys name.
inline constexpr EnumName<Orientation> kOrientations[] = {
    {Orientation::landscape, "landscape"},
    {Orientation::square, "square"},
    {Orientation::portrait, "portrait"},
    {Orientation::story, "story"},
};
const char* orientation_name(Orientation o);
Orientation orientation_of(int width, int height);

struct SizePreset {
  std::string name;  // "og", "story", or "1500x500" for custom sizes
  int width = 0, height = 0;
  std::string label;  // where it is used, e.g. "Instagram story"
  // Text-free margins as fractions of the canvas: what clears the bands the
  // surfaces' interfaces cover along the edges (a story's bars and rails).
  double safe_left = 0, safe_top = 0, safe_right = 0, safe_bottom = 0;
  // Where it is seen (platforms.yaml): what the platform check holds it to.
  // Shared by every copy of the size (the plan keeps one per card).
  SurfaceList surfaces;
};

// The presets, with the built-in platforms' surfaces and safe zones.
const std::vector<SizePreset>& size_presets();

// The preset names, without reading platforms.yaml.
const std::vector<std::string>& preset_names();

// Resolves "og", "all", "1500x500" (one spec or a comma-separated list) into
// presets, in the order given, without duplicates. Unknown names fail at loc
// with a "did you mean" hint.
std::vector<SizePreset> parse_sizes(const std::vector<std::string>& specs, const SourceLoc& loc);

inline constexpr int kMaxCanvasSide = 8192;

}  // namespace placard
