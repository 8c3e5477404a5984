/* font.c: font lookup through fontconfig, per-character fallbacks, font file checks and reads. */
#include "font.h"

#include "diag.h"
#include "userfile.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <pthread.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* Families named in the "installed families include" list, at most. */
#define LIST_FAMILIES 12

static FcConfig *config; /* loaded on first use */
/* Held by every function here that uses CONFIG: a playlist loading on its own thread
 * (bgload.c) looks fonts up, and may reload the configuration, while the drawing thread asks for
 * a fallback font. */
static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;

/* The configuration; with REFRESH, reloaded first when fonts were added or removed since it was
 * loaded (a look at each font folder, so only when a playlist is loaded). */
static FcConfig *get_config(bool refresh)
{
    if (config && refresh && !FcConfigUptoDate(config)) {
        FcConfigDestroy(config);
        config = NULL;
    }
    if (!config)
        config = FcInitLoadConfigAndFonts();
    return config;
}

void cor_font_shutdown(void)
{
    pthread_mutex_lock(&config_lock);
    if (config)
        FcConfigDestroy(config);
    config = NULL;
    pthread_mutex_unlock(&config_lock);
}

static const char *const generic_names[] = {
    "sans-serif", "sans", "serif", "monospace", "mono", "cursive", "fantasy", "system-ui",
};

static bool is_generic(const char *family)
{
    for (size_t i = 0; i < sizeof(generic_names) / sizeof(generic_names[0]); i++)
        if (strcasecmp(family, generic_names[i]) == 0)
            return true;
    return false;
}

/* A pattern for outline fonts of WEIGHT, or NULL when out of memory. */
static FcPattern *base_pattern(bool bold)
{
    FcPattern *pat = FcPatternCreate();
    if (pat && (!FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR) ||
                !FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN) ||
                !FcPatternAddBool(pat, FC_OUTLINE, FcTrue))) {
        FcPatternDestroy(pat);
        pat = NULL;
    }
    return pat;
}

static int compare_names(const void *a, const void *b)
{
    return strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

/* NAME in lower case without spaces, cut to SIZE - 1 characters. */
static void squeeze(const char *name, char *out, size_t size)
{
    size_t n = 0;
    for (; *name && n + 1 < size; name++)
        if (*name != ' ')
            out[n++] = (char)SDL_tolower((unsigned char)*name);
    out[n] = '\0';
}

/* Edits (insert, delete, change) between A and B, each at most 63 characters. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), prev[64], cur[64];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            cur[j] = best;
        }
        memcpy(prev, cur, (lb + 1) * sizeof(prev[0]));
    }
    return prev[lb];
}

/* Writes into LIST a sorted list of installed outline font families (", ..." when cut short),
 * and into NEAREST the family closest to the misspelt FAMILY, or "" when none is close. */
static void list_families(FcConfig *cfg, const char *family, char *list, size_t size, char *nearest,
                          size_t nearest_size)
{
    snprintf(list, size, "(none)");
    nearest[0] = '\0';
    FcPattern *pat = FcPatternCreate();
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, (char *)NULL);
    FcFontSet *fs = NULL;
    if (pat && os && FcPatternAddBool(pat, FC_OUTLINE, FcTrue))
        fs = FcFontList(cfg, pat, os);
    const char **names = fs && fs->nfont > 0 ? calloc((size_t)fs->nfont, sizeof(*names)) : NULL;
    if (names) {
        size_t n = 0;
        for (int i = 0; i < fs->nfont; i++) {
            FcChar8 *s;
            if (FcPatternGetString(fs->fonts[i], FC_FAMILY, 0, &s) == FcResultMatch)
                names[n++] = (const char *)s;
        }
        qsort(names, n, sizeof(*names), compare_names);
        char want[64], have[64];
        squeeze(family, want, sizeof(want));
        size_t used = 0, shown = 0, best = strlen(want) / 4 + 1;
        list[0] = '\0';
        for (size_t i = 0; i < n; i++) {
            if (i > 0 && strcasecmp(names[i], names[i - 1]) == 0)
                continue;
            squeeze(names[i], have, sizeof(have));
            size_t d = distance(want, have);
            if (d < best) {
                best = d;
                snprintf(nearest, nearest_size, "%s", names[i]);
            }
            if (shown > LIST_FAMILIES)
                continue;
            if (shown == LIST_FAMILIES) {
                snprintf(list + used, size - used, ", ...");
                shown++;
                continue;
            }
            int k = snprintf(list + used, size - used, "%s%s", shown ? ", " : "", names[i]);
            if (k < 0 || (size_t)k >= size - used) {
                shown = LIST_FAMILIES + 1;
                continue;
            }
            used += (size_t)k;
            shown++;
        }
        free(names);
    }
    if (fs)
        FcFontSetDestroy(fs);
    if (os)
        FcObjectSetDestroy(os);
    if (pat)
        FcPatternDestroy(pat);
}

/* Whether A and B are the same name, ignoring ASCII case and spaces ("DejaVuSans"). */
static bool same_name(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        if (SDL_tolower((unsigned char)*a) != SDL_tolower((unsigned char)*b))
            return false;
        a++;
        b++;
    }
}

static bool has_family(FcPattern *font, const char *family)
{
    FcChar8 *s;
    for (int i = 0; FcPatternGetString(font, FC_FAMILY, i, &s) == FcResultMatch; i++)
        if (same_name((const char *)s, family))
            return true;
    return false;
}

/* The file of FONT as a malloc'd string, or NULL. */
static char *file_of(FcPattern *font)
{
    FcChar8 *file;
    if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch)
        return NULL;
    return strdup((const char *)file);
}

static char *find_family(const char *family, bool bold, char *err, size_t err_size)
{
    FcConfig *cfg = get_config(true);
    if (!cfg) {
        cor_say(err, err_size, "fonts cannot be looked up: fontconfig could not load its settings");
        return NULL;
    }
    if (!family || !*family) {
        cor_say(err, err_size, "no font family is named: write one, such as 'DejaVu Sans'");
        return NULL;
    }
    FcPattern *pat = base_pattern(bold);
    if (!pat || !FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family) ||
        !FcConfigSubstitute(cfg, pat, FcMatchPattern)) {
        if (pat)
            FcPatternDestroy(pat);
        cor_say(err, err_size, "fonts cannot be looked up: out of memory");
        return NULL;
    }
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *match = FcFontMatch(cfg, pat, &res);
    FcPatternDestroy(pat);
    char *path = NULL;
    if (match && (is_generic(family) || has_family(match, family))) {
        path = file_of(match);
        if (!path)
            cor_say(err, err_size, "the font '%s' has no file fontconfig can name", family);
    } else {
        char list[1024], nearest[256], hint[300] = "";
        list_families(cfg, family, list, sizeof(list), nearest, sizeof(nearest));
        if (nearest[0])
            snprintf(hint, sizeof(hint), " (did you mean '%s'?)", nearest);
        cor_say(err, err_size, "no font named '%s' is installed%s; installed families include: %s",
                family, hint, list);
    }
    if (match)
        FcPatternDestroy(match);
    return path;
}

char *cor_font_find(const char *family, bool bold, char *err, size_t err_size)
{
    pthread_mutex_lock(&config_lock);
    char *path = find_family(family, bold, err, err_size);
    pthread_mutex_unlock(&config_lock);
    return path;
}

static char *find_for_codepoint(uint32_t cp, bool bold)
{
    if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return NULL;
    FcConfig *cfg = get_config(false);
    if (!cfg)
        return NULL;
    FcPattern *pat = base_pattern(bold);
    FcCharSet *want = FcCharSetCreate();
    char *path = NULL;
    if (pat && want && FcCharSetAddChar(want, cp) && FcPatternAddCharSet(pat, FC_CHARSET, want) &&
        FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)"sans-serif") &&
        FcConfigSubstitute(cfg, pat, FcMatchPattern)) {
        FcDefaultSubstitute(pat);
        FcResult res;
        FcFontSet *fs = FcFontSort(cfg, pat, FcFalse, NULL, &res);
        /* An outline font first; else a colour font of fixed-size pictures (emoji), which the
         * text module scales to the line. */
        for (int pass = 0; pass < 2 && !path; pass++)
            for (int i = 0; fs && i < fs->nfont && !path; i++) {
                FcCharSet *has;
                FcBool ok = FcFalse;
                if (FcPatternGetCharSet(fs->fonts[i], FC_CHARSET, 0, &has) == FcResultMatch &&
                    FcCharSetHasChar(has, cp) &&
                    FcPatternGetBool(fs->fonts[i], pass ? FC_COLOR : FC_OUTLINE, 0, &ok) ==
                        FcResultMatch &&
                    ok)
                    path = file_of(fs->fonts[i]);
            }
        if (fs)
            FcFontSetDestroy(fs);
    }
    if (want)
        FcCharSetDestroy(want);
    if (pat)
        FcPatternDestroy(pat);
    return path;
}

char *cor_font_find_for_codepoint(uint32_t cp, bool bold)
{
    pthread_mutex_lock(&config_lock);
    char *path = find_for_codepoint(cp, bold);
    pthread_mutex_unlock(&config_lock);
    return path;
}

static bool installed_font(const char *path)
{
    FcConfig *cfg = path ? get_config(false) : NULL;
    char *real = cfg ? realpath(path, NULL) : NULL;
    FcStrList *dirs = real ? FcConfigGetFontDirs(cfg) : NULL;
    bool installed = false;
    FcChar8 *dir;
    while (dirs && !installed && (dir = FcStrListNext(dirs)) != NULL) {
        char *real_dir = realpath((const char *)dir, NULL);
        size_t n = real_dir ? strlen(real_dir) : 0;
        installed =
            n > 0 && strncmp(real, real_dir, n) == 0 && (real[n] == '/' || real_dir[n - 1] == '/');
        free(real_dir);
    }
    if (dirs)
        FcStrListDone(dirs);
    free(real);
    return installed;
}

bool cor_font_installed(const char *path)
{
    pthread_mutex_lock(&config_lock);
    bool installed = installed_font(path);
    pthread_mutex_unlock(&config_lock);
    return installed;
}

/* ---- font files ---- */

struct cor_font_file {
    int fd;              /* read on demand through it; -1 when read into memory */
    unsigned char *data; /* the whole file, when read into memory */
    size_t len;          /* its length when opened */
};

struct cor_font_file *cor_font_file_open(const char *path, bool on_demand, char *err,
                                         size_t err_size)
{
    struct cor_font_file *f = calloc(1, sizeof(*f));
    if (!f) {
        cor_say(err, err_size, "cannot be read: out of memory");
        return NULL;
    }
    f->fd = -1;
    if (on_demand) {
        /* Opened as cor_file_read opens, kept open to be read as FreeType asks. */
        struct stat st;
        f->fd = cor_file_open(path, "font", &st, err, err_size);
        if (f->fd >= 0 && st.st_size > 0 && (uintmax_t)st.st_size <= COR_FONT_MAX_BYTES) {
            f->len = (size_t)st.st_size;
            return f;
        }
        if (f->fd >= 0)
            close(f->fd);
        f->fd = -1;
    }
    /* Read whole; or refused above, and then cor_file_read refuses it the same way, before
     * reading a byte, and says why (if it changed in between and is now fine, it is read). */
    if (!cor_file_read(path, COR_FONT_MAX_BYTES, "font", &f->data, &f->len, err, err_size)) {
        free(f);
        return NULL;
    }
    return f;
}

void cor_font_file_close(struct cor_font_file *f)
{
    if (!f)
        return;
    if (f->fd >= 0)
        close(f->fd);
    free(f->data);
    free(f);
}

/* Where a reader of a font file read on demand is. */
struct reader {
    const struct cor_font_file *file;
    Sint64 pos;
};

static struct reader *reader_of(SDL_RWops *rw)
{
    return rw->hidden.unknown.data1;
}

static Sint64 reader_size(SDL_RWops *rw)
{
    return (Sint64)reader_of(rw)->file->len;
}

static Sint64 reader_seek(SDL_RWops *rw, Sint64 offset, int whence)
{
    struct reader *r = reader_of(rw);
    Sint64 len = (Sint64)r->file->len;
    Sint64 base = whence == RW_SEEK_SET ? 0 : whence == RW_SEEK_CUR ? r->pos : len;
    if ((whence != RW_SEEK_SET && whence != RW_SEEK_CUR && whence != RW_SEEK_END) ||
        offset < -base || offset > len - base)
        return SDL_SetError("a seek outside the font file");
    r->pos = base + offset;
    return r->pos;
}

/* Reads with pread at the reader's place. A file cut short since it was opened gives fewer
 * bytes, which FreeType takes for a damaged glyph: drawn as nothing, never a crash. */
static size_t reader_read(SDL_RWops *rw, void *ptr, size_t size, size_t n)
{
    struct reader *r = reader_of(rw);
    if (size == 0 || n == 0)
        return 0;
    size_t left = r->file->len - (size_t)r->pos;
    size_t want = n > left / size ? left / size * size : n * size, got = 0;
    while (got < want) {
        ssize_t k = pread(r->file->fd, (unsigned char *)ptr + got, want - got,
                          (off_t)((size_t)r->pos + got));
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    r->pos += (Sint64)got;
    return got / size;
}

static size_t reader_write(SDL_RWops *rw, const void *ptr, size_t size, size_t n)
{
    (void)rw;
    (void)ptr;
    (void)size;
    (void)n;
    SDL_SetError("font files are read, never written");
    return 0;
}

static int reader_close(SDL_RWops *rw)
{
    free(reader_of(rw));
    SDL_FreeRW(rw);
    return 0;
}

SDL_RWops *cor_font_file_reader(struct cor_font_file *f)
{
    if (f->fd < 0)
        return SDL_RWFromConstMem(f->data, (int)f->len);
    struct reader *r = malloc(sizeof(*r));
    SDL_RWops *rw = r ? SDL_AllocRW() : NULL;
    if (!rw) {
        free(r);
        return NULL;
    }
    *r = (struct reader){f, 0};
    rw->size = reader_size;
    rw->seek = reader_seek;
    rw->read = reader_read;
    rw->write = reader_write;
    rw->close = reader_close;
    rw->type = SDL_RWOPS_UNKNOWN;
    rw->hidden.unknown.data1 = r;
    return rw;
}

/* False with a sentence when a table of an sfnt font (TrueType/OpenType) starting at DIR lies
 * outside the LEN bytes of D. */
static bool tables_inside(const unsigned char *d, size_t len, size_t dir, char *err, size_t size)
{
    if (dir > len || len - dir < 12) {
        cor_say(err, size,
                "is damaged or cut short (it ends inside its table list): copy it again");
        return false;
    }
    size_t n = (size_t)d[dir + 4] << 8 | d[dir + 5];
    if ((len - dir - 12) / 16 < n) {
        cor_say(err, size,
                "is damaged or cut short (it ends inside its table list): copy it again");
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        const unsigned char *r = d + dir + 12 + 16 * i;
        uint64_t off = (uint64_t)r[8] << 24 | (uint64_t)r[9] << 16 | (uint64_t)r[10] << 8 | r[11];
        uint64_t tlen =
            (uint64_t)r[12] << 24 | (uint64_t)r[13] << 16 | (uint64_t)r[14] << 8 | r[15];
        if (off + tlen > len) {
            char tag[5] = {0};
            for (int k = 0; k < 4; k++)
                tag[k] = r[k] >= 0x20 && r[k] < 0x7f ? (char)r[k] : '?';
            cor_say(err, size,
                    "is damaged or cut short (its '%s' table runs past the end of the file): copy "
                    "it again",
                    tag);
            return false;
        }
    }
    return true;
}

/* False with a sentence when D is a font whose structure is visibly incomplete. */
static bool structure_ok(const unsigned char *d, size_t len, char *err, size_t size)
{
    if (len < 4)
        return true; /* FreeType will refuse it */
    if (memcmp(d, "\0\1\0\0", 4) == 0 || memcmp(d, "OTTO", 4) == 0 || memcmp(d, "true", 4) == 0)
        return tables_inside(d, len, 0, err, size);
    if (memcmp(d, "ttcf", 4) == 0) {
        if (len < 12) {
            cor_say(err, size,
                    "is damaged or cut short (it ends inside its header): copy it again");
            return false;
        }
        size_t n = (size_t)d[8] << 24 | (size_t)d[9] << 16 | (size_t)d[10] << 8 | d[11];
        if ((len - 12) / 4 < n) {
            cor_say(err, size,
                    "is damaged or cut short (it ends inside its header): copy it again");
            return false;
        }
        for (size_t i = 0; i < n; i++) {
            const unsigned char *p = d + 12 + 4 * i;
            size_t off = (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
            if (!tables_inside(d, len, off, err, size))
                return false;
        }
        return true;
    }
    if (memcmp(d, "wOFF", 4) == 0 || memcmp(d, "wOF2", 4) == 0) {
        size_t total =
            len >= 12 ? (size_t)d[8] << 24 | (size_t)d[9] << 16 | (size_t)d[10] << 8 | d[11] : 0;
        if (total != len) {
            cor_say(err, size,
                    "is damaged or cut short (it is not the length it says): copy it again");
            return false;
        }
        return true;
    }
    if (memcmp(d, "PK\3\4", 4) == 0) {
        cor_say(err, size,
                "is a ZIP archive, not a font: unzip it and name the .ttf or .otf file inside");
        return false;
    }
    return true;
}

bool cor_font_file_ok(const char *path, char *err, size_t err_size)
{
    unsigned char *data;
    size_t len;
    if (!cor_file_read(path, COR_FONT_MAX_BYTES, "font", &data, &len, err, err_size))
        return false;
    if (!structure_ok(data, len, err, err_size)) {
        free(data);
        return false;
    }
    if (TTF_Init() != 0) {
        cor_say(err, err_size, "cannot be checked: the font library did not start (%s)",
                TTF_GetError());
        free(data);
        return false;
    }
    bool ok = false;
    SDL_RWops *rw = len <= INT32_MAX ? SDL_RWFromConstMem(data, (int)len) : NULL;
    TTF_Font *font = rw ? TTF_OpenFontRW(rw, 1, 24) : NULL;
    if (!font) {
        cor_say(
            err, err_size,
            "is not a font corridor can use (%s): name a TrueType (.ttf) or OpenType (.otf) file",
            TTF_GetError());
    } else {
        SDL_Color white = {255, 255, 255, 255};
        SDL_Surface *line = TTF_RenderUTF8_Blended(font, "Ward 7 opens at 9am", white);
        if (line)
            ok = true;
        else
            cor_say(err, err_size, "is damaged (its letters cannot be drawn: %s): copy it again",
                    TTF_GetError());
        SDL_FreeSurface(line);
        TTF_CloseFont(font);
    }
    TTF_Quit();
    free(data);
    return ok;
}
