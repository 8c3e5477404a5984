/* drm.h: what the kernel says about the screens: the DRM cards in /sys/class/drm and their
 * connectors, /dev/dri and whether corridor may open it, which card to play on, and one sentence
 * for each reason a screen stays dark. Pure but for reading the folders it is given, so tests
 * run it on fixture folders. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define COR_DRM_MAX_CARDS      8
#define COR_DRM_MAX_CONNECTORS 12
#define COR_DRM_MAX_GROUPS     64

enum cor_drm_link {
    COR_DRM_DISCONNECTED,
    COR_DRM_CONNECTED,
    COR_DRM_UNKNOWN, /* the kernel cannot tell (some adapters, a TV in standby) */
};

struct cor_drm_connector {
    char name[32]; /* "HDMI-A-1", "DSI-1" (writeback connectors are left out) */
    enum cor_drm_link link;
};

struct cor_drm_card {
    int number;      /* N of /dev/dri/cardN */
    char driver[32]; /* the kernel driver ("vc4", "v3d"), or "" when unknown */
    int n_connectors;
    struct cor_drm_connector connectors[COR_DRM_MAX_CONNECTORS];
    bool has_node;           /* DEV/dri/cardN exists */
    bool can_open;           /* ...and the user may read and write it */
    char missing_group[32];  /* when not: the group that would let it ("video"), or "" */
};

struct cor_drm_state {
    bool has_dri; /* DEV/dri exists */
    int n_cards;  /* in number order */
    struct cor_drm_card cards[COR_DRM_MAX_CARDS];
};

/* Who opens the card: a user, its groups and its name (for the sentence). */
struct cor_drm_user {
    uid_t uid;
    gid_t gid;
    int n_groups;
    gid_t groups[COR_DRM_MAX_GROUPS];
    char name[32];
};

/* Fills WHO with this process's user and groups. */
void cor_drm_user_self(struct cor_drm_user *who);

/* Reads SYS_ROOT/class/drm and DEV_ROOT/dri ("/sys" and "/dev" on a real system) into OUT, as
 * WHO would find them. Missing folders are facts, not failures: the state then says so. */
void cor_drm_read(const char *sys_root, const char *dev_root, const struct cor_drm_user *who,
                  struct cor_drm_state *out);

/* The card to play on: the first with a connected display, else the first that drives any
 * display (it may be switched on later). Returns its index in S->cards, or -1 when no card
 * drives a display. */
int cor_drm_choose(const struct cor_drm_state *s);

enum cor_drm_problem {
    COR_DRM_OK,                /* a card drives a connected display that may be opened */
    COR_DRM_NO_DRI,            /* no /dev/dri: no graphics driver at all */
    COR_DRM_NO_KMS,            /* cards, but none drives a display (the KMS overlay missing) */
    COR_DRM_NO_PERMISSION,     /* the display card may not be opened by this user */
    COR_DRM_NOTHING_CONNECTED, /* a display card, but nothing connected to it */
    COR_DRM_HELD,              /* another program is the card's DRM master */
};

/* What stops S from showing a picture on card index CARD (from cor_drm_choose; -1: none).
 * HELD is never found here: see cor_drm_held. */
enum cor_drm_problem cor_drm_diagnose(const struct cor_drm_state *s, int card);

/* Writes the one journal line for PROBLEM on S's card index CARD, as WHO, into BUF (cut to
 * SIZE): what is wrong and what to do about it. */
void cor_drm_say(enum cor_drm_problem problem, const struct cor_drm_state *s, int card,
                 const struct cor_drm_user *who, char *buf, size_t size);

/* True when the display connectors of A and B are the same and in the same state. */
bool cor_drm_same_links(const struct cor_drm_state *a, const struct cor_drm_state *b);

/* Writes what changed from A to B ("HDMI-A-1 connected, was disconnected") into BUF. */
void cor_drm_say_change(const struct cor_drm_state *a, const struct cor_drm_state *b, char *buf,
                        size_t size);

/* Opens DEV_ROOT/dri/cardNUMBER and asks to be its DRM master, as a screen must be, then lets
 * go. Returns true when another program holds it (a desktop, another corridor); false when it
 * is free or cannot be asked (no such card, no permission: cor_drm_diagnose tells those). */
bool cor_drm_held(const char *dev_root, int number);
