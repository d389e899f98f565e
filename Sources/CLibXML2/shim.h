// libxml2's push parser: the XMPP probe reads a server's stream incrementally with it.
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
