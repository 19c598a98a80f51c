#include "text/tracking.h"

#include <glib.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <mutex>

#include "base/diagnostics.h"
#include "base/resources.h"

namespace placard {

namespace {

struct TrackingRules {
  std::vector<GUnicodeScript> untracked, caps;
  double caps_extra = 0;
};

std::vector<GUnicodeScript> scripts_at(const YAML::Node& list, const std::string& file) {
  std::vector<GUnicodeScript> out;
  for (const auto& code : list) {
    const std::string c = code.as<std::string>();
    guint32 iso = 0;
    for (char ch : c) iso = (iso << 8) | static_cast<unsigned char>(ch);
    const GUnicodeScript s =
        c.size() == 4 ? g_unicode_script_from_iso15924(iso) : G_UNICODE_SCRIPT_INVALID_CODE;
    if (s == G_UNICODE_SCRIPT_INVALID_CODE || s == G_UNICODE_SCRIPT_UNKNOWN)
      fail({file, code.Mark().line + 1, code.Mark().column + 1},
           "unknown ISO 15924 script code '" + c + "'",
           {"write a four-letter code such as 'Arab'"});
    out.push_back(s);
  }
  return out;
}

const TrackingRules& rules() {
  static std::once_flag once;
  static TrackingRules r;
  std::call_once(once, [] {
    const std::string file = typesetting_dir() + "/tracking.yaml";
    try {
      const YAML::Node root = YAML::LoadFile(file);
      r.untracked = scripts_at(root["untracked"], file);
      r.caps = scripts_at(root["caps"], file);
      r.caps_extra = root["caps_extra"].as<double>();
    } catch (const YAML::Exception& e) {
      fail({file, e.mark.line + 1, e.mark.column + 1}, "cannot read the tracking rules: " + e.msg);
    }
  });
  return r;
}

bool has(const std::vector<GUnicodeScript>& list, GUnicodeScript s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

bool own_script(GUnicodeScript s) {
  return s != G_UNICODE_SCRIPT_COMMON && s != G_UNICODE_SCRIPT_INHERITED &&
         s != G_UNICODE_SCRIPT_UNKNOWN;
}

}  // namespace

std::vector<TrackingRun> tracking_runs(const std::string& text, double tracking,
                                       std::optional<double> caps, bool uppercase) {
  const TrackingRules& r = rules();
  // All in capitals: set so, or typed so (letters of a caps script, none
  // in lower case, at least two of them).
  bool all_caps = uppercase;
  if (!all_caps) {
    int upper = 0, lower = 0;
    for (const char* p = text.c_str(); *p; p = g_utf8_next_char(p)) {
      const gunichar c = g_utf8_get_char(p);
      if (!has(r.caps, g_unichar_get_script(c))) continue;
      upper += g_unichar_isupper(c) ? 1 : 0;
      lower += g_unichar_islower(c) ? 1 : 0;
    }
    all_caps = upper >= 2 && lower == 0;
  }
  const double caps_em = caps ? *caps : uppercase ? tracking : tracking + r.caps_extra;
  std::vector<TrackingRun> out;
  double em = tracking;
  for (const char* p = text.c_str(); *p; p = g_utf8_next_char(p)) {
    const GUnicodeScript s = g_unichar_get_script(g_utf8_get_char(p));
    if (own_script(s))
      em = has(r.untracked, s) ? 0 : all_caps && has(r.caps, s) ? caps_em : tracking;
    const size_t at = static_cast<size_t>(p - text.c_str());
    const size_t next = static_cast<size_t>(g_utf8_next_char(p) - text.c_str());
    if (!out.empty() && out.back().em == em)
      out.back().end = next;
    else
      out.push_back({at, next, em});
  }
  return out;
}

}  // namespace placard
