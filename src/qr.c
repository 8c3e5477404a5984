/* qr.c: turns a slide's link into a QR code module grid with libqrencode. */
#include "qr.h"

#include <qrencode.h>

#include <stdlib.h>
#include <string.h>

bool cor_qr_make(const char *text, struct cor_qr *out)
{
    out->size = 0;
    out->modules = NULL;
    if (!text || !*text)
        return false;
    QRcode *code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code)
        return false;
    bool ok = false;
    if (code->width > 0 && code->width <= 177 && code->data) {
        size_t n = (size_t)code->width * (size_t)code->width;
        out->modules = malloc(n);
        if (out->modules) {
            /* libqrencode keeps other flags in the upper bits; bit 0 is dark. */
            for (size_t i = 0; i < n; i++)
                out->modules[i] = code->data[i] & 1u;
            out->size = code->width;
            ok = true;
        }
    }
    QRcode_free(code);
    return ok;
}

void cor_qr_free(struct cor_qr *qr)
{
    if (!qr)
        return;
    free(qr->modules);
    qr->modules = NULL;
    qr->size = 0;
}
