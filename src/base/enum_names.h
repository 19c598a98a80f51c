// An enum's names as one table, read both ways: the name a value is written
// as (in files, ids, labels) and the value a name stands for (what a reader
// accepts), so that the writer, the readers and their hints cannot drift
// apart.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placard {

template <typename E>
struct EnumName {
  E value;
  const char* name;
};

// The name of `value`; `otherwise` for a value the table does not hold.
template <typename E, std::size_t N>
constexpr const char* name_of(const EnumName<E> (&table)[N], E value, const char* otherwise) {
  for (const EnumName<E>& e : table)
    if (e.value == value) return e.name;
  return otherwise;
}

// The value named exactly `name`, if the table holds it.
template <typename E, std::size_t N>
constexpr std::optional<E> value_of(const EnumName<E> (&table)[N], std::string_view name) {
  for (const EnumName<E>& e : table)
    if (name == e.name) return e.value;
  return std::nullopt;
}

// Every name, in table order (what a "did you mean" hint chooses from).
template <typename E, std::size_t N>
std::vector<std::string> names_of(const EnumName<E> (&table)[N]) {
  std::vector<std::string> out;
  out.reserve(N);
  for (const EnumName<E>& e : table) out.emplace_back(e.name);
  return out;
}

}  // namespace placard
