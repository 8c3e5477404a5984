/* bench_render.c: how long corridor takes to draw one 1080p page of each slide type, with the
 * software renderer `corridor render` uses. Prints figures; never run as a test.
 * Usage: bench_render [PLAYLIST [WxH [RUNS [AT]]]] (default: the sample playlist, 1920x1080, 20,
 * "2024-03-19 10:30"). */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "diag.h"
#include "loader.h"
#include "render.h"
#include "schedule.h"
#include "value.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : CORRIDOR_SOURCE_DIR "/playlists/social-work-week.yaml";
    int w = 1920, h = 1080, runs = argc > 3 ? atoi(argv[3]) : 20;
    if ((argc > 2 && sscanf(argv[2], "%dx%d", &w, &h) != 2) || w < 64 || h < 64 || runs < 1 ||
        runs > 1000) {
        fprintf(stderr, "usage: bench_render [PLAYLIST [WxH [RUNS [AT]]]]\n");
        return 2;
    }
    cor_minute at =
        (cor_minute)cor_days_from_civil(2024, 3, 19) * COR_MINUTES_PER_DAY + 10 * 60 + 30;
    char err[256];
    bool has_time;
    if (argc > 4 && !cor_parse_datetime(argv[4], &at, &has_time, err, sizeof(err))) {
        fprintf(stderr, "bench_render: %s\n", err);
        return 2;
    }
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_load_options opts = {.check_files = true};
    struct cor_playlist *pl = cor_playlist_load(path, &opts, &diags);
    if (!pl) {
        cor_diags_print(&diags, stderr);
        return 1;
    }
    if (SDL_Init(0) != 0)
        return 1;
    SDL_Surface *screen = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sdl = screen ? SDL_CreateSoftwareRenderer(screen) : NULL;
    SDL_Texture *target =
        sdl ? SDL_CreateTexture(sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h)
            : NULL;
    double t0 = now_ms();
    struct cor_renderer *r = target ? cor_renderer_create(sdl, pl, w, h, &diags) : NULL;
    double prepare = now_ms() - t0;
    if (!r) {
        cor_diags_print(&diags, stderr);
        return 1;
    }
    printf("prepare the renderer (fonts, %zu slides' pictures, QR codes) at %dx%d: %.1f ms\n",
           pl->n_slides, w, h, prepare);
    bool done[COR_SLIDE_TYPE_COUNT + 1] = {false};
    double times[1000];
    for (size_t i = 0; i <= pl->n_slides; i++) {
        const struct cor_slide *s = i < pl->n_slides ? &pl->slides[i] : NULL;
        int kind = s ? (int)s->type : COR_SLIDE_TYPE_COUNT;
        if (done[kind] || (s && cor_schedule_slide(s, NULL, at, true) != COR_PLAYS))
            continue;
        done[kind] = true;
        for (int k = 0; k < runs; k++) {
            double a = now_ms();
            cor_renderer_draw_page(r, s, 0, at, target);
            /* Reading the pixels back makes the software renderer finish the page. */
            SDL_SetRenderTarget(sdl, target);
            SDL_RenderReadPixels(sdl, NULL, SDL_PIXELFORMAT_ARGB8888, screen->pixels,
                                 screen->pitch);
            SDL_SetRenderTarget(sdl, NULL);
            times[k] = now_ms() - a;
        }
        qsort(times, (size_t)runs, sizeof(times[0]), compare_doubles);
        printf("draw one %dx%d page of %-9s (slide %2d): median %6.2f ms, best %6.2f ms over %d\n",
               w, h, s ? cor_slide_type_name(s->type) : "fallback", s ? s->index : 0,
               times[runs / 2], times[0], runs);
    }
    cor_renderer_free(r);
    SDL_DestroyTexture(target);
    SDL_DestroyRenderer(sdl);
    SDL_FreeSurface(screen);
    SDL_Quit();
    cor_playlist_free(pl);
    cor_diags_free(&diags);
    return 0;
}
