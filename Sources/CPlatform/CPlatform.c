#define _GNU_SOURCE
#include "CPlatform.h"

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int32_t cs_available_cores(void) {
#if defined(__linux__)
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
#endif
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? (int32_t)online : 1;
}

void cs_keep_freed_memory(int64_t mapped_from, int64_t kept) {
#if defined(__GLIBC__)
    const char *tunables = getenv("GLIBC_TUNABLES");
    if (tunables != NULL && strstr(tunables, "glibc.malloc.") != NULL) return;
    mallopt(M_MMAP_THRESHOLD, (int)mapped_from);
    mallopt(M_TRIM_THRESHOLD, (int)kept);
#else
    (void)mapped_from;
    (void)kept;
#endif
}

int32_t cs_start_writeback(int32_t descriptor, int64_t offset, int64_t length) {
#if defined(__linux__)
    return sync_file_range(descriptor, offset, length, SYNC_FILE_RANGE_WRITE);
#else
    (void)descriptor;
    (void)offset;
    (void)length;
    return -1;
#endif
}

/// Sends one query through a resolver state of its own (thread-safe, unlike the global one) and opens the answer.
static int cs_dns_query(const char *name, int type, const char *server, uint16_t port, int32_t timeout,
                        unsigned char *answer, int size, ns_msg *message, int32_t *error) {
    struct __res_state state;
    memset(&state, 0, sizeof state);
    if (res_ninit(&state) != 0) {
        *error = NO_RECOVERY;
        return -1;
    }
    if (server != NULL) {
        struct sockaddr_in address;
        memset(&address, 0, sizeof address);
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        if (inet_pton(AF_INET, server, &address.sin_addr) != 1) {
            res_nclose(&state);
            *error = -1;
            return -1;
        }
        state.nsaddr_list[0] = address;
        state.nscount = 1;
    }
    state.retrans = timeout > 0 ? timeout : 1;
    state.retry = 2;
    state.options &= ~(unsigned long)(RES_DNSRCH | RES_DEFNAMES);  // the name as given, no search list
    int length = res_nquery(&state, name, ns_c_in, type, answer, size);
    *error = state.res_h_errno;
    res_nclose(&state);
    if (length < 0) return -1;
    if (ns_initparse(answer, length, message) != 0) {
        *error = NO_RECOVERY;
        return -1;
    }
    return 0;
}

int32_t cs_dns_srv(const char *name, const char *server, uint16_t port, int32_t timeout, cs_srv_record *records,
                   int32_t capacity, int32_t *error) {
    unsigned char answer[NS_MAXMSG];
    ns_msg message;
    if (cs_dns_query(name, ns_t_srv, server, port, timeout, answer, sizeof answer, &message, error) != 0) return -1;
    int32_t count = 0;
    for (int index = 0; index < ns_msg_count(message, ns_s_an) && count < capacity; index++) {
        ns_rr record;
        if (ns_parserr(&message, ns_s_an, index, &record) != 0) continue;
        if (ns_rr_type(record) != ns_t_srv || ns_rr_rdlen(record) < 7) continue;
        const unsigned char *data = ns_rr_rdata(record);
        cs_srv_record *out = &records[count];
        out->priority = (uint16_t)ns_get16(data);
        out->weight = (uint16_t)ns_get16(data + 2);
        out->port = (uint16_t)ns_get16(data + 4);
        if (ns_name_uncompress(ns_msg_base(message), ns_msg_end(message), data + 6, out->target,
                               sizeof out->target) < 0)
            continue;
        count++;
    }
    return count;
}

int32_t cs_dns_addresses(const char *name, int32_t family, const char *server, uint16_t port, int32_t timeout,
                         uint8_t *addresses, int32_t capacity, int32_t *error) {
    unsigned char answer[NS_MAXMSG];
    ns_msg message;
    int type = family == 6 ? ns_t_aaaa : ns_t_a;
    int size = family == 6 ? 16 : 4;
    if (cs_dns_query(name, type, server, port, timeout, answer, sizeof answer, &message, error) != 0) return -1;
    int32_t count = 0;
    for (int index = 0; index < ns_msg_count(message, ns_s_an) && count < capacity; index++) {
        ns_rr record;
        if (ns_parserr(&message, ns_s_an, index, &record) != 0) continue;
        if (ns_rr_type(record) != type || ns_rr_rdlen(record) != size) continue;
        memset(addresses + 16 * count, 0, 16);
        memcpy(addresses + 16 * count, ns_rr_rdata(record), (size_t)size);
        count++;
    }
    return count;
}
