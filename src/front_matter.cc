#include "front_matter.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

namespace placard {

namespace {

const std::vector<std::string> kKeys = {"name",   "layout", "brand",
                                        "sizes",  "footer", "lang"};

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

bool is_fence(std::string_view line, bool closing) {
  line = trim(line);
  return line == "---" || (closing && line == "...");
}

const char* type_name(const YAML::Node& n) {
  if (n.IsMap()) return "a map";
  if (n.IsSequence()) return "a list";
  return "text";
}

// Reads the YAML between the fences; first_line is the file line of its
// first line, so YAML's 0-based marks can be turned into file places.
class Reader {
 public:
  Reader(const std::string& path, int first_line)
      : path_(path), first_line_(first_line) {}

  void read(const std::string& yaml, CampaignMeta& meta) const {
    YAML::Node root;
    try {
      root = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
      fail(at(e.mark), "invalid front matter: " + e.msg);
    }
    if (root.IsNull()) return;
    if (!root.IsMap()) {
      fail(at(root.Mark()), "front matter must be 'key: value' lines",
           {"for example 'layout: quote'"});
    }
    std::set<std::string> seen;
    for (const auto& entry : root) {
      const YAML::Node& key = entry.first;
      if (!key.IsScalar()) fail(at(key.Mark()), "front matter keys must be text");
      const std::string name = key.Scalar();
      if (!seen.insert(name).second) {
        fail(at(key.Mark()), "duplicate front matter key '" + name + "'");
      }
      store(name, key, entry.second, meta);
    }
  }

 private:
  void store(const std::string& name, const YAML::Node& key,
             const YAML::Node& value, CampaignMeta& meta) const {
    if (name == "name") meta.name = text(name, value);
    else if (name == "layout") meta.layout = text(name, value);
    else if (name == "brand") meta.brand = text(name, value);
    else if (name == "sizes") meta.sizes = sizes(value);
    else if (name == "footer") meta.footer = text(name, value);
    else if (name == "lang") meta.lang = text(name, value);
    else fail(at(key.Mark()), "unknown front matter key '" + name + "'", hints(name));
  }

  static std::vector<std::string> hints(const std::string& name) {
    auto h = did_you_mean(name, kKeys);
    if (!h.empty()) return h;
    std::string all;
    for (const auto& k : kKeys) all += (all.empty() ? "'" : ", '") + k + "'";
    return {"known keys are " + all};
  }

  std::string text(const std::string& key, const YAML::Node& value) const {
    if (value.IsNull()) return "";
    if (!value.IsScalar()) {
      fail(at(value.Mark()), "front matter key '" + key + "' must be text, not " +
                                 type_name(value));
    }
    return std::string(trim(value.Scalar()));
  }

  // A YAML list, or one comma-separated string: "1080x1080, story".
  std::vector<std::string> sizes(const YAML::Node& value) const {
    std::vector<std::string> out;
    if (value.IsSequence()) {
      for (const auto& item : value) {
        if (!item.IsScalar()) {
          fail(at(item.Mark()),
               std::string("each size must be text, not ") + type_name(item));
        }
        if (auto s = trim(item.Scalar()); !s.empty()) out.emplace_back(s);
      }
      return out;
    }
    if (value.IsMap()) {
      fail(at(value.Mark()), "front matter key 'sizes' must be a list, not a map",
           {"write 'sizes: [1080x1080, story]'"});
    }
    std::string_view rest = value.IsNull() ? "" : value.Scalar();
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      if (auto s = trim(rest.substr(0, comma)); !s.empty()) out.emplace_back(s);
      rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
    }
    return out;
  }

  SourceLoc at(const YAML::Mark& m) const {
    if (m.is_null()) return {path_, first_line_ - 1, 1};
    return {path_, first_line_ + m.line, m.column + 1};
  }

  const std::string& path_;
  int first_line_;
};

}  // namespace

FrontMatter read_front_matter(std::string_view text, const std::string& path) {
  FrontMatter out;
  out.body = text;
  size_t eol = std::min(text.find('\n'), text.size());
  if (!is_fence(text.substr(0, eol), false)) return out;

  // The YAML runs from line 2 up to the closing fence.
  size_t yaml_begin = std::min(eol + 1, text.size());
  int line = 2;
  for (size_t pos = yaml_begin; pos < text.size(); ++line) {
    size_t next = std::min(text.find('\n', pos), text.size());
    bool closing = is_fence(text.substr(pos, next - pos), true);
    next = std::min(next + 1, text.size());
    if (closing) {
      std::string yaml(text.substr(yaml_begin, pos - yaml_begin));
      Reader(path, 2).read(yaml, out.meta);
      out.meta.loc = {path, 1, 1};
      out.body = text.substr(next);
      out.body_line = line + 1;
      return out;
    }
    pos = next;
  }
  fail({path, 1, 1}, "front matter is not closed", {"end it with a line '---'"});
}

}  // namespace placard
