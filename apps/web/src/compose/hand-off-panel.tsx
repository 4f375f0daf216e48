import { useEffect, useRef, useState } from 'react';
import { Button, Link, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, Mail20Regular } from '@fluentui/react-icons';
import { fetchFile, openLink, saveBlob } from '../api/authorized-http';
import { useT } from '../i18n/i18n';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap', marginTop: tokens.spacingVerticalS },
  link: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

export interface HandOffPanelProps {
  handOff: { emlUrl: string; mailtoUrl: string | null };
  subject: string;
  /**
   * Just handed off: open the mail program at once where the browser can — the mailto link for
   * text without attachments, else the .eml draft is downloaded (named after the subject) to open.
   */
  openAtOnce?: boolean;
}

/**
 * SMTP sending is off: the message is recorded, and the user's own mail program sends it. The .eml
 * draft is fetched with the token (never in the URL) and saved; the mailto link needs no token.
 */
export function HandOffPanel({ handOff, subject, openAtOnce }: HandOffPanelProps) {
  const t = useT();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const opened = useRef(false);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const { blob, filename } = await fetchFile(handOff.emlUrl, t.compose.draftFailed);
      saveBlob(blob, filename ?? `${subject || 'viesti'}.eml`);
    } catch (e) {
      setError(e instanceof Error ? e.message : t.compose.draftFailed);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    // Once per hand-off: React's development double effects must not open it twice.
    if (!openAtOnce || opened.current) return;
    opened.current = true;
    if (handOff.mailtoUrl) openLink(handOff.mailtoUrl);
    else void download();
    // Runs once; download reads only the hand-off's URL and the subject.
  }, [openAtOnce]);

  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t.compose.handOffTitle}</MessageBarTitle>
        {t.compose.handOffBody}
        <div className={styles.actions}>
          <Button appearance="primary" icon={<ArrowDownload20Regular />} disabled={busy} onClick={() => void download()}>
            {t.compose.downloadDraft}
          </Button>
          {handOff.mailtoUrl && (
            <Link className={styles.link} href={handOff.mailtoUrl}>
              <Mail20Regular aria-hidden />
              {t.compose.openMailto}
            </Link>
          )}
        </div>
        {error && <div role="alert">{error}</div>}
      </MessageBarBody>
    </MessageBar>
  );
}
