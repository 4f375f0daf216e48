import { useId, useRef, useState, type DragEvent } from 'react';
import { Button, Checkbox, Label, ProgressBar, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Attach20Regular, Delete20Regular, Open20Regular } from '@fluentui/react-icons';
import { showBidiControls } from '@maestro/settings-schema';
import { openFile, uploadFile, type UploadedAttachment } from '../api/authorized-http';
import { useLanguage, useT } from '../i18n/i18n';
import { formatSize } from './format-size';

const useStyles = makeStyles({
  field: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  error: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
  zone: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  zoneActive: { backgroundColor: tokens.colorBrandBackground2, border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}` },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  upload: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground3 },
  hidden: { display: 'none' },
});

interface Upload {
  key: string;
  name: string;
  loaded: number;
  total: number;
}

export interface AttachmentsFieldProps {
  attachments: readonly UploadedAttachment[];
  onChange: (next: UploadedAttachment[]) => void;
  /** Uploads still running: the form must not send before they are done. */
  onBusyChange: (busy: boolean) => void;
  /** Problems from the form check or the server (`attachmentIds`). */
  errors?: readonly string[];
}

let uploadCounter = 0;

/**
 * Liitetiedosto: files are uploaded as soon as they are added (Lisää liite or drag and drop), each
 * with its progress; the message refers to them by id. Näytä liitteet opens the selected ones, Poista
 * liitteet takes the selected ones out of the message.
 */
export function AttachmentsField({ attachments, onChange, onBusyChange, errors = [] }: AttachmentsFieldProps) {
  const t = useT();
  const language = useLanguage();
  const styles = useStyles();
  const inputId = useId();
  const labelId = useId();
  const hintId = useId();
  const errorId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  // Uploads finish one by one: each adds to the latest list, not to the one it started with.
  const latest = useRef(attachments);
  latest.current = attachments;
  const running = useRef(0);
  // Files finish uploading in any order; the list keeps the order they were added in.
  const addedOrder = useRef(new Map<string, number>());

  const add = (files: readonly File[]) => {
    if (files.length === 0) return;
    setProblems([]);
    running.current += files.length;
    onBusyChange(true);
    for (const file of files) {
      const sequence = ++uploadCounter;
      const key = `upload-${sequence}`;
      setUploads((u) => [...u, { key, name: file.name, loaded: 0, total: file.size }]);
      uploadFile(file, {
        fallback: t.compose.uploadFailed,
        onProgress: (loaded, total) => setUploads((u) => u.map((x) => (x.key === key ? { ...x, loaded, total } : x))),
      })
        .then(
          (stored) => {
            addedOrder.current.set(stored.id, sequence);
            const rank = (a: UploadedAttachment) => addedOrder.current.get(a.id) ?? 0;
            const next = [...latest.current, stored].sort((a, b) => rank(a) - rank(b));
            latest.current = next;
            onChange(next);
          },
          (error: unknown) => setProblems((p) => [...p, error instanceof Error ? error.message : t.compose.uploadFailed]),
        )
        .finally(() => {
          setUploads((u) => u.filter((x) => x.key !== key));
          running.current -= 1;
          if (running.current === 0) onBusyChange(false);
        });
    }
  };

  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    add([...event.dataTransfer.files]);
  };

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const chosen = attachments.filter((a) => selected.has(a.id));

  const showSelected = async () => {
    setProblems([]);
    for (const attachment of chosen) {
      try {
        await openFile(`/attachments/${encodeURIComponent(attachment.id)}`, t.compose.openFailed);
      } catch (error) {
        setProblems((p) => [...p, error instanceof Error ? error.message : t.compose.openFailed]);
      }
    }
  };

  const removeSelected = () => {
    onChange(attachments.filter((a) => !selected.has(a.id)));
    setSelected(new Set());
  };

  const messages = [...problems, ...errors];
  // Not a Fluent Field: a Field hands its id and label to every Fluent control inside it, and each
  // attachment's checkbox needs its own.
  return (
    <div className={styles.field}>
      <Label id={labelId} htmlFor={inputId}>
        {t.compose.attachments}
      </Label>
      <div
        role="group"
        aria-labelledby={labelId}
        aria-describedby={messages.length > 0 ? `${errorId} ${hintId}` : hintId}
        className={mergeClasses(styles.zone, dragging && styles.zoneActive)}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        {attachments.length === 0 && uploads.length === 0 && <Text className={styles.muted}>{dragging ? t.compose.dropHere : t.compose.noAttachments}</Text>}
        {attachments.length > 0 && (
          <ul className={styles.list} aria-label={t.compose.attachments}>
            {attachments.map((a) => (
              <li key={a.id}>
                <Checkbox
                  checked={selected.has(a.id)}
                  onChange={(_e, data) => toggle(a.id, data.checked === true)}
                  label={`${showBidiControls(a.filename)} (${formatSize(a.size, language)})`}
                  aria-label={t.compose.selectAttachment(showBidiControls(a.filename))}
                />
              </li>
            ))}
          </ul>
        )}
        {uploads.map((u) => {
          const percent = u.total > 0 ? Math.min(100, Math.round((u.loaded / u.total) * 100)) : 0;
          return (
            <div key={u.key} className={styles.upload}>
              <Text size={200}>{t.compose.uploading(u.name, percent)}</Text>
              <ProgressBar value={percent / 100} aria-label={t.compose.uploading(u.name, percent)} />
            </div>
          );
        })}
        <div className={styles.buttons}>
          <Button icon={<Attach20Regular />} onClick={() => fileInput.current?.click()}>
            {t.compose.addAttachment}
          </Button>
          <Button icon={<Open20Regular />} disabled={chosen.length === 0} onClick={() => void showSelected()}>
            {t.compose.showAttachments}
          </Button>
          <Button icon={<Delete20Regular />} disabled={chosen.length === 0} onClick={removeSelected}>
            {t.compose.removeAttachments}
          </Button>
        </div>
        <input
          ref={fileInput}
          id={inputId}
          className={styles.hidden}
          type="file"
          multiple
          onChange={(event) => {
            add([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
      </div>
      {messages.length > 0 && (
        <div id={errorId} role="alert" className={styles.error}>
          {messages.join(' ')}
        </div>
      )}
      <span id={hintId} className={styles.hint}>
        {t.compose.dropHint}
      </span>
    </div>
  );
}
