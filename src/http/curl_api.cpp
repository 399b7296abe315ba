// Loading libcurl (curl_api.hpp).
#include "http/curl_api.hpp"

#include <dlfcn.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace luasync::http {

const char* load_failure(const char* library, const char* package) {
  static char text[600];
  const char* err = dlerror();
  if (err == nullptr) err = "unknown error";
  if (std::strstr(err, std::strerror(ENOENT)) != nullptr) {
    std::snprintf(text, sizeof text, "%s cannot be loaded (install Debian's %s): %s", library, package, err);
  } else {
    std::snprintf(text, sizeof text, "%s cannot be loaded: %s", library, err);
  }
  return text;
}

namespace {

template <typename F>
bool find(void* lib, const char* name, F& out) {
  out = reinterpret_cast<F>(dlsym(lib, name));
  return out != nullptr;
}

}  // namespace

const CurlApi* curl_api(const char** why) {
  static CurlApi api;
  static const char* failure = nullptr;
  static bool tried = false;
  if (!tried) {
    void* lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    // A library that could not be opened is tried again next time: the
    // cause may pass (EMFILE).
    tried = lib != nullptr;
    if (lib == nullptr) {
      if (why) *why = load_failure("libcurl.so.4", "libcurl4");
      return nullptr;
    } else if (!(find(lib, "curl_global_init", api.global_init) && find(lib, "curl_version", api.version) &&
                 find(lib, "curl_multi_init", api.multi_init) && find(lib, "curl_multi_setopt", api.multi_setopt) &&
                 find(lib, "curl_multi_cleanup", api.multi_cleanup) &&
                 find(lib, "curl_multi_add_handle", api.multi_add_handle) &&
                 find(lib, "curl_multi_remove_handle", api.multi_remove_handle) &&
                 find(lib, "curl_multi_socket_action", api.multi_socket_action) &&
                 find(lib, "curl_multi_info_read", api.multi_info_read) &&
                 find(lib, "curl_multi_assign", api.multi_assign) && find(lib, "curl_easy_init", api.easy_init) &&
                 find(lib, "curl_easy_setopt", api.easy_setopt) && find(lib, "curl_easy_getinfo", api.easy_getinfo) &&
                 find(lib, "curl_easy_pause", api.easy_pause) && find(lib, "curl_easy_cleanup", api.easy_cleanup) &&
                 find(lib, "curl_easy_strerror", api.easy_strerror) &&
                 find(lib, "curl_slist_append", api.slist_append) &&
                 find(lib, "curl_slist_free_all", api.slist_free_all))) {
      failure = "libcurl.so.4 lacks a function luasync needs";
    } else if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      failure = "libcurl's setup failed";
    }
    // (lib stays loaded for the life of the process: its handles may.)
  }
  if (failure) {
    if (why) *why = failure;
    return nullptr;
  }
  return &api;
}

}  // namespace luasync::http
