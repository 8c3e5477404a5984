/* identify.h: who a screen is, for the identify page an installer reads walking a ward: its
 * name, host name, addresses, playlist and version, and the text of the QR code that carries
 * them to a phone. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"

#define COR_IDENTITY_MAX_ADDRS 6
#define COR_IDENTITY_ADDR_LEN  64 /* an IPv6 address in text, with room to spare */

struct cor_identity {
    char name[128];                                       /* the screen's name (`screens:`) */
    char host[128];                                       /* the host name; "" when unknown */
    char addrs[COR_IDENTITY_MAX_ADDRS][COR_IDENTITY_ADDR_LEN]; /* IPv4 first, then IPv6 */
    size_t n_addrs;
    char mac[24]; /* the first network card's hardware address; "" when none */
    const char *playlist_path; /* not owned; NULL when none */
    const char *playlist_name; /* not owned; NULL when the playlist has none */
    const char *version;       /* corridor's version */
};

/* Fills ID with NAME (the screen's name), this machine's host name and addresses (getifaddrs:
 * IPv4 and global IPv6 of every interface that is up, loopback and link-local left out; the
 * first Ethernet or Wi-Fi card's MAC), the playlist and corridor's version. True when it
 * could read the addresses; false leaves them empty (logged by the caller). */
bool cor_identity_gather(struct cor_identity *id, const char *name, const char *playlist_path,
                         const char *playlist_name);

/* Replaces ID's host name, addresses and MAC with those in LIST, comma or space separated: each
 * item an IPv4 or IPv6 address, a MAC (six pairs of hex digits with ':' or '-'), or else the host
 * name (at most one). For pictures and tests that must not depend on the machine. False, with a
 * sentence in MSG naming the item, when an item is none of them or there are too many. */
bool cor_identity_set(struct cor_identity *id, const char *list, char *msg, size_t msg_size);

/* Whether A and B show the same on the page (a changed address is drawn again). */
bool cor_identity_same(const struct cor_identity *a, const struct cor_identity *b);

/* The QR code's text: one fact a line ("screen ward-12", "host ward-12", each address,
 * "mac ...", "playlist PATH", "corridor 0.1.0"), NUL-terminated in BUF. */
void cor_identity_text(const struct cor_identity *id, char *buf, size_t size);

/* The page's facts, in order, as label and value (BUF, SIZE bytes, holds the joined addresses).
 * Returns how many were written to OUT (at most MAX). */
size_t cor_identity_facts(const struct cor_identity *id, struct cor_layout_fact *out, size_t max,
                          char *buf, size_t size);
