#include "cli/cli.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>

namespace placard {

namespace {

// --limit NAME=VALUE, repeatable, into `limits`.
void add_limit_option(CLI::App* cmd, Limits& limits) {
  cmd->add_option_function<std::vector<std::string>>(
      "--limit",
      [&limits](const std::vector<std::string>& v) {
        try {
          for (const std::string& a : v) set_limit(limits, a);
        } catch (const DiagnosticError& e) {  // reported by CLI11 as usage (exit 2)
          std::string msg = e.diagnostic().message;
          for (const auto& h : e.diagnostic().hints) msg += "; " + h;
          throw CLI::ValidationError("--limit", msg);
        }
      },
      "raise or lower a limit, NAME=VALUE (cards, text-bytes, canvas-side, canvas-pixels, "
      "run-pixels, file-bytes, image-pixels, image-bytes)");
}

}  // namespace

void build_cli(CLI::App& app, Options& o) {
  app.description(
      "Placard turns campaign text into branded share cards (PNG, JPEG, WebP) at every social "
      "size.");
  app.set_version_flag("--version", std::string("placard ") + PLACARD_VERSION);
  app.require_subcommand(1);

  // Every command that draws, checks or lists cards reads platforms.yaml.
  auto platforms_file = [&o](CLI::App* cmd) {
    cmd->add_option("--platforms-file", o.platforms_file,
                    "a platforms file (surfaces, crops, covered areas, sizes) over the built-in "
                    "platforms.yaml: safe zones, byte budgets and the platform check follow it")
        ->check(CLI::ExistingFile);
  };

  // Options render and watch share.
  auto batch_options = [&o, &platforms_file](CLI::App* cmd) {
    platforms_file(cmd);
    cmd->add_option("content", o.render.inputs,
                    "content files: Markdown (.md), decks (.yaml, .json, .csv)")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("-o,--out", o.render.out_dir, "output folder")->required();
    cmd->add_option("--sizes", o.render.sizes,
                    "sizes: og,x,square,portrait,story,pinterest, all, or WxH")
        ->delimiter(',');
    cmd->add_option("--layout", o.render.layout, "built-in layout name or a .yaml file");
    cmd->add_option("--brand", o.render.brand, "brand .yaml file")->check(CLI::ExistingFile);
    cmd->add_option("-j,--jobs", o.render.jobs, "worker threads (default: all cores)")
        ->check(CLI::Range(1, 256));
    cmd->add_option("--format", o.render.format,
                    "auto (PNG, or JPEG for a card with a photo; the default), png, jpeg, webp")
        ->check(CLI::IsMember({"auto", "png", "jpeg", "jpg", "webp"}));
    cmd->add_option("--budgets", o.render.budgets,
                    "a byte-budgets file (size: bytes) over the budgets platforms.yaml gives")
        ->check(CLI::ExistingFile);
    cmd->add_option("--platforms", o.render.platforms,
                    "check cards only against these surfaces or platforms (x,whatsapp,tiktok; "
                    "'placard platforms' lists them); default: every surface of each size")
        ->delimiter(',');
    cmd->add_flag("--strict", o.render.strict,
                  "fail cards with characters no font can draw, over their byte budget, or "
                  "with text or a logo that a platform crops or covers");
    add_limit_option(cmd, o.render.limits);
  };

  CLI::App* render = app.add_subcommand(
      "render",
      "render every card of the content files into DIR/<card-id>/<size>.png (.jpg, .webp), "
      "re-rendering only what changed");
  batch_options(render);
  auto* check =
      render->add_flag("--check", o.render.check,
                       "write nothing; exit 1 listing missing or stale outputs (a CI gate)");
  render->add_flag("--force", o.render.force, "render every output, even those up to date")
      ->excludes(check);
  render
      ->add_option_function<std::string>(
          "--shard",
          [&o](const std::string& v) {
            int k = 0, n = 0;
            char slash = 0, extra = 0;
            // "indexed/N": a pod of a Kubernetes Indexed Job, whose
            // JOB_COMPLETION_INDEX (0 to N-1) picks its slice.
            if (v.starts_with("indexed/")) {
              const char* index = std::getenv("JOB_COMPLETION_INDEX");
              int i = -1;
              if (!index || std::sscanf(index, "%d%c", &i, &extra) != 1 || i < 0)
                throw CLI::ValidationError(
                    "--shard", "'" + v + "' needs JOB_COMPLETION_INDEX set to 0, 1, ... N-1");
              if (std::sscanf(v.c_str() + 8, "%d%c", &n, &extra) != 1 || n < 1 || i >= n)
                throw CLI::ValidationError("--shard", "'" + v + "' with JOB_COMPLETION_INDEX=" +
                                                          index + " is not a slice of N");
              o.render.shard = {i + 1, n};
              return;
            }
            if (std::sscanf(v.c_str(), "%d%c%d%c", &k, &slash, &n, &extra) != 3 || slash != '/' ||
                n < 1 || k < 1 || k > n)
              throw CLI::ValidationError("--shard", "'" + v + "' is not K/N with 1 <= K <= N");
            o.render.shard = {k, n};
          },
          "K/N: render only the K-th of N deterministic slices of the cards; indexed/N: the "
          "slice JOB_COMPLETION_INDEX (0 to N-1) of a Kubernetes Indexed Job picks")
      ->type_name("K/N");
  render->add_flag("--json", o.json,
                   "print a JSON report (rendered, skipped, failed, ...) on stdout");
  CLI::Option* with_gallery =
      render->add_flag("--gallery", o.render_gallery,
                       "also write the download page DIR/index.html and a ZIP per size");
  render
      ->add_option("--base-url", o.gallery.base_url,
                   "with --gallery: the URL DIR will be published at (absolute og:image)")
      ->needs(with_gallery);
  render
      ->add_option("--lead", o.gallery.lead,
                   "with --gallery: id of the card the page's own link preview shows")
      ->needs(with_gallery);
  render
      ->add_option("--server", o.gallery.server,
                   "with --gallery: the placard serve URL that makes supporters' own cards "
                   "(default: the page's own origin)")
      ->needs(with_gallery);
  render->callback([&o] { o.command = Command::render; });

  CLI::App* watch = app.add_subcommand(
      "watch",
      "render, then re-render what changed whenever a content, layout or brand file "
      "is saved (Ctrl-C stops)");
  batch_options(watch);
  watch->callback([&o] { o.command = Command::watch; });

  CLI::App* merge =
      app.add_subcommand("merge", "join the manifests of a sharded render into one manifest");
  merge->add_option("manifests", o.merge.inputs, "manifest.shard-K-of-N.json files")
      ->required()
      ->check(CLI::ExistingFile);
  merge->add_option("-o,--out", o.merge.out_file, "the joined manifest, e.g. out/manifest.json")
      ->required();
  merge->callback([&o] { o.command = Command::merge; });

  CLI::App* diff = app.add_subcommand(
      "diff",
      "compare two rendered folders (BASE, NEW) card by card: REPORT_DIR/index.html with "
      "before, after and difference images, summary.md for a pull request; exit 0 when nothing "
      "changed, 1 when something did, 2 when they cannot be compared, 3 on I/O failure");
  diff->add_option("base", o.diff.base_dir, "the folder rendered before (with manifest.json)")
      ->required();
  diff->add_option("new", o.diff.new_dir, "the folder rendered after (with manifest.json)")
      ->required();
  diff->add_option("-o,--out", o.diff.report_dir, "the report folder")->required();
  diff->add_option("--report-url", o.diff.report_url,
                   "where the report will be published: summary.md links to it");
  diff->add_flag("--exit-zero", o.diff.exit_zero, "exit 0 even when something changed");
  diff->add_flag("--json", o.json, "print what changed as JSON on stdout");
  diff->add_option("-j,--jobs", o.diff.jobs, "threads comparing images (default: all cores)")
      ->check(CLI::Range(1, 256));
  diff->callback([&o] { o.command = Command::diff; });

  CLI::App* card =
      app.add_subcommand("card", "render one card from TEXT into FILE (.png, .jpg or .webp)");
  card->add_option("text", o.card.text, "the headline")->required();
  card->add_option("-o,--out", o.card.out_file, "output file; its extension gives the format")
      ->required();
  card->add_option("--format", o.card.format,
                   "auto, png, jpeg, webp (default: by the file's extension, else auto)")
      ->check(CLI::IsMember({"auto", "png", "jpeg", "jpg", "webp"}));
  card->add_option("--budgets", o.card.budgets, "a byte-budgets file over the built-in one")
      ->check(CLI::ExistingFile);
  card->add_option("--size", o.card.size, "size name or WxH (default og)");
  card->add_option("--layout", o.card.layout, "built-in layout name or a .yaml file");
  card->add_option("--brand", o.card.brand, "brand .yaml file")->check(CLI::ExistingFile);
  card->add_option("--kicker", o.card.kicker, "small line above the headline");
  card->add_option("--footer", o.card.footer, "footer text, e.g. a URL or hashtag");
  card->add_option("--lang", o.card.lang, "language of the text (BCP 47, e.g. es, ar)");
  card->add_flag("--strict", o.card.strict, "fail when a character has no glyph in any font");
  card->add_flag("--dump-layout", o.card.dump_layout,
                 "print the chosen sizes, lines and boxes as JSON");
  add_limit_option(card, o.card.limits);
  platforms_file(card);
  card->callback([&o] { o.command = Command::card; });

  CLI::App* personal = app.add_subcommand(
      "personal",
      "render a supporter's card of a campaign (its name, town, photo) into FILE, "
      "as 'placard serve' would answer POST /personal/ID/SIZE");
  personal->add_option("content", o.personal.content_file, "the campaign's content file")
      ->required()
      ->check(CLI::ExistingFile);
  personal
      ->add_option("--card", o.personal.card_id, "the card's id (one 'personalize: cards:' lists)")
      ->required();
  personal->add_option("--field", o.personal.fields,
                       "a supporter's field as NAME=VALUE, e.g. name=Ana (repeatable)");
  personal->add_option("--photo", o.personal.photo, "the supporter's photo (JPEG, PNG or WebP)")
      ->check(CLI::ExistingFile);
  personal
      ->add_option("-o,--out", o.personal.out_file, "output file; its extension gives the format")
      ->required();
  personal->add_option("--size", o.personal.size, "size name or WxH (default og)");
  personal
      ->add_option("--format", o.personal.format,
                   "auto, png, jpeg, webp (default: by the file's extension, else auto)")
      ->check(CLI::IsMember({"auto", "png", "jpeg", "jpg", "webp"}));
  personal->add_flag("--dump-layout", o.personal.dump_layout,
                     "print the chosen sizes, lines and boxes as JSON");
  add_limit_option(personal, o.personal.limits);
  platforms_file(personal);
  personal->callback([&o] { o.command = Command::personal; });

  CLI::App* gallery = app.add_subcommand(
      "gallery",
      "write the download page DIR/index.html and a ZIP per size from DIR/manifest.json");
  gallery->add_option("dir", o.gallery.dir, "a folder placard render wrote")
      ->required()
      ->check(CLI::ExistingDirectory);
  gallery->add_option("--base-url", o.gallery.base_url,
                      "the URL DIR will be published at (absolute og:image)");
  gallery->add_option("--lead", o.gallery.lead,
                      "id of the card the page's own link preview shows (default: the first)");
  gallery->add_option("--server", o.gallery.server,
                      "the placard serve URL that makes supporters' own cards (default: the "
                      "page's own origin)");
  platforms_file(gallery);
  gallery->callback([&o] { o.command = Command::gallery; });

  platforms_file(app.add_subcommand("sizes", "list the size presets")->callback([&o] {
    o.command = Command::sizes;
  }));
  platforms_file(app.add_subcommand("platforms",
                                    "list the platforms' surfaces each size is checked against: "
                                    "crops, covered areas, byte limits, sources")
                     ->callback([&o] { o.command = Command::platforms; }));
  app.add_subcommand("layouts", "list the built-in layouts")->callback([&o] {
    o.command = Command::layouts;
  });

  CLI::App* serve = app.add_subcommand(
      "serve",
      "render cards on request over HTTP: /card/ID/SIZE.png (.jpg, .webp) for the content files, "
      "signed /render/ URLs for any text, --root for a rendered folder (docs/serve.md)");
  serve
      ->add_option("content", o.serve.inputs,
                   "content files whose cards /card/ID/SIZE.png answers (reloaded on save)")
      ->check(CLI::ExistingFile);
  serve->add_option("--listen", o.serve.listen, "HOST:PORT to listen on; port 0 picks a free one")
      ->capture_default_str();
  serve->add_option("--root", o.serve.root, "a rendered folder to serve: cards, manifest, gallery")
      ->check(CLI::ExistingDirectory);
  serve
      ->add_option("--key-file", o.serve.key_file,
                   "the signing key (placard keygen); without it /render/ answers 403")
      ->check(CLI::ExistingFile);
  serve
      ->add_option("--layout", o.serve.layouts,
                   "a layout .yaml file /render/ may name, by its file name without .yaml "
                   "(the built-in layouts always can); repeatable")
      ->check(CLI::ExistingFile);
  serve->add_option("--brand", o.serve.brands,
                    "[NAME=]FILE: a brand /render/ may name with brand=NAME; the first is the "
                    "default (else the built-in brand); repeatable");
  serve->add_option("-j,--jobs", o.serve.jobs, "render workers (default: all cores)")
      ->check(CLI::Range(1, 256));
  serve
      ->add_option("--queue", o.serve.queue,
                   "renders that may wait for a worker (default 16 per worker); more get 503")
      ->check(CLI::Range(1, 100000));
  serve->add_option("--cache-mb", o.serve.cache_mb, "memory for encoded images, in MB")
      ->capture_default_str()
      ->check(CLI::Range(0, 1 << 20));
  serve->add_option("--cache-dir", o.serve.cache_dir,
                    "a folder for encoded images by digest, kept over restarts and shared by "
                    "several server processes (behind --cache-mb)");
  serve
      ->add_option("--cache-dir-mb", o.serve.cache_dir_mb,
                   "the --cache-dir folder's bound, in MB; least recently used images go first")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 24));
  serve
      ->add_option("--render-timeout", o.serve.render_timeout_ms,
                   "ms a request waits for its render before a 503")
      ->capture_default_str()
      ->check(CLI::Range(10, 600000));
  serve
      ->add_option("--timeout", o.serve.client_timeout_s,
                   "seconds after which an idle or slow connection is closed")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  serve
      ->add_option("--grace", o.serve.grace_s,
                   "seconds requests in flight get to finish after SIGTERM or SIGINT")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  serve->add_option("--max-connections", o.serve.max_connections, "open connections at most")
      ->capture_default_str()
      ->check(CLI::Range(1, 65536));
  serve
      ->add_option("--max-connections-per-ip", o.serve.max_connections_per_ip,
                   "open connections from one client address at most; more are refused")
      ->capture_default_str()
      ->check(CLI::Range(1, 65536));
  serve
      ->add_option("--on-overload", o.serve.on_overload,
                   "when a /card/ or /render/ render cannot be queued or misses "
                   "--render-timeout: 'fallback' answers the --root file or a fallback card "
                   "for 60 s while the real one renders into the cache; '503' refuses")
      ->capture_default_str()
      ->check(CLI::IsMember({"fallback", "503"}));
  serve
      ->add_option("--fallback", o.serve.fallback_file,
                   "an image to answer for every size instead of the rendered fallback card")
      ->check(CLI::ExistingFile);
  serve->add_option("--base-url", o.serve.base_url,
                    "the address /card/ is reached at from outside, for the link tags of "
                    "GET /card/ID/meta (e.g. https://cards.example.org)");
  serve
      ->add_option("--header-timeout", o.serve.header_timeout_s,
                   "seconds a request's header (and a POST's body) may take to arrive, however "
                   "it trickles; then 408 and the connection closes")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  serve
      ->add_option("--max-age", o.serve.card_max_age_s,
                   "Cache-Control max-age of /card/ and --root answers, in seconds")
      ->capture_default_str()
      ->check(CLI::Range(0, 31536000));
  serve
      ->add_option("--personal-rate", o.serve.personal_rate,
                   "personal cards (POST /personal/) one client address may have rendered a "
                   "minute, in bursts of as many; more get 429")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  serve
      ->add_option("--photo-mb", o.serve.photo_mb,
                   "largest supporter photo POST /personal/ accepts, in MB")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  add_limit_option(serve, o.serve.limits);
  platforms_file(serve);
  serve->callback([&o] { o.command = Command::serve; });

  CLI::App* preview = app.add_subcommand(
      "preview",
      "a live page for designers: every card at every size, updated on each save of "
      "the content, layout, brand, images or fonts");
  preview
      ->add_option("content", o.preview.preview.inputs, "Markdown, YAML, JSON or CSV content files")
      ->required()
      ->check(CLI::ExistingFile);
  preview->add_option("--layout", o.preview.preview.layout,
                      "built-in layout name or .yaml/.svg file (default: what the content names)");
  preview->add_option("--brand", o.preview.preview.brand,
                      "brand .yaml file (default: front matter's)");
  preview
      ->add_option(
          "--sizes", o.preview.preview.sizes,
          "sizes: og,x,square,portrait,story,pinterest, all, or WxH (default: the content's)")
      ->delimiter(',');
  preview
      ->add_option("--listen", o.preview.listen, "HOST:PORT to listen on; port 0 picks a free one")
      ->capture_default_str();
  preview->add_option("-j,--jobs", o.preview.preview.jobs, "render threads")->capture_default_str();
  add_limit_option(preview, o.preview.preview.limits);
  platforms_file(preview);
  preview->callback([&o] { o.command = Command::preview; });

  app.add_subcommand("keygen", "print a new signing key for placard serve (32 random bytes, hex)")
      ->callback([&o] { o.command = Command::keygen; });

  CLI::App* sign = app.add_subcommand(
      "sign", "print a signed /render/ path for placard serve, to append to its URL");
  sign->add_option("--key-file", o.sign.key_file, "the server's key (placard keygen)")
      ->required()
      ->check(CLI::ExistingFile);
  sign->add_option("--layout", o.sign.layout, "a layout name the server knows")
      ->capture_default_str();
  sign->add_option("--size", o.sign.size, "size name or WxH")->capture_default_str();
  sign->add_option("--format", o.sign.format,
                   "png, jpeg (.jpg) or webp: the image the path asks for; the signature covers it")
      ->capture_default_str()
      ->check(CLI::IsMember({"png", "jpeg", "jpg", "webp"}));
  sign->add_option("--headline", o.sign.headline, "the headline")->required();
  sign->add_option("--kicker", o.sign.kicker, "small line above the headline");
  sign->add_option("--body", o.sign.body, "text below the headline");
  sign->add_option("--footer", o.sign.footer, "footer text, e.g. a URL or hashtag");
  sign->add_option("--lang", o.sign.lang, "language of the text (BCP 47)");
  sign->add_option("--brand", o.sign.brand, "a brand name the server knows (default: its first)");
  sign->callback([&o] { o.command = Command::sign; });

  CLI::App* proof = app.add_subcommand(
      "proof", "write a contact sheet of LAYOUT at every preset size into FILE.png");
  proof->add_option("layout", o.proof.layout, "built-in layout name, or a .yaml or .svg file")
      ->required();
  proof->add_option("-o,--out", o.proof.out_file, "output PNG file")->required();
  proof->add_option("--brand", o.proof.brand, "brand .yaml file")->check(CLI::ExistingFile);
  proof
      ->add_option("--content", o.proof.content,
                   "a campaign (Markdown) whose cards to show instead of sample text")
      ->check(CLI::ExistingFile);
  add_limit_option(proof, o.proof.limits);
  platforms_file(proof);
  proof->callback([&o] { o.command = Command::proof; });
}

std::optional<Diagnostic> unknown_word(const CLI::App& app, const std::vector<std::string>& args) {
  auto usage = [](std::string message, std::vector<std::string> hints) {
    Diagnostic d;
    d.kind = FailureKind::usage;
    d.message = std::move(message);
    d.hints = std::move(hints);
    return d;
  };
  size_t i = 0;
  while (i < args.size() && args[i].starts_with("-")) ++i;  // --help, --version
  if (i == args.size()) return std::nullopt;
  const std::vector<const CLI::App*> commands =
      app.get_subcommands([](const CLI::App*) { return true; });
  const CLI::App* command = nullptr;
  std::vector<std::string> names;
  for (const CLI::App* c : commands) {
    names.push_back(c->get_name());
    if (c->get_name() == args[i]) command = c;
  }
  if (!command) {
    auto hints = did_you_mean(args[i], names);
    std::string all;
    for (const std::string& n : names) all += (all.empty() ? "" : ", ") + n;
    hints.push_back("commands: " + all + " ('placard COMMAND --help' shows a command's options)");
    return usage("unknown command '" + args[i] + "'", hints);
  }
  for (++i; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-' || (arg[1] >= '0' && arg[1] <= '9')) continue;
    const bool long_name = arg.starts_with("--");
    const std::string name = long_name ? arg.substr(0, arg.find('=')) : arg.substr(0, 2);
    if (name == "--help" || name == "-h") continue;
    if (const CLI::Option* opt = command->get_option_no_throw(name)) {
      // Its value is the next word (unless given after '=' or glued to -x).
      const bool value_attached = long_name ? arg.find('=') != std::string::npos : arg.size() > 2;
      if (opt->get_expected_min() > 0 && !value_attached) ++i;
      continue;
    }
    std::vector<std::string> options;
    for (const CLI::Option* o : command->get_options()) {
      for (const std::string& l : o->get_lnames()) options.push_back("--" + l);
      for (const std::string& s : o->get_snames()) options.push_back("-" + s);
    }
    auto hints = did_you_mean(name, options);
    hints.push_back("'placard " + command->get_name() + " --help' lists its options");
    return usage("unknown option '" + name + "' for 'placard " + command->get_name() + "'", hints);
  }
  return std::nullopt;
}

}  // namespace placard
