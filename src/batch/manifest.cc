#include "batch/manifest.h"

#include <climits>
#include <functional>
#include <nlohmann/json.hpp>

#include "base/diagnostics.h"
#include "base/file_io.h"

namespace placard {

using Json = nlohmann::ordered_json;

namespace {

Json warnings_json(const std::vector<ManifestWarning>& warnings) {
  Json out = Json::array();
  for (const ManifestWarning& w : warnings) {
    Json j = Json::object();
    if (!w.check.empty()) j["check"] = w.check;
    j["message"] = w.message;
    if (!w.hints.empty()) j["hints"] = w.hints;
    out.push_back(std::move(j));
  }
  return out;
}

// One card's entry as a JSON object.
Json card_json(const ManifestCard& c, bool shard) {
  Json outputs = Json::array();
  for (const auto& o : c.outputs) {
    Json out = {{"size", o.size}, {"width", o.width}, {"height", o.height}, {"file", o.file}};
    if (!o.format.empty()) out["format"] = o.format;
    if (!o.mime.empty()) out["mime"] = o.mime;
    out["bytes"] = o.bytes;
    if (!o.hash.empty()) out["hash"] = o.hash;
    if (!o.warnings.empty()) out["warnings"] = warnings_json(o.warnings);
    if (!o.text.empty()) {
      Json text = Json::array();
      for (const ManifestText& t : o.text) {
        Json jt = {{"field", t.field}, {"size", t.size}, {"lines", t.lines}};
        if (!t.line_texts.empty()) jt["line_texts"] = t.line_texts;
        text.push_back(std::move(jt));
      }
      out["text"] = std::move(text);
    }
    outputs.push_back(std::move(out));
  }
  Json card = Json::object();
  if (shard) card["index"] = c.index;
  card["id"] = c.id;
  if (!c.content_id.empty()) card["content_id"] = c.content_id;
  card["kind"] = c.kind;
  if (!c.lang.empty()) card["lang"] = c.lang;
  card["text"] = c.text;
  card["alt"] = c.alt;
  if (!c.source.empty()) card["source"] = c.source;
  if (!c.layout.empty()) card["layout"] = c.layout;
  if (!c.brand.empty()) card["brand"] = c.brand;
  if (!c.warnings.empty()) card["warnings"] = warnings_json(c.warnings);
  if (!c.fonts.empty()) card["fonts"] = c.fonts;
  card["outputs"] = std::move(outputs);
  if (c.personal) {
    Json fields = Json::array();
    for (const auto& f : c.personal->fields)
      fields.push_back({{"name", f.name}, {"max", f.max}, {"required", f.required}});
    card["personal"] = {{"fields", std::move(fields)}, {"photo", c.personal->photo}};
  }
  return card;
}

// Invalid UTF-8 (which readers should never let through) becomes U+FFFD
// rather than aborting the run.
std::string dump(const Json& j) {
  return j.dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

void write_manifest_json(const Manifest& manifest,
                         const std::function<void(std::string_view)>& out) {
  Json doc = {{"generator", manifest.generator}, {"campaign", manifest.campaign}};
  if (!manifest.shard.empty()) doc["shard"] = manifest.shard;
  if (!manifest.editions.empty()) {
    Json editions = Json::array();
    for (const auto& e : manifest.editions) {
      Json edition = Json::object();
      auto put = [&edition](const char* key, const std::string& value) {
        if (!value.empty()) edition[key] = value;
      };
      put("lang", e.lang);
      put("name", e.name);
      put("intro", e.intro);
      put("footer", e.footer);
      put("url", e.url);
      if (!e.colors.empty()) {
        Json colors = Json::object();
        for (const auto& [role, hex] : e.colors) colors[role] = hex;
        edition["colors"] = std::move(colors);
      }
      editions.push_back(std::move(edition));
    }
    doc["editions"] = std::move(editions);
  }
  doc["cards"] = Json::array();
  const std::string head = dump(doc);  // ends in "\"cards\": []\n}"
  if (manifest.cards.empty()) {
    out(head);
    out("\n");
    return;
  }
  // The cards are written one at a time, each indented to its depth, rather
  // than as one JSON tree: for thousands of cards the tree took several times
  // the memory of the text it dumps to. The text is the same byte for byte.
  out(std::string_view(head).substr(0, head.size() - 3));  // less "]\n}"
  out("\n");
  std::string card;
  for (size_t i = 0; i < manifest.cards.size(); ++i) {
    const std::string text = dump(card_json(manifest.cards[i], !manifest.shard.empty()));
    card = "    ";
    for (char ch : text) {  // JSON text holds no raw newline inside a string
      card += ch;
      if (ch == '\n') card += "    ";
    }
    card += i + 1 < manifest.cards.size() ? ",\n" : "\n";
    out(card);
  }
  out("  ]\n}\n");
}

std::string manifest_to_json(const Manifest& manifest) {
  // Measured, then written into a string of that size: grown by doubling,
  // the 1.2 MB text of 1,000 cards took 2.9 MB at its last growth, the
  // largest allocation of a run.
  size_t size = 0;
  write_manifest_json(manifest, [&size](std::string_view piece) { size += piece.size(); });
  std::string text;
  text.reserve(size);
  write_manifest_json(manifest, [&text](std::string_view piece) { text += piece; });
  return text;
}

namespace {

// Reads typed fields, naming the offending one ("cards[2].outputs[0].width").
struct Reader {
  const std::string& path;

  [[noreturn]] void bad(const std::string& where, const std::string& what) const {
    fail({path}, "invalid manifest: '" + where + "' " + what);
  }
  const Json& field(const Json& obj, const std::string& where, const char* key) const {
    auto it = obj.find(key);
    if (it == obj.end()) bad(where, std::string("has no key '") + key + "'");
    return *it;
  }
  std::string optional_string(const Json& obj, const std::string& where, const char* key) const {
    return obj.contains(key) ? string(obj, where, key) : std::string();
  }
  std::string string(const Json& obj, const std::string& where, const char* key) const {
    const Json& v = field(obj, where, key);
    if (!v.is_string()) bad(where + "." + key, "must be a string");
    return v.get<std::string>();
  }
  std::uint64_t number(const Json& obj, const std::string& where, const char* key,
                       std::uint64_t max) const {
    const Json& v = field(obj, where, key);
    if (!v.is_number_unsigned() || v.get<std::uint64_t>() > max)
      bad(where + "." + key, "must be a whole number from 0 to " + std::to_string(max));
    return v.get<std::uint64_t>();
  }
  std::vector<std::string> strings(const Json& obj, const std::string& where,
                                   const char* key) const {
    std::vector<std::string> out;
    if (!obj.contains(key)) return out;
    const Json& list = array(obj[key], where + "." + key);
    for (size_t k = 0; k < list.size(); ++k) {
      if (!list[k].is_string())
        bad(where + "." + key + "[" + std::to_string(k) + "]", "must be a string");
      out.push_back(list[k].get<std::string>());
    }
    return out;
  }
  // Each {check, message, hints}; a plain string (an older manifest) is a
  // message of no check.
  std::vector<ManifestWarning> warnings(const Json& obj, const std::string& where) const {
    std::vector<ManifestWarning> out;
    if (!obj.contains("warnings")) return out;
    const Json& list = array(obj["warnings"], where + ".warnings");
    for (size_t k = 0; k < list.size(); ++k) {
      const std::string at = where + ".warnings[" + std::to_string(k) + "]";
      ManifestWarning w;
      if (list[k].is_string()) {
        w.message = list[k].get<std::string>();
      } else {
        const Json& jw = object(list[k], at);
        w.check = optional_string(jw, at, "check");
        w.message = string(jw, at, "message");
        w.hints = strings(jw, at, "hints");
      }
      out.push_back(std::move(w));
    }
    return out;
  }
  const Json& array(const Json& v, const std::string& where) const {
    if (!v.is_array()) bad(where, "must be a list");
    return v;
  }
  bool boolean(const Json& obj, const std::string& where, const char* key) const {
    const Json& v = field(obj, where, key);
    if (!v.is_boolean()) bad(where + "." + key, "must be true or false");
    return v.get<bool>();
  }
  const Json& object(const Json& v, const std::string& where) const {
    if (!v.is_object()) bad(where, "must be an object");
    return v;
  }
};

// 1-based line and column of the byte at `offset`.
SourceLoc place_of(std::string_view text, size_t offset, const std::string& path) {
  SourceLoc loc{path, 1, 1};
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      loc.col = 1;
    } else {
      ++loc.col;
    }
  }
  return loc;
}

}  // namespace

Manifest manifest_from_json(std::string_view text, const std::string& path) {
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    // what(): "[json.exception.parse_error.101] parse error at line 1, column 2: <why>"
    std::string why = e.what();
    size_t colon = why.find(": ", why.find(']'));
    if (colon != std::string::npos) why = why.substr(colon + 2);
    // e.byte counts the bytes read, so the offending byte is the one before.
    SourceLoc loc = e.byte > 0 ? place_of(text, e.byte - 1, path) : SourceLoc{path};
    fail(loc, "invalid JSON: " + why);
  }
  Reader r{path};
  Manifest m;
  r.object(doc, "manifest");
  m.generator = r.string(doc, "manifest", "generator");
  m.campaign = r.string(doc, "manifest", "campaign");
  if (doc.contains("shard")) m.shard = r.string(doc, "manifest", "shard");
  if (doc.contains("editions")) {
    const Json& editions = r.array(doc["editions"], "editions");
    for (size_t i = 0; i < editions.size(); ++i) {
      std::string where = "editions[" + std::to_string(i) + "]";
      const Json& je = r.object(editions[i], where);
      ManifestEdition e;
      e.lang = r.optional_string(je, where, "lang");
      e.name = r.optional_string(je, where, "name");
      e.intro = r.optional_string(je, where, "intro");
      e.footer = r.optional_string(je, where, "footer");
      e.url = r.optional_string(je, where, "url");
      if (je.contains("colors")) {
        const Json& colors = r.object(je["colors"], where + ".colors");
        for (const auto& [role, value] : colors.items()) {
          if (!value.is_string()) r.bad(where + ".colors." + role, "must be a string");
          e.colors.emplace_back(role, value.get<std::string>());
        }
      }
      m.editions.push_back(std::move(e));
    }
  }
  const Json& cards = r.array(r.field(doc, "manifest", "cards"), "cards");
  for (size_t i = 0; i < cards.size(); ++i) {
    std::string where = "cards[" + std::to_string(i) + "]";
    const Json& jc = r.object(cards[i], where);
    ManifestCard c;
    c.id = r.string(jc, where, "id");
    if (jc.contains("content_id")) c.content_id = r.string(jc, where, "content_id");
    c.kind = r.string(jc, where, "kind");
    c.lang = r.optional_string(jc, where, "lang");
    c.text = r.string(jc, where, "text");
    c.alt = r.string(jc, where, "alt");
    if (jc.contains("source")) c.source = r.string(jc, where, "source");
    c.layout = r.optional_string(jc, where, "layout");
    c.brand = r.optional_string(jc, where, "brand");
    if (jc.contains("index")) c.index = static_cast<int>(r.number(jc, where, "index", INT_MAX));
    c.warnings = r.warnings(jc, where);
    c.fonts = r.strings(jc, where, "fonts");
    const Json& outs = r.array(r.field(jc, where, "outputs"), where + ".outputs");
    for (size_t k = 0; k < outs.size(); ++k) {
      std::string ow = where + ".outputs[" + std::to_string(k) + "]";
      const Json& jo = r.object(outs[k], ow);
      ManifestOutput o;
      o.size = r.string(jo, ow, "size");
      o.width = static_cast<int>(r.number(jo, ow, "width", INT_MAX));
      o.height = static_cast<int>(r.number(jo, ow, "height", INT_MAX));
      o.file = r.string(jo, ow, "file");
      // A manifest names files Placard may later remove: never outside DIR.
      if (!is_safe_relative_path(o.file))
        fail({path, 0, 0}, ow + ".file '" + o.file + "' is not a path inside the output folder");
      o.bytes = r.number(jo, ow, "bytes", UINT64_MAX);
      if (jo.contains("format")) o.format = r.string(jo, ow, "format");
      if (jo.contains("mime")) o.mime = r.string(jo, ow, "mime");
      if (jo.contains("hash")) o.hash = r.string(jo, ow, "hash");
      o.warnings = r.warnings(jo, ow);
      if (jo.contains("text")) {
        const Json& list = r.array(jo["text"], ow + ".text");
        for (size_t t = 0; t < list.size(); ++t) {
          const std::string tw = ow + ".text[" + std::to_string(t) + "]";
          const Json& jt = r.object(list[t], tw);
          const Json& size = r.field(jt, tw, "size");
          if (!size.is_number() || size.get<double>() < 0 || size.get<double>() > 1e6)
            r.bad(tw + ".size", "must be a number of px");
          o.text.push_back({r.string(jt, tw, "field"), size.get<double>(),
                            static_cast<int>(r.number(jt, tw, "lines", INT_MAX)),
                            r.strings(jt, tw, "line_texts")});
        }
      }
      c.outputs.push_back(std::move(o));
    }
    if (jc.contains("personal")) {
      const std::string pw = where + ".personal";
      const Json& jp = r.object(jc["personal"], pw);
      ManifestPersonal p;
      const Json& fields = r.array(r.field(jp, pw, "fields"), pw + ".fields");
      for (size_t k = 0; k < fields.size(); ++k) {
        const std::string fw = pw + ".fields[" + std::to_string(k) + "]";
        const Json& jf = r.object(fields[k], fw);
        p.fields.push_back({r.string(jf, fw, "name"),
                            static_cast<int>(r.number(jf, fw, "max", INT_MAX)),
                            r.boolean(jf, fw, "required")});
      }
      p.photo = r.boolean(jp, pw, "photo");
      c.personal = std::move(p);
    }
    m.cards.push_back(std::move(c));
  }
  return m;
}

}  // namespace placard
