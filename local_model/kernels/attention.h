/* Attention for every new token of a batch in one call: each query row reads its own sequence's KV cache
 * slot up to its own length (a prompt's tokens are rows of one slot with lengths start+1, start+2, ...: causal
 * attention; a decode step is one row per sequence). One unit of work per row and KV head, over the pool.
 *
 * Why in C: in numpy a decode step's attention is ~15 small array operations per layer and sequence;
 * their fixed cost, not the arithmetic, dominated decode time and grew linearly with the batch.
 * Each unit reads its keys and values once for all query heads of its group (grouped-query attention).
 * A sequence's result never depends on what it is batched with (same code, same order), so greedy
 * answers are identical alone and in a batch. The AVX2 module is compiled with -mavx2 -mfma -mf16c
 * and runs the intrinsics path below (head_dim a multiple of 8: four keys per step against a query held
 * in registers, a vectorised exp, the output of a head held in registers across all values); the
 * portable module and odd head sizes run the plain loops.
 */
#ifndef INTERNS_ATTENTION_H
#define INTERNS_ATTENTION_H

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reductions.h"

typedef struct {
    const float *q;          /* [rows, kv_heads * group, head_dim]: one row per new token */
    const float *keys;       /* one layer of the cache: [slots, kv_heads, max_len, head_dim] */
    const float *values;     /* same layout as keys */
    const int64_t *slots;    /* [rows] cache slot of each row's sequence */
    const int64_t *lengths;  /* [rows] positions each row attends, its own included */
    float *out;              /* [rows, kv_heads * group * head_dim] */
    int64_t kv_heads, group, head_dim, max_len;
    float scale;
    atomic_int failed;       /* set when a unit could not get scratch memory */
} interns_attention_job;

static inline void interns_axpy(float *y, float a, const float *x, int64_t n) {
    for (int64_t i = 0; i < n; i++) y[i] += a * x[i];
}

/* What one unit (row * kv_heads + kv_head) works on: its KV history, its group's queries and outputs,
 * and a scratch buffer of group * length (+ extra) floats; NULL scratch (and job->failed set) when out of memory. */
typedef struct {
    const float *keys, *values, *q;
    float *out, *scratch;
    int64_t length;
} interns_attention_unit_data;

static inline interns_attention_unit_data interns_attention_locate(interns_attention_job *job, long unit, int64_t extra) {
    const int64_t H = job->kv_heads, G = job->group, D = job->head_dim;
    const int64_t row = unit / H, kv = unit % H;
    const int64_t history = (job->slots[row] * H + kv) * job->max_len * D;
    interns_attention_unit_data data;
    data.keys = job->keys + history;
    data.values = job->values + history;
    data.q = job->q + (row * H + kv) * G * D;
    data.out = job->out + (row * H + kv) * G * D;
    data.length = job->lengths[row];
    data.scratch = (float *)malloc((size_t)(G * data.length + extra) * sizeof(float));
    if (data.scratch == NULL) atomic_store(&job->failed, 1);
    return data;
}

/* softmax(scale * q k^T) v for the group's query heads of one unit */
static void interns_attention_unit_portable(void *ctx, long unit) {
    interns_attention_job *job = (interns_attention_job *)ctx;
    const int64_t G = job->group, D = job->head_dim;
    /* scratch: scores [group, L], then the group's softmax totals */
    const interns_attention_unit_data data = interns_attention_locate(job, unit, G);
    const int64_t L = data.length;
    const float *keys = data.keys, *values = data.values, *q = data.q;
    float *out = data.out, *scores = data.scratch;
    if (scores == NULL) return;
    float *totals = scores + G * L;
    for (int64_t t = 0; t < L; t++) /* each key row is read once for all heads of the group */
        for (int64_t h = 0; h < G; h++) scores[h * L + t] = job->scale * interns_dot(q + h * D, keys + t * D, D);
    for (int64_t h = 0; h < G; h++) {
        float *row = scores + h * L, top = row[0], total = 0.0f;
        for (int64_t t = 1; t < L; t++) top = row[t] > top ? row[t] : top;
        for (int64_t t = 0; t < L; t++) {
            row[t] = expf(row[t] - top);
            total += row[t];
        }
        totals[h] = total;
    }
    memset(out, 0, (size_t)(G * D) * sizeof(float));
    for (int64_t t = 0; t < L; t++) /* each value row is read once for all heads of the group */
        for (int64_t h = 0; h < G; h++) interns_axpy(out + h * D, scores[h * L + t], values + t * D, D);
    for (int64_t h = 0; h < G; h++) { /* normalise the small output instead of the scores */
        const float inverse = 1.0f / totals[h];
        for (int64_t d = 0; d < D; d++) out[h * D + d] *= inverse;
    }
    free(scores);
}

#ifdef __AVX2__
#include "vector_math.h"

#define INTERNS_ATTENTION_BLOCK 64 /* keys (values) per block: 16 KB at head_dim 64, stays in L1 */
#define INTERNS_ATTENTION_MAX_DIM 256

/* scores[t] = scale * q . keys[t] for t in [t0, t1): four keys per step */
static inline void interns_scores_avx2(const float *q, const float *keys, int64_t D, int64_t t0, int64_t t1, float scale, float *scores) {
    const int64_t nv = D / 8;
    __m256 qv[INTERNS_ATTENTION_MAX_DIM / 8];
    for (int64_t i = 0; i < nv; i++) qv[i] = _mm256_mul_ps(_mm256_loadu_ps(q + 8 * i), _mm256_set1_ps(scale));
    int64_t t = t0;
    for (; t + 4 <= t1; t += 4) {
        const float *k = keys + t * D;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
        for (int64_t i = 0; i < nv; i++) {
            a0 = _mm256_fmadd_ps(qv[i], _mm256_loadu_ps(k + 8 * i), a0);
            a1 = _mm256_fmadd_ps(qv[i], _mm256_loadu_ps(k + D + 8 * i), a1);
            a2 = _mm256_fmadd_ps(qv[i], _mm256_loadu_ps(k + 2 * D + 8 * i), a2);
            a3 = _mm256_fmadd_ps(qv[i], _mm256_loadu_ps(k + 3 * D + 8 * i), a3);
        }
        /* four horizontal sums at once: [sum a0, sum a1, sum a2, sum a3] */
        __m256 s = _mm256_hadd_ps(_mm256_hadd_ps(a0, a1), _mm256_hadd_ps(a2, a3));
        _mm_storeu_ps(scores + t, _mm_add_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1)));
    }
    for (; t < t1; t++) {
        const float *k = keys + t * D;
        __m256 a = _mm256_setzero_ps();
        for (int64_t i = 0; i < nv; i++) a = _mm256_fmadd_ps(qv[i], _mm256_loadu_ps(k + 8 * i), a);
        scores[t] = interns_hsum256(a);
    }
}

/* row[0..L) = exp(row - max(row)); returns their sum */
static inline float interns_softmax_numerators_avx2(float *row, int64_t L) {
    __m256 top = _mm256_set1_ps(-INFINITY);
    int64_t t = 0;
    for (; t + 8 <= L; t += 8) top = _mm256_max_ps(top, _mm256_loadu_ps(row + t));
    float highest = interns_hmax256(top);
    for (; t < L; t++) highest = row[t] > highest ? row[t] : highest;
    const __m256 shift = _mm256_set1_ps(highest);
    __m256 sum = _mm256_setzero_ps();
    for (t = 0; t + 8 <= L; t += 8) {
        __m256 e = interns_exp256(_mm256_sub_ps(_mm256_loadu_ps(row + t), shift));
        _mm256_storeu_ps(row + t, e);
        sum = _mm256_add_ps(sum, e);
    }
    float total = interns_hsum256(sum);
    for (; t < L; t++) {
        row[t] = expf(row[t] - highest);
        total += row[t];
    }
    return total;
}

static void interns_attention_unit_avx2(void *ctx, long unit) {
    interns_attention_job *job = (interns_attention_job *)ctx;
    const int64_t G = job->group, D = job->head_dim, nv = D / 8;
    const interns_attention_unit_data data = interns_attention_locate(job, unit, 0); /* scratch: scores [group, L] */
    const int64_t L = data.length;
    const float *keys = data.keys, *values = data.values, *q = data.q;
    float *out = data.out, *scores = data.scratch;
    if (scores == NULL) return;
    /* blocks of keys stay in L1 while every head of the group reads them */
    for (int64_t t0 = 0; t0 < L; t0 += INTERNS_ATTENTION_BLOCK) {
        const int64_t t1 = t0 + INTERNS_ATTENTION_BLOCK < L ? t0 + INTERNS_ATTENTION_BLOCK : L;
        for (int64_t h = 0; h < G; h++) interns_scores_avx2(q + h * D, keys, D, t0, t1, job->scale, scores + h * L);
    }
    for (int64_t h = 0; h < G; h++) {
        const float inverse = 1.0f / interns_softmax_numerators_avx2(scores + h * L, L);
        __m256 acc[INTERNS_ATTENTION_MAX_DIM / 8];
        for (int64_t i = 0; i < nv; i++) acc[i] = _mm256_setzero_ps();
        const float *row = scores + h * L;
        for (int64_t t = 0; t < L; t++) {
            const __m256 p = _mm256_set1_ps(row[t]);
            const float *v = values + t * D;
            for (int64_t i = 0; i < nv; i++) acc[i] = _mm256_fmadd_ps(p, _mm256_loadu_ps(v + 8 * i), acc[i]);
        }
        for (int64_t i = 0; i < nv; i++) _mm256_storeu_ps(out + h * D + 8 * i, _mm256_mul_ps(acc[i], _mm256_set1_ps(inverse)));
    }
    free(scores);
}
#endif

static void interns_attention_unit(void *ctx, long unit) {
#ifdef __AVX2__
    const interns_attention_job *job = (const interns_attention_job *)ctx;
    if (job->head_dim % 8 == 0 && job->head_dim <= INTERNS_ATTENTION_MAX_DIM) {
        interns_attention_unit_avx2(ctx, unit);
        return;
    }
#endif
    interns_attention_unit_portable(ctx, unit);
}

#endif
