// The platforms' surfaces (platforms.yaml in the data folder, or a user's file
// over it): what each shows of a card, and which surfaces each size is for.
// The sizes' safe zones, their byte budgets and the platform check all come
// from here, so that they cannot disagree.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "layout/surface.h"

namespace placard {

struct Platforms {
  std::vector<Surface> surfaces;  // in file order
  // size name (or "custom") -> its surfaces' names
  std::map<std::string, std::vector<std::string>> sizes;
  std::string path;                // the file read last
  std::vector<std::string> files;  // every file read, the built-in one first

  const Surface* find(const std::string& name) const;
};

// The platforms every card of this process is checked against: the built-in
// file, with the file given to use_platforms_file() over it; read once.
const Platforms& default_platforms();

// A campaign's own platforms file (--platforms-file), put over the built-in
// one. Call it before anything asks for default_platforms(): the command line
// does, before a command runs.
void use_platforms_file(const std::string& path);

// `base` with the surfaces and size lists of the file at `path` put over it
// (a surface of the same name is replaced whole). A surface without a dated
// source, an unknown key, size or surface, or a bad number fails with its
// place and a hint.
Platforms load_platforms(const std::string& path, const Platforms& base = {});

// The surfaces of a size: its own list; a story-shaped custom size takes
// `story`'s, other custom sizes `custom`'s.
std::vector<Surface> surfaces_for_size(const Platforms& platforms, const std::string& size_name,
                                       int width, int height);

// Keeps the surfaces `only` names (surface names, or platform names in any
// case: "x" keeps x-card and x-post). Empty keeps all.
std::vector<Surface> select_surfaces(const std::vector<Surface>& surfaces,
                                     const std::vector<std::string>& only);

// Fails (usage) on a name in `only` that is neither a surface nor a platform.
void check_platform_names(const Platforms& platforms, const std::vector<std::string>& only);

// The smallest byte limit among `surfaces`, 0 when none has one.
std::int64_t strictest_bytes(const std::vector<Surface>& surfaces);

}  // namespace placard
