/* log.c: plain levelled log lines on stderr. */
#include "log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static enum cor_log_level current_level = COR_LOG_INFO;

static const char *const level_names[] = {"error", "warning", "info", "debug"};

void cor_log_set_level(enum cor_log_level level)
{
    current_level = level;
}

enum cor_log_level cor_log_get_level(void)
{
    return current_level;
}

bool cor_log_parse_level(const char *word, enum cor_log_level *out)
{
    for (size_t i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++) {
        if (strcmp(word, level_names[i]) == 0) {
            *out = (enum cor_log_level)i;
            return true;
        }
    }
    return false;
}

static void vlog(enum cor_log_level level, const char *tag, int err, const char *fmt, va_list ap)
{
    if (level > current_level)
        return;
    char line[2048];
    int n = vsnprintf(line, sizeof(line), fmt, ap);
    if (n < 0)
        return;
    const char *prefix = level == COR_LOG_ERROR     ? "error: "
                         : level == COR_LOG_WARNING ? "warning: "
                                                    : "";
    if (err)
        fprintf(stderr, "corridor: %s: %s%s: %s\n", tag, prefix, line, strerror(err));
    else
        fprintf(stderr, "corridor: %s: %s%s\n", tag, prefix, line);
}

void cor_log(enum cor_log_level level, const char *tag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(level, tag, 0, fmt, ap);
    va_end(ap);
}

void cor_log_errno(enum cor_log_level level, const char *tag, const char *fmt, ...)
{
    int err = errno;
    va_list ap;
    va_start(ap, fmt);
    vlog(level, tag, err, fmt, ap);
    va_end(ap);
}
