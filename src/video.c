/* video.c: clips for video slides through FFmpeg's libraries: probing, one still frame, and a
 * decoder thread per playing clip that keeps at most COR_VIDEO_QUEUE frames ready for the
 * drawing thread, which uploads them into YUV or NV12 textures. Sound is never decoded. A build
 * without FFmpeg's libraries has video_none.c instead. */
#include "video.h"

#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>

#include "log.h"

#define TAG "video"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/hwcontext.h>
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>

/* A probe or still gives up after this long (a file on a share that stopped answering). */
#define OPEN_TIMEOUT_MS 10000
/* The containers corridor opens (FFmpeg's names): MP4 and QuickTime, Matroska and WebM, MPEG
 * transport streams, AVI, bare H.264 and HEVC streams, and raw YUV4MPEG. */
#define FORMATS "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,mpegts,avi,h264,hevc,yuv4mpegpipe"
/* Corrupt packets in a row before a clip counts as broken. */
#define MAX_BAD_PACKETS 200

bool cor_video_built(void)
{
    return true;
}

/* ---- one open clip: container, stream, decoder -------------------------------------------- */

struct dec {
    AVFormatContext *fmt;
    AVCodecContext *codec;
    AVPacket *pkt;
    AVFrame *frame, *sw;
    int stream;
    AVRational tb;
    int64_t start_pts;
    bool eof, drained;
    bool hw; /* a hardware decoder is open (counted in hw_open) */
    int bad;
    const volatile bool *stop; /* set by the owner to break a blocking read */
    uint64_t deadline_ms;      /* 0: none */
    char name[48];
};

static SDL_atomic_t hw_open; /* hardware decoders open now: the Pi has one block */
static SDL_atomic_t dropped_total;

unsigned long cor_video_dropped_total(void)
{
    return (unsigned long)(unsigned)SDL_AtomicGet(&dropped_total);
}

static int interrupted(void *ctx)
{
    const struct dec *d = ctx;
    if (d->stop && *d->stop)
        return 1;
    return d->deadline_ms && SDL_GetTicks64() > d->deadline_ms;
}

static void say_av(char *err, size_t size, const char *what, int code)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = "";
    av_strerror(code, buf, sizeof(buf));
    snprintf(err, size, "%s (%s)", what, buf);
}

static void dec_close(struct dec *d)
{
    if (d->hw)
        SDL_AtomicAdd(&hw_open, -1);
    d->hw = false;
    avcodec_free_context(&d->codec);
    avformat_close_input(&d->fmt);
    av_packet_free(&d->pkt);
    av_frame_free(&d->frame);
    av_frame_free(&d->sw);
}

static bool is_regular(const char *path, char *err, size_t size)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, size, "cannot be read (%s)", strerror(errno));
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, size, "is not a file (a folder or a device); name the clip's file");
        return false;
    }
    if (st.st_size == 0) {
        snprintf(err, size, "is empty (0 bytes); copy the clip again");
        return false;
    }
    return true;
}

/* Opens the container and finds its video stream; other streams (sound) are discarded. */
static bool dec_open_input(struct dec *d, const char *path, char *err, size_t size)
{
    av_log_set_level(AV_LOG_QUIET);
    if (!is_regular(path, err, size))
        return false;
    d->fmt = avformat_alloc_context();
    if (!d->fmt) {
        snprintf(err, size, "cannot be opened: out of memory");
        return false;
    }
    d->fmt->interrupt_callback = (AVIOInterruptCB){interrupted, d};
    d->fmt->probesize = 8 * 1024 * 1024;
    /* Clip containers only, from the file itself: a "clip" that is a playlist of other files or
     * addresses (HLS, concat), which could name itself and play forever, is not one. */
    d->fmt->format_whitelist = av_strdup(FORMATS);
    d->fmt->protocol_whitelist = av_strdup("file");
    if (!d->fmt->format_whitelist || !d->fmt->protocol_whitelist) {
        avformat_free_context(d->fmt);
        d->fmt = NULL;
        snprintf(err, size, "cannot be opened: out of memory");
        return false;
    }
    d->fmt->max_analyze_duration = 5 * AV_TIME_BASE;
    int rc = avformat_open_input(&d->fmt, path, NULL, NULL);
    if (rc < 0) {
        say_av(err, size, "is not a video corridor can read", rc);
        return false; /* avformat_open_input freed the context */
    }
    rc = avformat_find_stream_info(d->fmt, NULL);
    if (rc < 0) {
        say_av(err, size, "is not a video corridor can read", rc);
        return false;
    }
    d->stream = av_find_best_stream(d->fmt, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
    if (d->stream < 0) {
        snprintf(err, size, "holds no video (sound or pictures only); export it as an MP4 video");
        return false;
    }
    for (unsigned i = 0; i < d->fmt->nb_streams; i++)
        if ((int)i != d->stream)
            d->fmt->streams[i]->discard = AVDISCARD_ALL;
    AVStream *st = d->fmt->streams[d->stream];
    const AVCodecParameters *par = st->codecpar;
    if (par->width <= 0 || par->height <= 0 || par->width > COR_VIDEO_MAX_SIDE ||
        par->height > COR_VIDEO_MAX_SIDE ||
        (uint64_t)par->width * (uint64_t)par->height > COR_VIDEO_MAX_PIXELS) {
        snprintf(err, size,
                 "says its frames are %dx%d; corridor plays clips of up to %dx%d: export it "
                 "again as 1080p",
                 par->width, par->height, COR_VIDEO_MAX_SIDE, COR_VIDEO_MAX_SIDE);
        return false;
    }
    d->tb = st->time_base;
    d->start_pts = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
    return true;
}

static void fill_info(const struct dec *d, struct cor_video_info *info)
{
    memset(info, 0, sizeof(*info));
    const AVStream *st = d->fmt->streams[d->stream];
    const AVCodecParameters *par = st->codecpar;
    snprintf(info->container, sizeof(info->container), "%s", d->fmt->iformat->name);
    const AVCodecDescriptor *desc = avcodec_descriptor_get(par->codec_id);
    snprintf(info->codec, sizeof(info->codec), "%s", desc ? desc->name : "unknown");
    info->w = par->width;
    info->h = par->height;
    AVRational r = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
    info->fps = r.num > 0 && r.den > 0 ? av_q2d(r) : 0;
    const AVPixFmtDescriptor *pd = av_pix_fmt_desc_get((enum AVPixelFormat)par->format);
    info->bit_depth = pd ? pd->comp[0].depth : 8;
    if (st->duration != AV_NOPTS_VALUE && st->duration > 0)
        info->duration_ms = av_rescale_q(st->duration, st->time_base, (AVRational){1, 1000});
    else if (d->fmt->duration != AV_NOPTS_VALUE && d->fmt->duration > 0)
        info->duration_ms = d->fmt->duration / 1000;
    else
        info->duration_ms = -1;
}

static enum AVPixelFormat want_drm(AVCodecContext *ctx, const enum AVPixelFormat *fmts)
{
    (void)ctx;
    for (const enum AVPixelFormat *p = fmts; *p != AV_PIX_FMT_NONE; p++)
        if (*p == AV_PIX_FMT_DRM_PRIME)
            return *p;
    /* No DRM frames for this clip: the first format in memory, decoded in software. */
    for (const enum AVPixelFormat *p = fmts; *p != AV_PIX_FMT_NONE; p++) {
        const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(*p);
        if (d && !(d->flags & AV_PIX_FMT_FLAG_HWACCEL))
            return *p;
    }
    return AV_PIX_FMT_NONE;
}

static bool try_open(struct dec *d, const AVCodec *codec, AVBufferRef *device)
{
    const AVCodecParameters *par = d->fmt->streams[d->stream]->codecpar;
    d->codec = avcodec_alloc_context3(codec);
    if (!d->codec || avcodec_parameters_to_context(d->codec, par) < 0)
        goto fail;
    d->codec->pkt_timebase = d->tb;
    if (device) {
        d->codec->hw_device_ctx = av_buffer_ref(device);
        d->codec->get_format = want_drm;
    } else {
        d->codec->thread_count = 2;
    }
    if (avcodec_open2(d->codec, codec, NULL) < 0)
        goto fail;
    snprintf(d->name, sizeof(d->name), "%s%s", codec->name, device ? " (DRM)" : "");
    return true;
fail:
    avcodec_free_context(&d->codec);
    return false;
}

/* A hardware path by name (HW), at most one open at a time; else software. */
static bool dec_open_codec(struct dec *d, const char *hw, char *err, size_t size)
{
    const AVCodecParameters *par = d->fmt->streams[d->stream]->codecpar;
    if (hw && strcmp(hw, "auto") == 0) /* a Pi 4: H.264 by V4L2, HEVC by the DRM context */
        hw = par->codec_id == AV_CODEC_ID_H264   ? "v4l2m2m"
             : par->codec_id == AV_CODEC_ID_HEVC ? "drm"
                                                 : NULL;
    bool want_hw = hw && hw[0];
    if (want_hw && SDL_AtomicAdd(&hw_open, 1) == 0) {
        d->hw = true;
        bool ok = false;
        if (strcmp(hw, "v4l2m2m") == 0 &&
            (par->codec_id == AV_CODEC_ID_H264 || par->codec_id == AV_CODEC_ID_HEVC)) {
            const AVCodec *c = avcodec_find_decoder_by_name(
                par->codec_id == AV_CODEC_ID_H264 ? "h264_v4l2m2m" : "hevc_v4l2m2m");
            ok = c && try_open(d, c, NULL);
        } else if (strcmp(hw, "drm") == 0) {
            AVBufferRef *device = NULL;
            const AVCodec *c = avcodec_find_decoder(par->codec_id);
            if (c && av_hwdevice_ctx_create(&device, AV_HWDEVICE_TYPE_DRM, NULL, NULL, 0) == 0)
                ok = try_open(d, c, device);
            av_buffer_unref(&device);
        }
        if (!ok) {
            SDL_AtomicAdd(&hw_open, -1);
            d->hw = false;
            LOG_INFO(TAG, "the %s decoder is not there for this clip; decoding in software", hw);
        }
    } else if (want_hw) {
        SDL_AtomicAdd(&hw_open, -1);
        LOG_INFO(TAG, "the hardware decoder is busy with another clip; decoding in software");
    }
    if (!d->codec) {
        const AVCodec *c = avcodec_find_decoder(par->codec_id);
        if (!c || !try_open(d, c, NULL)) {
            const AVCodecDescriptor *desc = avcodec_descriptor_get(par->codec_id);
            snprintf(err, size,
                     "is %s, which corridor cannot decode; export it again as H.264 (MP4)",
                     desc ? desc->name : "of an unknown kind");
            return false;
        }
    }
    d->pkt = av_packet_alloc();
    d->frame = av_frame_alloc();
    d->sw = av_frame_alloc();
    if (!d->pkt || !d->frame || !d->sw) {
        snprintf(err, size, "cannot be decoded: out of memory");
        return false;
    }
    return true;
}

/* The next decoded frame into d->frame (software memory): 0, 1 at the end, < 0 on an error. */
static int dec_next(struct dec *d, char *err, size_t size)
{
    for (;;) {
        int rc = avcodec_receive_frame(d->codec, d->frame);
        if (rc == 0) {
            d->bad = 0;
            if (d->frame->hw_frames_ctx) { /* a DRM frame: copied down to memory */
                av_frame_unref(d->sw);
                rc = av_hwframe_transfer_data(d->sw, d->frame, 0);
                if (rc < 0) {
                    say_av(err, size, "could not be copied from the hardware decoder", rc);
                    return rc;
                }
                av_frame_copy_props(d->sw, d->frame);
                av_frame_unref(d->frame);
                av_frame_move_ref(d->frame, d->sw);
            }
            return 0;
        }
        if (rc == AVERROR_EOF)
            return 1;
        if (rc != AVERROR(EAGAIN)) {
            if (++d->bad > MAX_BAD_PACKETS) {
                say_av(err, size, "stopped decoding", rc);
                return rc;
            }
        }
        if (d->drained)
            return 1;
        if (d->eof) {
            avcodec_send_packet(d->codec, NULL);
            d->drained = true;
            continue;
        }
        rc = av_read_frame(d->fmt, d->pkt);
        if (rc == AVERROR_EOF || rc == AVERROR(EIO) || avio_feof(d->fmt->pb)) {
            if (rc >= 0)
                av_packet_unref(d->pkt);
            d->eof = true;
            continue;
        }
        if (rc < 0) {
            say_av(err, size, "could not be read further", rc);
            return rc;
        }
        if (d->pkt->stream_index == d->stream) {
            rc = avcodec_send_packet(d->codec, d->pkt);
            if (rc < 0 && rc != AVERROR(EAGAIN) && ++d->bad > MAX_BAD_PACKETS) {
                av_packet_unref(d->pkt);
                say_av(err, size, "is damaged: too many of its frames cannot be decoded", rc);
                return rc;
            }
        }
        av_packet_unref(d->pkt);
    }
}

/* Back to the clip's start for another loop. */
static bool dec_rewind(struct dec *d)
{
    if (av_seek_frame(d->fmt, d->stream, d->start_pts, AVSEEK_FLAG_BACKWARD) < 0 &&
        avformat_seek_file(d->fmt, -1, INT64_MIN, 0, 0, AVSEEK_FLAG_BYTE) < 0)
        return false;
    avcodec_flush_buffers(d->codec);
    d->eof = d->drained = false;
    return true;
}

/* When d->frame starts, in ms from the clip's start; PREV_MS when it does not say. */
static int64_t frame_ms(const struct dec *d, int64_t prev_ms)
{
    int64_t pts = d->frame->best_effort_timestamp;
    if (pts == AV_NOPTS_VALUE)
        return prev_ms;
    return av_rescale_q(pts - d->start_pts, d->tb, (AVRational){1, 1000});
}

static int64_t frame_len_ms(const struct dec *d)
{
    const AVStream *st = d->fmt->streams[d->stream];
    AVRational r = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
    if (r.num > 0 && r.den > 0 && av_q2d(r) >= 1 && av_q2d(r) <= 240)
        return (int64_t)(1000.0 / av_q2d(r) + 0.5);
    return 40;
}

bool cor_video_probe(const char *path, struct cor_video_info *info, char *err, size_t size)
{
    struct dec d = {.deadline_ms = SDL_GetTicks64() + OPEN_TIMEOUT_MS};
    memset(info, 0, sizeof(*info));
    bool ok = dec_open_input(&d, path, err, size);
    if (ok)
        fill_info(&d, info);
    dec_close(&d);
    return ok;
}

/* ---- a frame as pixels -------------------------------------------------------------------- */

static SDL_Surface *to_surface(const AVFrame *f, char *err, size_t size)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, f->width, f->height, 32,
                                                    SDL_PIXELFORMAT_ARGB8888);
    struct SwsContext *sws = sws_getContext(f->width, f->height, (enum AVPixelFormat)f->format,
                                            f->width, f->height, AV_PIX_FMT_BGRA, SWS_BILINEAR,
                                            NULL, NULL, NULL);
    if (!s || !sws) {
        SDL_FreeSurface(s);
        sws_freeContext(sws);
        snprintf(err, size, "cannot be shown: out of memory");
        return NULL;
    }
    uint8_t *dst[4] = {s->pixels, NULL, NULL, NULL};
    int dst_ls[4] = {s->pitch, 0, 0, 0};
    sws_scale(sws, (const uint8_t *const *)f->data, f->linesize, 0, f->height, dst, dst_ls);
    sws_freeContext(sws);
    return s;
}

SDL_Surface *cor_video_still(const char *path, int64_t at_ms, struct cor_video_info *info,
                             char *err, size_t size)
{
    struct dec d = {.deadline_ms = SDL_GetTicks64() + OPEN_TIMEOUT_MS};
    struct cor_video_info dummy;
    if (!info)
        info = &dummy;
    memset(info, 0, sizeof(*info));
    SDL_Surface *s = NULL;
    AVFrame *kept = av_frame_alloc();
    if (!kept) {
        snprintf(err, size, "cannot be opened: out of memory");
        return NULL;
    }
    bool have = false;
    if (dec_open_input(&d, path, err, size)) {
        fill_info(&d, info);
        if (dec_open_codec(&d, NULL, err, size)) {
            int64_t t = 0;
            for (;;) {
                int rc = dec_next(&d, err, size);
                if (rc != 0) {
                    if (rc > 0 && !have)
                        snprintf(err, size, "has no frame that can be decoded; export it again");
                    if (rc < 0)
                        have = false;
                    break;
                }
                t = frame_ms(&d, t);
                if (have && t > at_ms) {
                    av_frame_unref(d.frame);
                    break;
                }
                av_frame_unref(kept);
                av_frame_move_ref(kept, d.frame);
                have = true;
                if (t >= at_ms)
                    break;
            }
        }
    }
    if (have)
        s = to_surface(kept, err, size);
    av_frame_free(&kept);
    dec_close(&d);
    return s;
}

/* ---- playing: the decoder thread ---------------------------------------------------------- */

struct cor_video {
    char *path;
    char hw[16];
    unsigned loops;
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *cond;
    volatile bool stop;
    /* under lock */
    AVFrame *queue[COR_VIDEO_QUEUE];
    int64_t queue_ms[COR_VIDEO_QUEUE]; /* slide time each frame is due */
    int head, count;
    bool done;   /* the thread will put no more frames */
    bool broken; /* ... because the file broke */
    char why[256];
    char decoder[48];
    /* the drawing thread's own */
    SDL_Texture *tex;
    Uint32 tex_format;
    int tex_w, tex_h;
    struct SwsContext *sws;
    AVFrame *conv;
    bool shown_any;
    int64_t shown_ms; /* due time of the frame shown */
    unsigned dropped, shown;
};

static void finish(struct cor_video *v, bool broken, const char *why)
{
    SDL_LockMutex(v->lock);
    v->done = true;
    v->broken = broken;
    if (why)
        snprintf(v->why, sizeof(v->why), "%s", why);
    SDL_CondBroadcast(v->cond);
    SDL_UnlockMutex(v->lock);
}

/* Puts d->frame into the queue, waiting while it is full. False when told to stop. */
static bool put(struct cor_video *v, struct dec *d, int64_t due_ms)
{
    AVFrame *f = av_frame_alloc();
    if (!f)
        return false;
    av_frame_move_ref(f, d->frame);
    SDL_LockMutex(v->lock);
    while (v->count == COR_VIDEO_QUEUE && !v->stop)
        SDL_CondWait(v->cond, v->lock);
    bool ok = !v->stop;
    if (ok) {
        int i = (v->head + v->count) % COR_VIDEO_QUEUE;
        v->queue[i] = f;
        v->queue_ms[i] = due_ms;
        v->count++;
        SDL_CondBroadcast(v->cond);
    }
    SDL_UnlockMutex(v->lock);
    if (!ok)
        av_frame_free(&f);
    return ok;
}

static int run(void *arg)
{
    struct cor_video *v = arg;
    struct dec d = {.stop = &v->stop, .deadline_ms = SDL_GetTicks64() + OPEN_TIMEOUT_MS};
    char err[256] = "";
    if (!dec_open_input(&d, v->path, err, sizeof(err)) ||
        !dec_open_codec(&d, v->hw, err, sizeof(err))) {
        dec_close(&d);
        finish(v, true, err);
        return 0;
    }
    d.deadline_ms = 0;
    SDL_LockMutex(v->lock);
    snprintf(v->decoder, sizeof(v->decoder), "%s", d.name);
    SDL_UnlockMutex(v->lock);
    LOG_INFO(TAG, "%s: decoding with %s", v->path, d.name);
    int64_t base = 0, last = 0, len = frame_len_ms(&d);
    bool broken = false;
    for (unsigned loop = 0; !v->stop && (v->loops == 0 || loop < v->loops); loop++) {
        unsigned frames = 0;
        int64_t t = 0, end = 0;
        for (;;) {
            int rc = dec_next(&d, err, sizeof(err));
            if (rc != 0) {
                broken = rc < 0;
                break;
            }
            t = frame_ms(&d, t + len);
            if (t < 0)
                t = 0;
            int64_t due = base + t;
            if (frames > 0 && due <= last) /* timestamps that go back: one frame on */
                due = last + len;
            frames++;
            last = due;
            end = t + len;
            if (!put(v, &d, due))
                break;
        }
        if (broken || v->stop)
            break;
        if (frames == 0) {
            snprintf(err, sizeof(err), "has no frame that can be decoded");
            broken = true;
            break;
        }
        base = last + len > base + end ? last + len : base + end;
        if ((v->loops == 0 || loop + 1 < v->loops) && !dec_rewind(&d)) {
            snprintf(err, sizeof(err), "cannot go back to its start to play again");
            broken = true;
            break;
        }
    }
    dec_close(&d);
    finish(v, broken, broken ? err : NULL);
    return 0;
}

struct cor_video *cor_video_open(const char *path, unsigned loops, const char *hw)
{
    struct cor_video *v = calloc(1, sizeof(*v));
    if (!v || !(v->path = strdup(path)) || !(v->lock = SDL_CreateMutex()) ||
        !(v->cond = SDL_CreateCond())) {
        LOG_ERR(TAG, "out of memory opening %s", path);
        cor_video_close(v);
        return NULL;
    }
    v->loops = loops;
    snprintf(v->hw, sizeof(v->hw), "%s", hw ? hw : "");
    snprintf(v->decoder, sizeof(v->decoder), "none yet");
    v->thread = SDL_CreateThread(run, "corridor-video", v);
    if (!v->thread) {
        LOG_ERR(TAG, "cannot start decoding %s: %s", path, SDL_GetError());
        cor_video_close(v);
        return NULL;
    }
    return v;
}

void cor_video_close(struct cor_video *v)
{
    if (!v)
        return;
    if (v->thread) {
        SDL_LockMutex(v->lock);
        v->stop = true;
        SDL_CondBroadcast(v->cond);
        SDL_UnlockMutex(v->lock);
        SDL_WaitThread(v->thread, NULL);
    }
    for (int i = 0; i < v->count; i++)
        av_frame_free(&v->queue[(v->head + i) % COR_VIDEO_QUEUE]);
    if (v->tex)
        SDL_DestroyTexture(v->tex);
    sws_freeContext(v->sws);
    av_frame_free(&v->conv);
    SDL_DestroyCond(v->cond);
    SDL_DestroyMutex(v->lock);
    free(v->path);
    free(v);
}

bool cor_video_wait_first(struct cor_video *v, int timeout_ms)
{
    uint64_t until = SDL_GetTicks64() + (uint64_t)timeout_ms;
    SDL_LockMutex(v->lock);
    while (v->count == 0 && !v->done && !v->shown_any) {
        uint64_t now = SDL_GetTicks64();
        if (now >= until)
            break;
        SDL_CondWaitTimeout(v->cond, v->lock, (Uint32)(until - now));
    }
    bool ok = v->count > 0 || v->shown_any;
    SDL_UnlockMutex(v->lock);
    return ok;
}

/* Puts F into the texture: YUV 4:2:0 and NV12 as they are, anything else converted to 4:2:0. */
static bool upload(struct cor_video *v, SDL_Renderer *sdl, AVFrame *f)
{
    Uint32 want = f->format == AV_PIX_FMT_NV12 ? SDL_PIXELFORMAT_NV12 : SDL_PIXELFORMAT_IYUV;
    if (!v->tex || v->tex_format != want || v->tex_w != f->width || v->tex_h != f->height) {
        if (v->tex)
            SDL_DestroyTexture(v->tex);
        v->tex = SDL_CreateTexture(sdl, want, SDL_TEXTUREACCESS_STREAMING, f->width, f->height);
        if (!v->tex) {
            LOG_ERR(TAG, "%s: cannot make a %dx%d video texture: %s", v->path, f->width,
                    f->height, SDL_GetError());
            return false;
        }
        v->tex_format = want;
        v->tex_w = f->width;
        v->tex_h = f->height;
    }
    if (want == SDL_PIXELFORMAT_NV12)
        return SDL_UpdateNVTexture(v->tex, NULL, f->data[0], f->linesize[0], f->data[1],
                                   f->linesize[1]) == 0;
    if (f->format != AV_PIX_FMT_YUV420P && f->format != AV_PIX_FMT_YUVJ420P) {
        v->sws = sws_getCachedContext(v->sws, f->width, f->height, (enum AVPixelFormat)f->format,
                                      f->width, f->height, AV_PIX_FMT_YUV420P, SWS_BILINEAR,
                                      NULL, NULL, NULL);
        if (!v->conv)
            v->conv = av_frame_alloc();
        if (!v->sws || !v->conv)
            return false;
        if (v->conv->width != f->width || v->conv->height != f->height) {
            av_frame_unref(v->conv);
            v->conv->format = AV_PIX_FMT_YUV420P;
            v->conv->width = f->width;
            v->conv->height = f->height;
            if (av_frame_get_buffer(v->conv, 0) < 0)
                return false;
        }
        sws_scale(v->sws, (const uint8_t *const *)f->data, f->linesize, 0, f->height,
                  v->conv->data, v->conv->linesize);
        f = v->conv;
    }
    return SDL_UpdateYUVTexture(v->tex, NULL, f->data[0], f->linesize[0], f->data[1],
                                f->linesize[1], f->data[2], f->linesize[2]) == 0;
}

SDL_Texture *cor_video_texture(struct cor_video *v, SDL_Renderer *sdl, int64_t t_ms,
                               int64_t *next_ms)
{
    AVFrame *take = NULL;
    int64_t take_ms = 0;
    SDL_LockMutex(v->lock);
    /* The newest frame that is due; the first frame is shown at once. */
    while (v->count > 0 && (v->queue_ms[v->head] <= t_ms || (!v->shown_any && !take))) {
        if (take) {
            av_frame_free(&take);
            v->dropped++;
            SDL_AtomicIncRef(&dropped_total);
        }
        take = v->queue[v->head];
        take_ms = v->queue_ms[v->head];
        v->head = (v->head + 1) % COR_VIDEO_QUEUE;
        v->count--;
    }
    if (take)
        SDL_CondBroadcast(v->cond);
    if (next_ms)
        *next_ms = v->count > 0 ? v->queue_ms[v->head] : v->done ? -1 : t_ms;
    SDL_UnlockMutex(v->lock);
    if (take) {
        if (upload(v, sdl, take)) {
            v->shown_any = true;
            v->shown_ms = take_ms;
            v->shown++;
        }
        av_frame_free(&take);
    }
    return v->shown_any ? v->tex : NULL;
}

enum cor_video_state cor_video_state(struct cor_video *v, int64_t t_ms, char *why, size_t size)
{
    enum cor_video_state s;
    SDL_LockMutex(v->lock);
    if (v->broken) {
        s = COR_VIDEO_BROKEN;
        if (why)
            snprintf(why, size, "%s", v->why);
    } else if (v->count == 0 && v->done) {
        s = v->shown_any ? COR_VIDEO_ENDED : COR_VIDEO_BROKEN;
        if (why)
            snprintf(why, size, "has no frame that can be decoded");
    } else if (v->count == 0 && t_ms - (v->shown_any ? v->shown_ms : 0) > COR_VIDEO_STALL_MS) {
        s = COR_VIDEO_STALLED;
        if (why)
            snprintf(why, size, "gave no frame for %d seconds", COR_VIDEO_STALL_MS / 1000);
    } else {
        s = v->shown_any ? COR_VIDEO_PLAYING : COR_VIDEO_STARTING;
    }
    SDL_UnlockMutex(v->lock);
    return s;
}

unsigned cor_video_dropped(const struct cor_video *v)
{
    return v->dropped;
}

unsigned cor_video_shown(const struct cor_video *v)
{
    return v->shown;
}

const char *cor_video_decoder(const struct cor_video *v)
{
    return v->decoder;
}
