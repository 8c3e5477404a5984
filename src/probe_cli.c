/* probe_cli.c: `corridor probe`: the libraries SDL needs on the console, and the screen found. */
#include "probe_cli.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen_kms.h"

#ifndef CORRIDOR_DRI_DIR
#define CORRIDOR_DRI_DIR "/usr/lib/dri"
#endif

/* What SDL opens with dlopen() on KMS/DRM, which no linker sees, and the package with it. */
static const struct library {
    const char *file, *what, *package;
} libraries[] = {
    {"libEGL.so.1", "EGL, how SDL reaches the GPU on the console", "libegl1"},
    {"libGLESv2.so.2", "OpenGL ES 2, corridor's renderer on the console", "libgles2"},
    {"libEGL_mesa.so.0", "Mesa's EGL, which libEGL hands the work to", "libegl-mesa0"},
    {"libgbm.so.1", "GBM, the screen's buffers", "libgbm1"},
    {"libdrm.so.2", "libdrm, the kernel's display interface", "libdrm2"},
    {"libudev.so.1", "libudev, which finds keyboards and touch panels", "libudev1"},
    {"libGL.so.1", "desktop OpenGL, for SDL_RENDER_DRIVER=opengl", "libgl1"},
/* Mesa's drivers for the GPU: the Raspberry Pi's V3D (Pi 4 and 5) and VC4 (earlier Pis), or
 * the generic KMS one elsewhere. */
#if defined(__aarch64__) || defined(__arm__)
    {CORRIDOR_DRI_DIR "/v3d_dri.so", "Mesa's driver for the Pi 4 and 5 GPU (V3D)",
     "libgl1-mesa-dri"},
    {CORRIDOR_DRI_DIR "/vc4_dri.so", "Mesa's driver for earlier Pis' GPU (VC4)",
     "libgl1-mesa-dri"},
#endif
    {CORRIDOR_DRI_DIR "/kms_swrast_dri.so", "Mesa's KMS driver", "libgl1-mesa-dri"},
};

static bool probe_libraries(void)
{
    bool ok = true;
    for (size_t i = 0; i < sizeof(libraries) / sizeof(libraries[0]); i++) {
        const struct library *l = &libraries[i];
        void *h = dlopen(l->file, RTLD_NOW | RTLD_LOCAL);
        if (h) {
            printf("probe: ok: %s (%s)\n", l->file, l->what);
            dlclose(h);
            continue;
        }
        const char *why = dlerror();
        printf("probe: missing: %s (%s): %s; sudo apt install %s\n", l->file, l->what,
               why ? why : "cannot be loaded", l->package);
        ok = false;
    }
    return ok;
}

static bool probe_screen(void)
{
    char line[1024];
    bool ok = cor_kms_examine(line, sizeof(line));
    printf("probe: %s: %s\n", ok ? "ok" : "dark", line);
    return ok;
}

int cor_probe_command(int argc, char **argv)
{
    bool libraries_only = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--libraries") == 0) {
            libraries_only = true;
        } else {
            fprintf(stderr, "corridor probe: unknown option '%s'\n"
                            "usage: corridor probe [--libraries]\n",
                    argv[i]);
            return 2;
        }
    }
    bool ok = probe_libraries();
    if (!libraries_only)
        ok = probe_screen() && ok;
    return ok ? 0 : 1;
}
