import { makeStyles, tokens } from '@fluentui/react-components';
import { countSmsSegments } from '@maestro/settings-schema';
import { useT } from '../i18n/i18n';

const useStyles = makeStyles({
  counter: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap', margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  item: { display: 'flex', gap: tokens.spacingHorizontalXS },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, fontVariantNumeric: 'tabular-nums' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  over: { color: tokens.colorPaletteRedForeground1 },
});

/** The warning for a text over the company's limit of parts, or null: shown under the text as it is typed; such a text is not sent. */
export function tooManyPartsMessage(text: string, maxSegments: number | undefined, t: ReturnType<typeof useT>): string | null {
  if (maxSegments === undefined) return null;
  const { segments } = countSmsSegments(text);
  return segments > maxSegments ? t.sms.tooManyParts(segments, maxSegments) : null;
}

export interface SmsCounterProps {
  text: string;
  /** The most parts a message may take (the company's SMS settings, `me.smsMaxSegments`). */
  maxSegments?: number;
}

/**
 * The live counter under the SMS text: the encoding (GSM-7, or UCS-2 once a character outside the GSM
 * alphabet appears), the parts the text takes and the most it may take, the characters counted as the
 * network counts them (€ is two in GSM-7), and what still fits in the last part. settings-schema
 * counts, as the server does; parts over the limit show red (the warning itself is the text field's).
 */
export function SmsCounter({ text, maxSegments }: SmsCounterProps) {
  const t = useT();
  const styles = useStyles();
  const count = countSmsSegments(text);
  const over = maxSegments !== undefined && count.segments > maxSegments;
  const items: [string, string | number][] = [
    [t.sms.encoding, count.encoding],
    [t.sms.parts, count.segments],
    ...(maxSegments === undefined ? [] : [[t.sms.maxParts, maxSegments] as [string, number]]),
    [t.sms.units, count.units],
    [t.sms.remaining, count.remainingInSegment],
  ];
  return (
    <div>
      <dl className={styles.counter} aria-label={t.sms.counter} aria-live="polite">
        {items.map(([term, value]) => (
          <div key={term} className={styles.item}>
            <dt className={styles.term}>{term}</dt>
            <dd className={over && (term === t.sms.parts || term === t.sms.maxParts) ? `${styles.value} ${styles.over}` : styles.value} data-counter={term}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <span className={styles.hint}>{t.sms.encodingHint[count.encoding]}</span>
    </div>
  );
}
