// libcurl, loaded at the first HTTP client rather than linked: with OpenSSL
// and its other libraries it is some thirty shared objects, which would
// double the startup of every program, also those that never make a request
// (bench W6). The headers still come from libcurl4-openssl-dev; the library
// is the libcurl.so.4 of Debian's libcurl4 (the same package).
#pragma once

#include <curl/curl.h>

namespace luasync::http {

struct CurlApi {
  CURLcode (*global_init)(long flags);
  char* (*version)();
  CURLM* (*multi_init)();
  CURLMcode (*multi_setopt)(CURLM*, CURLMoption, ...);
  CURLMcode (*multi_cleanup)(CURLM*);
  CURLMcode (*multi_add_handle)(CURLM*, CURL*);
  CURLMcode (*multi_remove_handle)(CURLM*, CURL*);
  CURLMcode (*multi_socket_action)(CURLM*, curl_socket_t, int, int*);
  CURLMsg* (*multi_info_read)(CURLM*, int*);
  CURLMcode (*multi_assign)(CURLM*, curl_socket_t, void*);
  CURL* (*easy_init)();
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  CURLcode (*easy_pause)(CURL*, int);
  void (*easy_cleanup)(CURL*);
  const char* (*easy_strerror)(CURLcode);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
};

// [loop thread] The loaded API (libcurl's global setup done), or null when
// libcurl cannot be loaded; `why` then says why. Loads once (a library
// that could not be opened is tried again at the next call).
const CurlApi* curl_api(const char** why);

// Right after dlopen(library) failed: why, from dlerror(), with the advice
// to install Debian's `package` only when the library is not there (not
// when the process is out of descriptors, say). The text lasts until the
// next call.
const char* load_failure(const char* library, const char* package);

}  // namespace luasync::http
