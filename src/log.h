/* log.h: corridor's one log module: levelled, tagged lines on stderr (journald stamps them). */
#pragma once

#include <stdbool.h>

enum cor_log_level {
    COR_LOG_ERROR,
    COR_LOG_WARNING,
    COR_LOG_INFO,
    COR_LOG_DEBUG,
};

/* Sets the most detailed level that is printed (default: info). */
void cor_log_set_level(enum cor_log_level level);
/* Parses "error", "warning", "info" or "debug"; false when the word is none of them. */
bool cor_log_parse_level(const char *word, enum cor_log_level *out);
enum cor_log_level cor_log_get_level(void);

/* Writes "corridor: TAG: message" on stderr when LEVEL is enabled. */
void cor_log(enum cor_log_level level, const char *tag, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* As cor_log, with ": strerror(errno)" appended. */
void cor_log_errno(enum cor_log_level level, const char *tag, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define LOG_ERR(tag, ...)  cor_log(COR_LOG_ERROR, tag, __VA_ARGS__)
#define LOG_WARN(tag, ...) cor_log(COR_LOG_WARNING, tag, __VA_ARGS__)
#define LOG_INFO(tag, ...) cor_log(COR_LOG_INFO, tag, __VA_ARGS__)
#define LOG_DBG(tag, ...)  cor_log(COR_LOG_DEBUG, tag, __VA_ARGS__)
