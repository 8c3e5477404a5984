/* drm.c: reading /sys/class/drm and /dev/dri, choosing the card with a display, and saying why
 * a screen stays dark. */
#include "drm.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* The kernel's DRM master requests (linux/drm.h: DRM_IO(0x1e), DRM_IO(0x1f)), without the
 * headers of libdrm. */
#define COR_DRM_SET_MASTER  _IO('d', 0x1e)
#define COR_DRM_DROP_MASTER _IO('d', 0x1f)

void cor_drm_user_self(struct cor_drm_user *who)
{
    memset(who, 0, sizeof(*who));
    who->uid = getuid();
    who->gid = getgid();
    int n = getgroups(COR_DRM_MAX_GROUPS, who->groups);
    who->n_groups = n < 0 ? 0 : n;
    struct passwd *pw = getpwuid(who->uid);
    if (pw && pw->pw_name)
        snprintf(who->name, sizeof(who->name), "%s", pw->pw_name);
    else
        snprintf(who->name, sizeof(who->name), "%u", (unsigned)who->uid);
}

/* N from "cardN" (digits only), or -1. */
static int card_number(const char *name)
{
    if (strncmp(name, "card", 4) != 0 || !name[4])
        return -1;
    char *end;
    errno = 0;
    long n = strtol(name + 4, &end, 10);
    if (*end || errno || n < 0 || n > 255 || name[4] < '0' || name[4] > '9')
        return -1;
    return (int)n;
}

static bool in_groups(const struct cor_drm_user *who, gid_t gid)
{
    if (who->gid == gid)
        return true;
    for (int i = 0; i < who->n_groups; i++)
        if (who->groups[i] == gid)
            return true;
    return false;
}

/* Whether WHO may read and write the node ST, and if not, the group that would let it. */
static void judge_node(const struct stat *st, const struct cor_drm_user *who,
                       struct cor_drm_card *c)
{
    const mode_t rw_user = S_IRUSR | S_IWUSR, rw_group = S_IRGRP | S_IWGRP;
    const mode_t rw_other = S_IROTH | S_IWOTH;
    if (who->uid == 0)
        c->can_open = true;
    else if (st->st_uid == who->uid)
        c->can_open = (st->st_mode & rw_user) == rw_user;
    else if (in_groups(who, st->st_gid))
        c->can_open = (st->st_mode & rw_group) == rw_group;
    else
        c->can_open = (st->st_mode & rw_other) == rw_other;
    c->missing_group[0] = '\0';
    if (c->can_open || in_groups(who, st->st_gid) || (st->st_mode & rw_group) != rw_group)
        return;
    struct group *g = getgrgid(st->st_gid);
    if (g && g->gr_name)
        snprintf(c->missing_group, sizeof(c->missing_group), "%s", g->gr_name);
    else
        snprintf(c->missing_group, sizeof(c->missing_group), "%u", (unsigned)st->st_gid);
}

static enum cor_drm_link read_link(const char *dir, const char *name)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof(path), "%s/%s/status", dir, name) >= (int)sizeof(path))
        return COR_DRM_UNKNOWN;
    FILE *f = fopen(path, "re");
    if (!f)
        return COR_DRM_UNKNOWN;
    char word[32] = "";
    bool got = fgets(word, sizeof(word), f) != NULL;
    fclose(f);
    if (!got)
        return COR_DRM_UNKNOWN;
    word[strcspn(word, "\n")] = '\0';
    if (strcmp(word, "connected") == 0)
        return COR_DRM_CONNECTED;
    if (strcmp(word, "disconnected") == 0)
        return COR_DRM_DISCONNECTED;
    return COR_DRM_UNKNOWN;
}

static void read_driver(const char *dir, struct cor_drm_card *c)
{
    char path[PATH_MAX], target[PATH_MAX];
    c->driver[0] = '\0';
    if (snprintf(path, sizeof(path), "%s/card%d/device/driver", dir, c->number) >=
        (int)sizeof(path))
        return;
    ssize_t n = readlink(path, target, sizeof(target) - 1);
    if (n <= 0)
        return;
    target[n] = '\0';
    const char *base = strrchr(target, '/');
    snprintf(c->driver, sizeof(c->driver), "%.31s", base ? base + 1 : target);
}

static struct cor_drm_card *card_of(struct cor_drm_state *s, int number, bool add)
{
    for (int i = 0; i < s->n_cards; i++)
        if (s->cards[i].number == number)
            return &s->cards[i];
    if (!add || s->n_cards == COR_DRM_MAX_CARDS)
        return NULL;
    struct cor_drm_card *c = &s->cards[s->n_cards++];
    memset(c, 0, sizeof(*c));
    c->number = number;
    return c;
}

static int by_number(const void *a, const void *b)
{
    const struct cor_drm_card *x = a, *y = b;
    return (x->number > y->number) - (x->number < y->number);
}

static int by_name(const void *a, const void *b)
{
    const struct cor_drm_connector *x = a, *y = b;
    return strcmp(x->name, y->name);
}

void cor_drm_read(const char *sys_root, const char *dev_root, const struct cor_drm_user *who,
                  struct cor_drm_state *out)
{
    memset(out, 0, sizeof(*out));
    char dir[PATH_MAX], path[PATH_MAX];
    struct stat st;
    snprintf(path, sizeof(path), "%s/dri", dev_root);
    out->has_dri = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    if (snprintf(dir, sizeof(dir), "%s/class/drm", sys_root) >= (int)sizeof(dir))
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        /* "cardN" is a card; "cardN-HDMI-A-1" one of its connectors. */
        char name[64];
        if (snprintf(name, sizeof(name), "%s", e->d_name) >= (int)sizeof(name))
            continue;
        char *dash = strchr(name, '-');
        if (dash)
            *dash = '\0';
        int number = card_number(name);
        if (number < 0)
            continue;
        struct cor_drm_card *c = card_of(out, number, true);
        if (!c || !dash)
            continue;
        const char *conn = dash + 1;
        if (!*conn || strncmp(conn, "Writeback", 9) == 0 ||
            c->n_connectors == COR_DRM_MAX_CONNECTORS)
            continue;
        struct cor_drm_connector *k = &c->connectors[c->n_connectors++];
        snprintf(k->name, sizeof(k->name), "%s", conn);
        k->link = read_link(dir, e->d_name);
    }
    closedir(d);
    qsort(out->cards, (size_t)out->n_cards, sizeof(out->cards[0]), by_number);
    for (int i = 0; i < out->n_cards; i++) {
        struct cor_drm_card *c = &out->cards[i];
        qsort(c->connectors, (size_t)c->n_connectors, sizeof(c->connectors[0]), by_name);
        read_driver(dir, c);
        snprintf(path, sizeof(path), "%s/dri/card%d", dev_root, c->number);
        c->has_node = stat(path, &st) == 0;
        if (c->has_node)
            judge_node(&st, who, c);
    }
}

static bool has_connected(const struct cor_drm_card *c)
{
    for (int i = 0; i < c->n_connectors; i++)
        if (c->connectors[i].link == COR_DRM_CONNECTED)
            return true;
    return false;
}

int cor_drm_choose(const struct cor_drm_state *s)
{
    for (int i = 0; i < s->n_cards; i++)
        if (has_connected(&s->cards[i]))
            return i;
    for (int i = 0; i < s->n_cards; i++)
        if (s->cards[i].n_connectors > 0)
            return i;
    return -1;
}

enum cor_drm_problem cor_drm_diagnose(const struct cor_drm_state *s, int card)
{
    if (!s->has_dri)
        return COR_DRM_NO_DRI;
    if (card < 0 || card >= s->n_cards)
        return s->n_cards == 0 ? COR_DRM_NO_DRI : COR_DRM_NO_KMS;
    const struct cor_drm_card *c = &s->cards[card];
    if (!c->has_node)
        return COR_DRM_NO_DRI;
    if (!c->can_open)
        return COR_DRM_NO_PERMISSION;
    if (!has_connected(c))
        return COR_DRM_NOTHING_CONNECTED;
    return COR_DRM_OK;
}

/* "card1 (vc4)" or "card1". */
static void card_label(const struct cor_drm_card *c, char *buf, size_t size)
{
    if (c->driver[0])
        snprintf(buf, size, "card%d (%s)", c->number, c->driver);
    else
        snprintf(buf, size, "card%d", c->number);
}

/* "HDMI-A-1 disconnected, HDMI-A-2 unknown". */
static void links_label(const struct cor_drm_card *c, char *buf, size_t size)
{
    static const char *const words[] = {"disconnected", "connected", "unknown"};
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < c->n_connectors && used < size; i++) {
        int n = snprintf(buf + used, size - used, "%s%s %s", i ? ", " : "",
                         c->connectors[i].name, words[c->connectors[i].link]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static const char kms_fix[] = "add dtoverlay=vc4-kms-v3d to /boot/firmware/config.txt and reboot";

void cor_drm_say(enum cor_drm_problem problem, const struct cor_drm_state *s, int card,
                 const struct cor_drm_user *who, char *buf, size_t size)
{
    const struct cor_drm_card *c = card >= 0 && card < s->n_cards ? &s->cards[card] : NULL;
    char label[64] = "", links[256] = "";
    if (c) {
        card_label(c, label, sizeof(label));
        links_label(c, links, sizeof(links));
    }
    switch (problem) {
    case COR_DRM_OK:
        snprintf(buf, size, "screen on %s: %s", label, links);
        break;
    case COR_DRM_NO_DRI:
        if (s->has_dri && c)
            snprintf(buf, size,
                     "no /dev/dri/card%d although the kernel has it: /dev/dri is hidden from "
                     "corridor (a container, or PrivateDevices=yes in a drop-in)",
                     c->number);
        else
            snprintf(buf, size,
                     "no /dev/dri: no graphics driver is loaded, so there is no screen to draw "
                     "on; on a Raspberry Pi, %s",
                     kms_fix);
        break;
    case COR_DRM_NO_KMS: {
        char cards[128] = "";
        size_t used = 0;
        for (int i = 0; i < s->n_cards && used < sizeof(cards); i++) {
            card_label(&s->cards[i], label, sizeof(label));
            int n = snprintf(cards + used, sizeof(cards) - used, "%s%s", i ? ", " : "", label);
            if (n < 0)
                break;
            used += (size_t)n;
        }
        snprintf(buf, size,
                 "no graphics card drives a display (%s: no connectors): the KMS display "
                 "driver is not loaded; on a Raspberry Pi, %s",
                 cards, kms_fix);
        break;
    }
    case COR_DRM_NO_PERMISSION:
        if (c && c->missing_group[0])
            snprintf(buf, size,
                     "user %s may not open /dev/dri/card%d: it is not in group %s (sudo adduser "
                     "%s %s, then restart corridor)",
                     who->name, c->number, c->missing_group, who->name, c->missing_group);
        else
            snprintf(buf, size,
                     "user %s may not open /dev/dri/card%d, and no group gives it the right "
                     "(ls -l /dev/dri shows who may; it should be group video, mode crw-rw----)",
                     who->name, c ? c->number : 0);
        break;
    case COR_DRM_NOTHING_CONNECTED:
        snprintf(buf, size,
                 "no connected display on %s (%s): is the screen switched on, on this input, "
                 "and its cable in the port nearest the power socket? A TV that is off at boot "
                 "needs video=HDMI-A-1:1920x1080@60D in /boot/firmware/cmdline.txt",
                 label, links[0] ? links : "no connectors");
        break;
    case COR_DRM_HELD:
        snprintf(buf, size,
                 "another program holds the display on /dev/dri/card%d: a desktop, or "
                 "corridor.service (systemctl status corridor); one program at a time can show "
                 "a picture there",
                 c ? c->number : 0);
        break;
    }
}

bool cor_drm_same_links(const struct cor_drm_state *a, const struct cor_drm_state *b)
{
    if (a->n_cards != b->n_cards)
        return false;
    for (int i = 0; i < a->n_cards; i++) {
        const struct cor_drm_card *x = &a->cards[i], *y = &b->cards[i];
        if (x->number != y->number || x->n_connectors != y->n_connectors)
            return false;
        for (int k = 0; k < x->n_connectors; k++)
            if (strcmp(x->connectors[k].name, y->connectors[k].name) != 0 ||
                x->connectors[k].link != y->connectors[k].link)
                return false;
    }
    return true;
}

void cor_drm_say_change(const struct cor_drm_state *a, const struct cor_drm_state *b, char *buf,
                        size_t size)
{
    static const char *const words[] = {"disconnected", "connected", "unknown"};
    for (int i = 0; i < b->n_cards; i++) {
        const struct cor_drm_card *y = &b->cards[i];
        const struct cor_drm_card *x = NULL;
        for (int j = 0; j < a->n_cards && !x; j++)
            if (a->cards[j].number == y->number)
                x = &a->cards[j];
        for (int k = 0; k < y->n_connectors; k++) {
            const struct cor_drm_connector *now = &y->connectors[k];
            const struct cor_drm_connector *was = NULL;
            for (int j = 0; x && j < x->n_connectors && !was; j++)
                if (strcmp(x->connectors[j].name, now->name) == 0)
                    was = &x->connectors[j];
            if (!was) {
                snprintf(buf, size, "card%d %s appeared, %s", y->number, now->name,
                         words[now->link]);
                return;
            }
            if (was->link != now->link) {
                snprintf(buf, size, "card%d %s %s, was %s", y->number, now->name,
                         words[now->link], words[was->link]);
                return;
            }
        }
    }
    snprintf(buf, size, "a display card or connector went away");
}

bool cor_drm_held(const char *dev_root, int number)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof(path), "%s/dri/card%d", dev_root, number) >= (int)sizeof(path))
        return false;
    int fd = open(path, O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return false;
    bool held = false;
    if (ioctl(fd, COR_DRM_SET_MASTER, 0) == 0)
        ioctl(fd, COR_DRM_DROP_MASTER, 0);
    else
        held = errno == EBUSY || errno == EACCES || errno == EPERM;
    close(fd);
    return held;
}
