/* Loads libpq on first use and resolves the functions lib/live calls. */
/* SPDX-License-Identifier: MIT */
#define PF_PQ_IMPL
#include "pq.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

pf_pq_api pf__pq;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error[256];

// dlsym returns void *; POSIX guarantees it converts to a function pointer.
#define RESOLVE(name)                                                          \
  do {                                                                         \
    void *sym = dlsym(lib, #name);                                             \
    if (!sym) {                                                                \
      snprintf(load_error, sizeof(load_error),                                 \
               "libpq.so.5 has no %s; install a libpq5 of PostgreSQL 10 or "   \
               "later",                                                        \
               #name);                                                         \
      return;                                                                  \
    }                                                                          \
    memcpy(&pf__pq.name, &sym, sizeof(sym));                                   \
  } while (0)

static void load(void)
{
  // Kept loaded for the life of the process: libpq registers nothing that
  // needs unloading, and PGconn objects may outlive any one caller.
  void *lib = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char *why = dlerror();
    snprintf(load_error, sizeof(load_error),
             "cannot load libpq.so.5 (%s); install it: apt-get install libpq5",
             why ? why : "not found");
    return;
  }
  RESOLVE(PQconnectdbParams);
  RESOLVE(PQfinish);
  RESOLVE(PQstatus);
  RESOLVE(PQtransactionStatus);
  RESOLVE(PQserverVersion);
  RESOLVE(PQbackendPID);
  RESOLVE(PQerrorMessage);
  RESOLVE(PQexecParams);
  RESOLVE(PQresultStatus);
  RESOLVE(PQresultErrorField);
  RESOLVE(PQntuples);
  RESOLVE(PQgetvalue);
  RESOLVE(PQclear);
  RESOLVE(PQescapeIdentifier);
  RESOLVE(PQfreemem);
  RESOLVE(PQconninfoParse);
  RESOLVE(PQconninfoFree);
  RESOLVE(PQsendQueryParams);
  RESOLVE(PQsetSingleRowMode);
  RESOLVE(PQgetResult);
  RESOLVE(PQgetCancel);
  RESOLVE(PQcancel);
  RESOLVE(PQfreeCancel);
}

bool pf__pq_load(char *err, size_t size)
{
  pthread_once(&once, load);
  if (load_error[0]) {
    if (err && size)
      snprintf(err, size, "%s", load_error);
    return false;
  }
  return true;
}
