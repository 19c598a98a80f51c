#include "gallery/gallery_page.h"

#include <kainjow/mustache.hpp>

#include "base/diagnostics.h"

namespace placard {
namespace {

namespace mustache = kainjow::mustache;

// JSON → the template library's data: objects, lists, text and booleans.
mustache::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data out{mustache::data::type::object};
      for (const auto& [key, value] : j.items()) out.set(key, to_data(value));
      return out;
    }
    case nlohmann::json::value_t::array: {
      mustache::data out{mustache::data::type::list};
      for (const auto& value : j) out.push_back(to_data(value));
      return out;
    }
    case nlohmann::json::value_t::string:
      return mustache::data{j.get<std::string>()};
    case nlohmann::json::value_t::boolean:
      return mustache::data{j.get<bool>() ? mustache::data::type::bool_true
                                          : mustache::data::type::bool_false};
    case nlohmann::json::value_t::null:
      return mustache::data{mustache::data::type::bool_false};
    default:  // numbers
      return mustache::data{j.dump()};
  }
}

}  // namespace

std::string render_gallery_page(const std::string& template_text, const std::string& template_path,
                                const nlohmann::json& model) {
  mustache::mustache page{template_text};
  if (!page.is_valid()) fail({template_path}, "bad template: " + page.error_message());
  std::string html = page.render(to_data(model));
  if (!page.is_valid()) fail({template_path}, "bad template: " + page.error_message());
  return html;
}

}  // namespace placard
