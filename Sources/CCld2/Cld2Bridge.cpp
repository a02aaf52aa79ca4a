// The one call synthpad makes into cld2, behind a C function Swift can import.
#include <cstdio>  // compact_lang_det.h uses FILE without including it
#include <cstring>
#include <cld2/public/compact_lang_det.h>
#include "CCld2.h"

extern "C" int ccld2_detect(const char *text, int length, char *code, int capacity, int *reliable) {
    bool isReliable = false;
    int validPrefix = 0;
    CLD2::Language language = CLD2::DetectLanguageCheckUTF8(text, length, true, &isReliable, &validPrefix);
    const char *name = CLD2::LanguageCode(language);
    if (capacity > 0) {
        std::strncpy(code, name ? name : "un", capacity - 1);
        code[capacity - 1] = '\0';
    }
    *reliable = isReliable ? 1 : 0;
    return validPrefix < length ? -1 : 0;
}
