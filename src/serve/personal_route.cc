#include "serve/personal_route.h"

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

#include "base/diagnostics.h"
#include "base/utf8.h"
#include "batch/personal.h"
#include "layout/budgets.h"
#include "layout/sizes.h"
#include "render/pipeline.h"
#include "serve/catalog.h"
#include "serve/personal_photo.h"
#include "serve/photo_placement.h"
#include "serve/rate_limit.h"
#include "serve/render_query.h"
#include "text/personal_field.h"

namespace placard {

namespace {

// The sizes a supporter may ask for (the page offers these).
const std::vector<std::string> kSizes = {"og", "square", "portrait", "story"};

// The body a form may have: the photo and room for the fields.
constexpr std::uint64_t kFieldsRoom = 1 << 20;

struct Target {
  std::string id;
  std::string size;
  ImageFormat format = ImageFormat::png;
};

// /personal/{id}/{size}.{png|jpg}; 404 otherwise.
Target parse_target(std::string_view path) {
  const auto segments = two_segments(path, "/personal/");
  if (!segments) throw HttpError(404, "not found", "the path is /personal/ID/SIZE.png or .jpg");
  const ImageName name = parse_image_name(segments->second, "/personal/ID/SIZE");
  if (name.format == ImageFormat::webp) throw HttpError(404, "not found", "ask for .png or .jpg");
  Target t;
  t.id = segments->first;
  t.size = name.size;
  t.format = name.format;
  if (std::find(kSizes.begin(), kSizes.end(), t.size) == kSizes.end())
    throw HttpError(404, "unknown size '" + t.size + "'", "use og, square, portrait or story");
  return t;
}

class Personal {
 public:
  explicit Personal(const PersonalSetup& s) : s_(s), rate_(s.rate_per_minute, s.rate_per_minute) {}

  // The card a target names, if it may be personalised; 404 otherwise.
  const PlannedCard& card_for(const Catalog* catalog, const Target& t) const {
    const PlannedCard* card = catalog ? catalog->find(t.id) : nullptr;
    if (!card || !card->personal())
      throw HttpError(404, "no personal card '" + t.id + "'", "GET /personal lists them");
    if (card->error) throw HttpError(404, "no personal card '" + t.id + "'", "");
    return *card;
  }

  std::optional<HttpResponse> admit(const HttpRequest& req, FormLimits& limits) {
    try {
      const Target t = parse_target(req.path());
      auto catalog = s_.catalog();
      const PlannedCard& card = card_for(catalog.get(), t);
      if (int wait = rate_.take(rate_limit_key(req.client), RateLimiter::Clock::now())) {
        HttpResponse r = json_error(429, "too many personal cards from this address",
                                    "try again in " + std::to_string(wait) + " s");
        r.headers.emplace_back("Retry-After", std::to_string(wait));
        return r;
      }
      limits.allowed.clear();
      for (const PersonalField& f : card.personalize->fields) limits.allowed.push_back(f.name);
      if (card.personalize->photo) {
        limits.allowed.push_back("photo");
        for (const char* name : kPlacementFields) limits.allowed.push_back(name);
      }
      return std::nullopt;
    } catch (const HttpError& e) {
      return answer_of(e);
    }
  }

  void render(const HttpRequest& req, const Reply& reply) {
    const Target t = parse_target(req.path());
    auto catalog = s_.catalog();  // kept alive by the job
    const PlannedCard& card = card_for(catalog.get(), t);
    const Personalize& p = *card.personalize;
    // The fields, judged as `placard personal` judges them; the first at
    // fault (in the campaign's order) is named.
    std::map<std::string, std::string> raw;
    for (FormPart& part : req.parts)
      if (part.name != "photo") raw[part.name] = std::move(part.data);
    auto supporter = std::make_shared<Supporter>();
    // Where the photo goes in its slot: checked before the fields, so that a
    // bad number is named whatever else is wrong.
    const std::optional<PhotoPlacement> placement = take_photo_placement(raw);
    if (auto problem = supporter_fields(card, raw, *supporter)) {
      std::string hint;
      switch (problem->problem) {
        case FieldProblem::missing:
          hint = "fill in the " + problem->field;
          break;
        case FieldProblem::too_long:
          hint = "shorten it";
          break;
        case FieldProblem::invalid_utf8:
          hint = "type it again";
          break;
        case FieldProblem::mixed_scripts:
          hint = "write each word in one alphabet";
          break;
        default:
          break;  // blocked: nothing more is said
      }
      throw HttpError(422, problem->message, hint, problem->field);
    }
    raw.clear();
    // The photo's bytes move into the job; decoding is a worker's work.
    std::string photo;
    if (FormPart* part = const_cast<FormPart*>(req.part("photo")); part && p.photo) {
      photo = std::move(part->data);
      supporter->placement = placement;
    }
    req.parts.clear();
    const SizePreset size = parse_sizes({t.size}, {}).front();
    const std::int64_t photo_bytes = std::int64_t(s_.photo_mb) << 20;
    const Limits limits = s_.limits;
    std::FILE* log = s_.log;
    auto job = [catalog, &card, size, t, supporter, photo = std::move(photo), photo_bytes, limits,
                log, reply](Renderer& renderer) mutable {
      if (reply.done()) return;  // the deadline or the client went first
      HttpResponse r;
      try {
        Pixmap decoded;
        if (!photo.empty()) {
          // Decoded no larger than the slot it fills at the supporter's
          // zoom (1/2, 1/4, 1/8 of a large photo).
          const auto [w, h] = supporter_photo_box(card, size);
          const double zoom = supporter->placement ? supporter->placement->zoom : 1;
          decoded = decode_supporter_photo(photo, photo_bytes, limits, int(std::ceil(w * zoom)),
                                           int(std::ceil(h * zoom)));
          std::string().swap(photo);
          supporter->photo = &decoded;
        }
        Rendered out = render_personal(
            card, size, *supporter, renderer,
            {FormatChoice{false, t.format}, budget_for(card.campaign->budgets, size)});
        r.content_type = t.format == ImageFormat::jpeg ? "image/jpeg" : "image/png";
        r.body = std::make_shared<const std::string>(std::move(out.bytes));
      } catch (const HttpError& e) {
        r = answer_of(e);
      } catch (const DiagnosticError& e) {
        // The supporter gets a plain sentence (the message could quote what
        // they sent); the log names only the card.
        r = answer_of(http_error(e.diagnostic(), false));
        if (r.status == 500)
          std::fprintf(log, "placard: personal card '%s' could not be rendered\n",
                       card.card.id.c_str());
      } catch (const std::exception&) {
        std::fprintf(log, "placard: personal card '%s' failed\n", card.card.id.c_str());
        r = json_error(500, "the card could not be rendered", "");
      }
      r.headers.emplace_back("Cache-Control", "no-store");
      r.headers.emplace_back("X-Content-Type-Options", "nosniff");
      reply.send(std::move(r));
    };
    s_.deadline(reply);
    if (!s_.submit(std::move(job))) {
      HttpResponse busy = json_error(503, "the server is busy", "try again in a moment");
      busy.headers.emplace_back("Retry-After", "1");
      reply.send(std::move(busy));
    }
  }

  void list(const Reply& reply) const {
    nlohmann::ordered_json cards = nlohmann::ordered_json::object();
    if (auto catalog = s_.catalog()) {
      for (const std::string& id : catalog->ids()) {
        const PlannedCard* card = catalog->find(id);
        if (!card || card->error || !card->personal()) continue;
        nlohmann::ordered_json fields = nlohmann::ordered_json::array();
        for (const PersonalField& f : card->personalize->fields)
          fields.push_back({{"name", f.name}, {"max", f.max}, {"required", f.required}});
        cards[id] = {{"fields", fields}, {"photo", card->personalize->photo}, {"sizes", kSizes}};
        // Where the photo goes at each size, in px of the card (the panel
        // shows the crop there and scales the photo down to it).
        if (card->personalize->photo) {
          nlohmann::ordered_json slots = nlohmann::ordered_json::object();
          for (const SizePreset& size : parse_sizes(kSizes, {})) {
            const std::optional<Rect> slot = supporter_photo_slot(*card, size);
            const Rect r = slot.value_or(Rect{0, 0, double(size.width), double(size.height)});
            auto px = [](double v) { return std::round(v * 100) / 100; };
            slots[size.name] = {{"width", size.width},
                                {"height", size.height},
                                {"slot", {px(r.x), px(r.y), px(r.w), px(r.h)}}};
          }
          cards[id]["slots"] = slots;
        }
      }
    }
    nlohmann::ordered_json j = {{"cards", cards}, {"photo_mb", s_.photo_mb}};
    HttpResponse r;
    r.content_type = "application/json";
    r.headers.emplace_back("Cache-Control", "no-store");
    r.body = std::make_shared<const std::string>(
        j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
    reply.send(std::move(r));
  }

 private:
  const PersonalSetup s_;
  RateLimiter rate_;
};

}  // namespace

std::vector<Route> personal_routes(const PersonalSetup& setup) {
  auto personal = std::make_shared<Personal>(setup);
  // A page from another origin (a gallery written with --server) reads the
  // answer, and Retry-After on a 429, only when CORS lets it.
  const std::vector<std::pair<std::string, std::string>> cors = {
      {"Access-Control-Allow-Origin", "*"}, {"Access-Control-Expose-Headers", "Retry-After"}};
  Route list{"personal", "/personal", true,
             [personal](const HttpRequest&, const Reply& reply) { personal->list(reply); }};
  list.headers = cors;
  Route post{
      "personal", "/personal/", false, [personal](const HttpRequest& req, const Reply& reply) {
        if (req.method != "POST") {
          HttpResponse r =
              json_error(405, "a personal card is made with POST", "send the form with POST");
          r.headers.emplace_back("Allow", "POST");
          return void(reply.send(std::move(r)));
        }
        try {
          personal->render(req, reply);
        } catch (const HttpError& e) {
          reply.send(answer_of(e));
        }
      }};
  FormLimits limits;
  limits.max_file_bytes = static_cast<size_t>(setup.photo_mb) << 20;
  limits.max_body_bytes = limits.max_file_bytes + kFieldsRoom;
  limits.max_parts = 16;
  limits.max_text_bytes = 4096;
  limits.file_parts = {"photo"};
  post.form = limits;
  post.admit = [personal](const HttpRequest& req, FormLimits& l) {
    return personal->admit(req, l);
  };
  post.headers = cors;
  return {list, post};
}

}  // namespace placard
