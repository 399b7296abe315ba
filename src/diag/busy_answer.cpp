// The answer of `luasync ps` while a step blocks the loop in a C function
// (busy_answer.hpp). Only the inspector's thread runs this: no Lua here.
//
// The snapshot's facts are as old as it is, and the answer says how old;
// what can be counted again is: a sleep's time left (the snapshot keeps
// its end on the loop's clock) -- a sleep that ended while the step blocks
// the loop waits for the loop, one that ended before the step began is no
// fact any more --, and which task is running (the loop thread published
// it): its row says "running" instead of what it waited on then.
#include "diag/busy_answer.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace luasync::diag {

namespace {

struct Cell {
  std::string text;
  size_t width = 0;  // in columns (a name in Japanese takes two a character)
};

struct Row {
  std::string task;  // the task's identity, as %p prints it
  bool sleeps = false;
  double sleep_end = 0;  // on the loop's clock
  std::vector<Cell> cells;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  size_t from = 0;
  for (;;) {
    const size_t at = s.find(sep, from);
    parts.push_back(s.substr(from, at == std::string::npos ? std::string::npos : at - from));
    if (at == std::string::npos) return parts;
    from = at + 1;
  }
}

// The rows of a snapshot of `columns` cells a row (asyncio/inspect.lua's
// snapshot: the identity, the sleep's end or "", then each cell and its
// width, separated by tabs). A row that does not read so is left out.
std::vector<Row> parse(const std::string& text, size_t columns) {
  std::vector<Row> rows;
  if (text.empty()) return rows;
  for (const std::string& line : split(text, '\n')) {
    const std::vector<std::string> f = split(line, '\t');
    if (f.size() != 2 + 2 * columns) continue;
    Row r;
    r.task = f[0];
    r.sleeps = !f[1].empty();
    if (r.sleeps) r.sleep_end = std::strtod(f[1].c_str(), nullptr);
    for (size_t c = 0; c < columns; ++c) {
      r.cells.push_back({f[2 + 2 * c], static_cast<size_t>(std::strtoul(f[3 + 2 * c].c_str(), nullptr, 10))});
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

// Ranges of code points that take two columns, and of those that take
// none: lua/width.lua's (WIDE, ZERO), so that a cell measures here as it
// does there.
constexpr unsigned kWide[][2] = {
    {0x1100, 0x115F}, {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF}, {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};
constexpr unsigned kZero[][2] = {
    {0x0300, 0x036F}, {0x1AB0, 0x1AFF}, {0x20D0, 0x20FF}, {0xFE20, 0xFE2F}, {0x200B, 0x200F}};

template <size_t N>
bool within(const unsigned (&ranges)[N][2], unsigned cp) {
  for (const auto& r : ranges) {
    if (cp >= r[0] && cp <= r[1]) return true;
  }
  return false;
}

// One character of a UTF-8 text: where it is, its bytes, its columns (a
// byte that begins none takes one, as the "�" a terminal shows for it).
struct Char {
  size_t at = 0;
  size_t len = 1;
  size_t cols = 1;
};

std::vector<Char> chars_of(const std::string& s) {
  std::vector<Char> out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t len = b < 0x80                ? 1
                       : b >= 0xC2 && b < 0xE0 ? 2
                       : b >= 0xE0 && b < 0xF0 ? 3
                       : b >= 0xF0 && b < 0xF5 ? 4
                                               : 0;
    bool whole = len != 0 && i + len <= s.size();
    unsigned cp = len == 1 ? b : b & (0x7Fu >> len);
    for (size_t k = 1; whole && k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      whole = (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3Fu);
    }
    if (!whole) {
      out.push_back({i, 1, 1});
      ++i;
      continue;
    }
    const size_t cols = cp >= 0x300 && within(kZero, cp) ? 0 : cp >= 0x1100 && within(kWide, cp) ? 2 : 1;
    out.push_back({i, len, cols});
    i += len;
  }
  return out;
}

size_t columns_of(const std::string& s) {
  size_t n = 0;
  for (const Char& c : chars_of(s)) n += c.cols;
  return n;
}

Cell cell(const std::string& text) { return {text, columns_of(text)}; }

// As width.fit: cut on a character to at most `columns`, its end "…".
Cell fit(const Cell& c, size_t columns) {
  if (c.width <= columns) return c;
  size_t w = 0, stop = 0;
  for (const Char& ch : chars_of(c.text)) {
    if (w + ch.cols + 1 > columns) break;
    w += ch.cols;
    stop = ch.at + ch.len;
  }
  return {c.text.substr(0, stop) + "…", w + 1};
}

// As width.fit_end: cut from its start, "…" in its place ("…_name.lua:12").
Cell fit_end(const Cell& c, size_t columns) {
  if (c.width <= columns) return c;
  const std::vector<Char> chars = chars_of(c.text);
  size_t w = 0, from = c.text.size();
  for (size_t i = chars.size(); i-- > 0;) {
    if (w + chars[i].cols + 1 > columns) break;
    w += chars[i].cols;
    from = chars[i].at;
  }
  return {"…" + c.text.substr(from), w + 1};
}

// As listing.lua's fit_middle: its start and its end, "…" between.
Cell fit_middle(const Cell& c, size_t columns) {
  if (c.width <= columns) return c;
  const size_t head = (columns + 1) / 2;
  const Cell start = fit(c, head), end = fit_end(c, columns - head + 1);
  const size_t ellipsis = std::string("…").size();
  return {start.text + end.text.substr(ellipsis), start.width + end.width - 1};
}

// As asyncio/listing.lua's sleep_text.
std::string sleep_text(double left) {
  if (left <= 0) return "sleep over, waits for the loop";
  char buf[48];
  std::snprintf(buf, sizeof buf, "sleep %.1f s left", left);
  return buf;
}

// The widest line the rows would make (all[0] is the header), and the
// widths of the columns but the last.
size_t table_width(const std::vector<std::vector<Cell>>& all, std::vector<size_t>& widths) {
  const size_t n = all[0].size();
  widths.assign(n, 0);
  size_t last = 0;
  for (const auto& cells : all) {
    for (size_t c = 0; c + 1 < n; ++c) widths[c] = std::max(widths[c], cells[c].width);
    last = std::max(last, cells[n - 1].width);
  }
  size_t w = last;
  for (size_t c = 0; c + 1 < n; ++c) w += widths[c] + 2;
  return w;
}

// Cuts the cells of column c (the header's aside) with `cut` so that the
// table loses `excess` columns, none below `floor` columns.
void cut_column(std::vector<std::vector<Cell>>& all, size_t c, const std::vector<size_t>& widths, size_t excess,
                size_t floor, Cell (*cut)(const Cell&, size_t)) {
  const size_t to = std::max(floor, widths[c] > excess ? widths[c] - excess : 0);
  if (to >= widths[c]) return;
  for (size_t i = 1; i < all.size(); ++i) all[i][c] = cut(all[i][c], to);
}

constexpr size_t kMinName = 12, kMinWhere = 12, kMinMiddle = 8;

// How many columns cutting column c to `floor` would save.
size_t room(const std::vector<size_t>& widths, size_t c, size_t floor) {
  return widths[c] > floor ? widths[c] - floor : 0;
}

// As listing.lua's cut_names: the cells of column c cut at their end so
// that the table loses `excess` columns, none below kMinName, unless two
// different cells would read the same: then each is cut in its middle.
void cut_names(std::vector<std::vector<Cell>>& all, size_t c, const std::vector<size_t>& widths, size_t excess) {
  const size_t to = std::max(kMinName, widths[c] > excess ? widths[c] - excess : 0);
  if (to >= widths[c]) return;
  Cell (*cut)(const Cell&, size_t) = fit;
  std::map<std::string, std::string> seen;  // a cut cell -> the cell it was
  for (size_t i = 1; i < all.size(); ++i) {
    const auto [at, fresh] = seen.emplace(fit(all[i][c], to).text, all[i][c].text);
    if (!fresh && at->second != all[i][c].text) {
      cut = fit_middle;
      break;
    }
  }
  for (size_t i = 1; i < all.size(); ++i) all[i][c] = cut(all[i][c], to);
}

// The rows under their header, as asyncio/listing.lua's format lays them
// out: each column but the last as wide as its widest cell, two spaces
// between, no spaces at the end of a line; fitting `columns` (0: any) as
// it does: the WHERE cells give up their directories; then, when that
// makes every row fit, the start of the WHERE cells, then the TASK cells
// (never into the same text); a row still wider has its last cell on a
// line below, the cells before it give up the same, and the cell before the
// last is cut if the others are still too wide.
std::string table(const std::vector<const char*>& header, const std::vector<Row>& rows, size_t columns) {
  constexpr size_t kTask = 0, kWhere = 2;  // (WHERE is never the last column)
  const size_t n = header.size();
  std::vector<std::vector<Cell>> all;
  std::vector<Cell> head;
  for (const char* h : header) head.push_back(cell(h));
  all.push_back(head);
  for (const Row& r : rows) all.push_back(r.cells);
  std::vector<size_t> widths;
  if (columns > 0) {
    if (table_width(all, widths) > columns) {
      for (size_t i = 1; i < all.size(); ++i) {
        const std::string& where = all[i][kWhere].text;
        const size_t slash = where.find_last_of("/\\");
        if (slash != std::string::npos && slash + 1 < where.size())
          all[i][kWhere] = cell("…/" + where.substr(slash + 1));
      }
    }
    // Cuts WHERE, then TASK, so that the table loses `excess` columns.
    const auto cut = [&](size_t excess) {
      table_width(all, widths);
      cut_column(all, kWhere, widths, excess, kMinWhere, fit_end);
      const size_t saved = room(widths, kWhere, kMinWhere);
      if (excess > saved) cut_names(all, kTask, widths, excess - saved);
    };
    // Every row on one line, when these cuts can make it.
    const size_t w = table_width(all, widths);
    if (w > columns && room(widths, kWhere, kMinWhere) + room(widths, kTask, kMinName) >= w - columns) cut(w - columns);
    // The cells before the last, once it goes below (its leading 4 spaces
    // aside).
    const auto before_last = [&] {
      table_width(all, widths);
      size_t before = 0;
      for (size_t c = 0; c + 1 < n; ++c) before += widths[c] + 2;
      return before - 2;
    };
    if (before_last() + 1 > columns) cut(before_last() + 1 - columns);
    const size_t before = before_last();
    if (n > 2 && before + 1 > columns) cut_column(all, n - 2, widths, before + 1 - columns, kMinMiddle, fit);
  }
  table_width(all, widths);
  const auto rstrip = [](std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  };
  std::string out;
  for (const auto& cells : all) {
    std::string head;
    for (size_t c = 0; c + 1 < n; ++c) {
      if (c > 0) head += "  ";
      head += cells[c].text;
      head.append(widths[c] - std::min(widths[c], cells[c].width), ' ');
    }
    const Cell& last = cells[n - 1];
    std::string line = rstrip(head + "  " + last.text);
    if (columns > 0 && !last.text.empty() && columns_of(line) > columns) {
      line = rstrip(head) + "\n    " + fit(last, std::max<size_t>(columns > 5 ? columns - 5 : 0, 8)).text;
    }
    out += line + "\n";
  }
  return out;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", s < 0 ? 0.0 : s);
  return buf;
}

}  // namespace

std::string busy_answer(const char* kind, size_t columns, const kernel::EntryRecord& running, ThreadState state,
                        const Snapshot& snapshot, double now, double loop_now) {
  using kernel::RunningKind;
  std::string name;
  if (running.kind == RunningKind::Task) {
    name = running.name[0] != 0 ? std::string(running.name) : "Task-" + std::to_string(running.number);
  }
  std::string text = "the loop is busy: ";
  text += running.kind == RunningKind::Task       ? "task '" + name + "'"
          : running.kind == RunningKind::Callback ? std::string("a callback")
                                                  : std::string("the loop's own work (no task or callback)");
  text += " has been running for " + seconds_text(now - running.started) + " s without a pause";
  if (running.call[0] != 0) {
    text += std::string(", in ") + running.call;
  } else if (running.kind != RunningKind::None) {
    text += state == ThreadState::Waiting
                ? ", in a call to a C function that waits (time.sleep, io.read, os.execute... block the loop "
                  "until they return)"
                : ", in a call to a C function (its line can be read only once it returns)";
  }
  text += "\n";
  if (snapshot.taken == 0) return text + "(the loop has not listed its tasks yet)\n";

  const bool tree = std::strcmp(kind, "pstree") == 0;
  std::vector<const char*> header = {"TASK", "STATE", "WHERE", "WAITING ON"};
  if (!tree) header.push_back("AWAITED BY");
  std::vector<Row> rows = parse(snapshot.rows, header.size());
  char task_id[32] = {};
  if (running.kind == RunningKind::Task) std::snprintf(task_id, sizeof task_id, "%p", running.task);
  // Where the running task is: its blocking call's line, when it named one.
  const char* at = running.call[0] != 0 ? std::strstr(running.call, " at ") : nullptr;
  const std::string where = at != nullptr ? std::string(at + 4) : "(in C)";
  bool listed = false;
  for (Row& r : rows) {
    if (task_id[0] != 0 && r.task == task_id) {
      listed = true;
      r.cells[1] = cell("running");
      r.cells[2] = cell(where);
      r.cells[3] = cell("");
    } else if (r.sleeps) {
      r.cells[3] = cell(r.sleep_end > running.loop_time ? sleep_text(r.sleep_end - loop_now)
                                                        : std::string("? (its sleep ended since)"));
    }
  }
  if (task_id[0] != 0 && !listed) {
    // Made since the snapshot: its row, with what is known of it.
    Row r;
    r.cells = {cell(name), cell("running"), cell(where), cell("")};
    if (!tree) r.cells.push_back(cell(""));
    rows.push_back(std::move(r));
  }
  text += std::to_string(rows.size()) + (rows.size() == 1 ? " task" : " tasks") + " as they were " +
          seconds_text(now - snapshot.taken) + " s ago, when the loop last listed them (sleeps counted to now)\n";
  if (!rows.empty()) text += table(header, rows, columns);
  return text;
}

}  // namespace luasync::diag
