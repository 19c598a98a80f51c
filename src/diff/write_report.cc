#include "diff/write_report.h"

#include "base/file_io.h"
#include "diff/report_html.h"
#include "diff/report_markdown.h"

namespace placard {

void write_report(const FolderDiff& diff, const std::string& report_dir,
                  const std::string& report_link) {
  const std::string html = report_html(diff);
  const std::string md = report_markdown(diff, report_link);
  write_file_atomic_under(report_dir, "index.html", html, Durability::later);
  sync_filesystem(report_dir);
  write_file_atomic_under(report_dir, "summary.md", md);
  write_file_atomic_under(report_dir, "index.html", html);
}

}  // namespace placard
