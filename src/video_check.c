/* video_check.c: a video slide's clip as `corridor check` and the loader judge it: probed, or its
 * first frame decoded, and a picture named as a clip said as such. Apart from schema_video.c,
 * which is pure and so holds neither SDL nor the picture decoders. */
#include <SDL.h>

#include "image.h"
#include "video.h"

bool cor_video_check(const char *path, bool decode, struct cor_video_info *info, bool *picture,
                     char *err, size_t size)
{
    bool ok;
    *picture = false;
    if (decode) {
        SDL_Surface *first = cor_video_still(path, 0, info, err, size);
        ok = first != NULL;
        SDL_FreeSurface(first);
    } else {
        ok = cor_video_probe(path, info, err, size);
    }
    char pic_err[256];
    if (!ok && cor_image_check(path, pic_err, sizeof(pic_err)))
        *picture = true;
    return ok;
}
