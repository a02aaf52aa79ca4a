// CCld2: a C face on libcld2 (Compact Language Detector 2), whose API is C++.
#ifndef CCLD2_H
#define CCLD2_H

#ifdef __cplusplus
extern "C" {
#endif

/// Detects the language of `length` bytes of plain UTF-8 text. Writes cld2's code for its best guess ("en",
/// "zh-Hant", "un" when it has none) into `code` (NUL-terminated, cut to `capacity`), and sets `*reliable` to
/// 1 when cld2 trusts the answer (enough text, a clear winner), 0 otherwise. Returns 0, or -1 if the text is not
/// valid UTF-8 (then `code` is "un" and nothing is reliable).
int ccld2_detect(const char *text, int length, char *code, int capacity, int *reliable);

#ifdef __cplusplus
}
#endif

#endif
