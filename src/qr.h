/* qr.h: QR codes for the links a slide shows, as plain module grids the renderer draws. */
#pragma once

#include <stdbool.h>

/* A square QR code: SIZE x SIZE modules, row by row, 1 = dark, 0 = light. The quiet zone (four
 * light modules on every side) is not included; the renderer leaves it. */
struct cor_qr {
    int size;
    unsigned char *modules; /* owned; free with cor_qr_free */
};

/* Encodes TEXT (UTF-8, error correction level M). Returns false, with OUT emptied, when TEXT is
 * empty, too long for a QR code (about 2,300 bytes at level M), or memory runs out. */
bool cor_qr_make(const char *text, struct cor_qr *out);

/* Frees the modules and empties QR. Accepts NULL and an emptied QR. */
void cor_qr_free(struct cor_qr *qr);
