#!/usr/bin/env bash
# The IMAP tests start their own private Dovecot (tools/dev-mailbox, startDovecot) on free loopback ports
# with a config of their own; they need only the Debian packages, never the system service or its config
# (a system Dovecot, if one runs, is left alone: the tests use other ports).
set -euo pipefail
if [ ! -x /usr/sbin/dovecot ] || [ ! -x /usr/lib/dovecot/imap ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-imapd >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-imapd >/dev/null; }
fi
/usr/sbin/dovecot --version
