/* A small thread pool for the kernels, built for a SHARED machine.
 *
 * Why not OpenMP: an OpenMP parallel region ends with a barrier that waits for every team thread to
 * arrive. When the machine is busy (other processes, the sandbox running tests) a worker thread that is
 * not on a CPU delays every product by a scheduler time slice: measured here, a 50 us GEMV became 24 ms.
 * Here the calling thread takes chunks too and never waits for a worker that has not started: it only
 * waits for chunks a worker actually claimed. A worker that wakes up late finds no work and goes back.
 *
 * Protocol: the caller publishes a job on its own stack, runs chunks (atomic counter), unpublishes it and
 * waits until no worker holds a hazard pointer to it. A worker announces the job in its hazard slot, then
 * re-checks it is still published (sequentially consistent atomics: either the caller sees the hazard or
 * the worker sees the job gone). Workers spin briefly between jobs (decode issues products back to back)
 * and then sleep on a condition variable. One job at a time: a second concurrent caller runs serially.
 * Portable C11 + pthreads: it is included by the portable module too.
 */
#ifndef INTERNS_THREAD_POOL_H
#define INTERNS_THREAD_POOL_H

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#define INTERNS_POOL_MAX_WORKERS 63
#define INTERNS_POOL_SPIN_NS 200000L /* spin this long between jobs before sleeping */

typedef void (*interns_chunk_fn)(void *ctx, long chunk);

typedef struct {
    interns_chunk_fn fn;
    void *ctx;
    long nchunks;
    int max_workers; /* workers with an index >= this stay out of the job */
    unsigned long id;
    atomic_long next;
} interns_job;

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_mutex_t run_mu; /* one job at a time */
    int nworkers;
    pid_t pid;
    unsigned long last_id;
    _Atomic(interns_job *) current;
    atomic_ulong job_id;
    atomic_int sleepers;
    _Atomic(interns_job *) hazard[INTERNS_POOL_MAX_WORKERS];
} interns_pool;

static interns_pool interns_pool_g = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
                                      PTHREAD_MUTEX_INITIALIZER};

static inline void interns_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

static inline long interns_now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000000000L + t.tv_nsec;
}

static void *interns_pool_worker(void *arg) {
    interns_pool *p = &interns_pool_g;
    int me = (int)(intptr_t)arg;
    unsigned long last = atomic_load(&p->job_id);
    for (;;) {
        /* wait for a job we have not seen: spin a little, then sleep */
        long deadline = interns_now_ns() + INTERNS_POOL_SPIN_NS;
        for (long i = 1; atomic_load(&p->job_id) == last; i++) {
            interns_cpu_relax();
            if ((i & 255) == 0 && interns_now_ns() > deadline) {
                atomic_fetch_add(&p->sleepers, 1);
                pthread_mutex_lock(&p->mu);
                while (atomic_load(&p->job_id) == last)
                    pthread_cond_wait(&p->cv, &p->mu);
                pthread_mutex_unlock(&p->mu);
                atomic_fetch_sub(&p->sleepers, 1);
            }
        }
        last = atomic_load(&p->job_id);
        interns_job *job = atomic_load(&p->current);
        if (job == NULL)
            continue; /* finished before we got here */
        atomic_store(&p->hazard[me], job);
        if (atomic_load(&p->current) == job) { /* still published: safe to use until the hazard is cleared */
            if (me < job->max_workers) {
                long chunk;
                while ((chunk = atomic_fetch_add(&job->next, 1)) < job->nchunks)
                    job->fn(job->ctx, chunk);
            }
            last = job->id;
        }
        atomic_store(&p->hazard[me], (interns_job *)NULL);
    }
    return NULL;
}

/* Make sure `wanted` workers exist (called with run_mu held). Returns how many there are. */
static int interns_pool_grow(int wanted) {
    interns_pool *p = &interns_pool_g;
    if (wanted > INTERNS_POOL_MAX_WORKERS)
        wanted = INTERNS_POOL_MAX_WORKERS;
    if (p->pid != getpid()) { /* first use, or after fork(): the workers are gone, fresh sync objects */
        p->pid = getpid();
        pthread_mutex_init(&p->mu, NULL);
        pthread_cond_init(&p->cv, NULL);
        p->nworkers = 0;
        atomic_store(&p->sleepers, 0);
        for (int i = 0; i < INTERNS_POOL_MAX_WORKERS; i++)
            atomic_store(&p->hazard[i], (interns_job *)NULL);
    }
    while (p->nworkers < wanted) {
        pthread_t thread;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        int failed = pthread_create(&thread, &attr, interns_pool_worker, (void *)(intptr_t)p->nworkers);
        pthread_attr_destroy(&attr);
        if (failed)
            break;
        p->nworkers++;
    }
    return p->nworkers;
}

/* Run fn(ctx, 0..nchunks-1) on the calling thread plus up to nthreads-1 workers. */
static void interns_pool_run(int nthreads, long nchunks, interns_chunk_fn fn, void *ctx) {
    interns_pool *p = &interns_pool_g;
    long chunk;
    if (nthreads <= 1 || nchunks <= 1 || pthread_mutex_trylock(&p->run_mu) != 0) {
        for (chunk = 0; chunk < nchunks; chunk++)
            fn(ctx, chunk);
        return;
    }
    int workers = interns_pool_grow(nthreads - 1);
    interns_job job;
    job.fn = fn;
    job.ctx = ctx;
    job.nchunks = nchunks;
    job.max_workers = nthreads - 1;
    job.id = ++p->last_id;
    atomic_init(&job.next, 0);
    atomic_store(&p->current, &job);
    atomic_store(&p->job_id, job.id);
    if (atomic_load(&p->sleepers) > 0) {
        pthread_mutex_lock(&p->mu);
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    while ((chunk = atomic_fetch_add(&job.next, 1)) < nchunks)
        fn(ctx, chunk);
    atomic_store(&p->current, (interns_job *)NULL);
    for (int w = 0; w < workers; w++) { /* only workers that entered this job can hold it */
        for (long i = 1; atomic_load(&p->hazard[w]) == &job; i++) {
            interns_cpu_relax();
            if ((i & 1023) == 0)
                sched_yield(); /* the worker may have been preempted: let it run */
        }
    }
    pthread_mutex_unlock(&p->run_mu);
}

#endif
