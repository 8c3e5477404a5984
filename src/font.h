/* font.h: finding fonts by family name through fontconfig, fallbacks for characters a font
 * lacks, and checking the font files a playlist names. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest font file corridor reads, in bytes. */
#define COR_FONT_MAX_BYTES (64u * 1024u * 1024u)

/* Returns the path of the installed font file that best matches FAMILY in bold or regular
 * (malloc'd; the caller frees it), or NULL with a sentence in ERR when no font of that family is
 * installed ("no font named 'X' is installed; installed families include: DejaVu Sans, ...").
 * Names are compared ignoring case and spaces; fontconfig's generic names (sans-serif, serif,
 * monospace, ...) are accepted. A collection (.ttc) is returned as its path: face 0. Notices
 * fonts installed or removed since the previous call. */
char *cor_font_find(const char *family, bool bold, char *err, size_t err_size);

/* Returns the path (malloc'd; the caller frees it) of an installed outline font that has the
 * character CP, in fontconfig's order of preference for sans-serif text, or NULL when none has
 * it or CP is not a character. */
char *cor_font_find_for_codepoint(uint32_t cp, bool bold);

/* Whether PATH is a whole font file SDL_ttf can draw with (read safely, its tables inside the
 * file, a line of text renders); false with a sentence in ERR. Calls TTF_Init and TTF_Quit
 * itself, so it works whether or not SDL_ttf is initialised. */
bool cor_font_file_ok(const char *path, char *err, size_t err_size);

/* Releases fontconfig's configuration; the next lookup loads it again. */
void cor_font_shutdown(void);
