/* xprobe.c: watches an X screen's pixels for bench/run, so that "on screen" means what the X
 * server shows, the same way for corridor and for the players it is compared with.
 *
 *   xprobe size
 *       prints the screen's size, WxH.
 *   xprobe clear
 *       paints the root window black, so that a player's last frame does not stay on screen
 *       after it stops (a root window without a background keeps whatever was drawn last).
 *   xprobe grab OUT.ppm
 *       writes the whole root window as a binary PPM.
 *   xprobe wait [--timeout S] [--tol N] (--ref REF.ppm --grid CxR [--content K] |
 *               --point X,Y,RRGGBB ...)
 *       polls until every probe point shows its colour (within N per channel, default 24) and
 *       prints the CLOCK_MONOTONIC time of the first poll that saw it, in seconds. With --ref,
 *       the points are a C by R grid over the screen and their colours come from REF; --content
 *       adds up to K points spread over what is not background in REF (text, pictures: pixels
 *       unlike the commonest colour, inside a patch of their own colour), so that a frame with
 *       only the background drawn does not count. Exit 0 when seen, 1 on timeout.
 *   xprobe points --ref REF.ppm --grid CxR [--content K]
 *       prints the points (and colours) wait would watch.
 *   xprobe frames --for S --point X,Y[,RRGGBB] ...
 *       for S seconds, prints the CLOCK_MONOTONIC time (seconds) of every poll at which any
 *       point changed colour since the poll before: one line per frame that reached the screen.
 *
 * Each poll reads the points with one XGetImage each, then sleeps 0.5 ms: a frame is seen
 * within about 1 ms of the X server drawing it. Never run as a test. */
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_POINTS 256

struct point {
    int x, y;
    int rgb[3];
    bool has_rgb;
};

static Display *dpy;
static Window root;
static unsigned long vis_masks[3]; /* XGetImage leaves the image's own masks zero */
static int screen_w, screen_h;

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void nap_us(long us)
{
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
    nanosleep(&ts, NULL);
}

static int usage(void)
{
    fprintf(stderr, "usage: xprobe size\n"
                    "       xprobe clear\n"
                    "       xprobe grab OUT.ppm\n"
                    "       xprobe wait [--timeout S] [--tol N] (--ref REF.ppm --grid CxR "
                    "[--content K] | --point X,Y,RRGGBB ...)\n"
                    "       xprobe points --ref REF.ppm --grid CxR [--content K]\n"
                    "       xprobe frames --for S --point X,Y ...\n");
    return 2;
}

/* The colour of a pixel of IMG as 8-bit channels, from the visual's masks. */
static void pixel_rgb(XImage *img, int x, int y, int rgb[3])
{
    unsigned long p = XGetPixel(img, x, y);
    const unsigned long *masks = vis_masks;
    for (int c = 0; c < 3; c++) {
        unsigned long m = masks[c];
        if (!m) {
            rgb[c] = 0;
            continue;
        }
        int shift = 0;
        while (!((m >> shift) & 1))
            shift++;
        unsigned long max = m >> shift;
        rgb[c] = (int)(((p & m) >> shift) * 255 / max);
    }
}

static bool read_point(int x, int y, int rgb[3])
{
    XImage *img = XGetImage(dpy, root, x, y, 1, 1, AllPlanes, ZPixmap);
    if (!img)
        return false;
    pixel_rgb(img, 0, 0, rgb);
    XDestroyImage(img);
    return true;
}

static int grab(const char *out)
{
    XImage *img =
        XGetImage(dpy, root, 0, 0, (unsigned)screen_w, (unsigned)screen_h, AllPlanes, ZPixmap);
    if (!img) {
        fprintf(stderr, "xprobe: cannot read the screen\n");
        return 1;
    }
    FILE *f = fopen(out, "wb");
    if (!f) {
        perror(out);
        XDestroyImage(img);
        return 1;
    }
    fprintf(f, "P6\n%d %d\n255\n", screen_w, screen_h);
    for (int y = 0; y < screen_h; y++)
        for (int x = 0; x < screen_w; x++) {
            int rgb[3];
            pixel_rgb(img, x, y, rgb);
            unsigned char b[3] = {(unsigned char)rgb[0], (unsigned char)rgb[1],
                                  (unsigned char)rgb[2]};
            fwrite(b, 1, 3, f);
        }
    XDestroyImage(img);
    return fclose(f) == 0 ? 0 : 1;
}

/* Reads a binary PPM written by grab (no comments); returns its pixels or NULL. */
static unsigned char *read_ppm(const char *path, int *w, int *h)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return NULL;
    }
    int max = 0;
    unsigned char *px = NULL;
    if (fscanf(f, "P6 %d %d %d", w, h, &max) == 3 && max == 255 && *w > 0 && *h > 0 &&
        *w <= 16384 && *h <= 16384 && fgetc(f) != EOF) {
        size_t n = (size_t)*w * (size_t)*h * 3;
        px = malloc(n);
        if (px && fread(px, 1, n, f) != n) {
            free(px);
            px = NULL;
        }
    }
    fclose(f);
    if (!px)
        fprintf(stderr, "xprobe: %s is not a PPM from xprobe grab\n", path);
    return px;
}

static bool parse_point(const char *s, struct point *p)
{
    unsigned rgb = 0;
    int n = sscanf(s, "%d,%d,%x", &p->x, &p->y, &rgb);
    if (n < 2 || p->x < 0 || p->y < 0 || p->x >= screen_w || p->y >= screen_h)
        return false;
    p->has_rgb = n == 3;
    p->rgb[0] = (int)(rgb >> 16) & 255;
    p->rgb[1] = (int)(rgb >> 8) & 255;
    p->rgb[2] = (int)rgb & 255;
    return true;
}

static bool near(const unsigned char *a, const unsigned char *b, int tol)
{
    return abs(a[0] - b[0]) <= tol && abs(a[1] - b[1]) <= tol && abs(a[2] - b[2]) <= tol;
}

/* Adds to PTS (holding N) up to K points of PX that are not background, spread evenly. */
static int content_points(const unsigned char *px, int w, int h, int k, struct point *pts, int n)
{
    enum { GX = 192, GY = 108 };
    static int cand[GX * GY][2];
    /* The commonest colour of a coarse grid: the background. */
    static unsigned char seen[GX * GY][3];
    static int count[GX * GY];
    int n_seen = 0, best = 0;
    for (int gy = 0; gy < GY; gy++)
        for (int gx = 0; gx < GX; gx++) {
            const unsigned char *q =
                px + ((size_t)(gy * h / GY) * (size_t)w + (size_t)(gx * w / GX)) * 3;
            int i = 0;
            while (i < n_seen && !near(seen[i], q, 4))
                i++;
            if (i == n_seen) {
                memcpy(seen[n_seen], q, 3);
                count[n_seen++] = 0;
            }
            if (++count[i] > count[best])
                best = i;
        }
    int n_cand = 0;
    for (int gy = 0; gy < GY; gy++)
        for (int gx = 0; gx < GX; gx++) {
            int x = gx * w / GX + w / GX / 2, y = gy * h / GY + h / GY / 2;
            if (x < 3 || y < 3 || x >= w - 3 || y >= h - 3)
                continue;
            const unsigned char *q = px + ((size_t)y * (size_t)w + (size_t)x) * 3;
            if (near(q, seen[best], 64))
                continue;
            bool solid = true;
            for (int dy = -3; dy <= 3 && solid; dy += 3)
                for (int dx = -3; dx <= 3 && solid; dx += 3)
                    solid = near(q, px + ((size_t)(y + dy) * (size_t)w + (size_t)(x + dx)) * 3, 8);
            if (solid) {
                cand[n_cand][0] = x;
                cand[n_cand][1] = y;
                n_cand++;
            }
        }
    for (int i = 0; i < k && i < n_cand && n < MAX_POINTS; i++) {
        int c = (int)((long)i * n_cand / (k < n_cand ? k : n_cand));
        struct point *p = &pts[n++];
        p->x = cand[c][0];
        p->y = cand[c][1];
        const unsigned char *q = px + ((size_t)p->y * (size_t)w + (size_t)p->x) * 3;
        p->rgb[0] = q[0];
        p->rgb[1] = q[1];
        p->rgb[2] = q[2];
        p->has_rgb = true;
    }
    return n;
}

/* The points of a C by R grid, each in the middle of its cell, coloured as in REF, and up to
 * CONTENT more on what is not background. */
static int grid_points(const char *ref, const char *grid, int content, struct point *pts)
{
    int cols, rows, w, h;
    if (sscanf(grid, "%dx%d", &cols, &rows) != 2 || cols < 1 || rows < 1 ||
        cols * rows > MAX_POINTS)
        return -1;
    unsigned char *px = read_ppm(ref, &w, &h);
    if (!px)
        return -1;
    if (w != screen_w || h != screen_h) {
        fprintf(stderr, "xprobe: %s is %dx%d, the screen %dx%d\n", ref, w, h, screen_w, screen_h);
        free(px);
        return -1;
    }
    int n = 0;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            struct point *p = &pts[n++];
            p->x = (2 * c + 1) * w / (2 * cols);
            p->y = (2 * r + 1) * h / (2 * rows);
            const unsigned char *q = px + ((size_t)p->y * (size_t)w + (size_t)p->x) * 3;
            p->rgb[0] = q[0];
            p->rgb[1] = q[1];
            p->rgb[2] = q[2];
            p->has_rgb = true;
        }
    if (content > 0)
        n = content_points(px, w, h, content, pts, n);
    free(px);
    return n;
}

static int wait_for(struct point *pts, int n, int tol, double timeout)
{
    double end = mono_s() + timeout;
    for (;;) {
        double t = mono_s();
        bool all = true;
        for (int i = 0; i < n && all; i++) {
            int rgb[3];
            if (!read_point(pts[i].x, pts[i].y, rgb))
                return 1;
            for (int c = 0; c < 3; c++)
                if (abs(rgb[c] - pts[i].rgb[c]) > tol)
                    all = false;
        }
        if (all) {
            printf("%.6f\n", t);
            return 0;
        }
        if (t > end)
            return 1;
        nap_us(500);
    }
}

static int frames(struct point *pts, int n, double seconds)
{
    int last[MAX_POINTS][3];
    for (int i = 0; i < n; i++)
        if (!read_point(pts[i].x, pts[i].y, last[i]))
            return 1;
    double end = mono_s() + seconds;
    while (mono_s() < end) {
        double t = mono_s();
        bool changed = false;
        for (int i = 0; i < n; i++) {
            int rgb[3];
            if (!read_point(pts[i].x, pts[i].y, rgb))
                return 1;
            if (memcmp(rgb, last[i], sizeof(rgb)) != 0) {
                changed = true;
                memcpy(last[i], rgb, sizeof(rgb));
            }
        }
        if (changed)
            printf("%.6f\n", t);
        nap_us(500);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    dpy = XOpenDisplay(NULL);
    if (!dpy) {
        fprintf(stderr, "xprobe: cannot open the display (is DISPLAY set?)\n");
        return 2;
    }
    root = DefaultRootWindow(dpy);
    screen_w = DisplayWidth(dpy, DefaultScreen(dpy));
    screen_h = DisplayHeight(dpy, DefaultScreen(dpy));
    Visual *vis = DefaultVisual(dpy, DefaultScreen(dpy));
    vis_masks[0] = vis->red_mask;
    vis_masks[1] = vis->green_mask;
    vis_masks[2] = vis->blue_mask;
    const char *cmd = argv[1];
    if (strcmp(cmd, "size") == 0) {
        printf("%dx%d\n", screen_w, screen_h);
        return 0;
    }
    if (strcmp(cmd, "clear") == 0) {
        unsigned long black = BlackPixel(dpy, DefaultScreen(dpy));
        XSetWindowBackground(dpy, root, black);
        XClearWindow(dpy, root);
        GC gc = XCreateGC(dpy, root, 0, NULL);
        XSetForeground(dpy, gc, black);
        XFillRectangle(dpy, root, gc, 0, 0, (unsigned)screen_w, (unsigned)screen_h);
        XFreeGC(dpy, gc);
        XSync(dpy, False);
        return 0;
    }
    if (strcmp(cmd, "grab") == 0)
        return argc == 3 ? grab(argv[2]) : usage();

    static struct point pts[MAX_POINTS];
    int n = 0, tol = 24, content = 0;
    double timeout = 30, seconds = 0;
    const char *ref = NULL, *grid = NULL;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v)
            return usage();
        i++;
        if (strcmp(a, "--timeout") == 0)
            timeout = atof(v);
        else if (strcmp(a, "--tol") == 0)
            tol = atoi(v);
        else if (strcmp(a, "--for") == 0)
            seconds = atof(v);
        else if (strcmp(a, "--ref") == 0)
            ref = v;
        else if (strcmp(a, "--grid") == 0)
            grid = v;
        else if (strcmp(a, "--content") == 0)
            content = atoi(v);
        else if (strcmp(a, "--point") == 0 && n < MAX_POINTS && parse_point(v, &pts[n]))
            n++;
        else
            return usage();
    }
    if (timeout <= 0 || timeout > 600 || seconds < 0 || seconds > 600)
        return usage();
    if (strcmp(cmd, "wait") == 0 || strcmp(cmd, "points") == 0) {
        if (ref && grid)
            n = grid_points(ref, grid, content, pts);
        if (strcmp(cmd, "points") == 0) {
            for (int i = 0; i < n; i++)
                printf("%d,%d,%02x%02x%02x\n", pts[i].x, pts[i].y, pts[i].rgb[0], pts[i].rgb[1],
                       pts[i].rgb[2]);
            return n > 0 ? 0 : 1;
        }
        if (n <= 0)
            return usage();
        for (int i = 0; i < n; i++)
            if (!pts[i].has_rgb)
                return usage();
        fflush(stdout);
        return wait_for(pts, n, tol, timeout);
    }
    if (strcmp(cmd, "frames") == 0 && n > 0 && seconds > 0) {
        setvbuf(stdout, NULL, _IOLBF, 0);
        return frames(pts, n, seconds);
    }
    return usage();
}
