// CXML: libxml2's push (SAX2) parser behind a small C interface, so that Swift never sees libxml2's headers
// (they include the system ICU's, which clash with the ICU inside Foundation).
#ifndef CXML_H
#define CXML_H

typedef struct cs_xml_parser cs_xml_parser;

typedef struct {
    void *context;
    /// An element starts. `attributes` holds five pointers per attribute, as libxml2 gives them: local name,
    /// prefix, namespace name, start of the value, end of the value (the value is not NUL-terminated).
    void (*start)(void *context, const char *name, const char *uri, int count, const char *const *attributes);
    void (*end)(void *context);
    void (*characters)(void *context, const char *text, int length);
    /// Something RFC 6120 §11.1 forbids: a DTD, an entity declaration, a comment, a processing instruction.
    void (*refuse)(void *context, const char *reason);
} cs_xml_callbacks;

/// A push parser that never loads a DTD, fetches anything or expands an entity other than the predefined ones.
cs_xml_parser *cs_xml_create(const cs_xml_callbacks *callbacks);

/// Parses the next bytes. Returns 0, or -1 with libxml2's message (at most `size` bytes) when the XML is not
/// well-formed or the parser was stopped.
int cs_xml_feed(cs_xml_parser *parser, const char *bytes, int length, char *message, int size);

/// Stops parsing: later `cs_xml_feed` calls fail.
void cs_xml_stop(cs_xml_parser *parser);

void cs_xml_free(cs_xml_parser *parser);

#endif
