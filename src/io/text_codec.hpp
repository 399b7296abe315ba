// Text encodings through iconv, for asyncio.open's `encoding` (text_codec.cpp).
#pragma once

struct lua_State;

namespace luasync::io {

// [-0, +0] Adds core.codec_open, codec_convert, codec_reset, codec_close.
void open_text_codec_module(lua_State* L);

}  // namespace luasync::io
