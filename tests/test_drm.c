/* test_drm.c: reading /sys/class/drm and /dev/dri, choosing the card and saying why a screen
 * stays dark, on fixture folders (tests/drm/) and /dev/dri folders made here. */
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "drm.h"
#include "screen_kms.h"

static char sys_root[1024], dev_root[1024], tmp[256];

/* Points sys_root at the fixture CASE and makes a dev folder with CARDS (-1 ends) of MODE, or
 * none at all when MODE is 0. */
static void setup(const char *name, const int *cards, mode_t mode)
{
    const char *src = getenv("CORRIDOR_SOURCE_DIR");
    snprintf(sys_root, sizeof(sys_root), "%s/tests/drm/%s/sys", src ? src : "..", name);
    char cmd[1200];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s/dev'", tmp);
    CHECK(system(cmd) == 0);
    snprintf(dev_root, sizeof(dev_root), "%s/dev", tmp);
    CHECK(mkdir(dev_root, 0755) == 0);
    if (mode == 0)
        return;
    char path[1100];
    snprintf(path, sizeof(path), "%s/dri", dev_root);
    CHECK(mkdir(path, 0755) == 0);
    for (int i = 0; cards[i] >= 0; i++) {
        snprintf(path, sizeof(path), "%s/dri/card%d", dev_root, cards[i]);
        FILE *f = fopen(path, "w");
        CHECK(f != NULL);
        if (f)
            fclose(f);
        CHECK(chmod(path, mode) == 0);
    }
}

/* A user that owns nothing here, in the group of the files this test makes when IN_GROUP. */
static struct cor_drm_user user(bool in_group)
{
    struct cor_drm_user u = {.uid = 54321, .gid = 54321, .name = "corridor"};
    if (in_group)
        u.groups[u.n_groups++] = getegid();
    return u;
}

static void say(enum cor_drm_problem p, const struct cor_drm_state *s, int card,
                const struct cor_drm_user *u, char *buf, size_t size)
{
    cor_drm_say(p, s, card, u, buf, size);
    printf("  %s\n", buf);
}

static const int pi4_cards[] = {0, 1, -1};

static void test_pi4_playing(void)
{
    setup("pi4-hdmi", pi4_cards, 0660);
    struct cor_drm_user u = user(true);
    struct cor_drm_state s;
    cor_drm_read(sys_root, dev_root, &u, &s);
    CHECK(s.has_dri);
    CHECK_INT(s.n_cards, 2);
    CHECK_INT(s.cards[0].number, 0);
    CHECK_STR(s.cards[0].driver, "v3d");
    CHECK_INT(s.cards[0].n_connectors, 0);
    CHECK_STR(s.cards[1].driver, "vc4");
    CHECK_INT(s.cards[1].n_connectors, 2); /* the writeback connector is no display */
    CHECK_STR(s.cards[1].connectors[0].name, "HDMI-A-1");
    CHECK_INT(s.cards[1].connectors[0].link, COR_DRM_CONNECTED);
    CHECK_INT(s.cards[1].connectors[1].link, COR_DRM_DISCONNECTED);
    int card = cor_drm_choose(&s);
    CHECK_INT(card, 1);
    CHECK_INT(cor_drm_diagnose(&s, card), COR_DRM_OK);
    char line[512];
    say(COR_DRM_OK, &s, card, &u, line, sizeof(line));
    CHECK_STR(line, "screen on card1 (vc4): HDMI-A-1 connected, HDMI-A-2 disconnected");
    /* A fixture is a plain file: nobody is its DRM master. */
    CHECK(!cor_drm_held(dev_root, 1));
    say(COR_DRM_HELD, &s, card, &u, line, sizeof(line));
    CHECK_CONTAINS(line, "another program holds the display on /dev/dri/card1");
    CHECK_CONTAINS(line, "systemctl status corridor");
}

static void test_permission(void)
{
    setup("pi4-hdmi", pi4_cards, 0660);
    struct cor_drm_user u = user(false);
    struct cor_drm_state s;
    cor_drm_read(sys_root, dev_root, &u, &s);
    int card = cor_drm_choose(&s);
    CHECK_INT(cor_drm_diagnose(&s, card), COR_DRM_NO_PERMISSION);
    struct group *g = getgrgid(getegid());
    char group[64], want[512], line[512];
    if (g)
        snprintf(group, sizeof(group), "%s", g->gr_name);
    else
        snprintf(group, sizeof(group), "%u", (unsigned)getegid());
    CHECK_STR(s.cards[1].missing_group, group);
    say(COR_DRM_NO_PERMISSION, &s, card, &u, line, sizeof(line));
    snprintf(want, sizeof(want),
             "user corridor may not open /dev/dri/card1: it is not in group %s (sudo adduser "
             "corridor %s, then restart corridor)",
             group, group);
    CHECK_STR(line, want);

    /* No group may: joining one would not help. */
    setup("pi4-hdmi", pi4_cards, 0600);
    cor_drm_read(sys_root, dev_root, &u, &s);
    CHECK_INT(cor_drm_diagnose(&s, card), COR_DRM_NO_PERMISSION);
    CHECK_STR(s.cards[1].missing_group, "");
    say(COR_DRM_NO_PERMISSION, &s, card, &u, line, sizeof(line));
    CHECK_CONTAINS(line, "no group gives it the right");
    /* Readable and writable by all (a development machine): fine. */
    setup("pi4-hdmi", pi4_cards, 0666);
    cor_drm_read(sys_root, dev_root, &u, &s);
    CHECK_INT(cor_drm_diagnose(&s, card), COR_DRM_OK);
}

static void test_tv_off(void)
{
    setup("pi4-tv-off", pi4_cards, 0660);
    struct cor_drm_user u = user(true);
    struct cor_drm_state s;
    cor_drm_read(sys_root, dev_root, &u, &s);
    int card = cor_drm_choose(&s);
    CHECK_INT(card, 1); /* it drives the HDMI ports, though nothing is on them now */
    CHECK_INT(cor_drm_diagnose(&s, card), COR_DRM_NOTHING_CONNECTED);
    char line[512];
    say(COR_DRM_NOTHING_CONNECTED, &s, card, &u, line, sizeof(line));
    CHECK_CONTAINS(line, "no connected display on card1 (vc4) (HDMI-A-1 disconnected, "
                         "HDMI-A-2 disconnected)");
    CHECK_CONTAINS(line, "video=HDMI-A-1:1920x1080@60D in /boot/firmware/cmdline.txt");
}

static void test_no_overlay(void)
{
    static const int cards[] = {0, -1};
    setup("pi-no-overlay", cards, 0660);
    struct cor_drm_user u = user(true);
    struct cor_drm_state s;
    cor_drm_read(sys_root, dev_root, &u, &s);
    int card = cor_drm_choose(&s);
    CHECK_INT(card, -1);
    CHECK_INT(cor_drm_diagnose(&s, card), COR_DRM_NO_KMS);
    char line[512];
    say(COR_DRM_NO_KMS, &s, card, &u, line, sizeof(line));
    CHECK_STR(line, "no graphics card drives a display (card0 (v3d): no connectors): the KMS "
                    "display driver is not loaded; on a Raspberry Pi, add dtoverlay=vc4-kms-v3d "
                    "to /boot/firmware/config.txt and reboot");
}

static void test_pi5_dsi(void)
{
    static const int cards[] = {0, 1, 2, -1};
    setup("pi5-dsi", cards, 0660);
    struct cor_drm_user u = user(true);
    struct cor_drm_state s;
    cor_drm_read(sys_root, dev_root, &u, &s);
    CHECK_INT(s.n_cards, 3);
    int card = cor_drm_choose(&s);
    CHECK_INT(card, 1); /* the DSI panel's card, not the first, nor the HDMI card */
    CHECK_INT(s.cards[card].number, 1);
    CHECK_STR(s.cards[card].driver, "drm-rp1-dsi");
    CHECK_INT(cor_drm_diagnose(&s, card), COR_DRM_OK);
}

static void test_no_driver(void)
{
    setup("no-driver", pi4_cards, 0);
    struct cor_drm_user u = user(true);
    struct cor_drm_state s;
    cor_drm_read(sys_root, dev_root, &u, &s);
    CHECK(!s.has_dri);
    CHECK_INT(s.n_cards, 0);
    int card = cor_drm_choose(&s);
    CHECK_INT(cor_drm_diagnose(&s, card), COR_DRM_NO_DRI);
    char line[512];
    say(COR_DRM_NO_DRI, &s, card, &u, line, sizeof(line));
    CHECK_STR(line, "no /dev/dri: no graphics driver is loaded, so there is no screen to draw "
                    "on; on a Raspberry Pi, add dtoverlay=vc4-kms-v3d to "
                    "/boot/firmware/config.txt and reboot");

    /* The kernel has the card but /dev/dri does not show it: hidden from corridor. */
    static const int only0[] = {0, -1};
    setup("pi4-hdmi", only0, 0660);
    cor_drm_read(sys_root, dev_root, &u, &s);
    card = cor_drm_choose(&s);
    CHECK_INT(cor_drm_diagnose(&s, card), COR_DRM_NO_DRI);
    say(COR_DRM_NO_DRI, &s, card, &u, line, sizeof(line));
    CHECK_CONTAINS(line, "no /dev/dri/card1 although the kernel has it");
}

static void test_change(void)
{
    struct cor_drm_user u = user(true);
    struct cor_drm_state on, off, again;
    setup("pi4-hdmi", pi4_cards, 0660);
    cor_drm_read(sys_root, dev_root, &u, &on);
    cor_drm_read(sys_root, dev_root, &u, &again);
    setup("pi4-tv-off", pi4_cards, 0660);
    cor_drm_read(sys_root, dev_root, &u, &off);
    CHECK(cor_drm_same_links(&on, &again));
    CHECK(!cor_drm_same_links(&on, &off));
    char line[256];
    cor_drm_say_change(&on, &off, line, sizeof(line));
    CHECK_STR(line, "card1 HDMI-A-1 disconnected, was connected");
    cor_drm_say_change(&off, &on, line, sizeof(line));
    CHECK_STR(line, "card1 HDMI-A-1 connected, was disconnected");
    /* A card that appears (a DSI panel's driver loading late) is a change too. */
    static const int cards[] = {0, 1, 2, -1};
    setup("pi5-dsi", cards, 0660);
    struct cor_drm_state pi5;
    cor_drm_read(sys_root, dev_root, &u, &pi5);
    CHECK(!cor_drm_same_links(&on, &pi5));
}

/* The renderer: OpenGL ES 2 with an ES 2.0 context on the console, never software there;
 * SDL's accelerated one with a software fallback elsewhere; SDL_RENDER_DRIVER first. */
static void test_render_plan(void)
{
    struct cor_render_plan p = cor_render_plan_for("kmsdrm", NULL);
    CHECK_STR(p.driver, "opengles2");
    CHECK(p.gles2);
    CHECK(!p.software_fallback);
    CHECK_CONTAINS(p.why, "OpenGL ES (an ES 2.0 context, vsync)");
    p = cor_render_plan_for("kmsdrm", "");
    CHECK_STR(p.driver, "opengles2");
    p = cor_render_plan_for("kmsdrm", "opengl");
    CHECK(p.driver == NULL && !p.gles2 && !p.software_fallback);
    CHECK_STR(p.why, "named by SDL_RENDER_DRIVER");
    p = cor_render_plan_for("kmsdrm", "opengles2");
    CHECK(p.driver == NULL && p.gles2);
    p = cor_render_plan_for("x11", NULL);
    CHECK(p.driver == NULL && !p.gles2 && p.software_fallback);
    CHECK_STR(p.why, "SDL's accelerated renderer");
    p = cor_render_plan_for("dummy", "software");
    CHECK(p.driver == NULL && !p.gles2 && p.software_fallback);
}

int main(void)
{
    test_render_plan();
    snprintf(tmp, sizeof(tmp), "/tmp/corridor-test-drm-XXXXXX");
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 1;
    }
    test_pi4_playing();
    test_permission();
    test_tv_off();
    test_no_overlay();
    test_pi5_dsi();
    test_no_driver();
    test_change();
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmp);
    return CHECK_DONE();
}
