// ICU MessageFormat through its C++ API: arguments are passed as an array of Formattable values by name, so a
// translation may order them as its grammar needs and a mismatched placeholder is an error, never undefined
// behaviour (the C API's umsg_format takes C varargs whose types must match the pattern).
#include "CUnicode.h"

#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

#include <cstring>
#include <set>
#include <string>
#include <vector>

using icu::Formattable;
using icu::Locale;
using icu::MessageFormat;
using icu::MessagePattern;
using icu::StringPiece;
using icu::UnicodeString;

extern "C" int32_t cu_format_message(const char *locale, const uint8_t *pattern, int32_t patternLength,
                                     const cu_message_argument *arguments, int32_t count, uint8_t *output,
                                     int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError;
    UnicodeString text = UnicodeString::fromUTF8(StringPiece(reinterpret_cast<const char *>(pattern), patternLength));
    MessageFormat format(text, Locale::forLanguageTag(locale, status), parseError, status);
    if (U_FAILURE(status)) return -1;
    std::vector<UnicodeString> names;
    std::vector<Formattable> values;
    names.reserve(count);
    values.reserve(count);
    for (int32_t i = 0; i < count; i++) {
        names.push_back(UnicodeString::fromUTF8(arguments[i].name));
        if (arguments[i].text != NULL) {
            values.push_back(Formattable(UnicodeString::fromUTF8(
                StringPiece(reinterpret_cast<const char *>(arguments[i].text), arguments[i].textLength))));
        } else {
            values.push_back(Formattable(static_cast<int64_t>(arguments[i].number)));
        }
    }
    UnicodeString result;
    format.format(names.data(), values.data(), count, result, status);
    if (U_FAILURE(status)) return -1;
    std::string utf8;
    result.toUTF8String(utf8);
    if (static_cast<int32_t>(utf8.size()) <= capacity) std::memcpy(output, utf8.data(), utf8.size());
    return static_cast<int32_t>(utf8.size());
}

extern "C" int32_t cu_message_arguments(const uint8_t *pattern, int32_t patternLength, uint8_t *output,
                                        int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError;
    UnicodeString text = UnicodeString::fromUTF8(StringPiece(reinterpret_cast<const char *>(pattern), patternLength));
    MessagePattern parsed(text, &parseError, status);
    if (U_FAILURE(status)) return -1;
    std::set<std::string> seen;
    int32_t parts = parsed.countParts();
    for (int32_t i = 0; i < parts; i++) {
        const MessagePattern::Part &part = parsed.getPart(i);
        if (part.getType() != UMSGPAT_PART_TYPE_ARG_START) continue;
        const MessagePattern::Part &name = parsed.getPart(i + 1);
        std::string entry;
        parsed.getSubstring(name).toUTF8String(entry);
        UMessagePatternArgType argType = part.getArgType();
        if (argType != UMSGPAT_ARG_TYPE_NONE && i + 2 < parts &&
            parsed.getPart(i + 2).getType() == UMSGPAT_PART_TYPE_ARG_TYPE) {
            entry += ",";
            parsed.getSubstring(parsed.getPart(i + 2)).toUTF8String(entry);
        }
        seen.insert(entry);
    }
    std::string joined;
    for (const std::string &entry : seen) {
        joined += entry;
        joined.push_back('\0');
    }
    if (static_cast<int32_t>(joined.size()) <= capacity) std::memcpy(output, joined.data(), joined.size());
    return static_cast<int32_t>(joined.size());
}
