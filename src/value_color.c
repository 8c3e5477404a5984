/* value_color.c: colours people type (hex, CSS names, rgb()) and their contrast as WCAG 2 has it.
 */
#include "value.h"
#include "value_priv.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Colours. The CSS colour names, in CSS's order. */
// clang-format off
static const struct named_color {
    const char *name;
    uint32_t rgb;
} css_colors[] = {
    {"aliceblue", 0xF0F8FF}, {"antiquewhite", 0xFAEBD7}, {"aqua", 0x00FFFF},
    {"aquamarine", 0x7FFFD4}, {"azure", 0xF0FFFF}, {"beige", 0xF5F5DC}, {"bisque", 0xFFE4C4},
    {"black", 0x000000}, {"blanchedalmond", 0xFFEBCD}, {"blue", 0x0000FF}, {"blueviolet", 0x8A2BE2},
    {"brown", 0xA52A2A}, {"burlywood", 0xDEB887}, {"cadetblue", 0x5F9EA0}, {"chartreuse", 0x7FFF00},
    {"chocolate", 0xD2691E}, {"coral", 0xFF7F50}, {"cornflowerblue", 0x6495ED},
    {"cornsilk", 0xFFF8DC}, {"crimson", 0xDC143C}, {"cyan", 0x00FFFF}, {"darkblue", 0x00008B},
    {"darkcyan", 0x008B8B}, {"darkgoldenrod", 0xB8860B}, {"darkgray", 0xA9A9A9},
    {"darkgreen", 0x006400}, {"darkgrey", 0xA9A9A9}, {"darkkhaki", 0xBDB76B},
    {"darkmagenta", 0x8B008B}, {"darkolivegreen", 0x556B2F}, {"darkorange", 0xFF8C00},
    {"darkorchid", 0x9932CC}, {"darkred", 0x8B0000}, {"darksalmon", 0xE9967A},
    {"darkseagreen", 0x8FBC8F}, {"darkslateblue", 0x483D8B}, {"darkslategray", 0x2F4F4F},
    {"darkslategrey", 0x2F4F4F}, {"darkturquoise", 0x00CED1}, {"darkviolet", 0x9400D3},
    {"deeppink", 0xFF1493}, {"deepskyblue", 0x00BFFF}, {"dimgray", 0x696969}, {"dimgrey", 0x696969},
    {"dodgerblue", 0x1E90FF}, {"firebrick", 0xB22222}, {"floralwhite", 0xFFFAF0},
    {"forestgreen", 0x228B22}, {"fuchsia", 0xFF00FF}, {"gainsboro", 0xDCDCDC},
    {"ghostwhite", 0xF8F8FF}, {"gold", 0xFFD700}, {"goldenrod", 0xDAA520}, {"gray", 0x808080},
    {"green", 0x008000}, {"greenyellow", 0xADFF2F}, {"grey", 0x808080}, {"honeydew", 0xF0FFF0},
    {"hotpink", 0xFF69B4}, {"indianred", 0xCD5C5C}, {"indigo", 0x4B0082}, {"ivory", 0xFFFFF0},
    {"khaki", 0xF0E68C}, {"lavender", 0xE6E6FA}, {"lavenderblush", 0xFFF0F5},
    {"lawngreen", 0x7CFC00}, {"lemonchiffon", 0xFFFACD}, {"lightblue", 0xADD8E6},
    {"lightcoral", 0xF08080}, {"lightcyan", 0xE0FFFF}, {"lightgoldenrodyellow", 0xFAFAD2},
    {"lightgray", 0xD3D3D3}, {"lightgreen", 0x90EE90}, {"lightgrey", 0xD3D3D3},
    {"lightpink", 0xFFB6C1}, {"lightsalmon", 0xFFA07A}, {"lightseagreen", 0x20B2AA},
    {"lightskyblue", 0x87CEFA}, {"lightslategray", 0x778899}, {"lightslategrey", 0x778899},
    {"lightsteelblue", 0xB0C4DE}, {"lightyellow", 0xFFFFE0}, {"lime", 0x00FF00},
    {"limegreen", 0x32CD32}, {"linen", 0xFAF0E6}, {"magenta", 0xFF00FF}, {"maroon", 0x800000},
    {"mediumaquamarine", 0x66CDAA}, {"mediumblue", 0x0000CD}, {"mediumorchid", 0xBA55D3},
    {"mediumpurple", 0x9370DB}, {"mediumseagreen", 0x3CB371}, {"mediumslateblue", 0x7B68EE},
    {"mediumspringgreen", 0x00FA9A}, {"mediumturquoise", 0x48D1CC}, {"mediumvioletred", 0xC71585},
    {"midnightblue", 0x191970}, {"mintcream", 0xF5FFFA}, {"mistyrose", 0xFFE4E1},
    {"moccasin", 0xFFE4B5}, {"navajowhite", 0xFFDEAD}, {"navy", 0x000080}, {"oldlace", 0xFDF5E6},
    {"olive", 0x808000}, {"olivedrab", 0x6B8E23}, {"orange", 0xFFA500}, {"orangered", 0xFF4500},
    {"orchid", 0xDA70D6}, {"palegoldenrod", 0xEEE8AA}, {"palegreen", 0x98FB98},
    {"paleturquoise", 0xAFEEEE}, {"palevioletred", 0xDB7093}, {"papayawhip", 0xFFEFD5},
    {"peachpuff", 0xFFDAB9}, {"peru", 0xCD853F}, {"pink", 0xFFC0CB}, {"plum", 0xDDA0DD},
    {"powderblue", 0xB0E0E6}, {"purple", 0x800080}, {"rebeccapurple", 0x663399}, {"red", 0xFF0000},
    {"rosybrown", 0xBC8F8F}, {"royalblue", 0x4169E1}, {"saddlebrown", 0x8B4513},
    {"salmon", 0xFA8072}, {"sandybrown", 0xF4A460}, {"seagreen", 0x2E8B57}, {"seashell", 0xFFF5EE},
    {"sienna", 0xA0522D}, {"silver", 0xC0C0C0}, {"skyblue", 0x87CEEB}, {"slateblue", 0x6A5ACD},
    {"slategray", 0x708090}, {"slategrey", 0x708090}, {"snow", 0xFFFAFA}, {"springgreen", 0x00FF7F},
    {"steelblue", 0x4682B4}, {"tan", 0xD2B48C}, {"teal", 0x008080}, {"thistle", 0xD8BFD8},
    {"tomato", 0xFF6347}, {"turquoise", 0x40E0D0}, {"violet", 0xEE82EE}, {"wheat", 0xF5DEB3},
    {"white", 0xFFFFFF}, {"whitesmoke", 0xF5F5F5}, {"yellow", 0xFFFF00}, {"yellowgreen", 0x9ACD32},
    {NULL, 0},
};
// clang-format on

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Reads the N hex digits at P (folded, so lower case): RGB, RGBA, RRGGBB or RRGGBBAA. */
static void color_from_hex(const char *p, size_t n, struct cor_color *out)
{
    uint8_t v[4] = {0, 0, 0, 255};
    size_t per = n <= 4 ? 1 : 2;
    for (size_t i = 0; i < n / per; i++) {
        int hi = hex_value(p[i * per]);
        int lo = per == 2 ? hex_value(p[i * per + 1]) : hi;
        v[i] = (uint8_t)(hi * 16 + lo);
    }
    out->r = v[0];
    out->g = v[1];
    out->b = v[2];
    out->a = v[3];
}

/* "rgb(0, 94, 184)", "rgb(0 94 184 / 50%)", "rgba(0, 94, 184, 0.5)". */
static bool color_rgb(const struct text *t, size_t open, struct cor_color *out, char *err,
                      size_t size)
{
    double v[4] = {0, 0, 0, 1};
    int count = 0;
    const char *p = t->s + open + 1;
    const char *close = strchr(p, ')');

    if (!close || close[1] != '\0')
        goto refuse;
    while (p < close) {
        if (*p == ' ' || *p == ',' || *p == '/') {
            p++;
            continue;
        }
        if (count == 4)
            goto refuse;
        const char *q = p;
        size_t digits = 0;
        while (isdigit((unsigned char)*q) || *q == '.')
            digits += isdigit((unsigned char)*q++) ? 1 : 0;
        if (*p == '-') {
            cor_say(err, size,
                    "'%s' is not a colour: a number is below 0; write numbers from 0 "
                    "to 255, as in rgb(0, 94, 184)",
                    t->shown);
            return false;
        }
        if (digits == 0)
            goto refuse;
        errno = 0;
        char *end;
        double x = strtod(p, &end);
        if (errno != 0 || end != q || !isfinite(x))
            goto refuse;
        bool percent = *q == '%';
        if (percent)
            q++;
        if (*q != ' ' && *q != ',' && *q != '/' && q != close)
            goto refuse;
        double max = count == 3 ? (percent ? 100 : 1) : (percent ? 100 : 255);
        if (x > max) {
            if (count == 3)
                cor_say(err, size,
                        "'%s' is not a colour: the opacity %.*s is more than %s; write "
                        "it from 0 to 1, as in rgba(0, 94, 184, 0.5)",
                        t->shown, (int)(q - p), p, percent ? "100%" : "1");
            else
                cor_say(err, size,
                        "'%s' is not a colour: %.*s is more than %s; write numbers from "
                        "0 to 255, as in rgb(0, 94, 184)",
                        t->shown, (int)(q - p), p, percent ? "100%" : "255");
            return false;
        }
        v[count] = percent ? x / 100 * (count == 3 ? 1 : 255) : x;
        count++;
        p = q;
    }
    if (count < 3) {
        cor_say(err, size,
                "'%s' is not a colour: rgb needs three numbers from 0 to 255; write "
                "rgb(0, 94, 184)",
                t->shown);
        return false;
    }
    out->r = (uint8_t)lround(v[0]);
    out->g = (uint8_t)lround(v[1]);
    out->b = (uint8_t)lround(v[2]);
    out->a = (uint8_t)lround(v[3] * 255);
    return true;
refuse:
    cor_say(err, size, "'%s' is not a colour; write rgb(0, 94, 184), %s", t->shown, WRITE_COLOR);
    return false;
}

bool cor_parse_color(const char *s, struct cor_color *out, char *err, size_t err_size)
{
    struct text t;
    if (!cor_value_text_init(&t, s, "a colour", "write " WRITE_COLOR, err, err_size))
        return false;

    const char *p = t.s;
    bool hash = *p == '#';
    if (hash && p[1] == ' ')
        p++; /* "# 005EB8" */
    size_t n = strspn(p + hash, "0123456789abcdef");
    if (hash || (p[n] == '\0' && (n == 6 || n == 8))) {
        p += hash;
        if (p[n] != '\0') {
            size_t at = (size_t)(p + n - t.s);
            cor_say(err, err_size,
                    "'%s' is not a colour: '%.*s' is not a hex digit; after the # "
                    "write 0-9 and A-F only, as in \"#005EB8\"",
                    t.shown, (int)(t.map[at + 1] - t.map[at]), t.shown + t.map[at]);
            return false;
        }
        if (n != 3 && n != 4 && n != 6 && n != 8) {
            cor_say(err, err_size,
                    "'%s' is not a colour: it has %zu hex digits; write 6 after the "
                    "#, as in \"#005EB8\"",
                    t.shown, n);
            return false;
        }
        color_from_hex(p, n, out);
        return true;
    }
    if (p[n] == '\0' && (n == 3 || n == 4)) {
        cor_say(err, err_size,
                "'%s' is not a colour; did you mean \"#%s\"? Write the # too, "
                "inside quotes",
                t.shown, t.shown);
        return false;
    }
    size_t open = strncmp(p, "rgba", 4) == 0 ? 4 : strncmp(p, "rgb", 3) == 0 ? 3 : 0;
    if (open && p[open] == ' ')
        open++;
    if (open && p[open] == '(')
        return color_rgb(&t, open, out, err, err_size);

    /* A name; "Dark Blue", "dark-blue" and "dark_blue" are darkblue. */
    char name[TEXT_MAX + 1];
    size_t k = 0;
    for (; *p; p++)
        if (*p != ' ' && *p != '-' && *p != '_')
            name[k++] = *p;
    name[k] = '\0';
    for (const struct named_color *c = css_colors; c->name; c++) {
        if (strcmp(c->name, name) == 0) {
            out->r = (uint8_t)(c->rgb >> 16);
            out->g = (uint8_t)(c->rgb >> 8);
            out->b = (uint8_t)c->rgb;
            out->a = 255;
            return true;
        }
    }
    const char *near = cor_value_nearest_in(name, css_colors, sizeof(css_colors[0]));
    if (near)
        cor_say(err, err_size, "'%s' is not a colour; did you mean '%s'? Write " WRITE_COLOR,
                t.shown, near);
    else
        cor_say(err, err_size, "'%s' is not a colour; write " WRITE_COLOR, t.shown);
    return false;
}

/* Contrast, as WCAG 2 defines it. */
static double channel_light(uint8_t c)
{
    double v = c / 255.0;
    return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(struct cor_color c)
{
    return 0.2126 * channel_light(c.r) + 0.7152 * channel_light(c.g) + 0.0722 * channel_light(c.b);
}

double cor_contrast_ratio(struct cor_color a, struct cor_color b)
{
    double la = luminance(a), lb = luminance(b);
    double hi = la > lb ? la : lb, lo = la > lb ? lb : la;
    return (hi + 0.05) / (lo + 0.05);
}
