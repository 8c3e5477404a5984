/* image.h: decoding the pictures a playlist names: PNG and JPEG (and WebP), chosen by content,
 * EXIF orientation applied, refused before decoding when the header claims too many pixels. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct SDL_Surface;
struct cor_file_guard;
struct stat;

/* Pixels corridor will decode at most (a header claiming more is refused unread). */
#define COR_IMAGE_MAX_PIXELS (150u * 1000u * 1000u)
/* Longest side corridor will decode, in pixels. */
#define COR_IMAGE_MAX_SIDE 20000u
/* Most memory one decoded picture may take (4096x4096 at 4 bytes a pixel): a JPEG larger than
 * that is read smaller by its DCT, a PNG in rows shrunk on the way; an interlaced PNG or a WebP
 * larger than that is refused. */
#define COR_IMAGE_MAX_DECODED_BYTES (64u * 1024u * 1024u)

/* Decodes PATH fully to check it; on failure writes a sentence for the comms team into ERR
 * ("is not a PNG or JPEG picture (it holds a GIF)", "is cut short", ...). */
bool cor_image_check(const char *path, char *err, size_t err_size);

/* Decodes PATH upright (EXIF orientation applied), scaled down once so that it is no larger than
 * needed to cover MAX_W x MAX_H (0: no limit). Returns an ARGB8888 surface the caller frees with
 * SDL_FreeSurface, or NULL with a sentence in ERR. Never blocks on a FIFO or a device. */
struct SDL_Surface *cor_image_load(const char *path, int max_w, int max_h, char *err,
                                   size_t err_size);
/* As cor_image_load, but a picture that needs neither scaling nor turning comes back as the
 * decoder made it (a palette PNG at one byte a pixel), for callers that scale it again anyway:
 * a surface in any format cor_shrink reads. */
struct SDL_Surface *cor_image_load_any(const char *path, int max_w, int max_h, char *err,
                                       size_t err_size);

/* As cor_image_load_any, for a picture read again after it was checked: only when GUARD allows
 * the file as it is opened (inside the allowed folders, still the file that was checked:
 * userfile.h), with a sentence in ERR otherwise. *ST (NULL: not wanted) gets the file's stat as it
 * was opened. */
struct SDL_Surface *cor_image_load_guarded(const char *path, const struct cor_file_guard *guard,
                                           struct stat *st, int max_w, int max_h, char *err,
                                           size_t err_size);

/* Largest picture file corridor reads, in bytes. */
#define COR_IMAGE_MAX_BYTES (64u * 1024u * 1024u)
