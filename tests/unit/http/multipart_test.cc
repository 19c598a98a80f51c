#include "http/multipart.h"

#include <gtest/gtest.h>

using namespace placard;

namespace {
FormLimits limits() {
  FormLimits l;
  l.max_body_bytes = 1 << 20;
  l.max_parts = 3;
  l.max_text_bytes = 10;
  l.max_file_bytes = 100;
  l.file_parts = {"photo"};
  l.allowed = {"name", "city", "photo"};
  return l;
}
}  // namespace

TEST(Multipart, PiecesOfAPartAreJoined) {
  FormCollector c(limits());
  EXPECT_TRUE(c.add("name", "", "", 0, ""));  // announced before its bytes
  EXPECT_TRUE(c.add("name", "", "", 0, "Ada "));
  EXPECT_TRUE(c.add("name", "", "", 4, "L."));
  EXPECT_TRUE(c.add("photo", "me.jpg", "image/jpeg", 0, std::string(60, 'x')));
  EXPECT_TRUE(c.add("photo", "me.jpg", "image/jpeg", 60, std::string(40, 'y')));
  auto parts = c.take();
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "name");
  EXPECT_EQ(parts[0].data, "Ada L.");
  EXPECT_EQ(parts[1].filename, "me.jpg");
  EXPECT_EQ(parts[1].data.size(), 100u);
}

TEST(Multipart, EachLimitRefusesWithTheRightStatusAndPart) {
  {
    FormCollector c(limits());
    EXPECT_FALSE(c.add("name", "", "", 0, std::string(11, 'a')));
    EXPECT_EQ(c.refusal()->status, 413);
    EXPECT_EQ(c.refusal()->field, "name");
    EXPECT_FALSE(c.add("city", "", "", 0, "x"));  // refused for good
  }
  {
    FormCollector c(limits());
    EXPECT_TRUE(c.add("photo", "", "", 0, std::string(100, 'a')));
    EXPECT_FALSE(c.add("photo", "", "", 100, "b"));
    EXPECT_EQ(c.refusal()->status, 413);
    EXPECT_EQ(c.refusal()->field, "photo");
  }
  {
    FormCollector c(limits());
    EXPECT_FALSE(c.add("nickname\n<b>", "", "", 0, "x"));
    EXPECT_EQ(c.refusal()->status, 422);
    EXPECT_EQ(c.refusal()->field, "nickname?<b>");  // shown as printable ASCII
    EXPECT_NE(c.refusal()->error.find("unknown part"), std::string::npos);
  }
  {
    FormCollector c(limits());
    EXPECT_TRUE(c.add("name", "", "", 0, "a"));
    EXPECT_FALSE(c.add("name", "", "", 0, "b"));
    EXPECT_EQ(c.refusal()->status, 422);
    EXPECT_NE(c.refusal()->error.find("twice"), std::string::npos);
  }
  {
    FormLimits l = limits();
    l.allowed.clear();
    FormCollector c(l);
    EXPECT_TRUE(c.add("a", "", "", 0, "1"));
    EXPECT_TRUE(c.add("b", "", "", 0, "1"));
    EXPECT_TRUE(c.add("c", "", "", 0, "1"));
    EXPECT_FALSE(c.add("d", "", "", 0, "1"));
    EXPECT_EQ(c.refusal()->status, 413);
  }
}
