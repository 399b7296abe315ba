#include <doctest/doctest.h>

#include "runtime/deadlines.hpp"

using luasync::DeadlineHeap;

TEST_CASE("deadlines come due earliest first, ties in insertion order") {
  DeadlineHeap heap;
  auto c = heap.add(3.0);
  auto a1 = heap.add(1.0);
  auto b = heap.add(2.0);
  auto a2 = heap.add(1.0);
  std::vector<DeadlineHeap::Id> due;
  heap.pop_due(2.5, due);
  CHECK(due == std::vector<DeadlineHeap::Id>{a1, a2, b});
  CHECK(heap.size() == 1);
  due.clear();
  heap.pop_due(3.0, due);
  CHECK(due == std::vector<DeadlineHeap::Id>{c});
  CHECK(heap.empty());
}
