/* render_cli.c: `corridor render`: draws what plays at a moment into PNG files, headless. */
#include "render_cli.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "font.h"
#include "identify.h"
#include "loader.h"
#include "model.h"
#include "paths.h"
#include "render.h"
#include "schedule.h"
#include "urgent.h"
#include "value.h"

#define USAGE                                                                                      \
    "usage: corridor render PLAYLIST --at \"2024-03-19 10:30\" --size 1920x1080 --out DIR "        \
    "[--screen NAME]\n"                                                                           \
    "       corridor render PLAYLIST --identify --size 1920x1080 --out DIR [--screen NAME] "       \
    "[--addresses LIST]\n"

/* Pages drawn at most, so a runaway playlist cannot fill the disk. */
#define MAX_PAGES 500

struct options {
    const char *playlist, *out, *screen;
    cor_minute at;
    int w, h;
    bool identify;         /* the identify page instead of the slides */
    const char *addresses; /* shown on it instead of this machine's; NULL: the machine's */
};

bool cor_render_parse_size(const char *s, int *w, int *h)
{
    return cor_parse_size(s, 64, 8192, w, h);
}

/* The value of option NAME at ARGV[*I] ("--name VALUE" or "--name=VALUE"), or NULL. */
static const char *option(const char *name, int argc, char **argv, int *i, bool *missing)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = true;
        return NULL;
    }
    return argv[++*i];
}

static int parse_args(int argc, char **argv, struct options *o)
{
    memset(o, 0, sizeof(*o));
    bool has_at = false;
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *v;
        if ((v = option("--at", argc, argv, &i, &missing))) {
            char err[256];
            bool has_time = false;
            if (!cor_parse_datetime(v, &o->at, &has_time, err, sizeof(err))) {
                fprintf(stderr, "corridor render: --at: %s\n", err);
                return 2;
            }
            if (!has_time) {
                fprintf(stderr, "corridor render: --at needs a time too, as in "
                                "\"2024-03-19 10:30\"\n");
                return 2;
            }
            has_at = true;
        } else if ((v = option("--size", argc, argv, &i, &missing))) {
            if (!cor_render_parse_size(v, &o->w, &o->h)) {
                fprintf(stderr,
                        "corridor render: --size '%s': write WIDTHxHEIGHT, each from 64 "
                        "to 8192, as in 1920x1080\n",
                        v);
                return 2;
            }
        } else if ((v = option("--out", argc, argv, &i, &missing))) {
            o->out = v;
        } else if ((v = option("--screen", argc, argv, &i, &missing))) {
            o->screen = v;
        } else if ((v = option("--addresses", argc, argv, &i, &missing))) {
            o->addresses = v;
        } else if (strcmp(argv[i], "--identify") == 0) {
            o->identify = true;
        } else if (missing) {
            fprintf(stderr, "corridor render: %s needs a value\n" USAGE, argv[i]);
            return 2;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "corridor render: unknown option '%s'\n" USAGE, argv[i]);
            return 2;
        } else if (!o->playlist) {
            o->playlist = argv[i];
        } else {
            fprintf(stderr, "corridor render: one playlist at a time\n" USAGE);
            return 2;
        }
    }
    if (o->addresses && !o->identify) {
        fprintf(stderr, "corridor render: --addresses goes with --identify\n" USAGE);
        return 2;
    }
    if (!o->playlist || (!has_at && !o->identify) || !o->w || !o->out) {
        fprintf(stderr, "corridor render: %s is missing\n" USAGE,
                !o->playlist           ? "the playlist"
                : !has_at && !o->identify ? "--at"
                : !o->w      ? "--size"
                             : "--out");
        return 2;
    }
    return 0;
}

/* What has been drawn so far, for the contact sheet. */
struct sheet {
    SDL_Surface **pages;
    char **labels;
    size_t n, cap;
};

/* Halves PAGE (freeing it) until it is no bigger than a contact-sheet thumbnail needs, so the
 * sheet costs half a megabyte a page rather than a whole screenful. Each halving averages 2x2
 * pixels. Returns the smaller copy, or PAGE itself when it is small enough or memory is short. */
static SDL_Surface *thumbnail_source(SDL_Surface *page)
{
    while (page->w / 2 >= 480 && page->h / 2 >= 270) {
        SDL_Surface *half =
            SDL_CreateRGBSurfaceWithFormat(0, page->w / 2, page->h / 2, 32, page->format->format);
        if (!half || SDL_SoftStretchLinear(page, NULL, half, NULL) != 0) {
            SDL_FreeSurface(half);
            return page;
        }
        SDL_FreeSurface(page);
        page = half;
    }
    return page;
}

static bool sheet_add(struct sheet *sh, SDL_Surface *page, const char *label)
{
    if (sh->n == sh->cap) {
        size_t cap = sh->cap ? sh->cap * 2 : 16;
        SDL_Surface **pages = realloc(sh->pages, cap * sizeof(*pages));
        if (!pages)
            return false;
        sh->pages = pages;
        char **labels = realloc(sh->labels, cap * sizeof(*labels));
        if (!labels)
            return false;
        sh->labels = labels;
        sh->cap = cap;
    }
    char *copy = strdup(label);
    if (!copy)
        return false;
    sh->pages[sh->n] = thumbnail_source(page);
    sh->labels[sh->n++] = copy;
    return true;
}

static void sheet_free(struct sheet *sh)
{
    for (size_t i = 0; i < sh->n; i++) {
        SDL_FreeSurface(sh->pages[i]);
        free(sh->labels[i]);
    }
    free(sh->pages);
    free(sh->labels);
}

void cor_render_caption(const struct cor_slide *s, int page, int pages, char *buf, size_t size)
{
    const char *type = cor_slide_type_name(s->type);
    if (pages > 1)
        snprintf(buf, size, "slide %d \xC2\xB7 %s\npage %d of %d \xC2\xB7 %s", s->index, type,
                 page + 1, pages, cor_slide_label(s));
    else
        snprintf(buf, size, "slide %d \xC2\xB7 %s\n%s", s->index, type, cor_slide_label(s));
}

/* Draws one page into TARGET and reads it back. Returns the pixels (the caller frees them) or
 * NULL. */
static SDL_Surface *draw_page(struct cor_renderer *r, SDL_Renderer *sdl, SDL_Texture *target,
                              const struct cor_slide *slide, int page, cor_minute at,
                              const struct cor_urgent_look *urgent,
                              const struct cor_identity *identify)
{
    int w, h;
    cor_renderer_size(r, &w, &h);
    bool drawn = identify ? cor_renderer_draw_identify(r, identify, NULL, target)
                 : urgent ? cor_renderer_draw_urgent(r, slide, page, at, urgent, target)
                          : cor_renderer_draw_page(r, slide, page, at, target);
    if (!drawn)
        return NULL;
    SDL_Surface *pixels = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!pixels) {
        fprintf(stderr, "corridor render: out of memory\n");
        return NULL;
    }
    SDL_SetRenderTarget(sdl, target);
    int rc =
        SDL_RenderReadPixels(sdl, NULL, SDL_PIXELFORMAT_ARGB8888, pixels->pixels, pixels->pitch);
    SDL_SetRenderTarget(sdl, NULL);
    if (rc != 0) {
        fprintf(stderr, "corridor render: cannot read the page back: %s\n", SDL_GetError());
        SDL_FreeSurface(pixels);
        return NULL;
    }
    return pixels;
}

/* Saves PIXELS as PATH (listed on stdout unless QUIET). */
static bool save_png(SDL_Surface *pixels, const char *path, bool quiet)
{
    if (IMG_SavePNG(pixels, path) != 0) {
        fprintf(stderr, "corridor render: cannot write %s: %s\n", path, IMG_GetError());
        return false;
    }
    if (!quiet)
        printf("%s\n", path);
    return true;
}

/* Adds page P of SLIDE (NULL: the fallback) to the list in RES, named FILE. */
static bool list_page(struct cor_render_result *res, const struct cor_slide *slide, int p,
                      int pages, const char *file)
{
    if (res->n == res->cap) {
        size_t cap = res->cap ? res->cap * 2 : 16;
        struct cor_rendered_page *more = realloc(res->pages, cap * sizeof(*more));
        if (!more)
            return false;
        res->pages = more;
        res->cap = cap;
    }
    struct cor_rendered_page *rp = &res->pages[res->n++];
    memset(rp, 0, sizeof(*rp));
    rp->slide = slide ? slide->index : 0;
    rp->page = p + 1;
    rp->pages = pages;
    snprintf(rp->file, sizeof(rp->file), "%s", file);
    return true;
}

/* Draws page P of SLIDE (NULL: the fallback), saves it as FILE in the request's folder, and
 * adds it to the contact sheet and the list. */
static bool one_page(const struct cor_render_request *req, struct cor_renderer *r,
                     SDL_Renderer *sdl, SDL_Texture *target, const struct cor_slide *s, int p,
                     int pages, const char *file, const char *label, struct sheet *sh,
                     struct cor_render_result *res, const struct cor_urgent_look *urgent)
{
    char path[4200];
    snprintf(path, sizeof(path), "%s/%s", req->out, file);
    SDL_Surface *px = draw_page(r, sdl, target, s, p, req->at, urgent, req->identify);
    if (!px)
        return false;
    /* The preview saves pages at the thumbnail's size: a report page shows them small. */
    if (req->small)
        px = thumbnail_source(px);
    if (!save_png(px, path, req->quiet) || !sheet_add(sh, px, label)) {
        SDL_FreeSurface(px);
        return false;
    }
    return list_page(res, s, p, pages, file);
}

/* Renders every page that plays; returns the exit status. */
static int render_all(const struct cor_render_request *req, SDL_Renderer *sdl, SDL_Texture *target,
                      struct cor_diags *diags, struct cor_render_result *res)
{
    const struct cor_playlist *pl = req->playlist;
    struct cor_renderer *r = cor_renderer_create(sdl, pl, req->w, req->h, diags);
    if (!r) {
        if (!req->quiet)
            cor_diags_print(diags, stderr);
        return 1;
    }
    /* Say which texts had to be cut short on this screen, as `check` does. */
    const int size[1][2] = {{req->w, req->h}};
    if (cor_render_check_fit(pl, size, 1, req->at, diags) && diags->n && !req->quiet)
        cor_diags_print(diags, stderr);
    struct sheet sh = {0};
    int status = 0, drawn = 0;
    if (req->identify) {
        status = one_page(req, r, sdl, target, NULL, 0, 1, "00-identify.png",
                          "identify\nwho this screen is", &sh, res, NULL)
                     ? 0
                     : 1;
        sheet_free(&sh);
        cor_renderer_free(r);
        return status;
    }
    /* An urgent notice beside the playlist, up then on this screen: the whole screen (one
     * picture, 00-urgent.png), or a banner on every page. */
    struct cor_urgent u;
    struct cor_urgent_look look, *urgent = NULL;
    if (cor_urgent_read_beside(pl->path, &u) &&
        cor_urgent_state(&u, req->screen, req->at) == COR_URGENT_UP) {
        look = (struct cor_urgent_look){u.title, u.body, u.style == COR_URGENT_BANNER,
                                        u.background, u.text};
        urgent = &look;
        if (!req->quiet)
            fprintf(stderr, "corridor render: an urgent notice is up then, from %s\n", u.path);
        if (!look.banner) {
            if (!one_page(req, r, sdl, target, NULL, 0, 1, "00-urgent.png",
                          "urgent\nthe notice instead of the slides", &sh, res, urgent))
                status = 1;
            drawn = 1; /* the slides under it are not drawn: the screen does not show them */
        }
    }
    int max_pages = req->max_pages > 0 ? req->max_pages : MAX_PAGES;
    char file[64], label[600];
    for (size_t i = 0; i < pl->n_slides && status == 0 && !res->cut && !(urgent && !urgent->banner);
         i++) {
        const struct cor_slide *s = &pl->slides[i];
        const char *type = cor_slide_type_name(s->type);
        enum cor_skip why = cor_schedule_slide(s, req->screen, req->at, true);
        if (why != COR_PLAYS) {
            char reason[300];
            cor_schedule_describe(s, why, req->at, reason, sizeof(reason));
            if (!req->quiet)
                fprintf(stderr, "corridor render: slide %d (%s) does not play then: %s\n", s->index,
                        type, reason);
            continue;
        }
        int pages = cor_renderer_page_count(r, s, req->at);
        for (int p = 0; p < pages && status == 0; p++) {
            if (drawn >= max_pages) {
                if (!req->quiet)
                    fprintf(stderr, "corridor render: stopping after %d pages\n", max_pages);
                res->cut = true;
                break;
            }
            if (pages > 1)
                snprintf(file, sizeof(file), "%02d-%s-p%d.png", s->index, type, p + 1);
            else
                snprintf(file, sizeof(file), "%02d-%s.png", s->index, type);
            cor_render_caption(s, p, pages, label, sizeof(label));
            if (!one_page(req, r, sdl, target, s, p, pages, file, label, &sh, res, urgent))
                status = 1;
            drawn++;
        }
    }
    if (status == 0 && drawn == 0) {
        if (!req->quiet)
            fprintf(stderr,
                    "corridor render: nothing plays then; the screen shows its calm fallback\n");
        if (!one_page(req, r, sdl, target, NULL, 0, 1, "00-fallback.png",
                      "fallback\nnothing scheduled", &sh, res, urgent))
            status = 1;
    }
    if (status == 0) {
        SDL_Surface *sheet =
            cor_renderer_contact_sheet(r, sh.pages, (const char *const *)sh.labels, sh.n);
        char path[4200];
        snprintf(path, sizeof(path), "%s/contact-sheet.png", req->out);
        if (!sheet) {
            fprintf(stderr, "corridor render: out of memory for the contact sheet\n");
            status = 1;
        } else if (!save_png(sheet, path, req->quiet)) {
            status = 1;
        }
        SDL_FreeSurface(sheet);
    }
    sheet_free(&sh);
    cor_urgent_free(&u);
    cor_renderer_free(r);
    return status;
}

int cor_render_pages(const struct cor_render_request *req, struct cor_diags *diags,
                     struct cor_render_result *res)
{
    memset(res, 0, sizeof(*res));
    int status = 1;
    SDL_Surface *screen = NULL;
    SDL_Renderer *sdl = NULL;
    SDL_Texture *target = NULL;
    /* A software renderer on a surface needs no video driver and no display. */
    if (SDL_Init(0) != 0) {
        fprintf(stderr, "corridor render: SDL: %s\n", SDL_GetError());
        return 1;
    }
    screen = SDL_CreateRGBSurfaceWithFormat(0, req->w, req->h, 32, SDL_PIXELFORMAT_ARGB8888);
    sdl = screen ? SDL_CreateSoftwareRenderer(screen) : NULL;
    target = sdl ? SDL_CreateTexture(sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                     req->w, req->h)
                 : NULL;
    if (!target)
        fprintf(stderr, "corridor render: cannot make a %dx%d picture: %s\n", req->w, req->h,
                SDL_GetError());
    else
        status = render_all(req, sdl, target, diags, res);
    if (target)
        SDL_DestroyTexture(target);
    if (sdl)
        SDL_DestroyRenderer(sdl);
    SDL_FreeSurface(screen);
    SDL_Quit();
    return status;
}

void cor_render_result_free(struct cor_render_result *res)
{
    free(res->pages);
    memset(res, 0, sizeof(*res));
}

int cor_render_command(int argc, char **argv)
{
    struct options o;
    int status = parse_args(argc, argv, &o);
    if (status)
        return status;
    if (!cor_path_make_dirs(o.out)) {
        fprintf(stderr, "corridor render: cannot make the folder %s: %s\n", o.out, strerror(errno));
        return 1;
    }
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_load_options lo = {.check_files = true, .has_now = true, .now = o.at};
    struct cor_playlist *pl = cor_playlist_load(o.playlist, &lo, &diags);
    if (!pl) {
        cor_diags_print(&diags, stderr);
        cor_diags_free(&diags);
        cor_font_shutdown();
        return 1;
    }
    if (diags.n)
        cor_diags_print(&diags, stderr);
    cor_diags_free(&diags);
    cor_diags_init(&diags);

    struct cor_identity id;
    if (o.identify) {
        const char *name = o.screen;
        char host[256] = "";
        if (!name) {
            if (gethostname(host, sizeof(host) - 1) != 0)
                host[0] = '\0';
            name = host;
        }
        bool read = cor_identity_gather(&id, name, pl->path, pl->name);
        char msg[300];
        if (o.addresses && !cor_identity_set(&id, o.addresses, msg, sizeof(msg))) {
            fprintf(stderr, "corridor render: --addresses: %s\n", msg);
            cor_playlist_free(pl);
            cor_font_shutdown();
            return 2;
        }
        if (!read && !o.addresses)
            fprintf(stderr, "corridor render: cannot read this machine's addresses: %s\n",
                    strerror(errno));
    }
    struct cor_render_request req = {
        .identify = o.identify ? &id : NULL,
        .playlist = pl,
        .out = o.out,
        .screen = o.screen,
        .at = o.at,
        .w = o.w,
        .h = o.h,
    };
    struct cor_render_result res;
    status = cor_render_pages(&req, &diags, &res);
    /* Stopping short of every page fails the command: its folder is not the whole preview. */
    if (res.cut)
        status = 1;
    cor_render_result_free(&res);
    cor_render_shutdown();
    cor_font_shutdown();
    cor_diags_free(&diags);
    cor_playlist_free(pl);
    return status;
}
