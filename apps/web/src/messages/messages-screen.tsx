import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Button, Field, SearchBox, Select, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowClockwise20Regular, Dismiss16Regular } from '@fluentui/react-icons';
import { CHANNELS, MESSAGE_SOURCES, type Channel, type MessageSource } from '@maestro/settings-schema';
import { LoadState, PageFrame } from '../app/page-frame';
import { NARROW, STACKED } from '../app/layout';
import { DateField } from '../forms/date-field';
import { formatDateTime, parseDate, startOfDayIso } from '../forms/format-date';
import type { MessageFilter, MessageStatus, MessageSummaryFieldsFragment } from '../gql/graphql';
import { sourceLabel, useLanguage, useT } from '../i18n/i18n';
import { MessagesQuery } from './messages.operations';
import { ReadingPane } from './reading-pane';
import { StatusBadge } from './status-badge';
import { LIVE_POLL_MS, useLiveMessages } from './use-live-messages';

export type Folder = 'sent' | 'handedOff' | 'outbox' | 'failed';

/**
 * Lähetetyt / Siirretty sähköpostiohjelmaan / Lähtevät / Epäonnistuneet: the statuses each folder
 * shows. A message handed to the user's own mail program was not sent by Maestro: not among the sent.
 */
export const FOLDER_STATUSES: Readonly<Record<Folder, MessageStatus[]>> = {
  // A partly sent message is among the sent: it went to someone; the rest follow on their own.
  sent: ['SENT', 'PARTIALLY_SENT'],
  handedOff: ['HANDED_OFF'],
  outbox: ['QUEUED', 'SENDING', 'RETRYING'],
  failed: ['FAILED', 'CANCELLED'],
};

const PAGE_SIZE = 25;

const useStyles = makeStyles({
  filters: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'flex-end' },
  search: { minWidth: 'min(280px, 100%)', flex: 1 },
  dateFilter: { width: '11em', [NARROW]: { width: '100%' } },
  split: {
    display: 'grid',
    gridTemplateColumns: 'minmax(280px, 380px) minmax(0, 1fr)',
    alignItems: 'start',
    gap: 0,
    minHeight: '420px',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    // clip, not hidden: hidden would make this the reading pane's scroll container and undo its sticking.
    overflow: 'clip',
    // In a narrow pane the reading pane goes under the list.
    [STACKED]: { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  listPane: {
    display: 'flex',
    flexDirection: 'column',
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
    [STACKED]: { borderRight: 'none', borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  },
  count: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  list: { listStyle: 'none', margin: 0, padding: 0, overflowY: 'auto', flex: 1 },
  row: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    gap: `2px ${tokens.spacingHorizontalS}`,
    width: '100%',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: 'none',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    borderLeft: `3px solid transparent`,
    background: 'transparent',
    textAlign: 'left',
    cursor: 'pointer',
    fontFamily: tokens.fontFamilyBase,
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  rowSelected: { backgroundColor: tokens.colorBrandBackground2, borderLeft: `3px solid ${tokens.colorBrandStroke1}` },
  who: { fontWeight: tokens.fontWeightSemibold, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  date: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap' },
  subject: { gridColumn: '1 / span 2', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', color: tokens.colorBrandForeground1 },
  meta: { gridColumn: '1 / span 2', display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', fontSize: tokens.fontSizeBase200 },
  more: { padding: tokens.spacingVerticalS, display: 'flex', justifyContent: 'center' },
  empty: { padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
  documentFilter: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

/** The start of a typed local day as an ISO instant (none while it is empty or not a day); `nextDay` gives the exclusive end. */
function dayBound(text: string, nextDay = false): string | null {
  const day = parseDate(text);
  return day ? startOfDayIso(day, nextDay) : null;
}

export interface MessagesScreenProps {
  folder: Folder;
  /** How often pending messages are asked again (tests shorten it). */
  pollMs?: number;
}

/**
 * An Outlook-like folder: the list on the left (search, program, channel and dates; "Lisää" loads the
 * next page), the reading pane on the right. Statuses of messages still on their way update by
 * themselves while the folder is open.
 */
export function MessagesScreen({ folder, pollMs = LIVE_POLL_MS }: MessagesScreenProps) {
  const t = useT();
  const language = useLanguage();
  const styles = useStyles();
  const [search, setSearch] = useState('');
  const [text, setText] = useState('');
  const [source, setSource] = useState<MessageSource | ''>('');
  const [channel, setChannel] = useState<Channel | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [documentRef, setDocumentRef] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  // Search as the user types, once they pause.
  useEffect(() => {
    const timer = setTimeout(() => setText(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);

  const filter = useMemo<MessageFilter>(
    () => ({
      status: FOLDER_STATUSES[folder],
      // Epäonnistuneet also lists a sent message a recipient of which bounced afterwards.
      ...(folder === 'failed' ? { orBounced: true } : {}),
      ...(text ? { text } : {}),
      ...(source ? { source } : {}),
      ...(channel ? { channel } : {}),
      ...(documentRef ? { documentRef } : {}),
      ...(dayBound(from) ? { createdFrom: dayBound(from) } : {}),
      ...(dayBound(to, true) ? { createdTo: dayBound(to, true) } : {}),
    }),
    [folder, text, source, channel, documentRef, from, to],
  );

  const query = useQuery(MessagesQuery, { variables: { filter, first: PAGE_SIZE }, fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: true });
  // While a new search (or a refresh) is answered, the list keeps what it showed: unmounting it for a
  // spinner would take away the row the user is on, with its focus and scroll position.
  const page = query.data?.messages ?? query.previousData?.messages;
  const nodes = page?.nodes ?? [];
  useLiveMessages(nodes, pollMs);
  const [loadingMore, setLoadingMore] = useState(false);

  const title = { sent: t.nav.sent, handedOff: t.nav.handedOff, outbox: t.nav.outbox, failed: t.nav.failed }[folder];

  const loadMore = async () => {
    if (!page?.pageInfo.endCursor) return;
    setLoadingMore(true);
    try {
      await query.fetchMore({ variables: { after: page.pageInfo.endCursor } });
    } finally {
      setLoadingMore(false);
    }
  };

  const row = (m: MessageSummaryFieldsFragment) => (
    <li key={m.id}>
      <button type="button" className={mergeClasses(styles.row, selected === m.id && styles.rowSelected)} aria-current={selected === m.id ? 'true' : undefined} onClick={() => setSelected(m.id)}>
        <span className={styles.who}>{m.to.join(', ')}</span>
        <span className={styles.date}>{formatDateTime(m.sentAt ?? m.createdAt, language)}</span>
        <span className={styles.subject}>{m.channel === 'SMS' ? t.messages.smsRow : m.subject || t.messages.noSubject}</span>
        <span className={styles.meta}>
          <StatusBadge status={m.status} />
          {m.documentRef && <span>{m.documentRef}</span>}
        </span>
      </button>
    </li>
  );

  return (
    <PageFrame
      title={title}
      commands={
        <Button icon={<ArrowClockwise20Regular />} onClick={() => void query.refetch()}>
          {t.messages.refresh}
        </Button>
      }
    >
      <div className={styles.filters} role="search" aria-label={t.messages.filters}>
        <Field label={t.messages.search} className={styles.search}>
          <SearchBox value={search} placeholder={t.messages.searchPlaceholder} onChange={(_e, data) => setSearch(data.value)} />
        </Field>
        <Field label={t.messages.program}>
          <Select value={source} onChange={(_e, data) => setSource(data.value as MessageSource | '')}>
            <option value="">{t.messages.allPrograms}</option>
            {MESSAGE_SOURCES.map((s) => (
              <option key={s} value={s}>
                {sourceLabel(s, language)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.messages.channel}>
          <Select value={channel} onChange={(_e, data) => setChannel(data.value as Channel | '')}>
            <option value="">{t.messages.allChannels}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t.enums.channel[c]}
              </option>
            ))}
          </Select>
        </Field>
        <DateField label={t.messages.from} value={from} onChange={setFrom} className={styles.dateFilter} />
        <DateField label={t.messages.to} value={to} onChange={setTo} className={styles.dateFilter} />
        {documentRef && (
          <span className={styles.documentFilter}>
            <Text>
              {t.messages.document}: {documentRef}
            </Text>
            <Button size="small" appearance="subtle" icon={<Dismiss16Regular />} aria-label={t.messages.clearDocument} onClick={() => setDocumentRef(null)} />
          </span>
        )}
      </div>
      <LoadState loading={!page && query.loading} error={query.error} onRetry={() => void query.refetch()}>
        <div className={styles.split}>
          <section className={styles.listPane} aria-label={t.messages.list} aria-busy={query.loading}>
            {page && <span className={styles.count}>{t.messages.count(nodes.length, page.totalCount)}</span>}
            {nodes.length === 0 ? (
              <Text className={styles.empty}>{t.messages.empty}</Text>
            ) : (
              <ul className={styles.list} aria-label={title}>
                {nodes.map(row)}
              </ul>
            )}
            {page?.pageInfo.hasNextPage && (
              <div className={styles.more}>
                <Button disabled={loadingMore} onClick={() => void loadMore()}>
                  {loadingMore ? <Spinner size="tiny" /> : t.messages.more}
                </Button>
              </div>
            )}
          </section>
          <ReadingPane id={selected} onShowDocument={(ref) => setDocumentRef(ref)} />
        </div>
      </LoadState>
    </PageFrame>
  );
}
