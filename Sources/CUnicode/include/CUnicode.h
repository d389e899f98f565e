// CUnicode: the project's only window onto ICU and libidn2.
//
// Swift modules must not see ICU headers (Foundation on Linux carries its own copy of them) and cannot call
// ICU's version-renamed symbols, so every call goes through these plain C functions. Strings cross the
// boundary as UTF-32 (uint32_t scalars) or UTF-8 (uint8_t); the numeric constants below have the same values
// as ICU's enums, which the implementation checks at compile time.
#ifndef CUNICODE_H
#define CUNICODE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: Versions

/// Writes ICU's version ("72.1") into `buffer`. Returns the length written.
int32_t cu_icu_version(char *buffer, int32_t capacity);
/// Writes the Unicode version of ICU's data ("15.0") into `buffer`. Returns the length written.
int32_t cu_unicode_version(char *buffer, int32_t capacity);
/// The version of the libidn2 library loaded at run time ("2.3.3").
const char *cu_idn2_version(void);

// MARK: Character properties (values equal ICU's UCharCategory, UCharDirection, UJoiningType, ...)

enum {
    CU_GC_Cn = 0, CU_GC_Lu = 1, CU_GC_Ll = 2, CU_GC_Lt = 3, CU_GC_Lm = 4, CU_GC_Lo = 5, CU_GC_Mn = 6,
    CU_GC_Me = 7, CU_GC_Mc = 8, CU_GC_Nd = 9, CU_GC_Nl = 10, CU_GC_No = 11, CU_GC_Zs = 12, CU_GC_Zl = 13,
    CU_GC_Zp = 14, CU_GC_Cc = 15, CU_GC_Cf = 16, CU_GC_Co = 17, CU_GC_Cs = 18, CU_GC_Pd = 19, CU_GC_Ps = 20,
    CU_GC_Pe = 21, CU_GC_Pc = 22, CU_GC_Po = 23, CU_GC_Sm = 24, CU_GC_Sc = 25, CU_GC_Sk = 26, CU_GC_So = 27,
    CU_GC_Pi = 28, CU_GC_Pf = 29
};

enum {
    CU_BIDI_L = 0, CU_BIDI_R = 1, CU_BIDI_EN = 2, CU_BIDI_ES = 3, CU_BIDI_ET = 4, CU_BIDI_AN = 5,
    CU_BIDI_CS = 6, CU_BIDI_B = 7, CU_BIDI_S = 8, CU_BIDI_WS = 9, CU_BIDI_ON = 10, CU_BIDI_LRE = 11,
    CU_BIDI_LRO = 12, CU_BIDI_AL = 13, CU_BIDI_RLE = 14, CU_BIDI_RLO = 15, CU_BIDI_PDF = 16, CU_BIDI_NSM = 17,
    CU_BIDI_BN = 18, CU_BIDI_FSI = 19, CU_BIDI_LRI = 20, CU_BIDI_RLI = 21, CU_BIDI_PDI = 22
};

enum { CU_JT_U = 0, CU_JT_C = 1, CU_JT_D = 2, CU_JT_L = 3, CU_JT_R = 4, CU_JT_T = 5 };

enum { CU_HST_NA = 0, CU_HST_L = 1, CU_HST_V = 2, CU_HST_T = 3, CU_HST_LV = 4, CU_HST_LVT = 5 };

enum {
    CU_SCRIPT_COMMON = 0, CU_SCRIPT_INHERITED = 1, CU_SCRIPT_GREEK = 14, CU_SCRIPT_HAN = 17,
    CU_SCRIPT_HEBREW = 19, CU_SCRIPT_HIRAGANA = 20, CU_SCRIPT_KATAKANA = 22
};

enum {
    CU_PROP_DEFAULT_IGNORABLE = 0, CU_PROP_NONCHARACTER = 1, CU_PROP_JOIN_CONTROL = 2, CU_PROP_CASED = 3,
    CU_PROP_CASE_IGNORABLE = 4, CU_PROP_WHITE_SPACE = 5
};

int32_t cu_general_category(uint32_t c);
int32_t cu_combining_class(uint32_t c);
int32_t cu_bidi_class(uint32_t c);
int32_t cu_joining_type(uint32_t c);
int32_t cu_hangul_syllable_type(uint32_t c);
/// The Script property value (UScriptCode) of `c`.
int32_t cu_script(uint32_t c);
/// Writes the short (ISO 15924) name of a script code, e.g. "Latn". Returns the length written.
int32_t cu_script_code_name(int32_t script, char *buffer, int32_t capacity);
/// Writes the long name of a script code, e.g. "Cyrillic". Returns the length written.
int32_t cu_script_long_name(int32_t script, char *buffer, int32_t capacity);
/// 1 if `c` has the binary property `property` (one of CU_PROP_*), else 0.
int32_t cu_has_binary_property(uint32_t c, int32_t property);
/// 1 if toNFKC(c) != c (RFC 8264 §9.17 HasCompat), else 0.
int32_t cu_has_compat(uint32_t c);
/// The decomposition mapping of a fullwidth or halfwidth code point (UAX #11), or `c` itself.
uint32_t cu_width_mapping(uint32_t c);
/// Full lowercase mapping of one code point in the root locale, without context. Writes up to 3 scalars.
int32_t cu_to_lower(uint32_t c, uint32_t out[3]);
/// Writes the Unicode name of `c` (or its extended name, e.g. "<private-use-E000>"). Returns the length.
int32_t cu_char_name(uint32_t c, char *buffer, int32_t capacity);

/// 1 if the NFC_Quick_Check property of `c` is Yes, else 0.
int32_t cu_nfc_quick_check_yes(uint32_t c);

/// 1 if NFKC_Casefold(c) != c (RFC 5892 §2.2 Unstable), else 0.
int32_t cu_is_nfkc_casefold_unstable(uint32_t c);

// MARK: IP literals

/// Parses the textual IPv6 address in the NUL-terminated `text` into 16 bytes. Returns 1 on success.
int32_t cu_parse_ipv6(const char *text, uint8_t address[16]);
/// Writes the RFC 5952 text form of a 16-byte IPv6 address (at most 46 bytes with the NUL). Returns 1 on success.
int32_t cu_format_ipv6(const uint8_t address[16], char *buffer, int32_t capacity);

// MARK: Strings (UTF-32 in and out)

enum { CU_NFC = 0, CU_NFKC = 1, CU_NFD = 2, CU_NFKD = 3 };

/// Normalizes `source` into `destination`. Returns the output length; if it is larger than `capacity`,
/// nothing useful was written and the caller retries with that capacity. Returns -1 on an ICU error.
int32_t cu_normalize(int32_t form, const uint32_t *source, int32_t length, uint32_t *destination,
                     int32_t capacity);
/// Checks UTF-8 text against the Stream-Safe Text Format (UAX #15 §13): no more than `limit` non-starters in a
/// row, counted in each code point's NFKD decomposition. Returns the byte offset of the code point that makes the
/// run too long and writes its scalar index to `scalarIndex`, or returns -1 when the text is stream-safe.
/// Ill-formed sequences count as starters (the caller reports them separately). Linear in `length`.
int32_t cu_stream_safe_violation(const uint8_t *utf8, int32_t length, int32_t limit, int32_t *scalarIndex);
/// The non-starters at the start and at the end of `c`'s NFKD decomposition; returns the decomposition's length in
/// code points (1 for a code point without one).
int32_t cu_nfkd_nonstarters(uint32_t c, int32_t *leading, int32_t *trailing);
/// Simple (one-to-one) case mappings of one code point (UnicodeData.txt fields 12 and 13).
uint32_t cu_simple_upper(uint32_t c);
uint32_t cu_simple_lower(uint32_t c);
/// Unicode toUpperCase() of a whole string in the root locale. Same return as cu_normalize.
int32_t cu_to_upper_string(const uint32_t *source, int32_t length, uint32_t *destination, int32_t capacity);
/// 1 if `source` is already in the normalization form, 0 if not.
int32_t cu_is_normalized(int32_t form, const uint32_t *source, int32_t length);
/// 1 if the normalization form has a boundary before `c` (text before and after it normalizes independently).
int32_t cu_has_boundary_before(int32_t form, uint32_t c);
/// Unicode toLowerCase() of a whole string in the root locale (with Final_Sigma). Same return as cu_normalize.
int32_t cu_to_lower_string(const uint32_t *source, int32_t length, uint32_t *destination, int32_t capacity);

// MARK: Stringprep (RFC 3454) and IDNA2003 (RFC 3490), on ICU's Unicode 3.2 tables

enum { CU_NODEPREP = 0, CU_RESOURCEPREP = 1, CU_NAMEPREP = 2 };
enum {
    CU_PREP_OK = 0, CU_PREP_PROHIBITED = 1, CU_PREP_UNASSIGNED = 2, CU_PREP_BIDI = 3, CU_PREP_OTHER = 4,
    CU_PREP_LABEL_TOO_LONG = 5, CU_PREP_STD3 = 6, CU_PREP_ACE_PREFIX = 7,
    CU_PREP_DOMAIN_TOO_LONG = 8
};

/// Applies a stringprep profile (CU_NODEPREP, CU_RESOURCEPREP, CU_NAMEPREP) to UTF-32 text. With
/// `allowUnassigned` 0 unassigned code points of Unicode 3.2 are an error ("stored strings"), with 1 they pass
/// ("queries", RFC 3454 §7). Returns the output length (retry with a larger capacity if it exceeds `capacity`),
/// or -1 with `*failure` set to a CU_PREP_* value.
int32_t cu_stringprep(int32_t profile, int32_t allowUnassigned, const uint32_t *source, int32_t length,
                      uint32_t *destination, int32_t capacity, int32_t *failure);

/// IDNA2003 ToASCII (RFC 3490 §4.1) of a whole domain name with UseSTD3ASCIIRules, and AllowUnassigned when
/// `allowUnassigned` is 1. Same returns as cu_stringprep.
int32_t cu_idna2003_to_ascii(int32_t allowUnassigned, const uint32_t *source, int32_t length, uint32_t *destination,
                             int32_t capacity, int32_t *failure);
/// IDNA2003 ToUnicode (RFC 3490 §4.2) of the ASCII form of a domain name (as ToASCII gives it), label by label: an
/// ACE label is decoded when ToASCII of the result gives it back, else kept. Same returns as cu_stringprep.
int32_t cu_idna2003_to_unicode(int32_t allowUnassigned, const uint32_t *source, int32_t length,
                               uint32_t *destination, int32_t capacity, int32_t *failure);

// MARK: IDNA2008 (libidn2)

enum { CU_IDN2_NFC_INPUT = 1, CU_IDN2_NONTRANSITIONAL = 8, CU_IDN2_NO_TR46 = 64 };

/// IDNA2008 lookup of a UTF-8 domain name or label (RFC 5891 §5): writes the A-label form into `output`
/// (NUL-terminated). Returns 0 on success, a negative libidn2 error code otherwise, or -1000 if `capacity`
/// is too small.
int32_t cu_idn2_lookup(const uint8_t *input, int32_t flags, uint8_t *output, int32_t capacity);
/// Converts A-labels in a NUL-terminated ASCII name to U-labels (UTF-8, NUL-terminated). Same returns.
int32_t cu_idn2_to_unicode(const uint8_t *input, uint8_t *output, int32_t capacity);
/// libidn2's symbolic name of an error code ("IDN2_DISALLOWED").
const char *cu_idn2_error_name(int32_t code);
/// libidn2's English description of an error code.
const char *cu_idn2_error_message(int32_t code);


// MARK: UTS #39 (confusables) and CLDR exemplars

/// Writes the Script_Extensions of `c` (UScriptCode values) into `scripts`. Returns the count (may exceed
/// `capacity`, in which case only `capacity` were written).
int32_t cu_script_extensions(uint32_t c, int32_t *scripts, int32_t capacity);
/// The decimal digit value of `c` (0–9) if it is a decimal digit (Nd), else -1.
int32_t cu_digit_value(uint32_t c);
/// 1 if `c` has Identifier_Status=Allowed in UTS #39 (ICU's recommended set plus the inclusion set), else 0.
int32_t cu_identifier_allowed(uint32_t c);
/// The UTS #39 skeleton (confusables.txt mapping between NFD passes) of UTF-32 text. Same returns as
/// cu_normalize. Thread-safe.
int32_t cu_confusable_skeleton(const uint32_t *source, int32_t length, uint32_t *destination, int32_t capacity);
/// 1 if `c` is a letter or mark of the standard or auxiliary exemplar set of at least one locale in ICU's data, else 0. The union is
/// built once, on first use.
int32_t cu_is_exemplar_letter(uint32_t c);
/// The number of locales ICU has data for, and the name of the locale at `index` ("en_GB").
int32_t cu_locale_count(void);
const char *cu_locale_name(int32_t index);
enum { CU_EXEMPLAR_STANDARD = 0, CU_EXEMPLAR_AUXILIARY = 1 };
/// Writes the exemplar set of one locale as UTF-32 items, each followed by a 0 scalar (items may be strings of
/// several code points, such as "ch"). Returns the scalars needed including separators; 0 if the locale has no
/// such set. Retry with a larger capacity if the return exceeds `capacity`.
int32_t cu_locale_exemplars(const char *locale, int32_t type, uint32_t *destination, int32_t capacity);

// MARK: Message formatting (ICU MessageFormat, named arguments)

/// One named argument of a message: text (UTF-8) when `text` is not NULL, otherwise the integer `number`.
typedef struct {
    const char *name;
    const uint8_t *text;
    int32_t textLength;
    int64_t number;
} cu_message_argument;

/// Formats the ICU MessageFormat `pattern` (UTF-8) for `locale` ("fr", "zh-Hans") with named arguments, writing
/// UTF-8 into `output`. Returns the length of the result (which may exceed `capacity`: call again with more room),
/// or -1 when the pattern does not parse or an argument does not fit its placeholder (text for a number).
int32_t cu_format_message(const char *locale, const uint8_t *pattern, int32_t patternLength,
                          const cu_message_argument *arguments, int32_t count, uint8_t *output, int32_t capacity);

/// Writes the names of the arguments `pattern` uses, each followed by a NUL, into `output`, and the type each is
/// given after a comma ("name,number"; "name" alone for none). Returns the length, or -1 if the pattern does not
/// parse. For checking that translations of one message use the same arguments.
int32_t cu_message_arguments(const uint8_t *pattern, int32_t patternLength, uint8_t *output, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
