import { useId, type ClipboardEvent, type KeyboardEvent, type Ref } from 'react';
import { Button, Field, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Dismiss12Regular } from '@fluentui/react-icons';
import { useLanguage, useT } from '../i18n/i18n';
import { addChips, lastSeparator, type Chip, type ChipParser } from './chips';

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minHeight: '32px',
    padding: `2px ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderBottomColor: tokens.colorNeutralStrokeAccessible,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus-within': { borderBottomColor: tokens.colorCompoundBrandStroke, outlineWidth: '1px', outlineStyle: 'solid', outlineColor: tokens.colorCompoundBrandStroke },
  },
  boxInvalid: {
    borderTopColor: tokens.colorPaletteRedBorder2,
    borderRightColor: tokens.colorPaletteRedBorder2,
    borderBottomColor: tokens.colorPaletteRedBorder2,
    borderLeftColor: tokens.colorPaletteRedBorder2,
  },
  list: { display: 'contents', listStyle: 'none', margin: 0, padding: 0 },
  chip: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: '2px',
    maxWidth: '100%',
    padding: `0 0 0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase300,
    lineHeight: '22px',
  },
  chipInvalid: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteRedBorder2}`,
    color: tokens.colorPaletteRedForeground1,
    textDecorationLine: 'underline',
    textDecorationStyle: 'wavy',
    textDecorationColor: tokens.colorPaletteRedForeground1,
  },
  chipText: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  input: {
    flex: 1,
    minWidth: '12em',
    border: 'none',
    outline: 'none',
    background: 'transparent',
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    height: '26px',
  },
  reasons: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, margin: 0, paddingLeft: '1.2em' },
});

export interface ChipsFieldProps {
  label: string;
  chips: readonly Chip[];
  /** What is typed but not yet a chip. */
  text: string;
  onChange: (chips: Chip[], text: string) => void;
  parse: ChipParser;
  /** Problems from the form check or the server that belong to the whole field. */
  errors?: readonly string[];
  hint?: string;
  /** A live hint about the text being typed (the SMS screen shows the number's E.164 form). */
  typingHint?: (text: string) => string | null;
  required?: boolean;
  disabled?: boolean;
  /** The text input, for a caller that moves the focus into the field (Kopio / Piilokopio). */
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * A recipients field in Outlook's manner: each address a chip, removable; a pasted list becomes
 * one chip per address at once; typing `;` or `,` after a complete address makes its chip; Enter and
 * leaving the field turn the rest into chips. An invalid piece is a red chip, its reason under the field.
 */
export function ChipsField({ label, chips, text, onChange, parse, errors = [], hint, typingHint, required, disabled, inputRef }: ChipsFieldProps) {
  const t = useT();
  const language = useLanguage();
  const styles = useStyles();
  const reasonsId = useId();

  const commitAll = (value: string) => {
    if (value.trim() === '') {
      if (value !== text) onChange([...chips], '');
      return;
    }
    onChange(addChips(chips, parse(value)), '');
  };

  const typed = (value: string) => {
    const cut = lastSeparator(value);
    if (cut >= 0) {
      // Only a complete, valid head becomes chips while typing: `Virtanen, Matti <m@y.fi>` has a comma
      // that is not yet a separator, and the user is still writing.
      const head = parse(value.slice(0, cut));
      if (head.length > 0 && head.every((c) => c.problem === null)) {
        onChange(addChips(chips, head), value.slice(cut + 1).replace(/^\s+/, ''));
        return;
      }
    }
    onChange([...chips], value);
  };

  const pasted = (event: ClipboardEvent<HTMLInputElement>) => {
    const clip = event.clipboardData.getData('text/plain') || event.clipboardData.getData('text');
    if (!clip) return;
    event.preventDefault();
    const input = event.currentTarget;
    const start = input.selectionStart ?? text.length;
    const end = input.selectionEnd ?? text.length;
    commitAll(`${text.slice(0, start)}${clip}${text.slice(end)}`);
  };

  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commitAll(text);
    } else if (event.key === 'Backspace' && text === '' && chips.length > 0) {
      onChange(chips.slice(0, -1), '');
    }
  };

  const invalid = chips.filter((c) => c.problem !== null);
  const reasons = [...invalid.map((c) => (c.problem as NonNullable<Chip['problem']>)[language]), ...errors];
  const live = typingHint?.(text) ?? null;

  return (
    <Field
      label={label}
      required={required}
      hint={live ?? hint}
      validationState={reasons.length > 0 ? 'error' : 'none'}
      validationMessage={
        reasons.length === 0 ? undefined : reasons.length === 1 ? (
          <span id={reasonsId}>{reasons[0]}</span>
        ) : (
          <ul id={reasonsId} className={styles.reasons}>
            {reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        )
      }
    >
      {(controlProps) => (
        <div className={mergeClasses(styles.box, reasons.length > 0 && styles.boxInvalid)}>
          <ul className={styles.list} aria-label={label}>
            {chips.map((chip) => (
              <li
                key={chip.key}
                className={mergeClasses(styles.chip, chip.problem ? styles.chipInvalid : undefined)}
                data-invalid={chip.problem ? 'true' : undefined}
                title={chip.problem ? chip.problem[language] : chip.label}
                aria-describedby={chip.problem ? reasonsId : undefined}
              >
                <span className={styles.chipText}>{chip.label}</span>
                <Button
                  size="small"
                  appearance="transparent"
                  icon={<Dismiss12Regular />}
                  disabled={disabled}
                  aria-label={t.compose.removeRecipient(chip.label)}
                  onClick={() => onChange(chips.filter((c) => c.key !== chip.key), text)}
                />
              </li>
            ))}
          </ul>
          <input
            {...controlProps}
            ref={inputRef}
            className={styles.input}
            type="text"
            autoComplete="off"
            spellCheck={false}
            disabled={disabled}
            value={text}
            onChange={(event) => typed(event.target.value)}
            onPaste={pasted}
            onKeyDown={keyDown}
            onBlur={() => commitAll(text)}
          />
        </div>
      )}
    </Field>
  );
}

/** The values to send: every chip, and what is still typed (the form check reports anything invalid). */
export function chipValues(chips: readonly Chip[], text: string, parse: ChipParser): string[] {
  return addChips(chips, parse(text)).map((c) => c.value);
}
