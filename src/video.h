/* video.h: video slides' clips: probing a file, one still frame, and playing a clip on a
 * decoder thread that keeps a bounded queue of frames for the drawing thread. Built without
 * FFmpeg's libraries (-DCORRIDOR_VIDEO=OFF) every call fails with a sentence saying so. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct SDL_Renderer;
struct SDL_Surface;
struct SDL_Texture;

/* What a clip is, as its container and first video stream say. */
struct cor_video_info {
    char container[32]; /* "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", ... */
    char codec[32];     /* "h264", "hevc", ... */
    int w, h;           /* pixels */
    double fps;         /* frames a second, 0 when the file does not say */
    int bit_depth;      /* bits a colour component: 8, 10 */
    int64_t duration_ms; /* -1 when the file does not say */
};

/* Largest clip corridor opens: side and pixels of a frame. */
#define COR_VIDEO_MAX_SIDE   8192
#define COR_VIDEO_MAX_PIXELS (8192u * 4320u)

/* Whether this build plays video. */
bool cor_video_built(void);

/* Opens PATH and reads its first video stream's facts into INFO. False with a sentence in ERR
 * ("is not a video corridor can read (...)") when it is not a clip corridor can play. */
bool cor_video_probe(const char *path, struct cor_video_info *info, char *err, size_t size);

/* The frame shown AT_MS into the clip (past its end: its last frame) as a new ARGB8888 surface,
 * or NULL with a sentence in ERR. INFO (may be NULL) receives the probe's facts. */
struct SDL_Surface *cor_video_still(const char *path, int64_t at_ms, struct cor_video_info *info,
                                    char *err, size_t size);

/* ---- pure timing (video_time.c) ---------------------------------------------------------- */

/* How long a video slide lasts: DURATION_MS when the playlist gave one, else the FADE_MS that
 * brings it in (its clip holds its first frame meanwhile) and LOOPS (>= 1) times the clip's
 * CLIP_MS; FALLBACK_MS when the clip's length is unknown. */
uint32_t cor_video_slide_ms(bool duration_given, uint32_t duration_ms, int64_t clip_ms,
                            unsigned loops, uint32_t fade_ms, uint32_t fallback_ms);

/* Where in the clip (ms from its start) the picture is T_MS after the slide went up, playing it
 * LOOPS times (0: as long as the slide lasts); after the last loop the last frame stays. CLIP_MS
 * <= 0 (unknown) plays straight on. */
int64_t cor_video_clip_pos(int64_t t_ms, int64_t clip_ms, unsigned loops);

/* What a Pi cannot play smoothly: false with a sentence in BUF (what to export instead) when
 * INFO is 4K, more than 8 bits, a codec other than H.264 or HEVC, or faster than DISPLAY_HZ
 * (0: not known). True when the clip is fine. */
bool cor_video_advice(const struct cor_video_info *info, double display_hz, char *buf,
                      size_t size);

/* ---- playing ----------------------------------------------------------------------------- */

struct cor_video;

enum cor_video_state {
    COR_VIDEO_STARTING, /* no frame yet */
    COR_VIDEO_PLAYING,
    COR_VIDEO_ENDED,   /* every loop played; the last frame stays */
    COR_VIDEO_STALLED, /* no frame for COR_VIDEO_STALL_MS; the last good frame stays */
    COR_VIDEO_BROKEN,  /* the file broke during play; the last good frame stays */
};

#define COR_VIDEO_STALL_MS 3000
/* Frames the decoder thread keeps ready. */
#define COR_VIDEO_QUEUE 4

/* Starts decoding PATH on its own thread, LOOPS times (0: until closed). The first frame is
 * decoded at once, so a clip opened while the slide before it is up starts on a real picture.
 * HW names a hardware path to try first ("v4l2m2m", "drm"; NULL or "" for software only); it
 * falls back to software when it is missing or fails. The decoder chosen is logged. NULL when
 * out of memory or the thread cannot start (logged); a file that cannot be read gives a clip in
 * the BROKEN state. Free with cor_video_close. */
struct cor_video *cor_video_open(const char *path, unsigned loops, const char *hw);
void cor_video_close(struct cor_video *v);

/* Waits up to TIMEOUT_MS for the first frame; true when it is there. */
bool cor_video_wait_first(struct cor_video *v, int timeout_ms);

/* The picture for T_MS after the slide went up, uploaded into a YUV texture of SDL (made on
 * first use; the caller's thread must own SDL). Frames whose time passed unseen are dropped and
 * counted. NULL before the first frame. *NEXT_MS (may be NULL) receives when the next frame is
 * due (slide time), T_MS when the decoder has not made it yet (ask again soon), or -1 when none
 * will come. */
struct SDL_Texture *cor_video_texture(struct cor_video *v, struct SDL_Renderer *sdl, int64_t t_ms,
                                      int64_t *next_ms);

/* check's look at a clip (video_check.c): probed, or with DECODE its first frame decoded too;
 * false with a sentence in ERR when it cannot play, and *PICTURE when the file is a picture. */
bool cor_video_check(const char *path, bool decode, struct cor_video_info *info, bool *picture,
                     char *err, size_t size);

/* The clip's state; a stalled or broken clip puts why into WHY (may be NULL). */
enum cor_video_state cor_video_state(struct cor_video *v, int64_t t_ms, char *why, size_t size);

/* Frames every clip dropped since the program started. */
unsigned long cor_video_dropped_total(void);

/* Frames dropped so far, frames shown, and the decoder's name ("h264", "h264_v4l2m2m"). */
unsigned cor_video_dropped(const struct cor_video *v);
unsigned cor_video_shown(const struct cor_video *v);
const char *cor_video_decoder(const struct cor_video *v);
