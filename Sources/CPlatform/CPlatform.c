#define _GNU_SOURCE
#include "CPlatform.h"

#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void cs_keep_freed_memory(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
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
