/* test_video.c: video slides with clips made here by Debian's ffmpeg (testsrc2): probing, golden
 * frames at the start, middle and end against ffmpeg's own decoding, the pure timing, the playing
 * queue looped many times with memory flat, crossfades into and out of a clip never darker than
 * their ends, and hostile clips. Skipped (77) without the ffmpeg command; in a build without
 * video it checks only that a video slide is an error saying so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "check.h"
#include "diag.h"
#include "loader.h"
#include "render.h"
#include "render_fixtures.h"
#include "test_env.h"
#include "video.h"

static char dir[] = "/tmp/corridor-video-XXXXXX";

static const char *at(const char *name)
{
    static char bufs[4][1024];
    static int k;
    char *b = bufs[k++ % 4];
    snprintf(b, 1024, "%s/%s", dir, name);
    return b;
}

static bool run(const char *cmd)
{
    int rc = system(cmd);
    if (rc != 0)
        fprintf(stderr, "failed (%d): %s\n", rc, cmd);
    return rc == 0;
}

/* A W x H clip of SECONDS at FPS by ffmpeg's testsrc2 (its picture moves every frame). */
static bool make_clip(const char *name, const char *codec, int w, int h, int fps, double seconds,
                      const char *extra)
{
    char cmd[2048];
    snprintf(cmd, sizeof(cmd),
             "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=%dx%d:rate=%d:duration=%g "
             "-pix_fmt yuv420p -c:v %s %s '%s'",
             w, h, fps, seconds, codec, extra ? extra : "", at(name));
    return run(cmd);
}

/* ffmpeg's own picture of frame N of CLIP, as a PNG. */
static SDL_Surface *ffmpeg_frame(const char *clip, int n)
{
    char cmd[2048], png[64];
    snprintf(png, sizeof(png), "ref-%d.png", n);
    snprintf(cmd, sizeof(cmd),
             "ffmpeg -nostdin -v error -y -i '%s' -vf 'select=eq(n\\,%d)' -frames:v 1 "
             "-pix_fmt rgb24 '%s'",
             at(clip), n, at(png));
    if (!run(cmd))
        return NULL;
    SDL_Surface *s = IMG_Load(at(png));
    SDL_Surface *argb = s ? SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    SDL_FreeSurface(s);
    return argb;
}

/* Mean absolute difference per colour component of two surfaces of one size (255: unlike). */
static double diff(SDL_Surface *a, SDL_Surface *b)
{
    if (!a || !b || a->w != b->w || a->h != b->h)
        return 255;
    double sum = 0;
    for (int y = 0; y < a->h; y++) {
        const uint8_t *pa = (const uint8_t *)a->pixels + y * a->pitch;
        const uint8_t *pb = (const uint8_t *)b->pixels + y * b->pitch;
        for (int x = 0; x < a->w * 4; x++)
            if (x % 4 != 3)
                sum += abs(pa[x] - pb[x]);
    }
    return sum / ((double)a->w * a->h * 3);
}

/* Mean brightness (0..255) of an ARGB8888 surface. */
static double brightness(SDL_Surface *s)
{
    double sum = 0;
    for (int y = 0; y < s->h; y++) {
        const uint8_t *p = (const uint8_t *)s->pixels + y * s->pitch;
        for (int x = 0; x < s->w; x++)
            sum += 0.114 * p[4 * x] + 0.587 * p[4 * x + 1] + 0.299 * p[4 * x + 2];
    }
    return sum / ((double)s->w * s->h);
}

static void test_probe(void)
{
    struct cor_video_info info;
    char err[512] = "";
    CHECK_MSG(cor_video_probe(at("h264.mp4"), &info, err, sizeof(err)), "%s", err);
    CHECK_STR(info.codec, "h264");
    CHECK_INT(info.w, 320);
    CHECK_INT(info.h, 240);
    CHECK_MSG(info.fps > 24.9 && info.fps < 25.1, "fps %g", info.fps);
    CHECK_INT(info.bit_depth, 8);
    CHECK_MSG(info.duration_ms >= 1960 && info.duration_ms <= 2040, "%lld ms",
              (long long)info.duration_ms);
    CHECK_CONTAINS(info.container, "mp4");
    CHECK_MSG(cor_video_probe(at("hevc.mkv"), &info, err, sizeof(err)), "%s", err);
    CHECK_STR(info.codec, "hevc");
    CHECK_CONTAINS(info.container, "matroska");
    char advice[512];
    CHECK(cor_video_advice(&info, 60, advice, sizeof(advice)));
}

/* The frames at the start, middle and end are ffmpeg's frames 0, 25 and 49, not their
 * neighbours. */
static void test_golden(const char *clip)
{
    static const struct {
        int64_t ms;
        int frame, other;
    } shots[] = {{0, 0, 25}, {1000, 25, 49}, {1960, 49, 25}, {5000, 49, 0}};
    for (size_t i = 0; i < sizeof(shots) / sizeof(shots[0]); i++) {
        char err[512] = "";
        SDL_Surface *got = cor_video_still(at(clip), shots[i].ms, NULL, err, sizeof(err));
        CHECK_MSG(got != NULL, "%s at %lld ms: %s", clip, (long long)shots[i].ms, err);
        SDL_Surface *want = ffmpeg_frame(clip, shots[i].frame);
        SDL_Surface *other = ffmpeg_frame(clip, shots[i].other);
        double d = diff(got, want), o = diff(got, other);
        CHECK_MSG(d < 3 && o > d * 2, "%s at %lld ms: %.2f from frame %d, %.2f from frame %d",
                  clip, (long long)shots[i].ms, d, shots[i].frame, o, shots[i].other);
        if (d >= 3 && got) {
            char name[256];
            snprintf(name, sizeof(name), "%s-%lld-actual.png", clip, (long long)shots[i].ms);
            IMG_SavePNG(got, at(name));
            fprintf(stderr, "  wrote %s\n", at(name));
        }
        SDL_FreeSurface(got);
        SDL_FreeSurface(want);
        SDL_FreeSurface(other);
    }
}

static void test_timing(void)
{
    CHECK_INT(cor_video_slide_ms(false, 10000, 2000, 3, 0, 10000), 6000);
    CHECK_INT(cor_video_slide_ms(false, 10000, 2000, 1, 800, 10000), 2800);
    CHECK_INT(cor_video_slide_ms(true, 15000, 2000, 3, 800, 10000), 15000);
    CHECK_INT(cor_video_slide_ms(false, 10000, -1, 3, 800, 10000), 10000);
    CHECK_INT(cor_video_clip_pos(500, 2000, 3), 500);
    CHECK_INT(cor_video_clip_pos(2500, 2000, 3), 500);
    CHECK_INT(cor_video_clip_pos(5999, 2000, 3), 1999);
    CHECK_INT(cor_video_clip_pos(6000, 2000, 3), 2000);  /* the last frame stays */
    CHECK_INT(cor_video_clip_pos(90000, 2000, 3), 2000);
    CHECK_INT(cor_video_clip_pos(90500, 2000, 0), 500);  /* as long as the slide */
    CHECK_INT(cor_video_clip_pos(-5, 2000, 0), 0);
    struct cor_video_info big = {.codec = "h264", .w = 3840, .h = 2160, .fps = 30, .bit_depth = 8};
    char buf[512];
    CHECK(!cor_video_advice(&big, 60, buf, sizeof(buf)));
    CHECK_CONTAINS(buf, "3840x2160");
    CHECK_CONTAINS(buf, "H.264, 1080p, 8-bit");
    struct cor_video_info deep = {.codec = "hevc", .w = 1920, .h = 1080, .fps = 30, .bit_depth = 10};
    CHECK(!cor_video_advice(&deep, 60, buf, sizeof(buf)));
    CHECK_CONTAINS(buf, "10-bit");
    struct cor_video_info old = {.codec = "mpeg2video", .w = 720, .h = 576, .fps = 25, .bit_depth = 8};
    CHECK(!cor_video_advice(&old, 60, buf, sizeof(buf)));
    CHECK_CONTAINS(buf, "mpeg2video");
    struct cor_video_info fast = {.codec = "h264", .w = 1280, .h = 720, .fps = 120, .bit_depth = 8};
    CHECK(!cor_video_advice(&fast, 60, buf, sizeof(buf)));
    CHECK_CONTAINS(buf, "120 frames a second");
    CHECK(cor_video_advice(&fast, 0, buf, sizeof(buf))); /* the screen's rate unknown: fine */
}

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, rss = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
            rss = 0;
        fclose(f);
    }
    return rss * (sysconf(_SC_PAGESIZE) / 1024);
}

/* Plays TINY LOOPS times through the queue, every frame asked for at its time: each loop shows
 * all of its frames, none is dropped, and memory stays flat. */
static void test_loops(struct screen *s, unsigned loops)
{
    struct cor_video *v = cor_video_open(at("tiny.mp4"), loops, NULL);
    CHECK(v != NULL);
    if (!v)
        return;
    CHECK(cor_video_wait_first(v, 5000));
    int64_t t = 0, next = 0;
    long rss_warm = 0;
    unsigned frames = 0;
    while (next >= 0 && frames < loops * 5 + 10) {
        if (cor_video_texture(v, s->sdl, t, &next))
            frames = cor_video_shown(v);
        if (frames >= 50 && !rss_warm)
            rss_warm = rss_kb();
        if (next < 0)
            break;
        if (next > t) {
            t = next;
        } else { /* the decoder has not caught up: wait for it */
            SDL_Delay(1);
        }
    }
    CHECK_INT(cor_video_shown(v), loops * 5);
    CHECK_INT(cor_video_dropped(v), 0);
    CHECK_INT(cor_video_state(v, t, NULL, 0), COR_VIDEO_ENDED);
    CHECK_MSG(t >= (int64_t)loops * 200 - 40, "ended at %lld ms", (long long)t);
    long rss_end = rss_kb();
    CHECK_MSG(rss_end - rss_warm < 4096, "%u loops: resident %ld kB after warming, %ld kB at end",
              loops, rss_warm, rss_end);
    cor_video_close(v);
}

/* A fade from a text slide into the clip, and from the clip to the text: no frame darker than
 * the darker of its two ends (the clip's first frame is there from the start). */
static void test_crossfade(struct screen *s)
{
    FILE *f = fopen(at("fade.yaml"), "w");
    if (!f)
        return;
    fputs("theme:\n  background: \"#F0F0F0\"\n  text: \"#202020\"\n"
          "defaults:\n  transition: fade\nslides:\n"
          "  - type: text\n    title: Wash your hands\n"
          "  - type: video\n    file: h264.mp4\n    fit: cover\n",
          f);
    fclose(f);
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_load_options lo = {.check_files = true, .decode_images = true};
    struct cor_playlist *pl = cor_playlist_load(at("fade.yaml"), &lo, &diags);
    CHECK(pl != NULL);
    struct cor_renderer *r = pl ? cor_renderer_create(s->sdl, pl, s->w, s->h, &diags) : NULL;
    CHECK(r != NULL);
    for (size_t i = 0; i < diags.n; i++)
        fprintf(stderr, "  %s:%d: %s\n", diags.items[i].file, diags.items[i].line,
                diags.items[i].msg);
    if (r) {
        CHECK_INT(pl->slides[1].duration_ms, 2000 + pl->slides[1].transition_ms);
        cor_renderer_clips(r, &pl->slides[0], 0, &pl->slides[1]); /* the clip opens ahead */
        SDL_Delay((Uint32)(1000 * test_time_scale())); /* while the text slide is up */
        SDL_Texture *text = SDL_CreateTexture(s->sdl, SDL_PIXELFORMAT_RGB888,
                                              SDL_TEXTUREACCESS_TARGET, s->w, s->h);
        SDL_Texture *clip = SDL_CreateTexture(s->sdl, SDL_PIXELFORMAT_RGB888,
                                              SDL_TEXTUREACCESS_TARGET, s->w, s->h);
        CHECK(cor_renderer_draw_page(r, &pl->slides[0], 0, 0, text));
        CHECK(cor_renderer_draw_page(r, &pl->slides[1], 0, 0, clip));
        SDL_Surface *a = read_back(s, text), *b = read_back(s, clip);
        double la = a ? brightness(a) : 0, lb = b ? brightness(b) : 0;
        double floor = (la < lb ? la : lb) - 2;
        CHECK_MSG(lb > 60, "the clip's first page is dark: %.1f", lb);
        if (b)
            IMG_SavePNG(b, at("fade-clip.png"));
        for (int dirn = 0; dirn < 2; dirn++)
            for (int k = 0; k <= 20; k++) {
                SDL_SetRenderTarget(s->sdl, s->target);
                cor_renderer_compose(r, dirn ? clip : text, dirn ? text : clip,
                                     COR_TRANSITION_FADE, k / 20.0);
                SDL_Surface *px = read_back(s, s->target);
                double l = px ? brightness(px) : 0;
                CHECK_MSG(l >= floor, "fade %s at %d/20: brightness %.1f, ends %.1f and %.1f",
                          dirn ? "out of the clip" : "into the clip", k, l, la, lb);
                SDL_FreeSurface(px);
            }
        SDL_FreeSurface(a);
        SDL_FreeSurface(b);
        SDL_DestroyTexture(text);
        SDL_DestroyTexture(clip);
    }
    cor_renderer_free(r);
    cor_playlist_free(pl);
    cor_diags_free(&diags);
}

static bool write_bytes(const char *name, const void *data, size_t n)
{
    FILE *f = fopen(at(name), "wb");
    bool ok = f && fwrite(data, 1, n, f) == n;
    if (f)
        ok = fclose(f) == 0 && ok;
    return ok;
}

static bool copy_part(const char *from, const char *to, double part, bool corrupt)
{
    FILE *f = fopen(at(from), "rb");
    if (!f)
        return false;
    static unsigned char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    if (corrupt)
        for (size_t i = n / 3; i < n; i += 97)
            buf[i] ^= 0x5a;
    return write_bytes(to, buf, (size_t)(n * part));
}

/* Each hostile clip: a clear sentence from the probe, the still and the player, no crash, no
 * hang. */
static void test_hostile(struct screen *s)
{
    static const char text[] = "slides:\n  - type: text\n    title: not a video\n";
    static const char y4m[] = "YUV4MPEG2 W16000 H16000 F25:1 Ip A1:1 C420jpeg\nFRAME\nabc";
    CHECK(write_bytes("empty.mp4", "", 0));
    CHECK(write_bytes("text.mp4", text, sizeof(text) - 1));
    CHECK(write_bytes("huge.mp4", y4m, sizeof(y4m) - 1));
    /* A playlist of clips that names itself: it would play forever, and could reach anywhere. */
    static const char hls[] = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nloop.mp4\n"
                              "#EXTINF:2,\nh264.mp4\n";
    CHECK(write_bytes("loop.mp4", hls, sizeof(hls) - 1));
    static const char concat[] = "ffconcat version 1.0\nfile concat.mp4\nfile h264.mp4\n";
    CHECK(write_bytes("concat.mp4", concat, sizeof(concat) - 1));
    CHECK(copy_part("slow.mp4", "truncated.mp4", 0.5, false));
    CHECK(copy_part("h264.mp4", "corrupt.mp4", 1.0, true));
    static const struct {
        const char *name;
        const char *probe; /* what the probe says; NULL: it reads */
    } cases[] = {
        {"empty.mp4", "is empty (0 bytes)"},
        {"text.mp4", "is not a video corridor can read"},
        {"huge.mp4", "says its frames are 16000x16000"},
        {"truncated.mp4", "is not a video corridor can read"},
        {"loop.mp4", "is not a video corridor can read"},
        {"concat.mp4", "is not a video corridor can read"},
        {"corrupt.mp4", NULL},
        {"missing.mp4", "cannot be read"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct cor_video_info info;
        char err[512] = "";
        bool ok = cor_video_probe(at(cases[i].name), &info, err, sizeof(err));
        if (cases[i].probe) {
            CHECK_MSG(!ok, "%s was read", cases[i].name);
            CHECK_MSG(strstr(err, cases[i].probe), "%s: \"%s\", expected \"%s\"", cases[i].name,
                      err, cases[i].probe);
        }
        SDL_Surface *still = cor_video_still(at(cases[i].name), 1000, NULL, err, sizeof(err));
        CHECK_MSG(still || err[0], "%s: no picture and no sentence", cases[i].name);
        SDL_FreeSurface(still);
        /* Played: it ends or breaks, with a sentence, within a few seconds. */
        struct cor_video *v = cor_video_open(at(cases[i].name), 0, NULL);
        CHECK(v != NULL);
        if (!v)
            continue;
        uint64_t until = SDL_GetTicks64() + (uint64_t)(8000 * test_time_scale());
        enum cor_video_state st = COR_VIDEO_STARTING;
        int64_t t = 0, next = 0;
        char why[256] = "";
        while (SDL_GetTicks64() < until) {
            cor_video_texture(v, s->sdl, t, &next);
            st = cor_video_state(v, t, why, sizeof(why));
            if (st == COR_VIDEO_BROKEN || st == COR_VIDEO_STALLED || st == COR_VIDEO_ENDED)
                break;
            t += 40;
            if (cases[i].probe == NULL && t > 3000)
                break; /* a damaged clip that still plays, looping: fine */
            SDL_Delay(2);
        }
        if (cases[i].probe) {
            CHECK_MSG(st == COR_VIDEO_BROKEN, "%s played: state %d", cases[i].name, (int)st);
            CHECK_MSG(why[0], "%s broke without a sentence", cases[i].name);
        }
        cor_video_close(v);
    }
    /* In a playlist: the message is at the file's line. */
    FILE *f = fopen(at("bad.yaml"), "w");
    if (f) {
        fputs("slides:\n  - type: text\n    title: Hello\n  - type: video\n    file: text.mp4\n",
              f);
        fclose(f);
    }
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_load_options lo = {.check_files = true, .decode_images = true};
    struct cor_playlist *pl = cor_playlist_load(at("bad.yaml"), &lo, &diags);
    CHECK(pl == NULL);
    CHECK(diags.n_errors == 1);
    if (diags.n > 0) {
        CHECK_INT(diags.items[0].line, 5);
        CHECK_CONTAINS(diags.items[0].msg,
                       "the video 'text.mp4' is not a video corridor can read");
    }
    cor_playlist_free(pl);
    cor_diags_free(&diags);
}

/* Loops as written and the slide's length from its clip, in a playlist. */
static void test_playlist(void)
{
    FILE *f = fopen(at("loops.yaml"), "w");
    if (f) {
        fputs("slides:\n"
              "  - type: video\n    file: h264.mp4\n    transition: none\n"
              "  - type: video\n    file: h264.mp4\n    loop: 3\n    transition: none\n"
              "  - type: video\n    file: h264.mp4\n    duration: 7s\n"
              "  - type: video\n    file: h264.mp4\n    loop: 0\n",
              f);
        fclose(f);
    }
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_load_options lo = {.check_files = true};
    struct cor_playlist *pl = cor_playlist_load(at("loops.yaml"), &lo, &diags);
    CHECK(pl == NULL);
    CHECK(diags.n_errors == 1);
    if (diags.n > 0) {
        CHECK_INT(diags.items[0].line, 14);
        CHECK_CONTAINS(diags.items[0].msg, "from 1 to 10000");
    }
    cor_diags_free(&diags);
    if (f && truncate(at("loops.yaml"), 0) == 0 && (f = fopen(at("loops.yaml"), "w"))) {
        fputs("slides:\n"
              "  - type: video\n    file: h264.mp4\n    transition: none\n"
              "  - type: video\n    file: h264.mp4\n    loop: 3\n    transition: none\n"
              "  - type: video\n    file: h264.mp4\n    duration: 7s\n",
              f);
        fclose(f);
    }
    cor_diags_init(&diags);
    pl = cor_playlist_load(at("loops.yaml"), &lo, &diags);
    CHECK(pl != NULL);
    if (pl && pl->n_slides == 3) {
        CHECK_INT(pl->slides[0].type, COR_SLIDE_VIDEO);
        CHECK_INT(pl->slides[0].loops, 1);
        CHECK_INT(pl->slides[0].duration_ms, 2000);
        CHECK_INT(pl->slides[1].loops, 3);
        CHECK_INT(pl->slides[1].duration_ms, 6000);
        CHECK_INT(pl->slides[2].loops, 0); /* as long as the slide */
        CHECK_INT(pl->slides[2].duration_ms, 7000);
        CHECK_INT(pl->slides[2].clip_w, 320);
    }
    cor_playlist_free(pl);
    cor_diags_free(&diags);
}

/* A build without video: a video slide is an error at its file, saying so. */
static void test_not_built(void)
{
    FILE *f = fopen(at("clip.mp4"), "w");
    if (f)
        fclose(f);
    f = fopen(at("no-video.yaml"), "w");
    if (f) {
        fputs("slides:\n  - type: text\n    title: Hello\n  - type: video\n    file: clip.mp4\n",
              f);
        fclose(f);
    }
    for (int files = 0; files < 2; files++) {
        struct cor_diags diags;
        cor_diags_init(&diags);
        struct cor_load_options lo = {.check_files = files};
        struct cor_playlist *pl = cor_playlist_load(at("no-video.yaml"), &lo, &diags);
        CHECK(pl == NULL);
        CHECK(diags.n_errors == 1);
        if (diags.n > 0) {
            CHECK_INT(diags.items[0].line, 5);
            CHECK_CONTAINS(diags.items[0].msg, "this corridor was built without video");
        }
        cor_playlist_free(pl);
        cor_diags_free(&diags);
    }
}

int main(void)
{
    if (!cor_video_built()) {
        if (!mkdtemp(dir))
            return 1;
        test_not_built();
        char cmd[1200];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
        run(cmd);
        return CHECK_DONE();
    }
    if (system("ffmpeg -version >/dev/null 2>&1") != 0) {
        printf("skipped: the ffmpeg command is not installed (apt-get install ffmpeg)\n");
        return 77;
    }
    if (!mkdtemp(dir))
        return 1;
    bool made = make_clip("h264.mp4", "libx264", 320, 240, 25, 2, "-movflags +faststart") &&
                make_clip("hevc.mkv", "libx265", 320, 240, 25, 2, "-x265-params log-level=none") &&
                make_clip("tiny.mp4", "libx264", 64, 48, 25, 0.2, NULL) &&
                make_clip("slow.mp4", "libx264", 320, 240, 25, 2, NULL);
    CHECK(made);
    if (!made)
        return CHECK_DONE();
    struct screen s;
    CHECK(screen_open(&s, 480, 270));
    test_probe();
    test_golden("h264.mp4");
    test_golden("hevc.mkv");
    test_timing();
    test_playlist();
    test_loops(&s, 20);
    /* 10,000 loops natively (about 15 s); an emulated suite plays fewer. */
    test_loops(&s, test_emulator() ? 500 : 10000);
    test_crossfade(&s);
    test_hostile(&s);
    screen_close(&s);
    if (!check_failed) {
        char cmd[1200];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
        run(cmd);
    } else {
        fprintf(stderr, "clips and pictures kept in %s\n", dir);
    }
    return CHECK_DONE();
}
