#include "http/connection_table.h"

#include "base/enum_names.h"

namespace placard {

bool ConnectionTable::admit(const std::string& address) {
  if (open_ >= limits_.max_connections + limits_.reserved) {
    count(Refusal::connections);
    return false;
  }
  auto it = per_address_.find(address);
  if (it != per_address_.end() && it->second >= limits_.per_address) {
    count(Refusal::per_address);
    return false;
  }
  return true;
}

ConnectionTable::Entry* ConnectionTable::open(const std::string& address, int fd, SteadyTime now) {
  ++per_address_[address];
  ++open_;
  auto e = std::make_unique<Entry>();
  e->address = address;
  e->fd = fd;
  e->since = now;
  Entry* raw = e.get();
  entries_.emplace(raw, std::move(e));
  return raw;
}

void ConnectionTable::close(Entry* e) {
  auto it = entries_.find(e);
  if (it == entries_.end()) return;
  auto a = per_address_.find(e->address);
  if (a != per_address_.end() && --a->second == 0) per_address_.erase(a);
  --open_;
  entries_.erase(it);
}

std::vector<ConnectionTable::Entry*> ConnectionTable::overdue(SteadyTime now) {
  std::vector<Entry*> out;
  for (auto& [raw, e] : entries_) {
    if (e->request_done || e->cut || now - e->since < limits_.request_deadline) continue;
    e->cut = true;
    count(Refusal::request_deadline);
    out.push_back(raw);
  }
  return out;
}

namespace {

constexpr EnumName<Refusal> kRefusals[] = {
    {Refusal::per_address, "per_address"},
    {Refusal::connections, "connections"},
    {Refusal::reserved_only, "reserved_only"},
    {Refusal::request_deadline, "request_deadline"},
};

}  // namespace

const char* refusal_name(Refusal why) {
  return name_of(kRefusals, why, "");
}

}  // namespace placard
