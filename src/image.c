/* image.c: reads pictures safely, recognises them by content, decodes them upright and scaled. */
#include "image.h"

#include <SDL.h>
#include <SDL_image.h>
#include <libexif/exif-data.h>

#include <inttypes.h>
#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "diag.h"
#include "image_png.h"
#include "scale.h"
#include "userfile.h"

enum kind {
    KIND_PNG,
    KIND_JPEG,
    KIND_WEBP,
};

/* What the first bytes of a picture say, before any decoding. */
struct header {
    enum kind kind;
    uint32_t w, h;
    const unsigned char *exif; /* JPEG: the APP1 payload from "Exif\0\0" on; NULL when absent */
    size_t exif_len;
    unsigned components; /* JPEG: 1 grey, 3 colour, 4 CMYK */
    /* PNG: colour type and bit depth, whether it is interlaced and has a tRNS chunk */
    unsigned colour, depth;
    bool interlaced, trns;
};

static bool damaged(char *err, size_t size, const char *detail)
{
    cor_say(err, size, "is damaged or cut short (%s): save or copy it again", detail);
    return false;
}

static uint32_t be16(const unsigned char *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[1] << 8 | p[0];
}

static uint32_t le24(const unsigned char *p)
{
    return (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[3] << 24 | le24(p);
}

static bool starts(const unsigned char *d, size_t len, const void *magic, size_t n)
{
    return len >= n && memcmp(d, magic, n) == 0;
}

/* ---- Recognising contents ---- */

/* Whether NEEDLE occurs in the first LEN bytes of HAY, ignoring ASCII case. */
static bool has_text(const unsigned char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++) {
        size_t j = 0;
        while (j < n && SDL_tolower(hay[i + j]) == needle[j])
            j++;
        if (j == n)
            return true;
    }
    return false;
}

static bool starts_text(const unsigned char *d, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && has_text(d, n, prefix);
}

/* Writes what D holds when it is not a picture corridor decodes. */
static void name_other(const unsigned char *d, size_t len, char *err, size_t size)
{
    const char *shows = "corridor shows PNG and JPEG";
    if (starts(d, len, "GIF87a", 6) || starts(d, len, "GIF89a", 6)) {
        cor_say(err, size, "is a GIF picture; %s: save it as PNG", shows);
    } else if (len >= 18 && starts(d, len, "BM", 2) &&
               (le32(d + 14) == 12 || le32(d + 14) == 40 || le32(d + 14) == 52 ||
                le32(d + 14) == 56 || le32(d + 14) == 108 || le32(d + 14) == 124)) {
        cor_say(err, size, "is a BMP picture; %s: save it as PNG", shows);
    } else if (starts(d, len, "II*\0", 4) || starts(d, len, "MM\0*", 4)) {
        cor_say(err, size, "is a TIFF picture; %s: save it as PNG or JPEG", shows);
    } else if (starts(d, len, "%PDF", 4)) {
        cor_say(err, size, "is a PDF document; %s: export the page as PNG", shows);
    } else if (starts(d, len, "8BPS", 4)) {
        cor_say(err, size, "is a Photoshop document; %s: export it as PNG or JPEG", shows);
    } else if (len >= 12 && memcmp(d + 4, "ftyp", 4) == 0) {
        const unsigned char *brand = d + 8;
        if (starts(brand, 4, "avif", 4) || starts(brand, 4, "avis", 4))
            cor_say(err, size, "is an AVIF picture; %s: save it as JPEG", shows);
        else if (starts(brand, 4, "hei", 3) || starts(brand, 4, "hev", 3) ||
                 starts(brand, 4, "mif1", 4) || starts(brand, 4, "msf1", 4))
            cor_say(err, size, "is a HEIC photo (as iPhones take them); %s: save it as JPEG",
                    shows);
        else
            cor_say(err, size,
                    "is a video (MP4 or QuickTime); %s: save a still as JPEG, or play the clip "
                    "on a video slide (type: video)",
                    shows);
    } else if (starts(d, len, "\xff\x0a", 2) || starts(d, len, "\0\0\0\x0cJXL ", 8)) {
        cor_say(err, size, "is a JPEG XL picture; %s: save it as ordinary JPEG", shows);
    } else if (starts(d, len, "PK\x03\x04", 4)) {
        cor_say(err, size,
                "is a ZIP archive (Word and PowerPoint files are too), not a picture; %s: "
                "export the picture as PNG",
                shows);
    } else if (has_text(d, len < 40 ? len : 40, "ihdr")) {
        cor_say(err, size,
                "is a damaged PNG (its first bytes were changed, as a copy in text mode does): "
                "copy it again in binary mode");
    } else {
        size_t i = 0;
        if (starts(d, len, "\xef\xbb\xbf", 3))
            i = 3;
        while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
            i++;
        const unsigned char *t = d + i;
        size_t tlen = len - i, head = tlen < 4096 ? tlen : 4096;
        if (starts_text(t, tlen, "<svg") || starts_text(t, tlen, "<!doctype svg") ||
            (starts_text(t, tlen, "<?xml") && has_text(t, head, "<svg")))
            cor_say(err, size, "is an SVG drawing; %s: export it as PNG", shows);
        else if (starts_text(t, tlen, "<!doctype html") || starts_text(t, tlen, "<html"))
            cor_say(err, size,
                    "is a web page (HTML), not a picture: save the picture itself, as PNG or JPEG");
        else if (starts_text(t, tlen, "<?xml"))
            cor_say(err, size, "is an XML file, not a picture; %s: save it as PNG", shows);
        else
            cor_say(err, size,
                    "is not a PNG or JPEG picture (corridor does not recognise what it holds): "
                    "save it as PNG or JPEG");
    }
}

static bool size_ok(const struct header *h, char *err, size_t size)
{
    if (h->w <= COR_IMAGE_MAX_SIDE && h->h <= COR_IMAGE_MAX_SIDE &&
        (uint64_t)h->w * h->h <= COR_IMAGE_MAX_PIXELS)
        return true;
    cor_say(err, size,
            "is %" PRIu32 "x%" PRIu32 " pixels; corridor shows pictures up to %u pixels on a side "
            "and %u million pixels in all: make it smaller (a 4K screen needs 3840x2160)",
            h->w, h->h, COR_IMAGE_MAX_SIDE, COR_IMAGE_MAX_PIXELS / 1000000u);
    return false;
}

static uint32_t crc32_png(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return c ^ 0xffffffffu;
}

static bool png_header(const unsigned char *d, size_t len, struct header *h, char *err, size_t size)
{
    if (len < 33)
        return damaged(err, size, "the PNG ends inside its header");
    if (be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4) != 0)
        return damaged(err, size, "the PNG does not start with its header");
    if (crc32_png(d + 12, 17) != be32(d + 29))
        return damaged(err, size, "the PNG header's checksum is wrong");
    h->w = be32(d + 16);
    h->h = be32(d + 20);
    if (h->w == 0 || h->h == 0 || h->w > INT32_MAX || h->h > INT32_MAX)
        return damaged(err, size, "the PNG header gives no usable size");
    unsigned depth = d[24], colour = d[25];
    bool ok;
    switch (colour) {
    case 0:
        ok = depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
        break;
    case 3:
        ok = depth == 1 || depth == 2 || depth == 4 || depth == 8;
        break;
    case 2:
    case 4:
    case 6:
        ok = depth == 8 || depth == 16;
        break;
    default:
        ok = false;
        break;
    }
    if (!ok)
        return damaged(err, size, "the PNG header gives a colour type and depth that PNG lacks");
    if (d[26] != 0 || d[27] != 0 || d[28] > 1)
        return damaged(err, size, "the PNG header gives an unknown compression or layout");
    h->colour = colour;
    h->depth = depth;
    h->interlaced = d[28] == 1;
    if (!size_ok(h, err, size))
        return false; /* before walking a file that may be only a header */
    /* Walk the chunks, so that a cut-short file is named as such and the decoder never reads
     * past the end (SDL_image does not notice short reads). */
    bool data = false;
    for (size_t pos = 8;;) {
        if (len - pos < 12)
            return damaged(err, size, "the end of the PNG is missing");
        uint32_t n = be32(d + pos);
        if (n > INT32_MAX || n > len - pos - 12)
            return damaged(err, size, "the end of the PNG is missing");
        const unsigned char *type = d + pos + 4;
        if (memcmp(type, "IEND", 4) == 0)
            break;
        if (memcmp(type, "IDAT", 4) == 0) {
            data = true;
        } else if (memcmp(type, "tRNS", 4) == 0) {
            h->trns = true;
        }
        pos += 12 + (size_t)n;
    }
    if (!data)
        return damaged(err, size, "the PNG holds no picture data");
    h->kind = KIND_PNG;
    return true;
}

static bool jpeg_header(const unsigned char *d, size_t len, struct header *h, char *err,
                        size_t size)
{
    size_t i = 2, scan = 0;
    bool have_frame = false;
    h->exif = NULL;
    h->exif_len = 0;
    while (!scan) {
        while (i < len && d[i] != 0xff)
            i++; /* stray bytes between segments: the decoder skips them too */
        while (i < len && d[i] == 0xff)
            i++;
        if (i >= len)
            return damaged(err, size, "the JPEG ends before its picture data");
        unsigned m = d[i++];
        if (m == 0x01 || m == 0xd8 || (m >= 0xd0 && m <= 0xd7))
            continue; /* markers without a length */
        if (m == 0xd9)
            return damaged(err, size, "the JPEG ends before its picture data");
        if (len - i < 2)
            return damaged(err, size, "the JPEG ends inside a segment");
        size_t seg = be16(d + i);
        if (seg < 2 || seg > len - i)
            return damaged(err, size, "the JPEG ends inside a segment");
        const unsigned char *p = d + i + 2;
        size_t plen = seg - 2;
        bool sof = m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
        if (sof && !have_frame) {
            if (plen < 6)
                return damaged(err, size, "the JPEG frame header is too short");
            if (p[0] != 8 || m == 0xc3 || m == 0xc7 || m == 0xcb || m == 0xcf) {
                cor_say(
                    err, size,
                    "is a %u-bit%s JPEG, a kind medical and camera software writes that corridor "
                    "cannot show: save it as an ordinary JPEG or as PNG",
                    p[0], (m & 3) == 3 ? " lossless" : "");
                return false;
            }
            h->h = be16(p + 1);
            h->w = be16(p + 3);
            h->components = p[5];
            if (h->w == 0 || h->h == 0)
                return damaged(err, size, "the JPEG frame header gives no size");
            have_frame = true;
        } else if (m == 0xe1 && !h->exif && plen >= 6 && memcmp(p, "Exif\0\0", 6) == 0) {
            h->exif = p;
            h->exif_len = plen;
        } else if (m == 0xda) {
            scan = i + seg;
        }
        i += seg;
    }
    if (!have_frame)
        return damaged(err, size, "the JPEG has no frame header");
    /* libjpeg pads a cut-short JPEG with grey and calls it whole; the end marker tells. */
    bool ended = false;
    for (size_t k = len - 1; k > scan && !ended; k--)
        ended = d[k] == 0xd9 && d[k - 1] == 0xff;
    if (!ended)
        return damaged(err, size, "the end of the JPEG is missing");
    h->kind = KIND_JPEG;
    return true;
}

static bool webp_header(const unsigned char *d, size_t len, struct header *h, char *err,
                        size_t size)
{
    if (len < 30)
        return damaged(err, size, "the WebP ends inside its header");
    const unsigned char *c = d + 12, *p = d + 20;
    if (memcmp(c, "VP8 ", 4) == 0) {
        if (p[3] != 0x9d || p[4] != 0x01 || p[5] != 0x2a)
            return damaged(err, size, "the WebP header is wrong");
        h->w = le16(p + 6) & 0x3fff;
        h->h = le16(p + 8) & 0x3fff;
    } else if (memcmp(c, "VP8L", 4) == 0) {
        if (p[0] != 0x2f)
            return damaged(err, size, "the WebP header is wrong");
        uint32_t bits = le32(p + 1);
        h->w = (bits & 0x3fff) + 1;
        h->h = ((bits >> 14) & 0x3fff) + 1;
    } else if (memcmp(c, "VP8X", 4) == 0) {
        if (p[0] & 0x02) {
            cor_say(err, size,
                    "is an animated WebP; corridor shows still pictures: save one frame as PNG");
            return false;
        }
        h->w = le24(p + 4) + 1;
        h->h = le24(p + 7) + 1;
    } else {
        return damaged(err, size, "the WebP holds no picture it names");
    }
    if (h->w == 0 || h->h == 0)
        return damaged(err, size, "the WebP header gives no size");
    h->kind = KIND_WEBP;
    h->exif = NULL;
    h->exif_len = 0;
    return true;
}

/* Recognises the picture by its first bytes and reads its size; false with a sentence. */
static bool read_header(const unsigned char *d, size_t len, struct header *h, char *err,
                        size_t size)
{
    memset(h, 0, sizeof(*h));
    if (starts(d, len, "\x89PNG\r\n\x1a\n", 8))
        return png_header(d, len, h, err, size);
    if (starts(d, len, "\xff\xd8\xff", 3))
        return jpeg_header(d, len, h, err, size);
    if (len >= 12 && starts(d, len, "RIFF", 4) && memcmp(d + 8, "WEBP", 4) == 0)
        return webp_header(d, len, h, err, size);
    name_other(d, len, err, size);
    return false;
}

/* ---- Decoding ---- */

/* The EXIF orientation 1..8 of a JPEG (1 when absent or nonsense). */
static int exif_orientation(const struct header *h)
{
    if (!h->exif || h->exif_len > UINT_MAX)
        return 1;
    ExifData *ed = exif_data_new();
    if (!ed)
        return 1;
    /* Only read: do not let libexif add or "fix" entries. */
    exif_data_unset_option(ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
    exif_data_load_data(ed, h->exif, (unsigned int)h->exif_len);
    int o = 1;
    ExifEntry *e = exif_content_get_entry(ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (e && e->format == EXIF_FORMAT_SHORT && e->components >= 1 && e->data && e->size >= 2) {
        ExifShort v = exif_get_short(e->data, exif_data_get_byte_order(ed));
        if (v >= 1 && v <= 8)
            o = v;
    }
    exif_data_unref(ed);
    return o;
}

/* libjpeg's error manager, made to return to decode_jpeg with its sentence. */
struct jpeg_failure {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    char why[JMSG_LENGTH_MAX];
};

static void jpeg_fail(j_common_ptr c)
{
    struct jpeg_failure *f = (struct jpeg_failure *)(void *)c->err;
    c->err->format_message(c, f->why);
    longjmp(f->jump, 1);
}

/* Warnings (stray bytes between segments, say) are let pass, as SDL_image lets them; a JPEG cut
 * short is refused by jpeg_header, which libjpeg would only warn about. */
static void jpeg_warning(j_common_ptr c, int level)
{
    (void)c;
    (void)level;
}

/* One row of CMYK samples from libjpeg (YCCK comes out as CMYK too) as ARGB8888 pixels. Adobe's
 * programs, which write nearly every CMYK JPEG (and mark it with their APP14 segment), store the
 * inks inverted: 255 is no ink. A CMYK JPEG without that mark stores 255 as full ink. */
static void cmyk_row(const JSAMPLE *in, Uint32 *out, JDIMENSION w, bool inverted)
{
    for (JDIMENSION x = 0; x < w; x++, in += 4) {
        unsigned c = in[0], m = in[1], y = in[2], k = in[3];
        if (!inverted) {
            c = 255u - c;
            m = 255u - m;
            y = 255u - y;
            k = 255u - k;
        }
        /* What is left of the white paper under ink C and black K, rounded. */
        Uint32 r = (c * k + 127u) / 255u, g = (m * k + 127u) / 255u, b = (y * k + 127u) / 255u;
        out[x] = 0xff000000u | r << 16 | g << 8 | b;
    }
}

/* The JPEG D decoded at 1/DENOM of its size (its DCT scaled, so at little more than the cost of
 * reading it) straight into a new ARGB8888 surface: grey and colour by libjpeg's own conversion,
 * CMYK and YCCK through cmyk_row. */
static SDL_Surface *decode_jpeg(const unsigned char *d, size_t len, unsigned denom, char *err,
                                size_t size)
{
    struct jpeg_decompress_struct cinfo;
    struct jpeg_failure fail;
    SDL_Surface *volatile s = NULL;
    JSAMPLE *volatile cmyk = NULL;
    cinfo.err = jpeg_std_error(&fail.mgr);
    fail.mgr.error_exit = jpeg_fail;
    fail.mgr.emit_message = jpeg_warning;
    fail.why[0] = '\0';
    if (setjmp(fail.jump)) {
        jpeg_destroy_decompress(&cinfo);
        SDL_FreeSurface(s);
        free(cmyk);
        damaged(err, size, fail.why[0] ? fail.why : "the decoder gave no reason");
        return NULL;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, d, (unsigned long)len);
    jpeg_read_header(&cinfo, TRUE);
    cinfo.scale_num = 1;
    cinfo.scale_denom = denom;
    bool inks = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    if (inks)
        cinfo.out_color_space = JCS_CMYK;
    else
#if SDL_BYTEORDER == SDL_BIG_ENDIAN
        cinfo.out_color_space = JCS_EXT_ARGB;
#else
        cinfo.out_color_space = JCS_EXT_BGRA; /* an ARGB8888 pixel's bytes in memory */
#endif
    jpeg_start_decompress(&cinfo);
    s = SDL_CreateRGBSurfaceWithFormat(0, (int)cinfo.output_width, (int)cinfo.output_height, 32,
                                       SDL_PIXELFORMAT_ARGB8888);
    if (inks && s)
        cmyk = malloc((size_t)cinfo.output_width * 4);
    if (!s || (inks && !cmyk)) {
        jpeg_destroy_decompress(&cinfo);
        SDL_FreeSurface(s);
        cor_say(err, size, "cannot be decoded: out of memory");
        return NULL;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = (JSAMPROW)s->pixels + (size_t)cinfo.output_scanline * (size_t)s->pitch;
        if (!inks) {
            jpeg_read_scanlines(&cinfo, &row, 1);
            continue;
        }
        JSAMPROW in = cmyk;
        if (jpeg_read_scanlines(&cinfo, &in, 1) == 1)
            cmyk_row(in, (Uint32 *)(void *)row, cinfo.output_width, cinfo.saw_Adobe_marker);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    free(cmyk);
    return s;
}

/* D decoded whole by SDL_image. */
static SDL_Surface *decode_whole(const unsigned char *d, size_t len, const struct header *h,
                                 char *err, size_t size)
{
    if (len > INT_MAX) {
        damaged(err, size, "it is too long");
        return NULL;
    }
    SDL_RWops *rw = SDL_RWFromConstMem(d, (int)len);
    if (!rw) {
        cor_say(err, size, "cannot be decoded: %s", SDL_GetError());
        return NULL;
    }
    SDL_ClearError();
    SDL_Surface *s = h->kind == KIND_PNG    ? IMG_LoadPNG_RW(rw)
                     : h->kind == KIND_JPEG ? IMG_LoadJPG_RW(rw)
                                            : IMG_LoadWEBP_RW(rw);
    SDL_RWclose(rw);
    if (!s) {
        /* "Error reading the PNG file." reads better inside our parentheses without its stop. */
        char why[200];
        snprintf(why, sizeof(why), "%s", IMG_GetError());
        size_t n = strlen(why);
        while (n > 0 && (why[n - 1] == '.' || why[n - 1] == ' ' || why[n - 1] == '\n'))
            why[--n] = '\0';
        damaged(err, size, n ? why : "the decoder gave no reason");
        return NULL;
    }
    return s;
}

/* How large a picture is decoded: a JPEG at 1/DENOM of its size, a PNG at TW x TH (its own size,
 * or smaller when decoded whole it would take more than COR_IMAGE_MAX_DECODED_BYTES). */
struct plan {
    unsigned denom;
    int tw, th;
};

/* Decodes D as PLAN says (a JPEG smaller by its DCT, a CMYK or YCCK one always by libjpeg here,
 * whose inks SDL_image reads as if they were not inverted; a PNG by libpng, in rows when it is
 * shrunk), and checks that the picture is the size its header says. */
static SDL_Surface *decode(const unsigned char *d, size_t len, const struct header *h,
                           const struct plan *plan, char *err, size_t size)
{
    bool inks = h->kind == KIND_JPEG && h->components == 4;
    unsigned denom = plan->denom;
    uint32_t want_w = (h->w + denom - 1) / denom, want_h = (h->h + denom - 1) / denom;
    SDL_Surface *s;
    if (h->kind == KIND_PNG) {
        s = cor_png_decode(d, len, plan->tw, plan->th, err, size);
        want_w = (uint32_t)plan->tw;
        want_h = (uint32_t)plan->th;
    } else if (h->kind == KIND_JPEG && (denom > 1 || inks)) {
        s = decode_jpeg(d, len, denom, err, size);
    } else {
        s = decode_whole(d, len, h, err, size);
    }
    if (s && ((uint32_t)s->w != want_w || (uint32_t)s->h != want_h)) {
        SDL_FreeSurface(s);
        damaged(err, size, "its picture is not the size its header says");
        return NULL;
    }
    return s;
}

/* The smallest size, keeping W:H, that covers MAX_W x MAX_H (0: no limit); never larger. */
static void cover_size(int w, int h, int max_w, int max_h, int *tw, int *th)
{
    *tw = w;
    *th = h;
    int64_t mw = max_w > 0 ? max_w : 0, mh = max_h > 0 ? max_h : 0;
    if (mw == 0 && mh == 0)
        return;
    /* The axis that needs the larger scale decides. */
    bool by_width = mh == 0 || (mw > 0 && mw * h >= mh * w);
    if (by_width) {
        if (mw >= w)
            return;
        *tw = (int)mw;
        *th = (int)((h * mw + w - 1) / w);
    } else {
        if (mh >= h)
            return;
        *th = (int)mh;
        *tw = (int)((w * mh + h - 1) / h);
    }
    if (*tw < 1)
        *tw = 1;
    if (*th < 1)
        *th = 1;
}

/* SRC (ARGB8888) turned upright for EXIF orientation O (2..8); a new surface or NULL. */
static SDL_Surface *orient(SDL_Surface *src, int o)
{
    const int w = src->w, h = src->h;
    bool swap = o >= 5;
    SDL_Surface *out =
        SDL_CreateRGBSurfaceWithFormat(0, swap ? h : w, swap ? w : h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!out)
        return NULL;
    const ptrdiff_t stride = src->pitch / 4;
    /* Where output (0,0) comes from, and the source step for one output column and row. */
    ptrdiff_t x0 = 0, y0 = 0, cx = 1, cy = 0, rx = 0, ry = 1;
    switch (o) {
    case 2:
        x0 = w - 1, cx = -1;
        break;
    case 3:
        x0 = w - 1, y0 = h - 1, cx = -1, ry = -1;
        break;
    case 4:
        y0 = h - 1, ry = -1;
        break;
    case 5:
        cx = 0, cy = 1, rx = 1, ry = 0;
        break;
    case 6:
        y0 = h - 1, cx = 0, cy = -1, rx = 1, ry = 0;
        break;
    case 7:
        x0 = w - 1, y0 = h - 1, cx = 0, cy = -1, rx = -1, ry = 0;
        break;
    case 8:
        x0 = w - 1, cx = 0, cy = 1, rx = -1, ry = 0;
        break;
    default:
        break;
    }
    const Uint32 *sp = src->pixels;
    const ptrdiff_t col = cy * stride + cx, rowstep = ry * stride + rx;
    ptrdiff_t start = y0 * stride + x0;
    for (int y = 0; y < out->h; y++, start += rowstep) {
        Uint32 *dst = (Uint32 *)(void *)((unsigned char *)out->pixels + (size_t)y * out->pitch);
        ptrdiff_t at = start;
        for (int x = 0; x < out->w; x++, at += col)
            dst[x] = sp[at];
    }
    return out;
}

/* How many times smaller (8, 4, 2 or 1) JPEG H, upright for orientation O, may be decoded and
 * still cover MAX_W x MAX_H: a 4000x3000 photo for a quote's circle is read at 500x375, not
 * decoded whole (36 MB) and shrunk. */
static unsigned jpeg_denominator(const struct header *h, int o, int max_w, int max_h)
{
    if (h->kind != KIND_JPEG || (h->components != 1 && h->components != 3 && h->components != 4))
        return 1;
    bool swap = o >= 5;
    int w = (int)(swap ? h->h : h->w), hh = (int)(swap ? h->w : h->h), tw, th;
    cover_size(w, hh, max_w, max_h, &tw, &th);
    for (int d = 8; d > 1; d /= 2)
        if ((w + d - 1) / d >= tw && (hh + d - 1) / d >= th)
            return (unsigned)d;
    return 1;
}

/* Bytes a picture of W x H takes decoded whole, BPP bytes a pixel. */
static uint64_t decoded_bytes(uint64_t w, uint64_t h, unsigned bpp)
{
    return w * h * bpp;
}

/* Plans how H, upright for orientation O, is decoded to cover MAX_W x MAX_H, within
 * COR_IMAGE_MAX_DECODED_BYTES whatever the picture's size: a JPEG smaller by its DCT, a large PNG
 * in rows shrunk on the way; an interlaced PNG or a WebP too large to decode whole is refused
 * with the largest size accepted. False with a sentence. */
static bool plan_decode(const struct header *h, int o, int max_w, int max_h, struct plan *plan,
                        char *err, size_t size)
{
    const uint64_t most = COR_IMAGE_MAX_DECODED_BYTES;
    plan->denom = jpeg_denominator(h, o, max_w, max_h);
    plan->tw = (int)h->w;
    plan->th = (int)h->h;
    if (h->kind == KIND_JPEG) {
        while (plan->denom < 8 && decoded_bytes((h->w + plan->denom - 1) / plan->denom,
                                                (h->h + plan->denom - 1) / plan->denom, 4) > most)
            plan->denom *= 2;
        return true;
    }
    bool indexed = h->kind == KIND_PNG && h->colour == 3 && !h->trns;
    if (decoded_bytes(h->w, h->h, indexed ? 1 : 4) <= most)
        return true;
    uint64_t side = 1;
    while (decoded_bytes(side * 2, side * 2, 4) <= most)
        side *= 2;
    if (h->kind != KIND_PNG || h->interlaced) {
        cor_say(err, size,
                "is %" PRIu32 "x%" PRIu32 " pixels, %s; corridor decodes %s up to %" PRIu64
                " million pixels (%" PRIu64 "x%" PRIu64 "): make it smaller%s",
                h->w, h->h, h->kind == KIND_PNG ? "an interlaced PNG" : "a WebP picture",
                h->kind == KIND_PNG ? "interlaced PNGs" : "WebP pictures", most / 4 / 1000000u,
                side, side,
                h->kind == KIND_PNG ? ", or save it without interlacing" : ", or save it as JPEG");
        return false;
    }
    /* The size that covers MAX_W x MAX_H, made smaller still until it fits. */
    cover_size((int)h->w, (int)h->h, max_w, max_h, &plan->tw, &plan->th);
    while (decoded_bytes((uint64_t)plan->tw, (uint64_t)plan->th, 4) > most) {
        plan->tw = plan->tw > 1 ? plan->tw * 3 / 4 : 1;
        plan->th = plan->th > 1 ? plan->th * 3 / 4 : 1;
    }
    return true;
}

/* Reads, recognises and decodes PATH, a JPEG no larger than it must be to cover MAX_W x MAX_H
 * (0: whole) and any picture within COR_IMAGE_MAX_DECODED_BYTES; *ORIENTATION gets the EXIF
 * orientation. */
static SDL_Surface *read_and_decode(const char *path, const struct cor_file_guard *guard,
                                    struct stat *st, int max_w, int max_h, int *orientation,
                                    char *err, size_t size)
{
    unsigned char *data;
    size_t len;
    if (!cor_file_read_guarded(path, COR_IMAGE_MAX_BYTES, "picture", guard, st, &data, &len, err,
                               size))
        return NULL;
    struct header h;
    SDL_Surface *s = NULL;
    if (read_header(data, len, &h, err, size) && size_ok(&h, err, size)) {
        *orientation = h.kind == KIND_JPEG ? exif_orientation(&h) : 1;
        struct plan plan;
        if (plan_decode(&h, *orientation, max_w, max_h, &plan, err, size))
            s = decode(data, len, &h, &plan, err, size);
    }
    free(data);
    return s;
}

bool cor_image_check(const char *path, char *err, size_t err_size)
{
    int o;
    SDL_Surface *s = read_and_decode(path, NULL, NULL, 0, 0, &o, err, err_size);
    SDL_FreeSurface(s);
    return s != NULL;
}

static SDL_Surface *load(const char *path, const struct cor_file_guard *guard, struct stat *st,
                         int max_w, int max_h, bool any_format, char *err, size_t err_size)
{
    int o = 1;
    SDL_Surface *raw = read_and_decode(path, guard, st, max_w, max_h, &o, err, err_size);
    if (!raw)
        return NULL;
    /* Work out the size upright, then scale in the stored orientation. */
    bool swap = o >= 5;
    int tw, th;
    cover_size(swap ? raw->h : raw->w, swap ? raw->w : raw->h, max_w, max_h, &tw, &th);
    if (swap) {
        int t = tw;
        tw = th;
        th = t;
    }
    SDL_Surface *s;
    if (tw == raw->w && th == raw->h)
        s = raw->format->format == SDL_PIXELFORMAT_ARGB8888 || (any_format && o == 1)
                ? raw
                : SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    else
        s = cor_shrink(raw, 0, 0, raw->w, raw->h, tw, th);
    if (s != raw)
        SDL_FreeSurface(raw);
    if (s && o != 1) {
        SDL_Surface *up = orient(s, o);
        SDL_FreeSurface(s);
        s = up;
    }
    if (!s) {
        cor_say(err, err_size, "cannot be prepared for the screen: %s", SDL_GetError());
        return NULL;
    }
    return s;
}

SDL_Surface *cor_image_load(const char *path, int max_w, int max_h, char *err, size_t err_size)
{
    return load(path, NULL, NULL, max_w, max_h, false, err, err_size);
}

SDL_Surface *cor_image_load_any(const char *path, int max_w, int max_h, char *err, size_t err_size)
{
    return load(path, NULL, NULL, max_w, max_h, true, err, err_size);
}

SDL_Surface *cor_image_load_guarded(const char *path, const struct cor_file_guard *guard,
                                    struct stat *st, int max_w, int max_h, char *err,
                                    size_t err_size)
{
    return load(path, guard, st, max_w, max_h, true, err, err_size);
}
