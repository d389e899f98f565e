// CPlatform: the few operating-system calls Swift's Glibc module does not expose.
#ifndef CPLATFORM_H
#define CPLATFORM_H

#include <stdint.h>

/// Asks the C allocator to keep large freed blocks for reuse instead of returning them to the kernel, for
/// programs that allocate and free multi-megabyte buffers continuously. No effect where unsupported.
void cs_keep_freed_memory(void);

/// Starts writing a range of a file to disk without waiting (Linux sync_file_range(2) with
/// SYNC_FILE_RANGE_WRITE). Returns 0, or -1 where unsupported or on error; either way the caller's later
/// fsync(2) still guarantees durability.
int32_t cs_start_writeback(int32_t descriptor, int64_t offset, int64_t length);

#endif
