#include "serve/photo_placement.h"

#include <gtest/gtest.h>

#include "http/http_error.h"

namespace {

using placard::HttpError;
using placard::take_photo_placement;

TEST(PhotoPlacement, NoFieldsMeansNoPlacementAndOtherFieldsStay) {
  std::map<std::string, std::string> raw = {{"name", "Ada"}};
  EXPECT_FALSE(take_photo_placement(raw));
  EXPECT_EQ(raw.size(), 1u);
}

TEST(PhotoPlacement, TakesTheThreeFieldsWithDefaultsForMissingOnes) {
  std::map<std::string, std::string> raw = {
      {"name", "Ada"}, {"photo_x", "0.25"}, {"photo_zoom", "2"}};
  const auto p = take_photo_placement(raw);
  ASSERT_TRUE(p);
  EXPECT_DOUBLE_EQ(p->x, 0.25);
  EXPECT_DOUBLE_EQ(p->y, 0.5);
  EXPECT_DOUBLE_EQ(p->zoom, 2);
  EXPECT_EQ(raw, (std::map<std::string, std::string>{{"name", "Ada"}}));
}

TEST(PhotoPlacement, RefusesWhatIsNotAPlainNumberInRangeNamingTheField) {
  for (const auto& [field, value] :
       std::vector<std::pair<std::string, std::string>>{{"photo_x", "1.0001"},
                                                        {"photo_y", "-0.5"},
                                                        {"photo_zoom", "0.99"},
                                                        {"photo_zoom", "4.5"},
                                                        {"photo_x", "nan"},
                                                        {"photo_y", "1e0"},
                                                        {"photo_x", "+0.5"},
                                                        {"photo_x", "0.5 "},
                                                        {"photo_zoom", ""},
                                                        {"photo_x", "--1"},
                                                        {"photo_y", "0,5"}}) {
    std::map<std::string, std::string> raw = {{field, value}};
    try {
      take_photo_placement(raw);
      ADD_FAILURE() << field << "=" << value << " was taken";
    } catch (const HttpError& e) {
      EXPECT_EQ(e.status, 422) << value;
      EXPECT_EQ(e.field, field) << value;
    }
  }
}

TEST(PhotoPlacement, TheBoundsThemselvesAreTaken) {
  std::map<std::string, std::string> raw = {
      {"photo_x", "0"}, {"photo_y", "1"}, {"photo_zoom", "4"}};
  const auto p = take_photo_placement(raw);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->x, 0);
  EXPECT_EQ(p->y, 1);
  EXPECT_EQ(p->zoom, 4);
}

}  // namespace
