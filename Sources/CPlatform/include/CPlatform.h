// CPlatform: the few operating-system calls Swift's Glibc module does not expose.
#ifndef CPLATFORM_H
#define CPLATFORM_H

#include <stdint.h>

/// Asks the C allocator to keep freed blocks for reuse instead of returning them to the kernel, for programs that
/// allocate and free large buffers continuously: blocks under `mapped_from` bytes come from the heap rather than
/// mappings of their own, and up to `kept` free bytes at the top of a heap stay with the process (glibc's
/// M_MMAP_THRESHOLD and M_TRIM_THRESHOLD). No effect where unsupported, or when GLIBC_TUNABLES sets malloc
/// tunables itself.
void cs_keep_freed_memory(int64_t mapped_from, int64_t kept);

/// Starts writing a range of a file to disk without waiting (Linux sync_file_range(2) with
/// SYNC_FILE_RANGE_WRITE). Returns 0, or -1 where unsupported or on error; either way the caller's later
/// fsync(2) still guarantees durability.
int32_t cs_start_writeback(int32_t descriptor, int64_t offset, int64_t length);

/// The number of cores this process may run on (its CPU affinity, as taskset(1) sets it), or of cores online where
/// the affinity cannot be read; at least 1.
int32_t cs_available_cores(void);

/// One SRV record (RFC 2782); `target` is "." when the service is decidedly not available.
typedef struct {
    uint16_t priority;
    uint16_t weight;
    uint16_t port;
    char target[256];
} cs_srv_record;

/// DNS look-ups through the system resolver (libresolv), optionally against one IPv4 name server at `server`
/// (dotted quad) and `port` instead of /etc/resolv.conf; `timeout` seconds per try, two tries. Each returns the
/// number of records written (at most `capacity`), or -1 with `*error` set to the resolver's h_errno
/// (1 HOST_NOT_FOUND: no such name; 2 TRY_AGAIN: no answer from the server; 3 NO_RECOVERY; 4 NO_DATA: the name
/// exists without records of the type) or to -1 when `server` is not an IPv4 address.
int32_t cs_dns_srv(const char *name, const char *server, uint16_t port, int32_t timeout, cs_srv_record *records,
                   int32_t capacity, int32_t *error);

/// A (`family` 4, 4 bytes each) or AAAA (`family` 6, 16 bytes each) records into `addresses`, 16 bytes apart.
int32_t cs_dns_addresses(const char *name, int32_t family, const char *server, uint16_t port, int32_t timeout,
                         uint8_t *addresses, int32_t capacity, int32_t *error);

#endif
