/* model.c: names of the model's enums, for messages, status files and `explain`. */
#include "model.h"

const char *cor_slide_type_name(enum cor_slide_type type)
{
    switch (type) {
    case COR_SLIDE_SESSIONS:
        return "sessions";
    case COR_SLIDE_IMAGE:
        return "image";
    case COR_SLIDE_QUOTE:
        return "quote";
    case COR_SLIDE_TEXT:
        return "text";
    case COR_SLIDE_VIDEO:
        return "video";
    default:
        return "slide";
    }
}

const char *cor_transition_name(enum cor_transition t)
{
    switch (t) {
    case COR_TRANSITION_NONE:
        return "none";
    case COR_TRANSITION_FADE:
        return "fade";
    case COR_TRANSITION_SLIDE:
        return "slide";
    }
    return "none";
}

const char *cor_slide_label(const struct cor_slide *s)
{
    const char *label = NULL;
    switch (s->type) {
    case COR_SLIDE_QUOTE:
        label = s->name;
        break;
    case COR_SLIDE_IMAGE:
    case COR_SLIDE_VIDEO:
        label = s->file.name;
        break;
    case COR_SLIDE_SESSIONS:
    case COR_SLIDE_TEXT:
    case COR_SLIDE_TYPE_COUNT:
        label = s->title ? s->title : s->subtitle;
        break;
    }
    return label ? label : "";
}

const char *cor_field_key(enum cor_field f)
{
    static const char *const keys[COR_FIELD_COUNT] = {
        "title", "subtitle", "body", "text", "name", "role", "when_empty",
    };
    return f >= 0 && f < COR_FIELD_COUNT ? keys[f] : "text";
}

int cor_session_compare(const void *x, const void *y)
{
    const struct cor_session *a = x, *b = y;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    if (a->start_min != b->start_min)
        return a->start_min < b->start_min ? -1 : 1;
    if (a->pos.line != b->pos.line)
        return a->pos.line < b->pos.line ? -1 : 1;
    return a->pos.col < b->pos.col ? -1 : a->pos.col > b->pos.col;
}
