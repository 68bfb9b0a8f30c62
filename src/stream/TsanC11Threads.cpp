// ThreadSanitizer builds only (src/stream/CMakeLists.txt): librdkafka, as Debian builds it,
// makes its threads, locks and condition variables with C11 <threads.h>. glibc implements
// those by calling its internal pthread functions directly, so TSan's pthread interceptors
// never see them: a librdkafka thread crashes in TSan's allocator on its first malloc (it
// was never registered), and its locks give TSan no happens-before. These definitions, in
// the executable, take precedence over glibc's for librdkafka and forward to the public
// pthread functions TSan intercepts, exactly as glibc would (same types underneath, same
// result codes). No code of ours calls them.
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <pthread.h>
#include <threads.h>

namespace {

int resultOf(int pthreadError)
{
    switch (pthreadError) {
    case 0: return thrd_success;
    case ENOMEM: return thrd_nomem;
    case EBUSY: return thrd_busy;
    case ETIMEDOUT: return thrd_timedout;
    default: return thrd_error;
    }
}

struct ThreadStart {
    thrd_start_t function;
    void *argument;
};

void *runThread(void *start)
{
    const ThreadStart call = *static_cast<ThreadStart *>(start);
    std::free(start);
    return reinterpret_cast<void *>(static_cast<intptr_t>(call.function(call.argument)));
}

pthread_mutex_t *asPthread(mtx_t *mutex)
{
    return reinterpret_cast<pthread_mutex_t *>(mutex);
}
pthread_cond_t *asPthread(cnd_t *condition)
{
    return reinterpret_cast<pthread_cond_t *>(condition);
}

} // namespace

extern "C" {

int thrd_create(thrd_t *thread, thrd_start_t function, void *argument)
{
    auto *start = static_cast<ThreadStart *>(std::malloc(sizeof(ThreadStart)));
    if (!start)
        return thrd_nomem;
    *start = {function, argument};
    const int error = pthread_create(thread, nullptr, runThread, start);
    if (error)
        std::free(start);
    return resultOf(error);
}

int thrd_join(thrd_t thread, int *result)
{
    void *value = nullptr;
    const int error = pthread_join(thread, &value);
    if (!error && result)
        *result = static_cast<int>(reinterpret_cast<intptr_t>(value));
    return resultOf(error);
}

int thrd_detach(thrd_t thread)
{
    return resultOf(pthread_detach(thread));
}

int mtx_init(mtx_t *mutex, int type)
{
    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    if (type & mtx_recursive)
        pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_RECURSIVE);
    const int error = pthread_mutex_init(asPthread(mutex), &attributes);
    pthread_mutexattr_destroy(&attributes);
    return resultOf(error);
}

int mtx_lock(mtx_t *mutex)
{
    return resultOf(pthread_mutex_lock(asPthread(mutex)));
}
int mtx_trylock(mtx_t *mutex)
{
    return resultOf(pthread_mutex_trylock(asPthread(mutex)));
}
int mtx_timedlock(mtx_t *__restrict mutex, const struct timespec *__restrict until)
{
    return resultOf(pthread_mutex_timedlock(asPthread(mutex), until));
}
int mtx_unlock(mtx_t *mutex)
{
    return resultOf(pthread_mutex_unlock(asPthread(mutex)));
}
void mtx_destroy(mtx_t *mutex)
{
    pthread_mutex_destroy(asPthread(mutex));
}

int cnd_init(cnd_t *condition)
{
    return resultOf(pthread_cond_init(asPthread(condition), nullptr));
}
int cnd_signal(cnd_t *condition)
{
    return resultOf(pthread_cond_signal(asPthread(condition)));
}
int cnd_broadcast(cnd_t *condition)
{
    return resultOf(pthread_cond_broadcast(asPthread(condition)));
}
int cnd_wait(cnd_t *condition, mtx_t *mutex)
{
    return resultOf(pthread_cond_wait(asPthread(condition), asPthread(mutex)));
}
int cnd_timedwait(cnd_t *__restrict condition, mtx_t *__restrict mutex, const struct timespec *__restrict until)
{
    return resultOf(pthread_cond_timedwait(asPthread(condition), asPthread(mutex), until));
}
void cnd_destroy(cnd_t *condition)
{
    pthread_cond_destroy(asPthread(condition));
}
}
