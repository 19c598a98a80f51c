// Must not compile: batch/ sits below diff/ and cannot see its headers.
// Built (and expected to fail) by the ctest layers.batch_includes_diff.
#include "diff/diff_model.h"
