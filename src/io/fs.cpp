// File system operations on libuv's thread pool (uv_fs_*), under
// asyncio/files.lua: the other tasks run while a file is opened, read,
// written or listed.
//
// A request is a userdata (FsReq, an IoSource) that owns an Op: the uv_fs_t
// and the request's buffer, in memory of its own. libuv's callback (on the
// loop thread) only marks the Op done and notes the request; the delivery
// enqueues fs_done(request), whose fs_take reads the result and frees the Op.
//
// Invariants:
// - A request is anchored in the registry table kRegFs while its Op is in
//   libuv's hands, so its delivery always finds it.
// - An Op outlives its request only if the request was collected while the
//   Op was pending (the state closing): the callback then frees it alone.
#include "io/fs.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <new>

#include "io/open_list.hpp"
#include "kernel/boundary.hpp"
#include "kernel/kernel.hpp"
#include "lua/errors.hpp"
#include "lua/runtime_modules.hpp"

namespace luasync::io {

namespace {

constexpr const char* kRegFs = "luasync.fs";
constexpr const char* kFsReqMt = "luasync.fs_request";

struct FsReq;

enum class OpKind { Open, Close, Read, Write, Stat, Fstat, Unlink, Rename, Mkdir, Rmdir, Scandir };

struct Op {
  uv_fs_t req;
  FsReq* owner = nullptr;
  OpKind kind = OpKind::Open;
  bool done = false;
  char* buf = nullptr;  // read: the bytes; write: a copy of the data
  size_t len = 0;
  // A write at the descriptor's own position (offset -1: append mode, a
  // pipe): the position after it, read when it finished, or -1 (a pipe has
  // none). In append mode the system wrote at the end of the file, also past
  // what another writer appended, so this is the File's new position
  // (Python's tell()); reading it here spares a second trip through the pool.
  bool at_own_position = false;
  int64_t pos_after = -1;
  // fstat: whether the descriptor can seek (lseek succeeds), as Python's
  // seekable() asks: a FIFO, a socket, a terminal cannot; /dev/null can.
  bool seekable = false;
};

struct FsReq final : kernel::IoSource {
  kernel::Kernel* k = nullptr;
  Op* op = nullptr;
  bool listed = false;  // in `pending` while its Op is in libuv's hands
  FsReq* next_open = nullptr;
  FsReq* prev_open = nullptr;
  void deliver(lua_State* L) override {
    kernel::push_lua_fn(L, kernel::LuaFn::FsDone);
    lua_getfield(L, LUA_REGISTRYINDEX, kRegFs);
    lua_rawgetp(L, -1, this);
    lua_remove(L, -2);
    lua_pushnil(L);
    kernel::enqueue(L);
  }
};

OpenList<FsReq> pending;

// The most bytes one write request takes (a uv_buf_t's length is an
// unsigned int: 4 GiB would wrap). files.lua writes the rest with more
// requests, as after any short write. fs_write_cap changes it (tests).
constexpr size_t kMaxWrite = size_t{1} << 30;
static_assert(kMaxWrite <= UINT_MAX);
size_t write_cap = kMaxWrite;

void unlist(FsReq* r) {
  if (!r->listed) return;
  r->listed = false;
  pending.remove(r);
}

void free_op(Op* op) {
  uv_fs_req_cleanup(&op->req);
  std::free(op->buf);
  delete op;
}

void on_fs(uv_fs_t* req) {
  auto* op = static_cast<Op*>(req->data);
  if (op->owner == nullptr) {  // nobody waits any more
    free_op(op);
    return;
  }
  op->done = true;
  // (Now, before anything can close the descriptor: fs_done closes a File's
  // descriptor closed meanwhile, before its task takes the result. lseek
  // SEEK_CUR reads the kernel's offset and does no I/O.)
  if (op->kind == OpKind::Write && op->at_own_position && req->result >= 0) {
    op->pos_after = ::lseek(req->file, 0, SEEK_CUR);
  }
  if (op->kind == OpKind::Fstat && req->result >= 0) op->seekable = ::lseek(req->file, 0, SEEK_CUR) >= 0;
  unlist(op->owner);
  kernel::note_io(*op->owner->k, op->owner);
}

void anchor(lua_State* L, FsReq* r, bool on) {
  lua_getfield(L, LUA_REGISTRYINDEX, kRegFs);
  if (on) {
    lua_pushvalue(L, -2);
  } else {
    lua_pushnil(L);
  }
  lua_rawsetp(L, -2, r);
  lua_pop(L, 1);
}

// Python's ValueError for a path with a NUL byte, naming the os function
// that fs.stat/remove/rmdir/listdir stand for.
const char* nul_in_path(OpKind kind) {
  switch (kind) {
    case OpKind::Unlink:
      return "remove: embedded null character in path";
    case OpKind::Rmdir:
      return "rmdir: embedded null character in path";
    case OpKind::Scandir:
      return "listdir: embedded null character in path";
    default:
      return "stat: embedded null character in path";
  }
}

// fs(op, ...) -> request. op: "open" path flags mode | "close" fd |
// "read" fd n offset | "write" fd data offset [from] | "stat" path | "fstat" fd |
// "unlink" path | "rename" from to | "mkdir" path mode | "rmdir" path |
// "scandir" path. The outcome comes as fs_done(request). A write takes data
// from its byte `from` (1 by default) on, at most write_cap bytes of it:
// its result says how many were written. It writes at offset, or with -1 at
// the descriptor's position, which it moves (in append mode: at the end).
int l_fs(lua_State* L) {
  static const char* const kNames[] = {"open",   "close",  "read",  "write", "stat",    "fstat",
                                       "unlink", "rename", "mkdir", "rmdir", "scandir", nullptr};
  const auto kind = static_cast<OpKind>(luaL_checkoption(L, 1, nullptr, kNames));
  // Arguments first: nothing to undo when one is wrong.
  const char* path = nullptr;
  const char* path2 = nullptr;
  int fd = -1;
  lua_Integer n = 0, offset = -1, flags = 0, mode = 0;
  size_t len = 0;
  const char* data = nullptr;
  switch (kind) {
    case OpKind::Open:
      path = check_c_string(L, 2, kNulByte);
      flags = luaL_checkinteger(L, 3);
      mode = luaL_optinteger(L, 4, 0666);
      break;
    case OpKind::Close:
    case OpKind::Fstat:
      fd = static_cast<int>(luaL_checkinteger(L, 2));
      break;
    case OpKind::Read:
      fd = static_cast<int>(luaL_checkinteger(L, 2));
      n = luaL_checkinteger(L, 3);
      offset = luaL_optinteger(L, 4, -1);
      luaL_argcheck(L, n >= 0 && n <= (1 << 30), 3, "bad size");
      break;
    case OpKind::Write:
      fd = static_cast<int>(luaL_checkinteger(L, 2));
      data = luaL_checklstring(L, 3, &len);
      offset = luaL_optinteger(L, 4, -1);
      n = luaL_optinteger(L, 5, 1);
      luaL_argcheck(L, n >= 1 && static_cast<lua_Unsigned>(n - 1) <= len, 5, "out of range");
      data += n - 1;
      len = std::min(len - static_cast<size_t>(n - 1), write_cap);
      break;
    case OpKind::Rename:
      path = check_c_string(L, 2, "rename: embedded null character in src");
      path2 = check_c_string(L, 3, "rename: embedded null character in dst");
      break;
    case OpKind::Mkdir:
      path = check_c_string(L, 2, "mkdir: embedded null character in path");
      mode = luaL_optinteger(L, 3, 0777);
      break;
    default:
      path = check_c_string(L, 2, nul_in_path(kind));
      break;
  }
  kernel::check_loop_open(L);
  void* mem = lua_newuserdatauv(L, sizeof(FsReq), 0);
  auto* r = new (mem) FsReq();
  r->k = &kernel::kernel(L);
  luaL_setmetatable(L, kFsReqMt);
  anchor(L, r, true);
  auto* op = new (std::nothrow) Op();
  if (op == nullptr) {
    anchor(L, r, false);
    return luaL_error(L, "not enough memory");
  }
  op->owner = r;
  op->kind = kind;
  op->req.data = op;
  op->at_own_position = kind == OpKind::Write && offset < 0;
  if (kind == OpKind::Read || kind == OpKind::Write) {
    op->len = kind == OpKind::Read ? static_cast<size_t>(n) : len;
    op->buf = static_cast<char*>(std::malloc(std::max<size_t>(op->len, 1)));
    if (op->buf == nullptr) {
      delete op;
      anchor(L, r, false);
      return luaL_error(L, "not enough memory");
    }
    if (kind == OpKind::Write) std::memcpy(op->buf, data, len);
  }
  uv_loop_t* loop = r->k->loop->uv();
  uv_buf_t buf = uv_buf_init(op->buf, static_cast<unsigned>(op->len));  // (op->len <= 1 GiB)
  int err = 0;
  switch (kind) {
    case OpKind::Open:
      err = uv_fs_open(loop, &op->req, path, static_cast<int>(flags), static_cast<int>(mode), on_fs);
      break;
    case OpKind::Close:
      err = uv_fs_close(loop, &op->req, fd, on_fs);
      break;
    case OpKind::Read:
      err = uv_fs_read(loop, &op->req, fd, &buf, 1, offset, on_fs);
      break;
    case OpKind::Write:
      err = uv_fs_write(loop, &op->req, fd, &buf, 1, offset, on_fs);
      break;
    case OpKind::Stat:
      err = uv_fs_stat(loop, &op->req, path, on_fs);
      break;
    case OpKind::Fstat:
      err = uv_fs_fstat(loop, &op->req, fd, on_fs);
      break;
    case OpKind::Unlink:
      err = uv_fs_unlink(loop, &op->req, path, on_fs);
      break;
    case OpKind::Rename:
      err = uv_fs_rename(loop, &op->req, path, path2, on_fs);
      break;
    case OpKind::Mkdir:
      err = uv_fs_mkdir(loop, &op->req, path, static_cast<int>(mode), on_fs);
      break;
    case OpKind::Rmdir:
      err = uv_fs_rmdir(loop, &op->req, path, on_fs);
      break;
    case OpKind::Scandir:
      err = uv_fs_scandir(loop, &op->req, path, 0, on_fs);
      break;
  }
  if (err != 0) {
    free_op(op);
    anchor(L, r, false);
    return raise_os_error(L, -err, path);
  }
  r->op = op;
  r->listed = true;
  pending.add(r);
  return 1;
}

// [-0, +1] A stat result as a table: size, mode, mtime, atime, ctime,
// type ("file", "directory", "link", "other"); an fstat's also has
// seekable (l_fs_take).
void push_stat(lua_State* L, const uv_stat_t& st) {
  lua_createtable(L, 0, 6);
  lua_pushinteger(L, static_cast<lua_Integer>(st.st_size));
  lua_setfield(L, -2, "size");
  lua_pushinteger(L, static_cast<lua_Integer>(st.st_mode & 07777));
  lua_setfield(L, -2, "mode");
  lua_pushnumber(L, static_cast<double>(st.st_mtim.tv_sec) + static_cast<double>(st.st_mtim.tv_nsec) / 1e9);
  lua_setfield(L, -2, "mtime");
  lua_pushnumber(L, static_cast<double>(st.st_atim.tv_sec) + static_cast<double>(st.st_atim.tv_nsec) / 1e9);
  lua_setfield(L, -2, "atime");
  lua_pushnumber(L, static_cast<double>(st.st_ctim.tv_sec) + static_cast<double>(st.st_ctim.tv_nsec) / 1e9);
  lua_setfield(L, -2, "ctime");
  const auto fmt = st.st_mode & S_IFMT;
  lua_pushstring(L, fmt == S_IFREG ? "file" : fmt == S_IFDIR ? "directory" : fmt == S_IFLNK ? "link" : "other");
  lua_setfield(L, -2, "type");
}

// fs_take(request) -> the result (fd, true, bytes, count, a stat table, a
// sorted list of names), or nil, errno, path. A write at the descriptor's
// position (offset -1) on a seekable file also gives the position after it.
// The request keeps its Op while the result is pushed: pushing may raise
// (memory), and then the request's __gc frees the done Op. The Op is freed
// here only once everything is pushed. (The anchor goes first: removing it
// never raises, and a request that raised here must be collectable.)
int l_fs_take(lua_State* L) {
  auto* r = static_cast<FsReq*>(luaL_checkudata(L, 1, kFsReqMt));
  Op* op = r->op;
  if (op == nullptr || !op->done) return 0;
  anchor(L, r, false);  // (pushes nothing: the request is at index 1)
  const auto result = op->req.result;
  int n = 1;
  if (result < 0) {
    lua_pushnil(L);
    lua_pushinteger(L, -result);
    if (op->req.path) {
      lua_pushstring(L, op->req.path);
    } else {
      lua_pushnil(L);
    }
    n = 3;
  } else {
    switch (op->kind) {
      case OpKind::Open:
        lua_pushinteger(L, static_cast<lua_Integer>(result));
        break;
      case OpKind::Write:
        lua_pushinteger(L, static_cast<lua_Integer>(result));
        if (op->pos_after >= 0) {
          lua_pushinteger(L, static_cast<lua_Integer>(op->pos_after));
          n = 2;
        }
        break;
      case OpKind::Read:
        lua_pushlstring(L, op->buf, static_cast<size_t>(result));
        break;
      case OpKind::Stat:
        push_stat(L, op->req.statbuf);
        break;
      case OpKind::Fstat:
        push_stat(L, op->req.statbuf);
        lua_pushboolean(L, op->seekable);
        lua_setfield(L, -2, "seekable");
        break;
      case OpKind::Scandir: {
        lua_newtable(L);
        uv_dirent_t ent;
        int i = 0;
        while (uv_fs_scandir_next(&op->req, &ent) == 0) {
          lua_pushstring(L, ent.name);
          lua_rawseti(L, -2, ++i);
        }
        break;
      }
      default:
        lua_pushboolean(L, 1);
        break;
    }
  }
  r->op = nullptr;
  free_op(op);
  return n;
}

int l_fs_req_gc(lua_State* L) {
  auto* r = static_cast<FsReq*>(luaL_checkudata(L, 1, kFsReqMt));
  kernel::unnote_io(*r->k, r);
  unlist(r);
  if (r->op) {
    if (r->op->done) {
      free_op(r->op);
    } else {
      r->op->owner = nullptr;  // the callback frees it
    }
    r->op = nullptr;
  }
  r->~FsReq();
  return 0;
}

// fs_write_cap([n]) -> the cap before: sets the most bytes a write request
// takes (1..1 GiB), so that a test can watch a write split into requests.
int l_fs_write_cap(lua_State* L) {
  const size_t before = write_cap;
  if (!lua_isnoneornil(L, 1)) {
    const lua_Integer n = luaL_checkinteger(L, 1);
    luaL_argcheck(L, n >= 1 && static_cast<lua_Unsigned>(n) <= kMaxWrite, 1, "out of range");
    write_cap = static_cast<size_t>(n);
  }
  lua_pushinteger(L, static_cast<lua_Integer>(before));
  return 1;
}

// fs_close_now(fd): close without waiting (a <close> handler cannot wait).
int l_fs_close_now(lua_State* L) {
  uv_fs_t req;
  int err = uv_fs_close(nullptr, &req, static_cast<int>(luaL_checkinteger(L, 1)), nullptr);
  uv_fs_req_cleanup(&req);
  lua_pushboolean(L, err == 0);
  return 1;
}

const luaL_Reg fs_funcs[] = {
    {"fs", l_fs},       {"fs_take", l_fs_take}, {"fs_close_now", l_fs_close_now}, {"fs_write_cap", l_fs_write_cap},
    {nullptr, nullptr},
};

}  // namespace

void open_fs_module(lua_State* L) {
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, kRegFs);
  luaL_newmetatable(L, kFsReqMt);
  lua_pushcfunction(L, l_fs_req_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  push_runtime_modules(L);
  lua_getfield(L, -1, "luasync.core");
  kernel::register_funcs(L, -1, fs_funcs, 0);
  // The open flags, for files.lua's modes.
  lua_createtable(L, 0, 7);
  const struct {
    const char* name;
    int value;
  } kFlags[] = {{"RDONLY", UV_FS_O_RDONLY}, {"WRONLY", UV_FS_O_WRONLY}, {"RDWR", UV_FS_O_RDWR},
                {"CREAT", UV_FS_O_CREAT},   {"TRUNC", UV_FS_O_TRUNC},   {"APPEND", UV_FS_O_APPEND},
                {"EXCL", UV_FS_O_EXCL}};
  for (const auto& f : kFlags) {
    lua_pushinteger(L, f.value);
    lua_setfield(L, -2, f.name);
  }
  lua_setfield(L, -2, "O");
  lua_pop(L, 2);
}

void cancel_fs_requests() {
  // Queued requests end with UV_ECANCELED; one a worker thread runs already
  // finishes on its own (Loop::close waits a little for it).
  for (FsReq* r = pending.first(); r != nullptr; r = r->next_open) {
    if (r->op) uv_cancel(reinterpret_cast<uv_req_t*>(&r->op->req));
  }
}

}  // namespace luasync::io
