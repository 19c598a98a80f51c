#include "base/enum_names.h"

#include <gtest/gtest.h>

namespace placard {
namespace {

enum class Fruit { apple, pear, plum };
constexpr EnumName<Fruit> kFruits[] = {{Fruit::pear, "pear"}, {Fruit::apple, "apple"}};

TEST(EnumNames, NamesAValueAndFallsBackForOneTheTableLacks) {
  EXPECT_STREQ(name_of(kFruits, Fruit::apple, "?"), "apple");
  EXPECT_STREQ(name_of(kFruits, Fruit::pear, "?"), "pear");
  EXPECT_STREQ(name_of(kFruits, Fruit::plum, "?"), "?");
  static_assert(name_of(kFruits, Fruit::pear, "?")[0] == 'p');  // usable at compile time
}

TEST(EnumNames, ReadsANameExactly) {
  EXPECT_EQ(value_of(kFruits, "apple"), Fruit::apple);
  EXPECT_EQ(value_of(kFruits, "pear"), Fruit::pear);
  EXPECT_EQ(value_of(kFruits, "Pear"), std::nullopt);
  EXPECT_EQ(value_of(kFruits, "pea"), std::nullopt);
  EXPECT_EQ(value_of(kFruits, ""), std::nullopt);
}

TEST(EnumNames, ListsTheNamesInTableOrder) {
  EXPECT_EQ(names_of(kFruits), (std::vector<std::string>{"pear", "apple"}));
}

}  // namespace
}  // namespace placard
