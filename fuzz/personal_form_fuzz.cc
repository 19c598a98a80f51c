// libFuzzer target: a supporter's form as `placard serve` meets it. Each
// input is the body of a POST with a multipart/form-data type, sent over a
// real socket to an in-process HttpServer whose route takes a form with the
// personal route's limits. libmicrohttpd's post processor parses it; the
// collector (http/multipart) holds it to the limits; the route then
// checks what reached it, checks each field as the personal route does
// (text/personal_field: cleaned, counted, blocklisted) and decodes the photo
// part. A refusal is a 4xx answer; anything else (a crash, a 5xx, no
// answer, a part over its limit or of an unknown name reaching the route)
// is a bug.
#include "fuzz_support.h"
#include "personal_form_harness.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  placard::fuzz::init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const int status = placard::fuzz::personal_form::send(placard::fuzz::as_text(data, size));
  if (status == -1) return 0;  // out of sockets for a moment: not the server's fault
  if (status != 200 && (status < 400 || status > 499)) __builtin_trap();
  return 0;
}
