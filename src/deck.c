/* deck.c: stepping through the slides that play, page by page, falling back when none does. */
#include "deck.h"

#include "schedule.h"

bool cor_deck_plays(const struct cor_deck_env *env, int i)
{
    if (!env->playlist || i < 0 || (size_t)i >= env->playlist->n_slides)
        return false;
    const struct cor_slide *s = &env->playlist->slides[i];
    return cor_schedule_slide(s, env->screen, env->now, env->clock_trusted) == COR_PLAYS &&
           (!env->can_show || env->can_show(env->ctx, s));
}

int cor_deck_find(const struct cor_deck_env *env, int from, int dir)
{
    if (!env->playlist || env->playlist->n_slides == 0)
        return -1;
    int n = (int)env->playlist->n_slides;
    int i = ((from % n) + n) % n;
    for (int k = 0; k < n; k++) {
        if (cor_deck_plays(env, i))
            return i;
        i = dir < 0 ? (i + n - 1) % n : (i + 1) % n;
    }
    return -1;
}

const struct cor_slide *cor_deck_slide(const struct cor_deck *d, const struct cor_deck_env *env)
{
    if (d->slide < 0 || !env->playlist || (size_t)d->slide >= env->playlist->n_slides)
        return NULL;
    return &env->playlist->slides[d->slide];
}

static int pages_of(const struct cor_deck_env *env, int slide)
{
    if (slide < 0 || !env->page_count)
        return 1;
    int n = env->page_count(env->ctx, &env->playlist->slides[slide], env->now);
    return n < 1 ? 1 : n;
}

static void put_up(struct cor_deck *d, const struct cor_deck_env *env, int slide, int page,
                   int64_t start_ms)
{
    d->slide = slide;
    d->pages = pages_of(env, slide);
    d->page = page < d->pages ? page : d->pages - 1;
    d->start_ms = start_ms;
    d->end_ms =
        slide < 0 ? INT64_MAX : start_ms + (int64_t)env->playlist->slides[slide].duration_ms;
}

void cor_deck_start(struct cor_deck *d, const struct cor_deck_env *env, int from, int64_t start_ms)
{
    put_up(d, env, cor_deck_find(env, from, +1), 0, start_ms);
}

enum cor_deck_change cor_deck_step(struct cor_deck *d, const struct cor_deck_env *env, int dir,
                                   int64_t start_ms)
{
    int old_slide = d->slide, old_page = d->page;
    if (d->slide >= 0 && cor_deck_plays(env, d->slide)) {
        int pages = pages_of(env, d->slide);
        if (dir > 0 && d->page + 1 < pages) {
            put_up(d, env, d->slide, d->page + 1, start_ms);
            return COR_DECK_MOVED;
        }
        if (dir < 0 && d->page > 0 && d->page - 1 < pages) {
            put_up(d, env, d->slide, d->page - 1, start_ms);
            return COR_DECK_MOVED;
        }
    }
    int from = d->slide < 0 ? (dir < 0 ? -1 : 0) : d->slide + (dir < 0 ? -1 : 1);
    put_up(d, env, cor_deck_find(env, from, dir), 0, start_ms);
    return d->slide == old_slide && d->page == old_page ? COR_DECK_SAME : COR_DECK_MOVED;
}

enum cor_deck_change cor_deck_revalidate(struct cor_deck *d, const struct cor_deck_env *env,
                                         int64_t now_ms)
{
    if (d->slide >= 0 && cor_deck_plays(env, d->slide)) {
        d->pages = pages_of(env, d->slide);
        if (d->page >= d->pages)
            d->page = d->pages - 1;
        return COR_DECK_REDRAW;
    }
    int from = d->slide < 0 ? 0 : d->slide + 1;
    int next = cor_deck_find(env, from, +1);
    if (next < 0 && d->slide < 0)
        return COR_DECK_REDRAW;
    put_up(d, env, next, 0, now_ms);
    return COR_DECK_MOVED;
}
