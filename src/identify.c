/* identify.c: the screen's identity for the identify page: the machine's names and addresses
 * (getifaddrs), or a fixed set given for pictures and tests, and the words and QR text made of
 * them. */
#define _GNU_SOURCE
#include "identify.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "config.h"

static void copy(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

static void add_addr(struct cor_identity *id, const char *text)
{
    for (size_t i = 0; i < id->n_addrs; i++)
        if (strcmp(id->addrs[i], text) == 0)
            return;
    if (id->n_addrs < COR_IDENTITY_MAX_ADDRS)
        copy(id->addrs[id->n_addrs++], COR_IDENTITY_ADDR_LEN, text);
}

/* An IPv6 address worth showing: not loopback, not link-local (fe80::/10), not unspecified. */
static bool shown_v6(const struct in6_addr *a)
{
    return !IN6_IS_ADDR_LOOPBACK(a) && !IN6_IS_ADDR_LINKLOCAL(a) && !IN6_IS_ADDR_UNSPECIFIED(a) &&
           !IN6_IS_ADDR_MULTICAST(a);
}

static void format_mac(const unsigned char *m, char *buf, size_t size)
{
    snprintf(buf, size, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

bool cor_identity_gather(struct cor_identity *id, const char *name, const char *playlist_path,
                         const char *playlist_name)
{
    memset(id, 0, sizeof(*id));
    copy(id->name, sizeof(id->name), name);
    if (gethostname(id->host, sizeof(id->host) - 1) != 0)
        id->host[0] = '\0';
    id->playlist_path = playlist_path;
    id->playlist_name = playlist_name;
    id->version = CORRIDOR_VERSION;
    struct ifaddrs *all;
    if (getifaddrs(&all) != 0)
        return false;
    /* IPv4 first: it is what most people type; then IPv6. */
    for (int family = 0; family < 3; family++) {
        for (struct ifaddrs *i = all; i; i = i->ifa_next) {
            if (!i->ifa_addr || !(i->ifa_flags & IFF_UP) || (i->ifa_flags & IFF_LOOPBACK))
                continue;
            char text[INET6_ADDRSTRLEN];
            int af = i->ifa_addr->sa_family;
            if (family == 0 && af == AF_INET) {
                const struct sockaddr_in *a = (const void *)i->ifa_addr;
                if (inet_ntop(AF_INET, &a->sin_addr, text, sizeof(text)))
                    add_addr(id, text);
            } else if (family == 1 && af == AF_INET6) {
                const struct sockaddr_in6 *a = (const void *)i->ifa_addr;
                if (shown_v6(&a->sin6_addr) && inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof(text)))
                    add_addr(id, text);
            } else if (family == 2 && af == AF_PACKET && !id->mac[0]) {
                const struct sockaddr_ll *ll = (const void *)i->ifa_addr;
                static const unsigned char zero[6];
                if (ll->sll_halen == 6 && memcmp(ll->sll_addr, zero, 6) != 0)
                    format_mac(ll->sll_addr, id->mac, sizeof(id->mac));
            }
        }
    }
    freeifaddrs(all);
    return true;
}

/* Whether S is a MAC address: six pairs of hex digits joined by ':' or '-'. */
static bool is_mac(const char *s)
{
    if (strlen(s) != 17)
        return false;
    for (int i = 0; i < 17; i++) {
        bool sep = i % 3 == 2;
        if (sep ? (s[i] != ':' && s[i] != '-') : !isxdigit((unsigned char)s[i]))
            return false;
    }
    return true;
}

/* Whether S can be a host name: letters, digits, '-' and '.', not starting with '-', and not
 * digits and dots alone (a mistyped IPv4 address). */
static bool is_host(const char *s)
{
    if (!s[0] || s[0] == '-' || strlen(s) > 63)
        return false;
    bool letter = false;
    for (const char *p = s; *p; p++) {
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.')
            return false;
        letter |= isalpha((unsigned char)*p) || *p == '-';
    }
    return letter;
}

bool cor_identity_set(struct cor_identity *id, const char *list, char *msg, size_t msg_size)
{
    struct cor_identity fresh = *id;
    fresh.host[0] = fresh.mac[0] = '\0';
    fresh.n_addrs = 0;
    bool has_host = false;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ", \t");
        if (n == 0) {
            p++;
            continue;
        }
        char item[COR_IDENTITY_ADDR_LEN];
        if (n >= sizeof(item)) {
            snprintf(msg, msg_size, "'%.20s...' is too long for an address or a host name", p);
            return false;
        }
        memcpy(item, p, n);
        item[n] = '\0';
        p += n;
        unsigned char bin[sizeof(struct in6_addr)];
        if (inet_pton(AF_INET, item, bin) == 1 || inet_pton(AF_INET6, item, bin) == 1) {
            if (fresh.n_addrs == COR_IDENTITY_MAX_ADDRS) {
                snprintf(msg, msg_size, "more than %d addresses; the page shows at most %d",
                         COR_IDENTITY_MAX_ADDRS, COR_IDENTITY_MAX_ADDRS);
                return false;
            }
            add_addr(&fresh, item);
        } else if (is_mac(item)) {
            for (char *c = item; *c; c++)
                *c = *c == '-' ? ':' : (char)tolower((unsigned char)*c);
            copy(fresh.mac, sizeof(fresh.mac), item);
        } else if (is_host(item) && !has_host) {
            copy(fresh.host, sizeof(fresh.host), item);
            has_host = true;
        } else {
            snprintf(msg, msg_size,
                     "'%s' is not an IPv4 or IPv6 address, a MAC address (aa:bb:cc:dd:ee:ff) or "
                     "a host name%s",
                     item, has_host ? " (one host name only)" : "");
            return false;
        }
    }
    *id = fresh;
    return true;
}

static bool same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

bool cor_identity_same(const struct cor_identity *a, const struct cor_identity *b)
{
    if (a->n_addrs != b->n_addrs || !same_text(a->name, b->name) ||
        !same_text(a->host, b->host) || !same_text(a->mac, b->mac) ||
        !same_text(a->playlist_path, b->playlist_path) ||
        !same_text(a->playlist_name, b->playlist_name) || !same_text(a->version, b->version))
        return false;
    for (size_t i = 0; i < a->n_addrs; i++)
        if (strcmp(a->addrs[i], b->addrs[i]) != 0)
            return false;
    return true;
}

/* Appends a line "KEY VALUE" to BUF when VALUE is not empty. */
static void line(char *buf, size_t size, const char *key, const char *value)
{
    size_t used = strlen(buf);
    if (!value || !value[0] || used >= size)
        return;
    snprintf(buf + used, size - used, "%s%s%s%s", used ? "\n" : "", key, key[0] ? " " : "",
             value);
}

void cor_identity_text(const struct cor_identity *id, char *buf, size_t size)
{
    if (!size)
        return;
    buf[0] = '\0';
    line(buf, size, "screen", id->name);
    line(buf, size, "host", id->host);
    for (size_t i = 0; i < id->n_addrs; i++)
        line(buf, size, "", id->addrs[i]);
    line(buf, size, "mac", id->mac);
    line(buf, size, "playlist", id->playlist_path);
    line(buf, size, "corridor", id->version);
}

size_t cor_identity_facts(const struct cor_identity *id, struct cor_layout_fact *out, size_t max,
                          char *buf, size_t size)
{
    size_t n = 0;
    if (size)
        buf[0] = '\0';
    if (id->host[0] && n < max)
        out[n++] = (struct cor_layout_fact){"Host name", id->host};
    if (size) {
        for (size_t i = 0; i < id->n_addrs; i++) {
            size_t used = strlen(buf);
            snprintf(buf + used, size - used, "%s%s", i ? "\n" : "", id->addrs[i]);
        }
    }
    if (n < max)
        out[n++] = (struct cor_layout_fact){id->n_addrs > 1 ? "Addresses" : "Address",
                                            id->n_addrs && size ? buf : "none yet (no network)"};
    if (id->mac[0] && n < max)
        out[n++] = (struct cor_layout_fact){"MAC", id->mac};
    if (n < max)
        out[n++] = (struct cor_layout_fact){
            "Playlist", id->playlist_name && id->playlist_name[0] ? id->playlist_name
                        : id->playlist_path                       ? id->playlist_path
                                                                  : "none"};
    if (id->playlist_name && id->playlist_name[0] && id->playlist_path && n < max)
        out[n++] = (struct cor_layout_fact){"File", id->playlist_path};
    if (n < max)
        out[n++] = (struct cor_layout_fact){"corridor", id->version};
    return n;
}
