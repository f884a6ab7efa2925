/* libpq, loaded on first use: a tool run without a database never pays for
 * loading it and the two dozen libraries it needs. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_LIVE_PQ_H
#define PF_LIVE_PQ_H

#include <stdbool.h>
#include <stddef.h>

#include <libpq-fe.h>

// The functions lib/live calls, resolved from libpq.so.5 by pf__pq_load().
typedef struct pf_pq_api {
  PGconn *(*PQconnectdbParams)(const char *const *keywords,
                               const char *const *values, int expand_dbname);
  void (*PQfinish)(PGconn *conn);
  ConnStatusType (*PQstatus)(const PGconn *conn);
  PGTransactionStatusType (*PQtransactionStatus)(const PGconn *conn);
  int (*PQserverVersion)(const PGconn *conn);
  int (*PQbackendPID)(const PGconn *conn);
  char *(*PQerrorMessage)(const PGconn *conn);
  PGresult *(*PQexecParams)(PGconn *conn, const char *command, int nParams,
                            const Oid *paramTypes,
                            const char *const *paramValues,
                            const int *paramLengths, const int *paramFormats,
                            int resultFormat);
  ExecStatusType (*PQresultStatus)(const PGresult *res);
  char *(*PQresultErrorField)(const PGresult *res, int fieldcode);
  int (*PQntuples)(const PGresult *res);
  char *(*PQgetvalue)(const PGresult *res, int tup_num, int field_num);
  void (*PQclear)(PGresult *res);
  char *(*PQescapeIdentifier)(PGconn *conn, const char *str, size_t len);
  void (*PQfreemem)(void *ptr);
  PQconninfoOption *(*PQconninfoParse)(const char *conninfo, char **errmsg);
  void (*PQconninfoFree)(PQconninfoOption *connOptions);
  // The probe that stops at its first row (issue 5): sent, read row by
  // row, cancelled.
  int (*PQsendQueryParams)(PGconn *conn, const char *command, int nParams,
                           const Oid *paramTypes,
                           const char *const *paramValues,
                           const int *paramLengths, const int *paramFormats,
                           int resultFormat);
  int (*PQsetSingleRowMode)(PGconn *conn);
  PGresult *(*PQgetResult)(PGconn *conn);
  PGcancel *(*PQgetCancel)(PGconn *conn);
  int (*PQcancel)(PGcancel *cancel, char *errbuf, int errbufsize);
  void (*PQfreeCancel)(PGcancel *cancel);
} pf_pq_api;

extern pf_pq_api pf__pq;

// Loads libpq once (thread-safe). On failure returns false with a message
// naming the library and what to install in @err.
bool pf__pq_load(char *err, size_t size);

// From here on, PQfoo(...) in lib/live calls through the table. A macro is
// not expanded again inside its own expansion, so pf__pq.PQfoo is the member.
// pq.c, which fills the table, defines PF_PQ_IMPL to see the real names.
#ifndef PF_PQ_IMPL
#define PQconnectdbParams   pf__pq.PQconnectdbParams
#define PQfinish            pf__pq.PQfinish
#define PQstatus            pf__pq.PQstatus
#define PQtransactionStatus pf__pq.PQtransactionStatus
#define PQserverVersion     pf__pq.PQserverVersion
#define PQbackendPID        pf__pq.PQbackendPID
#define PQerrorMessage      pf__pq.PQerrorMessage
#define PQexecParams        pf__pq.PQexecParams
#define PQresultStatus      pf__pq.PQresultStatus
#define PQresultErrorField  pf__pq.PQresultErrorField
#define PQntuples           pf__pq.PQntuples
#define PQgetvalue          pf__pq.PQgetvalue
#define PQclear             pf__pq.PQclear
#define PQescapeIdentifier  pf__pq.PQescapeIdentifier
#define PQfreemem           pf__pq.PQfreemem
#define PQconninfoParse     pf__pq.PQconninfoParse
#define PQconninfoFree      pf__pq.PQconninfoFree
#define PQsendQueryParams   pf__pq.PQsendQueryParams
#define PQsetSingleRowMode  pf__pq.PQsetSingleRowMode
#define PQgetResult         pf__pq.PQgetResult
#define PQgetCancel         pf__pq.PQgetCancel
#define PQcancel            pf__pq.PQcancel
#define PQfreeCancel        pf__pq.PQfreeCancel
#endif

#endif
