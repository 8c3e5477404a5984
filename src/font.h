/* font.h: finding fonts by family name through fontconfig, fallbacks for characters a font
 * lacks, checking the font files a playlist names, and reading font files for SDL_ttf. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct SDL_RWops;

/* Largest font file corridor reads, in bytes. */
#define COR_FONT_MAX_BYTES (64u * 1024u * 1024u)

/* Returns the path of the installed font file that best matches FAMILY in bold or regular
 * (malloc'd; the caller frees it), or NULL with a sentence in ERR when no font of that family is
 * installed ("no font named 'X' is installed; installed families include: DejaVu Sans, ...").
 * Names are compared ignoring case and spaces; fontconfig's generic names (sans-serif, serif,
 * monospace, ...) are accepted. A collection (.ttc) is returned as its path: face 0. Notices
 * fonts installed or removed since the previous call. */
char *cor_font_find(const char *family, bool bold, char *err, size_t err_size);

/* Returns the path (malloc'd; the caller frees it) of an installed outline font (else a colour
 * emoji font of fixed-size pictures) that has the character CP, in fontconfig's order of
 * preference for sans-serif text, or NULL when none has it or CP is not a character. */
char *cor_font_find_for_codepoint(uint32_t cp, bool bold);

/* Whether PATH is a whole font file SDL_ttf can draw with (read safely, its tables inside the
 * file, a line of text renders); false with a sentence in ERR. Calls TTF_Init and TTF_Quit
 * itself, so it works whether or not SDL_ttf is initialised. */
bool cor_font_file_ok(const char *path, char *err, size_t err_size);

/* Whether PATH is an installed font: a file in one of the folders fontconfig finds fonts in
 * (symbolic links followed), which only package upgrades change, by renaming a new file over it.
 * Loads fontconfig's configuration when it is not loaded. */
bool cor_font_installed(const char *path);

/* A font file held for the fonts made from it, read one of two ways. ON_DEMAND: read as FreeType
 * asks for its bytes, through a descriptor held open, so the bytes stay in the system's file cache
 * rather than in corridor's memory, and a file renamed over it is not seen. Otherwise read whole
 * into memory, so that drawing never waits on the folder it is in (a network share, a USB stick)
 * and goes on when that folder goes away. */
struct cor_font_file;

/* Opens PATH with cor_file_read's checks (a non-empty regular file of at most COR_FONT_MAX_BYTES,
 * never blocking on a FIFO or a device); NULL with cor_file_read's sentence in ERR ("does not
 * exist", "is a folder, not a font file: ..."). Free with cor_font_file_close. */
struct cor_font_file *cor_font_file_open(const char *path, bool on_demand, char *err,
                                         size_t err_size);
/* A new reader of F from its start, for TTF_OpenFontRW with freesrc 1 (which closes it), or NULL
 * when out of memory. F must outlive it. */
struct SDL_RWops *cor_font_file_reader(struct cor_font_file *f);
/* Closes F; NULL is allowed. */
void cor_font_file_close(struct cor_font_file *f);

/* Releases fontconfig's configuration; the next lookup loads it again. */
void cor_font_shutdown(void);
