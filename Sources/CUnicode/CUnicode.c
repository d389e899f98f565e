// Implementation of CUnicode.h over ICU 72 (C API) and libidn2.
#include "CUnicode.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <idn2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uidna.h>
#include <unicode/uloc.h>
#include <unicode/ulocdata.h>
#include <unicode/unorm.h>
#include <unicode/usprep.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unicode/uversion.h>

// The header's constants mirror ICU's enums; fail the build if ICU ever disagrees.
_Static_assert(CU_GC_Cn == U_UNASSIGNED && CU_GC_Lu == U_UPPERCASE_LETTER && CU_GC_Pf == U_FINAL_PUNCTUATION,
               "general category values");
_Static_assert(CU_GC_Mn == U_NON_SPACING_MARK && CU_GC_Zs == U_SPACE_SEPARATOR && CU_GC_So == U_OTHER_SYMBOL,
               "general category values");
_Static_assert(CU_BIDI_L == U_LEFT_TO_RIGHT && CU_BIDI_AL == U_RIGHT_TO_LEFT_ARABIC && CU_BIDI_NSM == U_DIR_NON_SPACING_MARK
                   && CU_BIDI_PDI == U_POP_DIRECTIONAL_ISOLATE,
               "bidi class values");
_Static_assert(CU_JT_D == U_JT_DUAL_JOINING && CU_JT_T == U_JT_TRANSPARENT && CU_JT_R == U_JT_RIGHT_JOINING,
               "joining type values");
_Static_assert(CU_HST_L == U_HST_LEADING_JAMO && CU_HST_T == U_HST_TRAILING_JAMO, "hangul syllable type values");
_Static_assert(CU_SCRIPT_GREEK == USCRIPT_GREEK && CU_SCRIPT_HEBREW == USCRIPT_HEBREW && CU_SCRIPT_HAN == USCRIPT_HAN
                   && CU_SCRIPT_HIRAGANA == USCRIPT_HIRAGANA && CU_SCRIPT_KATAKANA == USCRIPT_KATAKANA,
               "script codes");

int32_t cu_icu_version(char *buffer, int32_t capacity) {
    UVersionInfo info;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, text);
    return (int32_t)snprintf(buffer, (size_t)capacity, "%s", text);
}

int32_t cu_unicode_version(char *buffer, int32_t capacity) {
    UVersionInfo info;
    u_getUnicodeVersion(info);
    return (int32_t)snprintf(buffer, (size_t)capacity, "%d.%d", info[0], info[1]);
}

const char *cu_idn2_version(void) { return idn2_check_version(NULL); }

int32_t cu_general_category(uint32_t c) { return (int32_t)u_charType((UChar32)c); }
int32_t cu_combining_class(uint32_t c) { return (int32_t)u_getCombiningClass((UChar32)c); }
int32_t cu_bidi_class(uint32_t c) { return (int32_t)u_charDirection((UChar32)c); }
int32_t cu_joining_type(uint32_t c) { return u_getIntPropertyValue((UChar32)c, UCHAR_JOINING_TYPE); }
int32_t cu_hangul_syllable_type(uint32_t c) {
    return u_getIntPropertyValue((UChar32)c, UCHAR_HANGUL_SYLLABLE_TYPE);
}

int32_t cu_script(uint32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript((UChar32)c, &status);
    return U_FAILURE(status) ? USCRIPT_INVALID_CODE : (int32_t)code;
}

int32_t cu_script_code_name(int32_t script, char *buffer, int32_t capacity) {
    const char *name = uscript_getShortName((UScriptCode)script);
    return (int32_t)snprintf(buffer, (size_t)capacity, "%s", name ? name : "Zzzz");
}

int32_t cu_script_long_name(int32_t script, char *buffer, int32_t capacity) {
    const char *name = uscript_getName((UScriptCode)script);
    if (!name || capacity <= 0) return 0;
    int32_t length = (int32_t)strlen(name);
    if (length >= capacity) length = capacity - 1;
    memcpy(buffer, name, (size_t)length);
    buffer[length] = 0;
    return length;
}

int32_t cu_has_binary_property(uint32_t c, int32_t property) {
    static const UProperty map[] = {UCHAR_DEFAULT_IGNORABLE_CODE_POINT, UCHAR_NONCHARACTER_CODE_POINT,
                                    UCHAR_JOIN_CONTROL, UCHAR_CASED, UCHAR_CASE_IGNORABLE, UCHAR_WHITE_SPACE};
    if (property < 0 || property >= (int32_t)(sizeof map / sizeof map[0])) return 0;
    return u_hasBinaryProperty((UChar32)c, map[property]) ? 1 : 0;
}

static const UNormalizer2 *normalizer(int32_t form) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = NULL;
    switch (form) {
    case CU_NFC: n = unorm2_getNFCInstance(&status); break;
    case CU_NFKC: n = unorm2_getNFKCInstance(&status); break;
    case CU_NFD: n = unorm2_getNFDInstance(&status); break;
    case CU_NFKD: n = unorm2_getNFKDInstance(&status); break;
    default: return NULL;
    }
    return U_FAILURE(status) ? NULL : n;
}

/// The most non-starters one code point's NFKD holds (U+1F82 and others: 3). StreamSafeTests checks every code point.
#define CU_MAX_NONSTARTERS_PER_CODE_POINT 3

int32_t cu_nfkd_nonstarters(uint32_t c, int32_t *leading, int32_t *trailing) {
    const UNormalizer2 *nfkd = normalizer(CU_NFKD);
    *leading = *trailing = 0;
    if (nfkd && unorm2_isInert(nfkd, (UChar32)c)) return 1;
    UChar buffer[64];
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = nfkd ? unorm2_getDecomposition(nfkd, (UChar32)c, buffer, 64, &status) : -1;
    if (n < 0 || U_FAILURE(status)) {
        *leading = *trailing = u_getCombiningClass((UChar32)c) != 0;
        return 1;
    }
    int32_t j = 0, count = 0, seenStarter = 0;
    while (j < n) {
        UChar32 d;
        U16_NEXT(buffer, j, n, d);
        count++;
        if (u_getCombiningClass(d) != 0) {
            if (!seenStarter) (*leading)++;
            (*trailing)++;
        } else {
            seenStarter = 1;
            *trailing = 0;
        }
    }
    return count;
}

int32_t cu_stream_safe_violation(const uint8_t *utf8, int32_t length, int32_t limit, int32_t *scalarIndex) {
    // A run of more than `limit` non-starters needs this many code points in a row that are not ASCII (ASCII
    // characters are starters without decompositions); without such a streak the text is stream-safe, and the
    // look-ups below are skipped.
    const int32_t needed = (limit + CU_MAX_NONSTARTERS_PER_CODE_POINT) / CU_MAX_NONSTARTERS_PER_CODE_POINT;
    // First the non-ASCII code points in all, eight bytes at a time (a lead byte has its two top bits set): most
    // addresses have fewer than `needed`, and then there is no streak to look for.
    int32_t leads = 0, k = 0;
    for (; k + 8 <= length; k += 8) {
        uint64_t word;
        memcpy(&word, utf8 + k, 8);
        leads += __builtin_popcountll(word & (word << 1) & 0x8080808080808080ULL);
    }
    for (; k < length; k++) leads += (utf8[k] & 0xC0) == 0xC0;
    if (leads < needed) return -1;
    int32_t streak = 0, longEnough = 0;
    for (k = 0; k < length; k++) {
        uint8_t byte = utf8[k];
        if (byte < 0x80) {
            streak = 0;
        } else if ((byte & 0xC0) != 0x80 && ++streak >= needed) {
            longEnough = 1;
            break;
        }
    }
    if (!longEnough) return -1;

    int32_t run = 0, scalars = 0, i = 0;
    while (i < length) {
        int32_t start = i;
        if (utf8[i] < 0x80) {
            run = 0;
            scalars++;
            i++;
            continue;
        }
        UChar32 c;
        U8_NEXT(utf8, i, length, c);
        int32_t leading = 0, trailing = 0, count = 1;
        if (c >= 0) count = cu_nfkd_nonstarters((uint32_t)c, &leading, &trailing);
        run += leading;
        if (run > limit) {
            if (scalarIndex) *scalarIndex = scalars;
            return start;
        }
        // A code point made only of non-starters continues the run; one with a starter ends it.
        if (leading != count) run = trailing;
        scalars++;
    }
    return -1;
}

int32_t cu_has_compat(uint32_t c) {
    const UNormalizer2 *nfkc = normalizer(CU_NFKC);
    UChar text[2];
    int32_t length = 0;
    UErrorCode status = U_ZERO_ERROR;
    U16_APPEND_UNSAFE(text, length, (UChar32)c);
    UBool normalized = unorm2_isNormalized(nfkc, text, length, &status);
    return (U_SUCCESS(status) && !normalized) ? 1 : 0;
}

int32_t cu_nfc_quick_check_yes(uint32_t c) {
    return u_getIntPropertyValue((UChar32)c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES ? 1 : 0;
}

int32_t cu_is_nfkc_casefold_unstable(uint32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *casefold = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) return 0;
    UChar text[2];
    int32_t length = 0;
    U16_APPEND_UNSAFE(text, length, (UChar32)c);
    UBool stable = unorm2_isNormalized(casefold, text, length, &status);
    return (U_SUCCESS(status) && !stable) ? 1 : 0;
}

int32_t cu_parse_ipv6(const char *text, uint8_t address[16]) {
    return inet_pton(AF_INET6, text, address) == 1 ? 1 : 0;
}

int32_t cu_format_ipv6(const uint8_t address[16], char *buffer, int32_t capacity) {
    return inet_ntop(AF_INET6, address, buffer, (socklen_t)capacity) != NULL ? 1 : 0;
}

uint32_t cu_width_mapping(uint32_t c) {
    int32_t type = u_getIntPropertyValue((UChar32)c, UCHAR_DECOMPOSITION_TYPE);
    if (type != U_DT_WIDE && type != U_DT_NARROW) return c;
    UChar mapping[8];
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = unorm2_getRawDecomposition(normalizer(CU_NFKC), (UChar32)c, mapping, 8, &status);
    if (U_FAILURE(status) || length <= 0) return c;
    UChar32 mapped;
    int32_t index = 0;
    U16_NEXT(mapping, index, length, mapped);
    return index == length ? (uint32_t)mapped : c;  // every <wide>/<narrow> mapping is one code point
}

int32_t cu_to_lower(uint32_t c, uint32_t out[3]) {
    UChar source[2], target[8];
    int32_t length = 0;
    UErrorCode status = U_ZERO_ERROR;
    U16_APPEND_UNSAFE(source, length, (UChar32)c);
    int32_t written = u_strToLower(target, 8, source, length, "", &status);
    if (U_FAILURE(status)) {
        out[0] = c;
        return 1;
    }
    int32_t count = 0, index = 0;
    while (index < written && count < 3) {
        UChar32 scalar;
        U16_NEXT(target, index, written, scalar);
        out[count++] = (uint32_t)scalar;
    }
    return count;
}

int32_t cu_char_name(uint32_t c, char *buffer, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = u_charName((UChar32)c, U_UNICODE_CHAR_NAME, buffer, capacity, &status);
    if (U_SUCCESS(status) && length > 0) return length;
    status = U_ZERO_ERROR;
    length = u_charName((UChar32)c, U_EXTENDED_CHAR_NAME, buffer, capacity, &status);
    return U_SUCCESS(status) ? length : 0;
}

// UTF-32 <-> UTF-16 helpers. Small strings use the stack; larger ones the heap.
enum { STACK_UNITS = 512 };

typedef struct {
    UChar *units;
    int32_t length;
    UChar stack[STACK_UNITS];
} Utf16;

static int utf16_from_utf32(Utf16 *text, const uint32_t *source, int32_t length) {
    int32_t needed = length * 2;
    text->units = needed <= STACK_UNITS ? text->stack : malloc(sizeof(UChar) * (size_t)(needed > 0 ? needed : 1));
    if (!text->units) return 0;
    int32_t out = 0;
    for (int32_t i = 0; i < length; i++) {
        uint32_t c = source[i];
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
        U16_APPEND_UNSAFE(text->units, out, (UChar32)c);
    }
    text->length = out;
    return 1;
}

static void utf16_free(Utf16 *text) {
    if (text->units && text->units != text->stack) free(text->units);
}

// Writes `units` as UTF-32 into `destination`; returns the number of scalars (even when over capacity).
static int32_t utf32_from_utf16(const UChar *units, int32_t length, uint32_t *destination, int32_t capacity) {
    int32_t count = 0, index = 0;
    while (index < length) {
        UChar32 scalar;
        U16_NEXT(units, index, length, scalar);
        if (count < capacity) destination[count] = (uint32_t)scalar;
        count++;
    }
    return count;
}

typedef int32_t (*Utf16Transform)(const void *context, const UChar *source, int32_t length, UChar *destination,
                                  int32_t capacity, UErrorCode *status);

static int32_t transform_utf32(Utf16Transform transform, const void *context, const uint32_t *source,
                               int32_t length, uint32_t *destination, int32_t capacity) {
    Utf16 input;
    if (!utf16_from_utf32(&input, source, length)) return -1;
    UChar stack[STACK_UNITS];
    UChar *output = stack;
    int32_t outputCapacity = STACK_UNITS;
    UErrorCode status = U_ZERO_ERROR;
    int32_t written = transform(context, input.units, input.length, output, outputCapacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        outputCapacity = written;
        output = malloc(sizeof(UChar) * (size_t)outputCapacity);
        if (!output) {
            utf16_free(&input);
            return -1;
        }
        status = U_ZERO_ERROR;
        written = transform(context, input.units, input.length, output, outputCapacity, &status);
    }
    int32_t result = U_FAILURE(status) ? -1 : utf32_from_utf16(output, written, destination, capacity);
    if (output != stack) free(output);
    utf16_free(&input);
    return result;
}

static int32_t normalize_utf16(const void *context, const UChar *source, int32_t length, UChar *destination,
                               int32_t capacity, UErrorCode *status) {
    return unorm2_normalize((const UNormalizer2 *)context, source, length, destination, capacity, status);
}

static int32_t lower_utf16(const void *context, const UChar *source, int32_t length, UChar *destination,
                           int32_t capacity, UErrorCode *status) {
    (void)context;
    return u_strToLower(destination, capacity, source, length, "", status);
}

int32_t cu_normalize(int32_t form, const uint32_t *source, int32_t length, uint32_t *destination,
                     int32_t capacity) {
    const UNormalizer2 *n = normalizer(form);
    if (!n) return -1;
    return transform_utf32(normalize_utf16, n, source, length, destination, capacity);
}

int32_t cu_to_lower_string(const uint32_t *source, int32_t length, uint32_t *destination, int32_t capacity) {
    return transform_utf32(lower_utf16, NULL, source, length, destination, capacity);
}

static int32_t upper_utf16(const void *context, const UChar *source, int32_t length, UChar *destination,
                           int32_t capacity, UErrorCode *status) {
    (void)context;
    return u_strToUpper(destination, capacity, source, length, "", status);
}

uint32_t cu_simple_upper(uint32_t c) { return (uint32_t)u_toupper((UChar32)c); }
uint32_t cu_simple_lower(uint32_t c) { return (uint32_t)u_tolower((UChar32)c); }

int32_t cu_to_upper_string(const uint32_t *source, int32_t length, uint32_t *destination, int32_t capacity) {
    return transform_utf32(upper_utf16, NULL, source, length, destination, capacity);
}

int32_t cu_is_normalized(int32_t form, const uint32_t *source, int32_t length) {
    const UNormalizer2 *n = normalizer(form);
    if (!n) return 0;
    Utf16 input;
    if (!utf16_from_utf32(&input, source, length)) return 0;
    UErrorCode status = U_ZERO_ERROR;
    UBool result = unorm2_isNormalized(n, input.units, input.length, &status);
    utf16_free(&input);
    return U_SUCCESS(status) && result ? 1 : 0;
}

int32_t cu_has_boundary_before(int32_t form, uint32_t c) {
    const UNormalizer2 *n = normalizer(form);
    return n && unorm2_hasBoundaryBefore(n, (UChar32)c) ? 1 : 0;
}

// MARK: Stringprep and IDNA2003

static UStringPrepProfile *stringprep_profiles[3];
static pthread_once_t stringprep_once = PTHREAD_ONCE_INIT;

static void open_stringprep_profiles(void) {
    static const UStringPrepProfileType types[3] = {USPREP_RFC3920_NODEPREP, USPREP_RFC3920_RESOURCEPREP,
                                                    USPREP_RFC3491_NAMEPREP};
    for (int i = 0; i < 3; i++) {
        UErrorCode status = U_ZERO_ERROR;
        stringprep_profiles[i] = usprep_openByType(types[i], &status);
        if (U_FAILURE(status)) stringprep_profiles[i] = NULL;
    }
}

static int32_t prep_failure(UErrorCode status) {
    switch (status) {
    case U_STRINGPREP_PROHIBITED_ERROR: return CU_PREP_PROHIBITED;
    case U_STRINGPREP_UNASSIGNED_ERROR: return CU_PREP_UNASSIGNED;
    case U_STRINGPREP_CHECK_BIDI_ERROR: return CU_PREP_BIDI;
    case U_IDNA_LABEL_TOO_LONG_ERROR: return CU_PREP_LABEL_TOO_LONG;
    case U_IDNA_DOMAIN_NAME_TOO_LONG_ERROR: return CU_PREP_DOMAIN_TOO_LONG;
    case U_IDNA_STD3_ASCII_RULES_ERROR: return CU_PREP_STD3;
    case U_IDNA_ACE_PREFIX_ERROR: case U_IDNA_VERIFICATION_ERROR: return CU_PREP_ACE_PREFIX;
    default: return CU_PREP_OTHER;
    }
}

typedef struct {
    int32_t kind;  // 0 stringprep, 1 ToASCII (ToUnicode is label_to_unicode, below)
    UStringPrepProfile *profile;
    int32_t options;
    UErrorCode detail;
} PrepContext;

// ICU deprecates its IDNA2003 API in favour of UTS #46; RFC 6122 is defined on IDNA2003, so we call it on purpose.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
static int32_t prep_utf16(const void *context, const UChar *source, int32_t length, UChar *destination,
                          int32_t capacity, UErrorCode *status) {
    PrepContext *prep = (PrepContext *)context;
    UParseError parseError;
    int32_t written;
    switch (prep->kind) {
    case 0: written = usprep_prepare(prep->profile, source, length, destination, capacity, prep->options, &parseError, status); break;
    default: written = uidna_IDNToASCII(source, length, destination, capacity, prep->options, &parseError, status); break;
    }
    if (U_FAILURE(*status) && *status != U_BUFFER_OVERFLOW_ERROR) prep->detail = *status;
    return written;
}
#pragma clang diagnostic pop

static int32_t run_prep(PrepContext *prep, const uint32_t *source, int32_t length, uint32_t *destination,
                        int32_t capacity, int32_t *failure) {
    prep->detail = U_ZERO_ERROR;
    int32_t result = transform_utf32(prep_utf16, prep, source, length, destination, capacity);
    *failure = result < 0 ? prep_failure(prep->detail) : CU_PREP_OK;
    return result;
}

int32_t cu_stringprep(int32_t profile, int32_t allowUnassigned, const uint32_t *source, int32_t length,
                      uint32_t *destination, int32_t capacity, int32_t *failure) {
    pthread_once(&stringprep_once, open_stringprep_profiles);
    if (profile < 0 || profile > 2 || !stringprep_profiles[profile]) {
        *failure = CU_PREP_OTHER;
        return -1;
    }
    PrepContext prep = {0, stringprep_profiles[profile], allowUnassigned ? USPREP_ALLOW_UNASSIGNED : USPREP_DEFAULT,
                        U_ZERO_ERROR};
    return run_prep(&prep, source, length, destination, capacity, failure);
}

int32_t cu_idna2003_to_ascii(int32_t allowUnassigned, const uint32_t *source, int32_t length, uint32_t *destination,
                             int32_t capacity, int32_t *failure) {
    PrepContext prep = {1, NULL, UIDNA_USE_STD3_RULES | (allowUnassigned ? UIDNA_ALLOW_UNASSIGNED : 0),
                        U_ZERO_ERROR};
    return run_prep(&prep, source, length, destination, capacity, failure);
}

// ICU's Punycode decoder (exported by libicuuc; declared in ICU's internal punycode.h).
int32_t u_strFromPunycode(const UChar *src, int32_t srcLength, UChar *dest, int32_t destCapacity, UBool *caseFlags,
                          UErrorCode *pErrorCode);

// RFC 3490 §4.2 ToUnicode of one ASCII label: decode an ACE label, check that ToASCII gives it back, else keep
// the label as it is. (ICU's uidna_IDNToUnicode does the same but leaks a buffer when the ToASCII check
// overflows its label buffer, as with decoded text that NFKC-expands past 63 characters.)
static int32_t label_to_unicode(int32_t options, const UChar *label, int32_t length, UChar *out, int32_t capacity) {
    int keep = 1;
    UChar decoded[256], again[256];
    int32_t decodedLength = 0;
    if (length > 4 && length < 256 && (label[0] | 0x20) == 'x' && (label[1] | 0x20) == 'n' && label[2] == '-'
        && label[3] == '-') {
        UErrorCode status = U_ZERO_ERROR;
        decodedLength = u_strFromPunycode(label + 4, length - 4, decoded, 256, NULL, &status);
        if (U_SUCCESS(status) && decodedLength > 0) {
            UParseError parseError;
            status = U_ZERO_ERROR;
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
            int32_t againLength = uidna_IDNToASCII(decoded, decodedLength, again, 256, options, &parseError, &status);
#pragma clang diagnostic pop
            if (U_SUCCESS(status) && againLength == length) {
                keep = 0;
                for (int32_t i = 0; i < length; i++) {
                    UChar a = again[i] >= 'A' && again[i] <= 'Z' ? again[i] | 0x20 : again[i];
                    UChar b = label[i] >= 'A' && label[i] <= 'Z' ? label[i] | 0x20 : label[i];
                    if (a != b) keep = 1;
                }
            }
        }
    }
    const UChar *result = keep ? label : decoded;
    int32_t resultLength = keep ? length : decodedLength;
    for (int32_t i = 0; i < resultLength && i < capacity; i++) out[i] = result[i];
    return resultLength;
}

static int32_t to_unicode_utf16(const void *context, const UChar *source, int32_t length, UChar *destination,
                                int32_t capacity, UErrorCode *status) {
    int32_t options = *(const int32_t *)context;
    int32_t written = 0, start = 0;
    for (int32_t i = 0; i <= length; i++) {
        if (i < length && source[i] != '.') continue;
        if (i < length || start < length) {
            int32_t room = capacity > written ? capacity - written : 0;
            written += label_to_unicode(options, source + start, i - start, destination + written, room);
        }
        if (i < length) {
            if (written < capacity) destination[written] = '.';
            written++;
        }
        start = i + 1;
    }
    if (written > capacity) *status = U_BUFFER_OVERFLOW_ERROR;
    return written;
}

int32_t cu_idna2003_to_unicode(int32_t allowUnassigned, const uint32_t *source, int32_t length,
                               uint32_t *destination, int32_t capacity, int32_t *failure) {
    for (int32_t i = 0; i < length; i++) {
        if (source[i] >= 0x80) {  // only the ASCII output of ToASCII is decoded here
            *failure = CU_PREP_OTHER;
            return -1;
        }
    }
    int32_t options = UIDNA_USE_STD3_RULES | (allowUnassigned ? UIDNA_ALLOW_UNASSIGNED : 0);
    *failure = CU_PREP_OK;
    int32_t result = transform_utf32(to_unicode_utf16, &options, source, length, destination, capacity);
    if (result < 0) *failure = CU_PREP_OTHER;
    return result;
}

// MARK: libidn2

static int32_t copy_out(int rc, char *result, uint8_t *output, int32_t capacity) {
    if (rc != IDN2_OK) return rc;
    size_t length = strlen(result);
    int32_t status = 0;
    if ((size_t)capacity > length) {
        memcpy(output, result, length + 1);
    } else {
        status = -1000;
    }
    idn2_free(result);
    return status;
}

int32_t cu_idn2_lookup(const uint8_t *input, int32_t flags, uint8_t *output, int32_t capacity) {
    uint8_t *result = NULL;
    int rc = idn2_lookup_u8(input, &result, flags);
    return copy_out(rc, (char *)result, output, capacity);
}

int32_t cu_idn2_to_unicode(const uint8_t *input, uint8_t *output, int32_t capacity) {
    char *result = NULL;
    int rc = idn2_to_unicode_8z8z((const char *)input, &result, 0);
    return copy_out(rc, result, output, capacity);
}

const char *cu_idn2_error_name(int32_t code) { return idn2_strerror_name(code); }
const char *cu_idn2_error_message(int32_t code) { return idn2_strerror(code); }

// MARK: UTS #39 and exemplars

int32_t cu_script_extensions(uint32_t c, int32_t *scripts, int32_t capacity) {
    UScriptCode codes[64];
    UErrorCode status = U_ZERO_ERROR;
    int32_t count = uscript_getScriptExtensions((UChar32)c, codes, 64, &status);
    if (U_FAILURE(status)) return 0;
    for (int32_t i = 0; i < count && i < capacity; i++) scripts[i] = (int32_t)codes[i];
    return count;
}

int32_t cu_digit_value(uint32_t c) { return u_charDigitValue((UChar32)c); }

static USpoofChecker *spoof_checker;
static USet *allowed_set;
static pthread_once_t spoof_once = PTHREAD_ONCE_INIT;

static void open_spoof_checker(void) {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker *checker = uspoof_open(&status);
    if (U_SUCCESS(status)) uspoof_setChecks(checker, USPOOF_CONFUSABLE, &status);
    if (U_FAILURE(status)) {
        if (checker) uspoof_close(checker);
        return;
    }
    spoof_checker = checker;
    status = U_ZERO_ERROR;
    USet *set = uset_openEmpty();
    uset_addAll(set, uspoof_getRecommendedSet(&status));
    uset_addAll(set, uspoof_getInclusionSet(&status));
    uset_freeze(set);
    if (U_SUCCESS(status)) allowed_set = set;
}

int32_t cu_identifier_allowed(uint32_t c) {
    pthread_once(&spoof_once, open_spoof_checker);
    return allowed_set && uset_contains(allowed_set, (UChar32)c) ? 1 : 0;
}

static int32_t skeleton_utf16(const void *context, const UChar *source, int32_t length, UChar *destination,
                              int32_t capacity, UErrorCode *status) {
    (void)context;
    return uspoof_getSkeleton(spoof_checker, 0, source, length, destination, capacity, status);
}

int32_t cu_confusable_skeleton(const uint32_t *source, int32_t length, uint32_t *destination, int32_t capacity) {
    pthread_once(&spoof_once, open_spoof_checker);
    if (!spoof_checker) return -1;
    return transform_utf32(skeleton_utf16, NULL, source, length, destination, capacity);
}

static USet *exemplar_letters;
static pthread_once_t exemplar_once = PTHREAD_ONCE_INIT;

static void build_exemplar_letters(void) {
    USet *all = uset_openEmpty();
    int32_t count = uloc_countAvailable();
    for (int32_t i = 0; i < count; i++) {
        UErrorCode status = U_ZERO_ERROR;
        ULocaleData *data = ulocdata_open(uloc_getAvailable(i), &status);
        if (U_FAILURE(status)) continue;
        for (int type = 0; type < 2; type++) {
        status = U_ZERO_ERROR;
        ULocaleDataExemplarSetType kind = type == 0 ? ULOCDATA_ES_STANDARD : ULOCDATA_ES_AUXILIARY;
        USet *set = ulocdata_getExemplarSet(data, NULL, USET_ADD_CASE_MAPPINGS, kind, &status);
        if (U_SUCCESS(status) && set) {
            // Multi-character items ("ch", "ɛ́") contribute their code points.
            int32_t items = uset_getItemCount(set);
            for (int32_t k = 0; k < items; k++) {
                UChar32 start, end;
                UChar text[64];
                UErrorCode itemStatus = U_ZERO_ERROR;
                int32_t length = uset_getItem(set, k, &start, &end, text, 64, &itemStatus);
                if (U_FAILURE(itemStatus)) continue;
                if (length == 0) {
                    uset_addRange(all, start, end);
                } else {
                    int32_t index = 0;
                    while (index < length) {
                        UChar32 c;
                        U16_NEXT(text, index, length, c);
                        uset_add(all, c);
                    }
                }
            }
        }
        if (set) uset_close(set);
        }
        ulocdata_close(data);
    }
    // Only letters and marks count: exemplar sets also list a few punctuation characters.
    UChar pattern[32];
    u_uastrcpy(pattern, "[[:L:][:M:]]");
    UErrorCode status = U_ZERO_ERROR;
    USet *letters = uset_openPattern(pattern, -1, &status);
    if (U_SUCCESS(status)) uset_retainAll(all, letters);
    if (letters) uset_close(letters);
    uset_freeze(all);
    exemplar_letters = all;
}

int32_t cu_is_exemplar_letter(uint32_t c) {
    pthread_once(&exemplar_once, build_exemplar_letters);
    return exemplar_letters && uset_contains(exemplar_letters, (UChar32)c) ? 1 : 0;
}

int32_t cu_locale_count(void) { return uloc_countAvailable(); }
const char *cu_locale_name(int32_t index) { return uloc_getAvailable(index); }

int32_t cu_locale_exemplars(const char *locale, int32_t type, uint32_t *destination, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    ULocaleData *data = ulocdata_open(locale, &status);
    if (U_FAILURE(status)) return 0;
    ULocaleDataExemplarSetType kind = type == CU_EXEMPLAR_AUXILIARY ? ULOCDATA_ES_AUXILIARY : ULOCDATA_ES_STANDARD;
    USet *set = ulocdata_getExemplarSet(data, NULL, 0, kind, &status);
    ulocdata_close(data);
    if (U_FAILURE(status) || !set) {
        if (set) uset_close(set);
        return 0;
    }
    int32_t written = 0;
    int32_t items = uset_getItemCount(set);
    for (int32_t k = 0; k < items; k++) {
        UChar32 start, end;
        UChar text[64];
        UErrorCode itemStatus = U_ZERO_ERROR;
        int32_t length = uset_getItem(set, k, &start, &end, text, 64, &itemStatus);
        if (U_FAILURE(itemStatus)) continue;
        if (length == 0) {
            for (UChar32 c = start; c <= end; c++) {
                if (written < capacity) destination[written] = (uint32_t)c;
                if (written + 1 < capacity) destination[written + 1] = 0;
                written += 2;
            }
        } else {
            int32_t index = 0;
            while (index < length) {
                UChar32 c;
                U16_NEXT(text, index, length, c);
                if (written < capacity) destination[written] = (uint32_t)c;
                written++;
            }
            if (written < capacity) destination[written] = 0;
            written++;
        }
    }
    uset_close(set);
    return written;
}
