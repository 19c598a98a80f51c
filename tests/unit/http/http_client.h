// A libcurl client for the HTTP tests: one GET, many at once, a form POST.
#pragma once

#include <curl/curl.h>

#include <cctype>
#include <map>
#include <string>
#include <vector>

namespace {

struct Answer {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

inline size_t on_body(char* p, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(p, size * n);
  return size * n;
}

inline size_t on_header(char* p, size_t size, size_t n, void* out) {
  std::string line(p, size * n);
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * n;
}

// One easy handle set up for `url`; the caller owns it.
inline CURL* easy(const std::string& url, Answer& a, curl_slist* headers = nullptr,
                  bool head = false) {
  CURL* c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);  // send ".." as written
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &a.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &a.headers);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
  if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  if (head) curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  return c;
}

inline Answer get(const std::string& url, std::vector<std::string> headers = {},
                  bool head = false) {
  Answer a;
  curl_slist* list = nullptr;
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  CURL* c = easy(url, a, list, head);
  if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
  curl_easy_cleanup(c);
  curl_slist_free_all(list);
  return a;
}

// Many requests at once on as many connections; answers in order.
inline std::vector<Answer> get_all(const std::vector<std::string>& urls) {
  std::vector<Answer> answers(urls.size());
  CURLM* m = curl_multi_init();
  curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, 0L);
  std::vector<CURL*> handles;
  for (size_t i = 0; i < urls.size(); ++i) {
    handles.push_back(easy(urls[i], answers[i]));
    curl_easy_setopt(handles.back(), CURLOPT_FRESH_CONNECT, 1L);
    curl_multi_add_handle(m, handles.back());
  }
  int running = 1;
  while (running) {
    curl_multi_perform(m, &running);
    if (running) curl_multi_poll(m, nullptr, 0, 100, nullptr);
  }
  for (size_t i = 0; i < handles.size(); ++i) {
    curl_easy_getinfo(handles[i], CURLINFO_RESPONSE_CODE, &answers[i].status);
    curl_multi_remove_handle(m, handles[i]);
    curl_easy_cleanup(handles[i]);
  }
  curl_multi_cleanup(m);
  return answers;
}

// POST a multipart/form-data form: (name, value) parts, and (name, bytes,
// file name, type) file parts, as a browser's FormData sends them.
struct FilePart {
  std::string name, bytes, filename, type;
};
inline Answer post_form(const std::string& url,
                        const std::vector<std::pair<std::string, std::string>>& fields,
                        const std::vector<FilePart>& files = {},
                        const std::vector<std::string>& headers = {}) {
  Answer a;
  curl_slist* list = nullptr;
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  CURL* c = easy(url, a, list);
  curl_mime* mime = curl_mime_init(c);
  for (const auto& [name, value] : fields) {
    curl_mimepart* p = curl_mime_addpart(mime);
    curl_mime_name(p, name.c_str());
    curl_mime_data(p, value.data(), value.size());
  }
  for (const FilePart& f : files) {
    curl_mimepart* p = curl_mime_addpart(mime);
    curl_mime_name(p, f.name.c_str());
    curl_mime_data(p, f.bytes.data(), f.bytes.size());
    curl_mime_filename(p, f.filename.c_str());
    curl_mime_type(p, f.type.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
  if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
  curl_easy_cleanup(c);
  curl_mime_free(mime);
  curl_slist_free_all(list);
  return a;
}

}  // namespace
