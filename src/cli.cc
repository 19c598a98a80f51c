#include "cli.h"

#include <CLI/CLI.hpp>

namespace placard {

void build_cli(CLI::App& app, Options& o) {
  app.description(
      "Placard turns campaign text into branded PNG share cards at every social size.");
  app.set_version_flag("--version", std::string("placard ") + PLACARD_VERSION);
  app.require_subcommand(1);

  CLI::App* render = app.add_subcommand(
      "render", "render every card of a campaign (Markdown) into DIR/<card-id>/<size>.png");
  render->add_option("content", o.render.inputs, "campaign Markdown file(s)")
      ->required()
      ->check(CLI::ExistingFile);
  render->add_option("-o,--out", o.render.out_dir, "output folder")->required();
  render->add_option("--sizes", o.render.sizes,
                     "sizes: og,x,square,portrait,story,pinterest, all, or WxH")
      ->delimiter(',');
  render->add_option("--layout", o.render.layout, "built-in layout name or a .yaml file");
  render->add_option("--brand", o.render.brand, "brand .yaml file")->check(CLI::ExistingFile);
  CLI::Option* with_gallery =
      render->add_flag("--gallery", o.render_gallery,
                       "also write the download page DIR/index.html and a ZIP per size");
  render->add_option("--base-url", o.gallery.base_url,
                     "with --gallery: the URL DIR will be published at (absolute og:image)")
      ->needs(with_gallery);
  render->add_option("--lead", o.gallery.lead,
                     "with --gallery: id of the card the page's own link preview shows")
      ->needs(with_gallery);
  render->callback([&o] { o.command = Command::render; });

  CLI::App* card = app.add_subcommand("card", "render one card from TEXT into FILE.png");
  card->add_option("text", o.card.text, "the headline")->required();
  card->add_option("-o,--out", o.card.out_file, "output PNG file")->required();
  card->add_option("--size", o.card.size, "size name or WxH (default og)");
  card->add_option("--layout", o.card.layout, "built-in layout name or a .yaml file");
  card->add_option("--brand", o.card.brand, "brand .yaml file")->check(CLI::ExistingFile);
  card->add_option("--kicker", o.card.kicker, "small line above the headline");
  card->add_option("--footer", o.card.footer, "footer text, e.g. a URL or hashtag");
  card->add_option("--lang", o.card.lang, "language of the text (BCP 47, e.g. es, ar)");
  card->add_flag("--dump-layout", o.card.dump_layout,
                 "print the chosen sizes, lines and boxes as JSON");
  card->callback([&o] { o.command = Command::card; });

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
  gallery->callback([&o] { o.command = Command::gallery; });

  app.add_subcommand("sizes", "list the size presets")->callback([&o] {
    o.command = Command::sizes;
  });
  app.add_subcommand("layouts", "list the built-in layouts")->callback([&o] {
    o.command = Command::layouts;
  });
}

}  // namespace placard
