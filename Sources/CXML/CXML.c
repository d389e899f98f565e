#include "CXML.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

struct cs_xml_parser {
    cs_xml_callbacks callbacks;
    xmlSAXHandler handler;
    xmlParserCtxtPtr context;
};

static void on_start(void *user, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int namespaces,
                     const xmlChar **declarations, int count, int defaulted, const xmlChar **attributes) {
    (void)prefix;
    (void)namespaces;
    (void)declarations;
    (void)defaulted;
    cs_xml_parser *parser = user;
    parser->callbacks.start(parser->callbacks.context, (const char *)name, (const char *)uri, count,
                            (const char *const *)attributes);
}

static void on_end(void *user, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri) {
    (void)name;
    (void)prefix;
    (void)uri;
    cs_xml_parser *parser = user;
    parser->callbacks.end(parser->callbacks.context);
}

static void on_characters(void *user, const xmlChar *text, int length) {
    cs_xml_parser *parser = user;
    parser->callbacks.characters(parser->callbacks.context, (const char *)text, length);
}

static void refuse(cs_xml_parser *parser, const char *reason) {
    parser->callbacks.refuse(parser->callbacks.context, reason);
    xmlStopParser(parser->context);
}

static void on_subset(void *user, const xmlChar *name, const xmlChar *external, const xmlChar *system) {
    (void)name;
    (void)external;
    (void)system;
    refuse(user, "declares a document type (RFC 6120 §11.1 forbids DTDs)");
}

static void on_entity(void *user, const xmlChar *name, int type, const xmlChar *public_id, const xmlChar *system_id,
                      xmlChar *content) {
    (void)name;
    (void)type;
    (void)public_id;
    (void)system_id;
    (void)content;
    refuse(user, "declares an entity (RFC 6120 §11.1 forbids DTDs)");
}

static xmlEntityPtr on_get_entity(void *user, const xmlChar *name) {
    (void)user;
    (void)name;
    return NULL;
}

static void on_instruction(void *user, const xmlChar *target, const xmlChar *data) {
    (void)target;
    (void)data;
    refuse(user, "contains a processing instruction (RFC 6120 §11.1)");
}

static void on_comment(void *user, const xmlChar *text) {
    (void)text;
    refuse(user, "contains a comment (RFC 6120 §11.1)");
}

cs_xml_parser *cs_xml_create(const cs_xml_callbacks *callbacks) {
    cs_xml_parser *parser = calloc(1, sizeof *parser);
    if (parser == NULL) return NULL;
    parser->callbacks = *callbacks;
    parser->handler.initialized = XML_SAX2_MAGIC;
    parser->handler.startElementNs = on_start;
    parser->handler.endElementNs = on_end;
    parser->handler.characters = on_characters;
    parser->handler.internalSubset = on_subset;
    parser->handler.entityDecl = on_entity;
    parser->handler.getEntity = on_get_entity;
    parser->handler.processingInstruction = on_instruction;
    parser->handler.comment = on_comment;
    parser->context = xmlCreatePushParserCtxt(&parser->handler, parser, NULL, 0, NULL);
    if (parser->context == NULL) {
        free(parser);
        return NULL;
    }
    xmlCtxtUseOptions(parser->context, XML_PARSE_NONET | XML_PARSE_NOCDATA);
    return parser;
}

int cs_xml_feed(cs_xml_parser *parser, const char *bytes, int length, char *message, int size) {
    if (xmlParseChunk(parser->context, bytes, length, 0) == 0 && parser->context->disableSAX == 0) return 0;
    if (size > 0) {
        message[0] = 0;
        const xmlError *error = xmlCtxtGetLastError(parser->context);
        if (error != NULL && error->message != NULL) {
            strncpy(message, error->message, (size_t)size - 1);
            message[size - 1] = 0;
        }
    }
    return -1;
}

void cs_xml_stop(cs_xml_parser *parser) { xmlStopParser(parser->context); }

void cs_xml_free(cs_xml_parser *parser) {
    if (parser == NULL) return;
    if (parser->context->myDoc != NULL) xmlFreeDoc(parser->context->myDoc);
    xmlFreeParserCtxt(parser->context);
    free(parser);
}
