// Peer for RFC 6122 enforcement: GNU libidn (the library behind the `idn` command; Debian `libidn-dev`).
// Splits each address as RFC 6122 §2.1 does, then applies Nodeprep to the localpart, IDNA2003 ToASCII with
// UseSTD3ASCIIRules (and ToUnicode for the canonical form) to the domain, Resourceprep to the resource, with
// unassigned code points refused (stored strings), and the 1023-octet part limits. The `idn` command itself
// stops at the first string it cannot prepare, so it cannot take a corpus with invalid lines; the library can.
// Reads the corpus into memory, then times ROUNDS passes and prints "<count> <valid> <best JIDs/s>"; with ROUNDS
// 0 it prints, per address, "1 <canonical form>" or "0" instead (for differential tests).
//   cc -O2 -o peer peer.c -lidn && ./peer CORPUS [ROUNDS]
#include <idna.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stringprep.h>
#include <time.h>

static int prep(const char *input, size_t length, const Stringprep_profile *profile, char *out) {
    if (length == 0 || length > 1023) return 0;
    memcpy(out, input, length);
    out[length] = 0;
    return stringprep(out, 1024, STRINGPREP_NO_UNASSIGNED, profile) == STRINGPREP_OK && strlen(out) <= 1023;
}

/// With `canonical` set, the valid address's canonical form is written there.
static int parse(const char *line, size_t length, char *canonical) {
    char local[1024], resource[1024], domain[1024];
    const char *slash = memchr(line, '/', length);
    size_t end = slash ? (size_t)(slash - line) : length;
    const char *at = memchr(line, '@', end);
    size_t domainStart = at ? (size_t)(at - line) + 1 : 0;
    if (at && !prep(line, (size_t)(at - line), stringprep_xmpp_nodeprep, local)) return 0;
    if (slash && !prep(slash + 1, length - end - 1, stringprep_xmpp_resourceprep, resource)) return 0;
    size_t domainLength = end - domainStart;
    if (domainLength > 0 && line[domainStart + domainLength - 1] == '.') domainLength--;
    if (domainLength == 0 || domainLength > 1023) return 0;
    memcpy(domain, line + domainStart, domainLength);
    domain[domainLength] = 0;
    char *ascii = NULL, *unicode = NULL;
    if (idna_to_ascii_8z(domain, &ascii, IDNA_USE_STD3_ASCII_RULES) != IDNA_SUCCESS) return 0;
    int ok = idna_to_unicode_8z8z(ascii, &unicode, IDNA_USE_STD3_ASCII_RULES) == IDNA_SUCCESS;
    ok = ok && strlen(unicode) <= 1023;
    if (ok && canonical) {
        snprintf(canonical, 4096, "%s%s%s%s%s", at ? local : "", at ? "@" : "", unicode, slash ? "/" : "",
                 slash ? resource : "");
    }
    free(ascii);
    free(unicode);
    return ok;
}

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    FILE *file = fopen(argv[1], "r");
    if (!file) return 1;
    char **lines = NULL;
    size_t *lengths = NULL, count = 0, capacity = 0;
    char *buffer = NULL;
    size_t size = 0;
    ssize_t read;
    while ((read = getline(&buffer, &size, file)) >= 0) {
        if (read > 0 && buffer[read - 1] == '\n') read--;
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 1024;
            lines = realloc(lines, capacity * sizeof *lines);
            lengths = realloc(lengths, capacity * sizeof *lengths);
        }
        lines[count] = malloc((size_t)read + 1);
        memcpy(lines[count], buffer, (size_t)read);
        lines[count][read] = 0;
        lengths[count++] = (size_t)read;
    }
    if (rounds == 0) {  // differential mode: one line per address, 1 if valid, else 0
        char canonical[4096];
        for (size_t i = 0; i < count; i++) {
            if (parse(lines[i], lengths[i], canonical)) {
                printf("1 %s\n", canonical);
            } else {
                printf("0\n");
            }
        }
        return 0;
    }
    double best = 1e30;
    size_t valid = 0;
    for (int round = 0; round < rounds; round++) {
        struct timespec start, stop;
        clock_gettime(CLOCK_MONOTONIC, &start);
        valid = 0;
        for (size_t i = 0; i < count; i++) valid += parse(lines[i], lengths[i], NULL);
        clock_gettime(CLOCK_MONOTONIC, &stop);
        double seconds = (double)(stop.tv_sec - start.tv_sec) + (double)(stop.tv_nsec - start.tv_nsec) / 1e9;
        if (seconds < best) best = seconds;
    }
    printf("%zu %zu %.0f\n", count, valid, (double)count / best);
    return 0;
}
