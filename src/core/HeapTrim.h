#pragma once
// Hands the heap memory a finished race freed back to the system. glibc keeps freed
// blocks in its per-thread arenas for reuse; after a long race at full speed that was
// ~60 MB of a ~310 MB process that nothing used any more (measured with bench_gui).

namespace pitwall {

// Returns how many bytes of resident memory the process gave back (0 where the C library
// cannot say or cannot do it).
long long returnFreedHeapToSystem();

// The process's resident memory in bytes, from /proc/self/status (0 elsewhere).
long long residentBytes();

} // namespace pitwall
