// Text encodings for asyncio.open's `encoding` option (asyncio/files.lua):
// glibc's iconv converts between a file's encoding and UTF-8, the encoding
// of Lua strings, as Python's text mode decodes on read and encodes on
// write; a UTF-8 file is checked here by Python's rules. Errors are told
// apart as Python's codecs tell them (what an error spans, its reason);
// file_codec.lua words them.
//
// A codec is a userdata owning one iconv_t (closed by its __gc, or at
// once by codec_close). Conversions run on the loop thread: a chunk is at
// most a read request's worth.
//
// Invariant: no C++ object with a destructor lives across a call that may
// raise (the output is built in a luaL_Buffer, which Lua owns).
#include "io/text_codec.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "kernel/kernel.hpp"
#include "lua/errors.hpp"
#include "lua/runtime_modules.hpp"

namespace luasync::io {

namespace {

constexpr const char* kCodecMt = "luasync.codec";

struct Codec {
  iconv_t cd;  // (iconv_t)-1 once closed
};

Codec* check_codec(lua_State* L, int i) { return static_cast<Codec*>(luaL_checkudata(L, i, kCodecMt)); }

// codec_open(to, from) -> codec, or nil when iconv knows no such conversion
int l_codec_open(lua_State* L) {
  const char* to = check_c_string(L, 1, kNulCharacter);
  const char* from = check_c_string(L, 2, kNulCharacter);
  auto* c = static_cast<Codec*>(lua_newuserdatauv(L, sizeof(Codec), 0));
  c->cd = reinterpret_cast<iconv_t>(-1);
  luaL_setmetatable(L, kCodecMt);
  iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return 0;
  c->cd = cd;
  return 1;
}

// How errors (Python's names) treats a sequence the codec cannot convert.
// The last three are Python's handlers that write what they make of the
// error (fix_decoded, fix_encoded); each may refuse an error, which then
// is the strict one.
enum class OnError { Strict, Replace, Ignore, BackslashReplace, XmlCharRefReplace, SurrogateEscape };

// What one error of the input spans, as Python's codecs count it: `length`
// bytes (at least 1), for `reason`.
struct ErrorSpan {
  size_t length;
  const char* reason;
};

constexpr const char* kUnexpectedEnd = "unexpected end of data";

// The input bytes converted per iconv call at most (output room for 4 bytes each).
constexpr size_t kSlice = 16384;
// ... and after an error. glibc's iconv converts a slice's first step
// (UTF-8 to its internal form) whole before the next step sees it, so an
// error there cost a slice: a text of errors back to back cost their
// number times 16 KiB. The window grows back to kSlice as the input
// converts.
constexpr size_t kSliceAfterError = 32;

// Where the run of errors back to back that the current error ends began
// (0-based, in data): Python's charmap encoders name a whole run when the
// handler refuses it (file_codec.lua's encode).
class ErrorRun {
 public:
  explicit ErrorRun(size_t from) : resumed_(from) {}
  // Notes an error at start; gives where its run began.
  size_t error_at(size_t start) {
    if (!seen_ || start != resumed_) run_ = start;
    seen_ = true;
    return run_;
  }
  void fixed_up_to(size_t stop) { resumed_ = stop; }

 private:
  size_t resumed_;
  size_t run_ = 0;
  bool seen_ = false;
};

// [-1, +6] codec_convert's error results: nil, start, reason, end, the
// output converted before the error (on the stack's top, moved after
// end), and where its run of errors began (ErrorRun).
int push_error(lua_State* L, size_t start, ErrorSpan span, size_t run) {
  lua_pushnil(L);
  lua_pushinteger(L, static_cast<lua_Integer>(start));
  lua_pushstring(L, span.reason);
  lua_pushinteger(L, static_cast<lua_Integer>(start + span.length));
  lua_rotate(L, -5, -1);
  lua_pushinteger(L, static_cast<lua_Integer>(run));
  return 6;
}

// The UTF-8 sequence at the start of s[0, left), as CPython's decoder reads
// it: valid (reason nullptr, length its bytes), or an error: the bytes of
// a valid prefix of a sequence are one error (one U+FFFD under "replace"),
// cut by the first byte that cannot go on it ("invalid continuation
// byte") or by the end of the data ("unexpected end of data"); a byte no
// sequence begins with is "invalid start byte".
ErrorSpan utf8_sequence(const unsigned char* s, size_t left) {
  const unsigned char lead = s[0];
  if (lead < 0x80) return {1, nullptr};
  size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    if (lead == 0xE0) lo = 0xA0;  // (no overlong form)
    if (lead == 0xED) hi = 0x9F;  // (no surrogate)
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    if (lead == 0xF0) lo = 0x90;
    if (lead == 0xF4) hi = 0x8F;  // (nothing past U+10FFFF)
  } else {
    return {1, "invalid start byte"};
  }
  for (size_t i = 1; i <= need; ++i) {
    if (i >= left) return {i, kUnexpectedEnd};
    const unsigned char b = s[i];
    if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return {i, "invalid continuation byte"};
  }
  return {need + 1, nullptr};
}

// Whether s[0, left) begins with the three bytes of a UTF-16 surrogate
// (ED A0..BF 80..BF): what Python's surrogateescape decodes a byte to, and
// one character of a Lua string (utf8.codepoint's lax reading).
bool surrogate_at(const unsigned char* s, size_t left) {
  return left >= 3 && s[0] == 0xED && s[1] >= 0xA0 && s[1] <= 0xBF && (s[2] & 0xC0) == 0x80;
}

// The character at the start of s[0, left) of a Lua string given to an
// encoder, as file_codec.lua's char_at reads it: a valid UTF-8 sequence
// or a surrogate's three bytes is one character; any other byte is one
// of its own (the lone surrogate U+DC80 + its value, as Python's
// surrogateescape reads a byte that is no UTF-8), so a run of such bytes
// is as many characters.
size_t char_length(const unsigned char* s, size_t left) {
  const ErrorSpan seq = utf8_sequence(s, left);
  if (seq.reason == nullptr) return seq.length;
  return surrogate_at(s, left) ? 3 : 1;
}

// The code point of the character at s (char_length's): a valid sequence's
// or a surrogate's, else U+DC80 + the byte (file_codec.lua's char_at).
uint32_t char_code(const unsigned char* s, size_t left) {
  const size_t n = char_length(s, left);
  if (n == 1) return s[0] < 0x80 ? s[0] : 0xDC00 + s[0];
  static constexpr unsigned char kLeadMask[] = {0, 0, 0x1F, 0x0F, 0x07};
  uint32_t cp = s[0] & kLeadMask[n];
  for (size_t i = 1; i < n; ++i) cp = (cp << 6) | (s[i] & 0x3F);
  return cp;
}

// Adds bytes s[0, n) to b, decoded by a handler: backslashreplace's
// \xNN each, or surrogateescape's lone surrogate U+DC80 + the byte each
// (a read and a write give the file's bytes back), which refuses the
// bytes if one is ASCII (Python's rule). False: refused, nothing added.
bool fix_decoded(luaL_Buffer* b, OnError on_error, const unsigned char* s, size_t n) {
  if (on_error == OnError::SurrogateEscape) {
    if (std::any_of(s, s + n, [](unsigned char c) { return c < 0x80; })) return false;
    for (size_t i = 0; i < n; ++i) {
      const uint32_t cp = 0xDC00 + s[i];
      const char utf8[3] = {static_cast<char>(0xED), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                            static_cast<char>(0x80 | (cp & 0x3F))};
      luaL_addlstring(b, utf8, sizeof utf8);
    }
    return true;
  }
  if (on_error != OnError::BackslashReplace) return false;  // (xmlcharrefreplace: file_codec.lua raises)
  for (size_t i = 0; i < n; ++i) {
    char text[8];
    const int len = std::snprintf(text, sizeof text, "\\x%02x", s[i]);
    luaL_addlstring(b, text, static_cast<size_t>(len));
  }
  return true;
}

// Adds text[0, n) (ASCII) to b, encoded by cd as file_codec.lua encoded a
// handler's text: from cd's shift state, which is reset after it (not
// flushed: the text leaves it in ASCII). False: cd cannot, nothing added.
bool add_encoded(iconv_t cd, luaL_Buffer* b, const char* text, size_t n) {
  const size_t room = n * 8 + 32;
  char* out = luaL_prepbuffsize(b, room);
  size_t outleft = room;
  char* in = const_cast<char*>(text);
  size_t inleft = n;
  const size_t r = iconv(cd, &in, &inleft, &out, &outleft);
  iconv(cd, nullptr, nullptr, nullptr, nullptr);
  if (r == static_cast<size_t>(-1)) return false;
  luaL_addsize(b, room - outleft);
  return true;
}

// Adds to b what a handler writes for the character at s that cd could not
// encode: backslashreplace's \xNN, \uNNNN or \UNNNNNNNN, xmlcharrefreplace's
// &#N;, or surrogateescape's byte for a lone surrogate U+DC80..U+DCFF as it
// is, when the encoding's code unit is a byte (width: "?"'s bytes in it;
// Python's UTF-16 and UTF-32 encoders refuse a lone byte). False: refused,
// nothing added.
bool fix_encoded(iconv_t cd, luaL_Buffer* b, OnError on_error, const unsigned char* s, size_t left, size_t width) {
  const uint32_t cp = char_code(s, left);
  if (on_error == OnError::SurrogateEscape) {
    if (cp < 0xDC80 || cp > 0xDCFF || width != 1) return false;
    luaL_addchar(b, static_cast<char>(cp - 0xDC00));
    return true;
  }
  char text[16];
  int len = 0;
  if (on_error == OnError::XmlCharRefReplace) {
    len = std::snprintf(text, sizeof text, "&#%u;", static_cast<unsigned>(cp));
  } else if (on_error == OnError::BackslashReplace) {
    const char* form = cp <= 0xFF ? "\\x%02x" : cp <= 0xFFFF ? "\\u%04x" : "\\U%08x";
    len = std::snprintf(text, sizeof text, form, static_cast<unsigned>(cp));
  } else {
    return false;
  }
  return add_encoded(cd, b, text, static_cast<size_t>(len));
}

// How the input goes on after an error: a byte (a decoder), a character
// (an encoder from UTF-8: char_length); Utf8 decodes UTF-8 itself
// (check_utf8), and Utf8Char encodes to it (check_utf8: iconv's UTF-8
// passes what is no UTF-8, F4 90 80 80 past U+10FFFF, F8 88 80 80 80).
enum class Unit { Byte, Char, Utf8, Utf8Char };

bool encodes(Unit unit) { return unit == Unit::Char || unit == Unit::Utf8Char; }

// What codec_convert does with an error: on_error; replacement is what a
// decoder's "replace" writes, and for an encoder its length is the width
// of the encoding's code unit ("?"'s: surrogateescape's, fix_encoded); cd
// encodes the text an encoder's handler writes.
struct Handling {
  OnError on_error;
  const char* replacement;
  size_t rlen;
  iconv_t cd;
  Unit unit;
};

// Adds to b what h writes in place of the error span at s[0, left), or
// returns false (strict, or the handler refused it: nothing added).
bool fix_error(luaL_Buffer* b, const Handling& h, const unsigned char* s, size_t left, ErrorSpan span) {
  switch (h.on_error) {
    case OnError::Strict:
      return false;
    case OnError::Replace:
      // (an encoder's "?" is encoded where it goes, as Python's: a
      // stateful encoding, iso2022_jp, shifts to ASCII for it)
      if (encodes(h.unit)) return add_encoded(h.cd, b, "?", 1);
      luaL_addlstring(b, h.replacement, h.rlen);
      return true;
    case OnError::Ignore:
      return true;
    default:
      break;
  }
  if (encodes(h.unit)) return fix_encoded(h.cd, b, h.on_error, s, left, h.rlen);
  return fix_decoded(b, h.on_error, s, span.length);
}

// [-0, +2|6] codec_convert's results for a UTF-8 file, decoded (unit
// Utf8) or encoded (Utf8Char) here rather than by iconv, whose UTF-8
// takes what Python's refuses (F4 90 80 80, past U+10FFFF). Valid runs
// are copied whole; an error spans what Python's decoder names (Utf8),
// or one character (Utf8Char: a surrogate or a byte, char_length).
int check_utf8(lua_State* L, const char* data, size_t len, size_t from, bool final, const Handling& h) {
  const auto* s = reinterpret_cast<const unsigned char*>(data);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  ErrorRun errors(from);
  size_t copied = from;  // the valid bytes before it are in b
  size_t i = from;
  while (i < len) {
    ErrorSpan seq = utf8_sequence(s + i, len - i);
    if (seq.reason == nullptr) {
      i += seq.length;
      continue;
    }
    if (seq.reason == kUnexpectedEnd && !final) break;  // kept for the next chunk
    if (h.unit == Unit::Utf8Char) seq = {char_length(s + i, len - i), "illegal"};
    luaL_addlstring(&b, data + copied, i - copied);
    const size_t run = errors.error_at(i);
    if (!fix_error(&b, h, s + i, len - i, seq)) {
      luaL_pushresult(&b);
      return push_error(L, i, seq, run);
    }
    i += seq.length;
    copied = i;
    errors.fixed_up_to(i);
  }
  luaL_addlstring(&b, data + copied, i - copied);
  luaL_pushresult(&b);
  lua_pushlstring(L, data + i, len - i);
  return 2;
}

// The error at in[0, left) (iconv's errno err: EILSEQ, or EINVAL for a
// sequence cut by the end of the input). An encoder's is one character
// (char_length: a cut sequence at the end of a Lua string is bytes that
// are no UTF-8, a character each), a decoder's a byte, or all that is
// left of a cut sequence, as Python's multibyte decoders say.
ErrorSpan error_span(Unit unit, const char* in, size_t left, int err) {
  if (unit == Unit::Char) return {char_length(reinterpret_cast<const unsigned char*>(in), left), "illegal"};
  if (err == EINVAL) return {left, "incomplete"};
  return {1, "illegal"};
}

// codec_convert(codec, data, final, errors, replacement, unit[, from])
//   -> out, rest
//   or nil, start, reason, end (0-based, in data; end exclusive), out
//      before, run (ErrorRun)
// Converts data from its byte from (0-based; 0 by default); an incomplete
// sequence at its end is left in rest, for the next chunk, unless final
// (the end of the input: then it is an error). A sequence that cannot be
// converted is an error under "strict"; "replace" writes `replacement`
// (already in the target encoding; an encoder's is "?", encoded in place)
// for it, "ignore" nothing, and
// "backslashreplace", "xmlcharrefreplace" (an encoder's only) and
// "surrogateescape" what Python's handlers write (fix_error), or the error
// if the handler refuses it; either way the input goes on after it, in
// the same pass (an error costs no rescan of the input). unit says how
// long an error is ("byte", "char", "utf8": Unit; "char" and "utf8char"
// encode), and reason is "illegal" or "incomplete", but Python's own
// reasons for "utf8" ("utf8char": the encoder to UTF-8).
int l_codec_convert(lua_State* L) {
  Codec* c = check_codec(L, 1);
  size_t len = 0;
  const char* data = luaL_checklstring(L, 2, &len);
  const bool final = lua_toboolean(L, 3) != 0;
  static const char* const kModes[] = {"strict",          "replace", "ignore", "backslashreplace", "xmlcharrefreplace",
                                       "surrogateescape", nullptr};
  const auto on_error = static_cast<OnError>(luaL_checkoption(L, 4, "strict", kModes));
  size_t rlen = 0;
  const char* replacement = luaL_optlstring(L, 5, "", &rlen);
  static const char* const kUnits[] = {"byte", "char", "utf8", "utf8char", nullptr};
  const auto unit = static_cast<Unit>(luaL_checkoption(L, 6, "byte", kUnits));
  const lua_Integer from = luaL_optinteger(L, 7, 0);
  luaL_argcheck(L, from >= 0 && static_cast<lua_Unsigned>(from) <= len, 7, "out of range");
  if (c->cd == reinterpret_cast<iconv_t>(-1)) return luaL_error(L, "codec is closed");
  const Handling h{on_error, replacement, rlen, c->cd, unit};
  if (unit == Unit::Utf8 || unit == Unit::Utf8Char)
    return check_utf8(L, data, len, static_cast<size_t>(from), final, h);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  ErrorRun errors(static_cast<size_t>(from));
  char* in = const_cast<char*>(data) + from;
  size_t inleft = len - static_cast<size_t>(from);
  size_t window = kSlice;  // the input given to one iconv call at most
  while (inleft > 0 || final) {
    // (room for the window, E2BIG asks for more: room for all of the
    // input made each call after an error cost the rest of the data)
    const size_t take = std::min(inleft, window);
    size_t room = take * 4 + 16;
    char* out = luaL_prepbuffsize(&b, room);
    size_t outleft = room;
    size_t takeleft = take;
    // (final with all input taken: flushes a stateful encoding's shift)
    size_t r = take > 0 ? iconv(c->cd, &in, &takeleft, &out, &outleft) : iconv(c->cd, nullptr, nullptr, &out, &outleft);
    const int err = errno;
    inleft -= take - takeleft;
    luaL_addsize(&b, room - outleft);
    if (r != static_cast<size_t>(-1)) {
      // final, all input taken: once more, with no input, which writes what
      // the encoder still holds (a stateful encoding's shift back to ASCII,
      // utf-7's last base64 digit, euc_jis_2004's character kept in case a
      // combining mark followed), so each write ends whole.
      if (inleft == 0 && (!final || take == 0)) break;
      window = std::min(window * 2, kSlice);
      continue;
    }
    if (err == E2BIG) continue;
    if (err == EINVAL && takeleft < inleft) {  // cut by the window, not by the input's end
      window *= 2;
      continue;
    }
    if (err == EINVAL && !final) break;  // an incomplete sequence: kept for the next chunk
    if (inleft == 0) break;              // (a shift state that did not flush: nothing to point at)
    const ErrorSpan span = error_span(unit, in, inleft, err);
    const size_t start = static_cast<size_t>(in - data);
    const size_t run = errors.error_at(start);
    if (!fix_error(&b, h, reinterpret_cast<const unsigned char*>(in), inleft, span)) {
      luaL_pushresult(&b);
      return push_error(L, start, span, run);
    }
    in += span.length;
    inleft -= span.length;
    errors.fixed_up_to(start + span.length);
    window = kSliceAfterError;
  }
  luaL_pushresult(&b);
  lua_pushlstring(L, in, inleft);
  if (final) iconv(c->cd, nullptr, nullptr, nullptr, nullptr);
  return 2;
}

// codec_reset(codec): forgets the shift state (a seek)
int l_codec_reset(lua_State* L) {
  Codec* c = check_codec(L, 1);
  if (c->cd != reinterpret_cast<iconv_t>(-1)) iconv(c->cd, nullptr, nullptr, nullptr, nullptr);
  return 0;
}

int l_codec_gc(lua_State* L) {
  Codec* c = check_codec(L, 1);
  if (c->cd != reinterpret_cast<iconv_t>(-1)) iconv_close(c->cd);
  c->cd = reinterpret_cast<iconv_t>(-1);
  return 0;
}

const luaL_Reg codec_funcs[] = {
    {"codec_open", l_codec_open},
    {"codec_convert", l_codec_convert},
    {"codec_reset", l_codec_reset},
    {"codec_close", l_codec_gc},
    {nullptr, nullptr},
};

}  // namespace

void open_text_codec_module(lua_State* L) {
  luaL_newmetatable(L, kCodecMt);
  lua_pushcfunction(L, l_codec_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  push_runtime_modules(L);
  lua_getfield(L, -1, "luasync.core");
  kernel::register_funcs(L, -1, codec_funcs, 0);
  lua_pop(L, 2);
}

}  // namespace luasync::io
