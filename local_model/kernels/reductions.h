/* Portable reductions shared by the kernels (attention.h, elementwise.h): fixed summation order, so a
 * result depends only on its inputs, never on the batch or thread that computed it. */
#ifndef INTERNS_REDUCTIONS_H
#define INTERNS_REDUCTIONS_H

#include <stdint.h>

/* a . b with eight partial sums (the compiler keeps them in one vector register) */
static inline float interns_dot(const float *a, const float *b, int64_t n) {
    float partial[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int j = 0; j < 8; j++) partial[j] += a[i + j] * b[i + j];
    float sum = ((partial[0] + partial[4]) + (partial[1] + partial[5])) + ((partial[2] + partial[6]) + (partial[3] + partial[7]));
    for (; i < n; i++) sum += a[i] * b[i];
    return sum;
}

#endif /* INTERNS_REDUCTIONS_H */
