# Checks that every statement pgpreflight sent is read-only.
# SPDX-License-Identifier: MIT
#
# Input: a PostgreSQL server log written with log_statement=all and
# log_line_prefix='%m [%p] %a ' (pgtmp.sh). Only records whose application
# name is "pgpreflight" are checked. A statement passes when, after string
# literals, quoted identifiers and comments are blanked out, each of its
# ';'-separated parts starts with SELECT, SHOW, SET, BEGIN, COMMIT, ROLLBACK,
# RESET or SAVEPOINT (the parallel probe's, rolled back to) and no word of it writes, locks or runs code. Exits 1 on a
# violation or when there was no pgpreflight statement at all.
# POSIX awk (runs on mawk).

function is_prefix(line)
{
  return line ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9.]+ [^ ]+ \[[0-9]+\] /
}

# Blanks out '...' / E'...' literals, "..." identifiers, $tag$...$tag$
# bodies, -- and /* */ comments.
function strip(s,    out, i, n, c, d, j, tag, k, esc)
{
  out = ""
  n = length(s)
  i = 1
  while (i <= n) {
    c = substr(s, i, 1)
    d = substr(s, i + 1, 1)
    if (c == "'") {
      esc = (i > 1 && substr(s, i - 1, 1) ~ /[eE]/)
      for (j = i + 1; j <= n; j++) {
        if (esc && substr(s, j, 1) == "\\") {
          j++
          continue
        }
        if (substr(s, j, 1) == "'") {
          if (substr(s, j + 1, 1) == "'") {
            j++
            continue
          }
          break
        }
      }
      out = out " '' "
      i = j + 1
    } else if (c == "\"") {
      for (j = i + 1; j <= n; j++) {
        if (substr(s, j, 1) == "\"") {
          if (substr(s, j + 1, 1) == "\"") {
            j++
            continue
          }
          break
        }
      }
      out = out " qident "
      i = j + 1
    } else if (c == "-" && d == "-") {
      for (j = i; j <= n && substr(s, j, 1) != "\n"; j++)
        ;
      out = out " "
      i = j
    } else if (c == "/" && d == "*") {
      k = index(substr(s, i + 2), "*/")
      out = out " "
      i = (k ? i + 2 + k + 1 : n + 1)
    } else if (c == "$" && match(substr(s, i), /^\$[A-Za-z_]*\$/) &&
               !(i > 1 && substr(s, i - 1, 1) ~ /[A-Za-z0-9_]/)) {
      tag = substr(s, i, RLENGTH)
      k = index(substr(s, i + RLENGTH), tag)
      out = out " '' "
      i = (k ? i + RLENGTH + k - 1 + length(tag) : n + 1)
    } else {
      out = out c
      i++
    }
  }
  return out
}

function violation(why, stmt)
{
  bad++
  printf "NOT READ-ONLY (%s): %s\n", why, stmt
}

function check_statement(stmt,    s, parts, np, p, words, nw, w, first, i)
{
  nstatements++
  s = toupper(strip(stmt))
  gsub(/[\t\r\n]/, " ", s)
  if (s ~ /FOR +(NO +KEY +)?(KEY +)?(UPDATE|SHARE)/) {
    violation("row lock", stmt)
    return
  }
  if (s ~ /READ +WRITE/) {
    violation("READ WRITE", stmt)
    return
  }
  if (toupper(stmt) ~ /READ_ONLY['" ]*(=|TO|,)[ ']*(OFF|FALSE|0|NO)/) {
    violation("read-only switched off", stmt)
    return
  }
  np = split(s, parts, ";")
  for (p = 1; p <= np; p++) {
    nw = split(parts[p], words, /[^A-Z0-9_]+/)
    first = ""
    for (i = 1; i <= nw; i++) {
      w = words[i]
      if (w == "")
        continue
      if (first == "")
        first = w
      if ((w in forbidden) || w ~ /^(PG_ADVISORY_|PG_STAT_RESET|LO_|DBLINK|PG_FILE_|PG_TERMINATE|PG_CANCEL|PG_RELOAD|PG_ROTATE|PG_CREATE_|PG_DROP_|PG_REPLICATION_|PG_PROMOTE|PG_SWITCH_WAL|PG_SLEEP)/) {
        violation(w, stmt)
        return
      }
    }
    if (first != "" && !(first in allowed)) {
      violation("starts with " first, stmt)
      return
    }
  }
}

function flush(    rec, body)
{
  if (record == "")
    return
  rec = record
  record = ""
  if (rec !~ /^[^\[]*\[[0-9]+\] pgpreflight [A-Z]+:  /)
    return
  sub(/^[^\[]*\[[0-9]+\] pgpreflight /, "", rec)
  if (rec ~ /^ERROR:  / && rec ~ /read-only transaction/) {
    violation("server refused a write", rec)
    return
  }
  if (rec ~ /^LOG:  statement: /) {
    body = rec
    sub(/^LOG:  statement: /, "", body)
    check_statement(body)
  } else if (rec ~ /^LOG:  execute [^:]*: /) {
    body = rec
    sub(/^LOG:  execute [^:]*: /, "", body)
    check_statement(body)
  }
}

BEGIN {
  nw = split("SELECT SHOW SET BEGIN COMMIT ROLLBACK RESET SAVEPOINT", tmp, " ")
  for (i = 1; i <= nw; i++)
    allowed[tmp[i]] = 1
  nw = split("INSERT UPDATE DELETE MERGE UPSERT ALTER CREATE DROP TRUNCATE " \
             "LOCK COPY GRANT REVOKE VACUUM ANALYZE CLUSTER REINDEX COMMENT " \
             "REFRESH CALL DO EXECUTE PREPARE DEALLOCATE DISCARD LISTEN " \
             "NOTIFY UNLISTEN CHECKPOINT IMPORT SECURITY REASSIGN LOAD " \
             "NEXTVAL SETVAL INTO PG_NOTIFY TXID_CURRENT PG_CURRENT_XACT_ID",
             tmp, " ")
  for (i = 1; i <= nw; i++)
    forbidden[tmp[i]] = 1
  record = ""
  bad = 0
  nstatements = 0
}

{
  if (is_prefix($0)) {
    flush()
    record = $0
  } else if (record != "") {
    record = record "\n" $0
  }
}

END {
  flush()
  if (nstatements == 0) {
    print "no statement from application pgpreflight in the log"
    exit 1
  }
  printf "%d pgpreflight statement(s) checked, %d not read-only\n",
         nstatements, bad
  exit bad ? 1 : 0
}
