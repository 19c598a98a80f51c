// The card kinds by name: what kind_name() writes (ids, manifests, the
// preview) and what a deck's 'kind' and a layout's 'when' accept.
#pragma once

#include "base/enum_names.h"
#include "content/content.h"

namespace placard {

inline constexpr EnumName<CardKind> kCardKinds[] = {
    {CardKind::recommendation, "recommendation"},
    {CardKind::heading, "heading"},
    {CardKind::quote, "quote"},
    {CardKind::statement, "statement"},
};

}  // namespace placard
