/* The forward pass's per-row glue between the matrix products: RMSNorm, the SwiGLU activation, and the
 * QKV bias plus rotary embedding of q and k, in place.
 *
 * Why in C: in numpy each of these is several array operations with a temporary each, ~50 us per call
 * at decode whatever the size, about 5 ms of a ~37 ms token over 24 layers. Here one call does one pass.
 * Every row is computed alone by the same code in the same order, so a row's result never depends on
 * the rows batched with it (greedy answers stay identical alone and in a batch). One unit of work per
 * row over the thread pool. The AVX2 module gets a vectorised exp for SwiGLU; the rest is plain loops
 * that the compiler vectorises for each module's instruction set.
 */
#ifndef INTERNS_ELEMENTWISE_H
#define INTERNS_ELEMENTWISE_H

#include <math.h>
#include <stdint.h>

#include "reductions.h"

#ifdef __AVX2__
#include "vector_math.h"
#endif

typedef struct {
    const float *x;        /* [rows, dim] */
    const float *weight;   /* [dim] */
    float *out;            /* [rows, dim] (may be x) */
    int64_t dim;
    float eps;
} interns_rms_norm_job;

/* out = x / sqrt(mean(x^2) + eps) * weight, one row */
static void interns_rms_norm_row(void *ctx, long row) {
    const interns_rms_norm_job *job = (const interns_rms_norm_job *)ctx;
    const int64_t dim = job->dim;
    const float *x = job->x + row * dim;
    float *out = job->out + row * dim;
    const float inverse = 1.0f / sqrtf(interns_dot(x, x, dim) / (float)dim + job->eps);
    for (int64_t i = 0; i < dim; i++) out[i] = x[i] * inverse * job->weight[i];
}

typedef struct {
    const float *gate_up;  /* [rows, 2 * d_ff]: gate then up */
    float *out;            /* [rows, d_ff] */
    int64_t d_ff;
} interns_silu_mul_job;

/* out = silu(gate) * up = gate / (1 + e^-gate) * up, one row */
static void interns_silu_mul_row(void *ctx, long row) {
    const interns_silu_mul_job *job = (const interns_silu_mul_job *)ctx;
    const int64_t n = job->d_ff;
    const float *gate = job->gate_up + row * 2 * n;
    const float *up = gate + n;
    float *out = job->out + row * n;
    int64_t i = 0;
#ifdef __AVX2__
    const __m256 one = _mm256_set1_ps(1.0f);
    for (; i + 8 <= n; i += 8) {
        __m256 g = _mm256_loadu_ps(gate + i);
        __m256 e = interns_exp256_any(_mm256_sub_ps(_mm256_setzero_ps(), g));
        __m256 silu = _mm256_div_ps(g, _mm256_add_ps(one, e));
        _mm256_storeu_ps(out + i, _mm256_mul_ps(silu, _mm256_loadu_ps(up + i)));
    }
#endif
    for (; i < n; i++) out[i] = gate[i] / (1.0f + expf(-gate[i])) * up[i];
}

typedef struct {
    float *qkv;               /* [rows, width]: q heads, k heads, v heads side by side */
    const float *bias;        /* [width] or NULL */
    const float *cos;         /* [positions, head_dim]: cos | cos */
    const float *sin;         /* [positions, head_dim]: -sin | sin */
    const int64_t *positions; /* [rows] */
    int64_t width, rotated_heads, head_dim;
} interns_bias_rope_job;

/* qkv += bias; then the first rotated_heads heads (q and k) turn by their position, rotate-half layout:
 * x' = x * cos + rotate_half(x) * signed_sin, one row */
static void interns_bias_rope_row(void *ctx, long row) {
    const interns_bias_rope_job *job = (const interns_bias_rope_job *)ctx;
    const int64_t D = job->head_dim, half = D / 2;
    float *x = job->qkv + row * job->width;
    if (job->bias)
        for (int64_t i = 0; i < job->width; i++) x[i] += job->bias[i];
    const float *cos = job->cos + job->positions[row] * D;
    const float *sin = job->sin + job->positions[row] * D;
    for (int64_t h = 0; h < job->rotated_heads; h++) {
        float *head = x + h * D;
        for (int64_t i = 0; i < half; i++) {
            const float a = head[i], b = head[i + half];
            head[i] = a * cos[i] + b * sin[i];
            head[i + half] = b * cos[i + half] + a * sin[i + half];
        }
    }
}

#endif /* INTERNS_ELEMENTWISE_H */
